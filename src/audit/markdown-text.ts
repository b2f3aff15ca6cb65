/**
 * Repository text in Markdown (a pull-request comment, the job summary): text that went through
 * text.ts (40 characters, controls escaped) is escaped once more so that it renders as the text it
 * is: no HTML (`<script>`), no emphasis, code span, link or table cell boundary, and no mention,
 * issue reference or autolink that would notify someone or point somewhere. Pure.
 */

const ZWSP = '\u200b';

/** Text as literal Markdown inline content (also safe inside a table cell). */
export function md(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/[@#]/g, (c) => `${c}${ZWSP}`)
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}${ZWSP}.`);
}

/** A link to one of Go's pages (our own URLs, never repository text). */
export function link(label: string, url: string): string {
  return `[${md(label)}](${url.replace(/[()\s]/g, encodeURIComponent)})`;
}
