/**
 * Text in the page: escaped for HTML (element content and quoted attributes alike), and JSON in a
 * `<script type="application/json">` with every `<` written as `\u003c`, so no report text can
 * close the element or open a comment. Pure.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** JSON that is safe inside a script element: `<`, U+2028 and U+2029 escaped (JSON.parse reads them back). */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
