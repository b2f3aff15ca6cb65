/**
 * How repository text appears in messages. Files of a pull request are untrusted: a message quotes
 * at most MAX_QUOTED characters of a file's content, with control characters escaped, so that a
 * file (or a link to one) can never pour its content into the log, the summary or the report, and
 * no line break of a file can start a workflow command. File names are shown with the same
 * escaping. Pure.
 */

/** "1 error", "2 errors": a count and a noun that takes an s. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** At most this many characters of a file's content appear in any message. */
export const MAX_QUOTED = 40;

/** Longest file name or path shown whole; longer ones keep their start and end. */
export const MAX_SHOWN_PATH = 160;

/** Escapes what must not reach a log line raw: C0/C1 controls, DEL, line and paragraph separators. */
function escapeControls(s: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this escapes
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    switch (c) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
}

/** The first `max` characters (code points) of `s`, and whether it was cut. */
function head(s: string, max: number): { text: string; cut: boolean } {
  const chars = Array.from(s.length > max * 2 + 8 ? s.slice(0, max * 2 + 8) : s);
  return chars.length > max ? { text: chars.slice(0, max).join(''), cut: true } : { text: s, cut: false };
}

/**
 * File content for a one-line message: in double quotes, escaped, and cut to `max` characters
 * (`"golang:1.22-alpine"`, `"aaaaaaaa…"`).
 */
export function quoteContent(s: string, max: number = MAX_QUOTED): string {
  const { text, cut } = head(s, max);
  const escaped = escapeControls(text.replace(/\\/g, '\\\\').replace(/"/g, '\\"'));
  return `"${escaped}${cut ? '…' : ''}"`;
}

/** File content kept in a report field (a raw image reference, a version as written): cut and escaped, no quotes. */
export function clipContent(s: string, max: number = MAX_QUOTED): string {
  const { text, cut } = head(s, max);
  return escapeControls(text) + (cut ? '…' : '');
}

/** A repository path or link target for a message: escaped, long ones shortened in the middle. */
export function showPath(p: string, max: number = MAX_SHOWN_PATH): string {
  const chars = Array.from(p);
  const shown = chars.length > max ? `${chars.slice(0, max / 2).join('')}…${chars.slice(-max / 2).join('')}` : p;
  return escapeControls(shown);
}
