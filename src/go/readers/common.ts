/**
 * What the version-file readers share: the version grammar they accept, line splitting, words
 * that name no particular version, and the one way they fail (InputError at file:line). Pure.
 */
import { InputError } from '../../errors.js';
import { GO_VERSION_RE } from '../gover.js';
import { clipContent } from '../../text.js';

export const EXPECTED = 'expected a Go version like 1.22.3, 1.22 or 1.21rc1';

export function fail(file: string, line: number, msg: string): never {
  throw new InputError(msg, { file, line });
}

/** "go1.22.3" / "1.22.3" -> "1.22.3" when valid, else undefined. */
export function goVersionOf(word: string): string | undefined {
  const v = word.startsWith('go') ? word.slice(2) : word;
  return GO_VERSION_RE.test(v) ? v : undefined;
}

/** Lines without a leading byte order mark; CRLF and CR handled. */
export function linesOf(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
}

/** asdf / mise words that select no particular version. */
export function isNonVersionWord(word: string): boolean {
  return /^(latest|system|lts|stable)$/.test(word) || /^(latest|ref|path|sub-\d+|prefix|lts):/.test(word);
}

/** The text as written, kept for the report: at most 40 characters, escaped. */
export function asWritten(raw: string): string {
  return clipContent(raw);
}

/** A workflow whose YAML aliases expand too far (an alias bomb): reported, nothing read from it. */
export class AliasBombError extends Error {}
