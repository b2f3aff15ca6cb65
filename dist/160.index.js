export const id = 160;
export const ids = [160];
export const modules = {

/***/ 5160:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   decodeConsoleText: () => (/* binding */ decodeConsoleText)
/* harmony export */ });
/* harmony import */ var iconv_lite__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1748);
/* harmony import */ var iconv_lite__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(iconv_lite__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Text that a Windows console program wrote to a pipe is in the console's code page (437 or 850 on
 * most runners, a DBCS page in East Asia), not UTF-8. Decoded with iconv-lite, which knows the OEM,
 * ANSI and DBCS pages; an unknown page (or none) is read as UTF-8. Pure. Loaded only when a Windows
 * tool failed (installer.ts imports it on that path), so its tables cost nothing otherwise.
 */

/** iconv-lite's name of a Windows code page ("cp437", "windows1252", "utf8"). */
function encodingOf(codePage) {
    if (codePage === 65001)
        return 'utf8';
    for (const name of [`cp${codePage}`, `windows${codePage}`])
        if (iconv_lite__WEBPACK_IMPORTED_MODULE_0___default().encodingExists(name))
            return name;
    return undefined;
}
/**
 * `bytes` as text in Windows code page `codePage` (undefined or unknown: UTF-8, where a byte that
 * is not UTF-8 becomes U+FFFD).
 */
function decodeConsoleText(bytes, codePage) {
    const encoding = (codePage !== undefined && encodingOf(codePage)) || 'utf8';
    return iconv_lite__WEBPACK_IMPORTED_MODULE_0___default().decode(Buffer.from(bytes), encoding);
}


/***/ })

};
