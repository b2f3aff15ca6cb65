/**
 * go.mod, go.work and tool modfiles (`tools.mod` for `go run -modfile`): the go and toolchain
 * tokens, located to their bytes. Pure.
 *
 * The file is parsed by go/modfile.ts (Go's lexer and rules), which gives each directive's line;
 * on that line the token is found with the same lexing rules: a statement starts its line (blanks
 * are space, tab and CR), its verb, blanks, then the argument, ended by a blank, `//` or the line
 * break. Nothing else of the file is looked at, so comments beside the go line, `// indirect`
 * blocks, CRLF line breaks and tabs stay as they are.
 */
import { parseModFile } from '../../go/modfile.js';
import { fromToolchain } from '../../go/gover.js';
import type { ModFile } from '../../go/types.js';
import type { LocatedFile, Site, Unrewritable } from '../types.js';
import { lineAt, textLines, type TextLine } from './lines.js';

export interface LocatedModFile extends LocatedFile {
  mod: ModFile;
  /** the file has `tool` directives (Go 1.24 and later) */
  tools: boolean;
}

const BLANK_LINE = /^[ \t\r]*$/;

/** The offset of the argument of `verb` on the line, when the line is `verb <arg>` with that arg. */
function argumentAt(l: TextLine, verb: string, arg: string): number | undefined {
  const m = new RegExp(`^[ \\t\\r]*${verb}[ \\t\\r]+`).exec(l.text);
  if (!m || !l.text.startsWith(arg, m[0].length)) return undefined;
  const rest = l.text.slice(m[0].length + arg.length);
  if (rest !== '' && !/^[ \t\r]|^\/\//.test(rest)) return undefined;
  return l.start + m[0].length;
}

/**
 * The bytes removing a toolchain line takes: the line with its line break, and a blank line before
 * it when it sat between blank lines or last in the file (so no double blank line is left, as Go's
 * formatter would not leave one).
 */
function removalRange(lines: readonly TextLine[], l: TextLine): [number, number] {
  const prev = lineAt(lines, l.number - 1);
  const next = lineAt(lines, l.number + 1);
  const prevBlank = prev !== undefined && BLANK_LINE.test(prev.text);
  const nextBlank = next === undefined || BLANK_LINE.test(next.text);
  return prevBlank && nextBlank ? [prev.start, l.next] : [l.start, l.next];
}

/**
 * True when the file has a `tool` directive or `tool (` block at the top level. Lines are read
 * with their `//` comments removed; `verb (` ... `)` blocks are skipped, as the lexer does.
 */
export function hasToolDirective(text: string): boolean {
  let inBlock = false;
  for (const l of textLines(text, 'lf')) {
    const code = l.text.replace(/\/\/.*$/, '').trim();
    if (inBlock) {
      if (code.startsWith(')')) inBlock = false;
      continue;
    }
    if (/^tool(\s|\(|$)/.test(code)) return true;
    if (/\($/.test(code) && !/\(\s*\)$/.test(code)) inBlock = true;
  }
  return false;
}

/**
 * The go and toolchain tokens of a go.mod, go.work or tool modfile (`kind` 'go.mod' for tool
 * modfiles: the same grammar). Throws InputError (file:line) when Go could not parse the file.
 */
export function locateModFile(text: string, path: string, kind: 'go.mod' | 'go.work'): LocatedModFile {
  const mod = parseModFile(text, path, kind);
  const lines = textLines(text, 'lf');
  const sites: Site[] = [];
  const unrewritable: Unrewritable[] = [];
  const notFound = (line: number, what: string): void => {
    unrewritable.push({ file: path, line, what, reason: 'not found where the parser read it: not rewritten' });
  };
  if (mod.go) {
    const l = lineAt(lines, mod.go.line);
    const at = l && argumentAt(l, 'go', mod.go.value);
    if (l && at !== undefined) {
      sites.push({
        file: path,
        line: l.number,
        start: at,
        end: at + mod.go.value.length,
        written: mod.go.value,
        role: 'go',
        before: 'go ',
        after: ''
      });
    } else notFound(mod.go.line, `go ${mod.go.value}`);
  }
  const tc = mod.toolchain;
  if (tc && tc.value !== 'default') {
    const l = lineAt(lines, tc.line);
    const at = l && argumentAt(l, 'toolchain', tc.value);
    const version = fromToolchain(tc.value);
    if (version === undefined || `go${version}` !== tc.value) {
      unrewritable.push({
        file: path,
        line: tc.line,
        what: `toolchain ${tc.value}`,
        reason: 'names a custom or unknown toolchain: not rewritten (set it by hand)'
      });
    } else if (l && at !== undefined) {
      const [lineStart, lineEnd] = removalRange(lines, l);
      sites.push({
        file: path,
        line: l.number,
        start: at + 2,
        end: at + tc.value.length,
        written: version,
        role: 'toolchain',
        before: 'toolchain go',
        after: '',
        lineStart,
        lineEnd
      });
    } else notFound(tc.line, `toolchain ${tc.value}`);
  }
  return { mod, sites, unrewritable, tools: hasToolDirective(text) };
}
