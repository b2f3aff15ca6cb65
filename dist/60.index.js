export const id = 60;
export const ids = [60];
export const modules = {

/***/ 5060:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseMiseToml: () => (/* binding */ parseMiseToml)
/* harmony export */ });
/* harmony import */ var smol_toml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3292);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8992);
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6280);
/**
 * `mise.toml` / `.mise.toml`, parsed with smol-toml (a complete TOML 1.0 parser), then the `go` tool
 * of `[tools]` is read. Pure.
 */



const GO_TOOL_NAMES = ['go', 'golang'];
function isTable(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}
/** The version text a mise tool value states (first of an array; `version` of a table). */
function miseVersionText(v) {
    if (typeof v === 'string')
        return v;
    if (Array.isArray(v))
        return v.length > 0 ? miseVersionText(v[0]) : undefined;
    if (isTable(v))
        return miseVersionText(v.version);
    return undefined;
}
/**
 * The line of the go tool's value: `go = ...`/`golang = ...` (quoted or not) in `[tools]`,
 * `tools.go = ...` at the top level, or `version = ...` in `[tools.go]`. TOML keeps no positions,
 * so the lines are read again, table headers tracked; 1 when not found.
 */
function toolLine(text, tool) {
    const lines = (0,_common_js__WEBPACK_IMPORTED_MODULE_1__/* .linesOf */ .Dx)(text);
    const key = `"?${tool}"?`;
    let table = '';
    for (let i = 0; i < lines.length; i++) {
        const l = lines[i];
        const header = /^\s*\[\s*([^\]]+?)\s*\](?!\])/.exec(l);
        if (header && !l.trimStart().startsWith('[[')) {
            table = header[1].replace(/\s*\.\s*/g, '.').replace(/"/g, '');
            continue;
        }
        if (table === '' && new RegExp(`^\\s*tools\\s*\\.\\s*${key}\\s*=`).test(l))
            return i + 1;
        if (table === 'tools' && new RegExp(`^\\s*${key}\\s*=`).test(l))
            return i + 1;
        if (table === `tools.${tool}` && /^\s*"?version"?\s*=/.test(l))
            return i + 1;
    }
    return 1;
}
/**
 * The `go` (or `golang`) tool of the `[tools]` table, as `go = "1.22.3"`, `go = ["1.22", "1.21"]`
 * (the first), `go = { version = "1.22.3" }`, `"go" = ...`, `tools.go = ...` at the top level, or a
 * `[tools.go]` table with `version = ...`. `latest`, `system`, `ref:...`, `path:...` name no
 * particular version (undefined); `prefix:1.22` states 1.22. A file that is not valid TOML (mise
 * would refuse it too) or a go value that is not a version is an InputError at file:line.
 */
function parseMiseToml(text, path) {
    let doc;
    try {
        doc = (0,smol_toml__WEBPACK_IMPORTED_MODULE_0__/* .parse */ .qg)(text.replace(/^\uFEFF/, ''));
    }
    catch (e) {
        if (!(e instanceof smol_toml__WEBPACK_IMPORTED_MODULE_0__/* .TomlError */ .zx))
            throw e;
        const first = e.message.split('\n').find((l) => l.trim() !== '') ?? 'invalid TOML';
        return (0,_common_js__WEBPACK_IMPORTED_MODULE_1__/* .fail */ .fJ)(path, e.line || 1, `${first.replace(/^Invalid TOML document: /, 'not valid TOML: ')}`);
    }
    const tools = doc.tools;
    if (!isTable(tools))
        return undefined;
    const tool = GO_TOOL_NAMES.find((t) => t in tools);
    if (tool === undefined)
        return undefined;
    const line = toolLine(text, tool);
    const raw = miseVersionText(tools[tool]);
    if (raw === undefined) {
        (0,_common_js__WEBPACK_IMPORTED_MODULE_1__/* .fail */ .fJ)(path, line, `unexpected value for ${tool}: expected a quoted Go version like "1.22.3"`);
    }
    const word = raw.trim().replace(/^prefix:/, '');
    if ((0,_common_js__WEBPACK_IMPORTED_MODULE_1__/* .isNonVersionWord */ .Ul)(word))
        return undefined;
    const version = (0,_common_js__WEBPACK_IMPORTED_MODULE_1__/* .goVersionOf */ .aS)(word);
    if (!version)
        (0,_common_js__WEBPACK_IMPORTED_MODULE_1__/* .fail */ .fJ)(path, line, `invalid Go version ${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .quoteContent */ .od)(raw)}: ${_common_js__WEBPACK_IMPORTED_MODULE_1__/* .EXPECTED */ .dS}`);
    return { kind: 'mise.toml', file: path, line, raw: (0,_common_js__WEBPACK_IMPORTED_MODULE_1__/* .asWritten */ .qm)(raw), version };
}


/***/ })

};
