/**
 * Lines of a text with their offsets, line breaks as the readers count them, so a locator can turn
 * a reader's line number into bytes: LF, CRLF and CR for the version files and Dockerfiles
 * (readers/common.ts linesOf); LF and CRLF only for go.mod and go.work, whose lexer reads a lone CR
 * as a blank. Pure.
 */

export interface TextLine {
  /** 1-based */
  number: number;
  /** offset of the first character */
  start: number;
  /** offset after the last character, before the line break */
  end: number;
  /** offset after the line break (== end on the last line without one) */
  next: number;
  text: string;
}

/** Every line of `text` (a final line break does not start an empty last line). */
export function textLines(text: string, breaks: 'any' | 'lf' = 'any'): TextLine[] {
  const out: TextLine[] = [];
  const re = breaks === 'lf' ? /\r?\n/g : /\r\n|\n|\r/g;
  let start = 0;
  let n = 1;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ number: n++, start, end: m.index, next: m.index + m[0].length, text: text.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  if (start < text.length || out.length === 0) {
    out.push({ number: n, start, end: text.length, next: text.length, text: text.slice(start) });
  }
  return out;
}

/** The line with that 1-based number, or undefined. */
export function lineAt(lines: readonly TextLine[], number: number): TextLine | undefined {
  return lines[number - 1];
}
