/**
 * `mise.toml` / `.mise.toml`: the go tool's version string the reader (go/readers/mise-toml.ts)
 * takes, located to its bytes inside its quotes: `go = "1.25"`, `go = ["1.25", "1.24"]` (the
 * first), `go = { version = "1.25" }`, `tools.go = ...`, `[tools.go]` with `version = ...`. A
 * `prefix:` keeps its prefix. Pure.
 */
import { parseMiseToml } from '../../go/readers/mise-toml.js';
import { goVersionOf } from '../../go/readers/common.js';
import type { LocatedFile, Unrewritable } from '../types.js';
import { textLines } from './lines.js';

/** Lines after the declaration's line where an array's first string may still be. */
const MAX_LOOKAHEAD = 20;

/** Simple TOML strings (no escapes) on a line, outside `#` comments: content and offset. */
function stringsOf(line: string): { content: string; at: number; escaped: boolean }[] {
  const out: { content: string; at: number; escaped: boolean }[] = [];
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '#') break;
    if (c !== '"' && c !== "'") continue;
    if (line.startsWith(c.repeat(3), i)) break; // a multi-line string: not a simple one
    const close = line.indexOf(c, i + 1);
    if (close < 0) break;
    const content = line.slice(i + 1, close);
    out.push({ content, at: i + 1, escaped: c === '"' && content.includes('\\') });
    i = close;
  }
  return out;
}

export function locateMiseToml(text: string, path: string): LocatedFile {
  const d = parseMiseToml(text, path);
  if (!d) return { sites: [], unrewritable: [] };
  const lines = textLines(text);
  const unrewritable: Unrewritable[] = [];
  for (const l of lines.slice(d.line - 1, d.line - 1 + MAX_LOOKAHEAD)) {
    // The value follows the `=` on the declaration's own line, or starts a later line of an array.
    const from = l.number === d.line ? l.text.indexOf('=') + 1 : 0;
    const s = stringsOf(l.text.slice(from))[0];
    if (!s) continue;
    const word = s.content.trim().replace(/^prefix:/, '');
    if (s.escaped || goVersionOf(word) !== d.version) break;
    const at = l.start + from + s.at + s.content.indexOf(word);
    const prefix = word.startsWith('go') ? 2 : 0;
    return {
      sites: [
        {
          file: path,
          line: l.number,
          start: at + prefix,
          end: at + word.length,
          written: word.slice(prefix),
          role: 'declaration',
          before: `go = "${s.content.slice(0, s.content.indexOf(word) + prefix)}`,
          after: '"'
        }
      ],
      unrewritable
    };
  }
  unrewritable.push({ file: path, line: d.line, what: d.raw, reason: 'is not a simple quoted string: not rewritten' });
  return { sites: [], unrewritable };
}
