export const id = 676;
export const ids = [676];
export const modules = {

/***/ 3676:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AliasBombError: () => (/* reexport safe */ _common_js__WEBPACK_IMPORTED_MODULE_1__.Lu),
/* harmony export */   SETUP_GO_USES: () => (/* binding */ SETUP_GO_USES),
/* harmony export */   parseWorkflow: () => (/* binding */ parseWorkflow),
/* harmony export */   statedVersion: () => (/* binding */ statedVersion)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6280);
/**
 * GitHub Actions workflows (`.github/workflows/*.yml|yaml`): the literal `go-version:` of each
 * `actions/setup-go` and `setup-go-enforced` step, as declarations with file:line. Pure.
 *
 * Parsed with the `yaml` package into a document tree; versions are read from the tree without
 * expanding aliases, and the document is first checked with yaml's own alias limit, so an alias
 * bomb ("billion laughs") costs no more than its size. `${{ }}` expressions, ranges, aliases
 * (stable, oldstable) and anything that is not one literal version are skipped: they state no
 * particular Go. Versions are read from the source text, so `go-version: 1.20` is 1.20, not the
 * YAML float 1.2.
 */



/** `uses:` of the steps whose go-version is read: actions/setup-go and this action, any ref. */
const SETUP_GO_USES = /^(actions\/setup-go|[^/\s]+\/setup-go-enforced)(\/[^@\s]*)?@\S+$/i;
/** yaml's limit on resolved aliases (scaled by document size) for the safety check. */
const MAX_ALIAS_COUNT = 100;
function get(node, key) {
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node))
        return undefined;
    const v = node.get(key, true);
    return v ?? undefined;
}
/** The literal text of a scalar: the source for plain scalars (1.20 stays 1.20), else its string value. */
function literal(node, text) {
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node))
        return undefined;
    if (node.type === 'PLAIN' && node.range)
        return text.slice(node.range[0], node.range[1]).trim();
    return typeof node.value === 'string' ? node.value.trim() : undefined;
}
/** The Go version a go-version value states, or undefined when it states no particular one. */
function statedVersion(value) {
    if (value.includes('${{') || /\s/.test(value))
        return undefined;
    const minor = /^(?:go|v)?(\d+\.\d+)\.[xX*]$/.exec(value);
    if (minor)
        return (0,_common_js__WEBPACK_IMPORTED_MODULE_1__/* .goVersionOf */ .aS)(minor[1]);
    return (0,_common_js__WEBPACK_IMPORTED_MODULE_1__/* .goVersionOf */ .aS)(value.replace(/^v(?=\d)/, ''));
}
/**
 * Every literal go-version of a setup-go step. Throws InputError (file:line) when the file is not
 * YAML, AliasBombError when its aliases expand beyond yaml's limit.
 */
function parseWorkflow(text, path) {
    const lineCounter = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text, { lineCounter, uniqueKeys: false });
    if (doc.errors.length > 0) {
        const e = doc.errors[0];
        (0,_common_js__WEBPACK_IMPORTED_MODULE_1__/* .fail */ .fJ)(path, e.linePos?.[0]?.line ?? 1, `not valid YAML: ${e.message.split('\n')[0]}`);
    }
    try {
        doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    }
    catch (e) {
        if (e instanceof ReferenceError)
            throw new _common_js__WEBPACK_IMPORTED_MODULE_1__/* .AliasBombError */ .Lu(e.message);
        throw e;
    }
    const out = [];
    const jobs = get(doc.contents, 'jobs');
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(jobs))
        return out;
    for (const job of jobs.items) {
        const steps = get(job.value, 'steps');
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(steps))
            continue;
        for (const step of steps.items) {
            const uses = literal(get(step, 'uses'), text);
            if (!uses || !SETUP_GO_USES.test(uses))
                continue;
            const node = get(get(step, 'with'), 'go-version');
            const value = literal(node, text);
            if (!node?.range || value === undefined)
                continue;
            const version = statedVersion(value);
            if (version === undefined)
                continue;
            const line = lineCounter.linePos(node.range[0]).line;
            out.push({ kind: 'workflow', file: path, line, raw: (0,_common_js__WEBPACK_IMPORTED_MODULE_1__/* .asWritten */ .qm)(value), version });
        }
    }
    return out;
}


/***/ })

};
