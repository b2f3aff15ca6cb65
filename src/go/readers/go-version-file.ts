/** `.go-version` (and any other file named by go-version-file that is not a known format). Pure. */
import type { VersionDeclaration } from '../types.js';
import { quoteContent } from '../../text.js';
import { EXPECTED, asWritten, fail, goVersionOf, linesOf } from './common.js';

/**
 * The first line that is neither empty nor a `#` comment holds `1.22.3`, `go1.22.3` or `1.22` (a
 * trailing ` # comment` is allowed). An empty file or any other text is an InputError at file:line.
 */
export function parseGoVersionFile(text: string, path: string): VersionDeclaration {
  const lines = linesOf(text);
  for (let i = 0; i < lines.length; i++) {
    const content = lines[i].replace(/(^|\s)#[\s\S]*$/, '').trim();
    if (content === '') continue;
    const version = goVersionOf(content);
    if (!version) fail(path, i + 1, `invalid Go version ${quoteContent(content)}: ${EXPECTED}`);
    return { kind: '.go-version', file: path, line: i + 1, raw: asWritten(content), version };
  }
  return fail(path, 1, `no Go version found: ${EXPECTED}`);
}
