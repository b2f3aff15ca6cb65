/**
 * `.go-version` and `.tool-versions`: the version word the readers (go/readers/go-version-file.ts,
 * tool-versions.ts) take, located to its bytes; a `go` prefix (`go1.25.3`) and everything else on
 * the line (comments, other tools) stay. Pure.
 */
import { parseGoVersionFile } from '../../go/readers/go-version-file.js';
import { parseToolVersions } from '../../go/readers/tool-versions.js';
import type { LocatedFile, Site, Unrewritable } from '../types.js';
import { textLines } from './lines.js';

/** A site for `word` (a version, maybe `go`-prefixed) written at `at` on `line`. */
function wordSite(path: string, line: number, word: string, at: number, before: string): Site {
  const prefix = word.startsWith('go') ? 2 : 0;
  return {
    file: path,
    line,
    start: at + prefix,
    end: at + word.length,
    written: word.slice(prefix),
    role: 'declaration',
    before: before + word.slice(0, prefix),
    after: ''
  };
}

/** The version of a `.go-version` (its first line that is not empty or a `#` comment). */
export function locateGoVersionFile(text: string, path: string): LocatedFile {
  const d = parseGoVersionFile(text, path);
  const l = textLines(text)[d.line - 1];
  const content = l.text.replace(/(^|\s)#[\s\S]*$/, '').trim();
  const at = l.text.indexOf(content);
  return { sites: [wordSite(path, d.line, content, l.start + at, '')], unrewritable: [] };
}

/**
 * The first version of the first `golang` (or `go`) line of a `.tool-versions`: the one asdf
 * installs and uses. Further versions on that line are fallbacks asdf uses only when the first is
 * not installed: they are kept, and listed.
 */
export function locateToolVersions(text: string, path: string): LocatedFile {
  const d = parseToolVersions(text, path);
  if (!d) return { sites: [], unrewritable: [] };
  const l = textLines(text)[d.line - 1];
  const code = l.text.replace(/#[\s\S]*$/, '');
  const words = [...code.matchAll(/\S+/g)];
  const [tool, first, ...fallbacks] = words;
  const sites = [wordSite(path, d.line, first[0], l.start + (first.index ?? 0), `${tool[0]} `)];
  const unrewritable: Unrewritable[] = fallbacks.map((w) => ({
    file: path,
    line: d.line,
    what: `${tool[0]} … ${w[0]}`,
    reason: 'is a fallback version (asdf uses it only when the first is not installed): kept'
  }));
  return { sites, unrewritable };
}
