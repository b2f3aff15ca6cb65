/** `.tool-versions` (asdf). Pure. */
import type { VersionDeclaration } from '../types.js';
import { quoteContent } from '../../text.js';
import { EXPECTED, asWritten, fail, goVersionOf, isNonVersionWord, linesOf } from './common.js';

/**
 * The first `golang <version> [fallback...]` or `go <version>` line. Undefined when there is none or
 * when its first version names no particular release (`system`, `latest`, `ref:...`, `path:...`).
 */
export function parseToolVersions(text: string, path: string): VersionDeclaration | undefined {
  const lines = linesOf(text);
  for (let i = 0; i < lines.length; i++) {
    const words = lines[i]
      .replace(/#[\s\S]*$/, '')
      .trim()
      .split(/\s+/);
    if (words[0] !== 'golang' && words[0] !== 'go') continue;
    const raw = words[1];
    if (raw === undefined || raw === '') fail(path, i + 1, `"${words[0]}" without a version: ${EXPECTED}`);
    if (isNonVersionWord(raw)) return undefined;
    const version = goVersionOf(raw);
    if (!version) fail(path, i + 1, `invalid Go version ${quoteContent(raw)}: ${EXPECTED}`);
    return { kind: '.tool-versions', file: path, line: i + 1, raw: asWritten(raw), version };
  }
  return undefined;
}
