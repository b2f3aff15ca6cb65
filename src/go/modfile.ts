/**
 * go.mod / go.work reader following golang.org/x/mod/modfile (read.go lexing, rule.go/work.go rules).
 *
 * Lexing is Go's: blanks are space, tab and CR; `//` comments run to the end of the line; `/*` is an
 * error; "..." and `...` are single tokens; `verb (` ... `)` blocks hold one entry per line.
 *
 * Interpretation is strict where this action depends on it and lax elsewhere:
 * - `go`, `toolchain`, `module` (go.mod) and `use` (go.work) are checked like Go's strict parser
 *   (exactly one argument, version / toolchain patterns, at most one go/toolchain/module line,
 *   no `go (` or `toolchain (` blocks);
 * - `godebug` lines and blocks (both files) are kept and checked like x/mod's strict parser: one
 *   `key=value` argument without quotes or commas ("usage: godebug key=value"), `godebug (` alone;
 *   whether Go knows the key is the godebug rules' business (godebug.ts);
 * - a go.work holds only go, toolchain, godebug, use and replace (ParseWork's "unknown directive"
 *   for anything else, e.g. a `module` line copied from a go.mod);
 * - every other directive or block of a go.mod (require, replace, tool, ignore, unknown future
 *   verbs) is skipped without validation, like modfile.ParseLax does for unknown directives.
 * Pure: no I/O. Any input string yields a ModFile or throws InputError (never anything else).
 */

import { InputError } from '../errors.js';
import { quoteContent } from '../text.js';
import { GO_VERSION_RE, compareGo, fromToolchain } from './gover.js';
import { type Located, type ModFile } from './types.js';

/** The directives golang.org/x/mod/modfile's ParseWork accepts; any other is an error ("unknown directive"). */
const WORK_VERBS = ['go', 'toolchain', 'godebug', 'use', 'replace'];

/** golang.org/x/mod/modfile ToolchainRE: `default` or a name starting with `go1` then end or `.`. */
const TOOLCHAIN_RE = /^default$|^go1($|\.)/;

type Kind = 'go.mod' | 'go.work';

type TokenKind = 'ident' | 'string' | '(' | ')' | 'punct' | 'nl' | 'comment' | 'eolcomment' | 'eof';

interface Token {
  kind: TokenKind;
  text: string;
  /** 1-based line where the token starts */
  line: number;
}

/** One statement or block entry: its tokens (verb first for statements) and its line. */
interface Line {
  tokens: string[];
  line: number;
}

type Stmt = { type: 'line'; line: Line } | { type: 'block'; verb: string[]; line: number; entries: Line[] };

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Go's isIdent: printable, not a space, not one of ()[]{},. */
function isIdentChar(c: string): boolean {
  switch (c) {
    case '(':
    case ')':
    case '[':
    case ']':
    case '{':
    case '}':
    case ',':
      return false;
    default:
      return PRINTABLE.test(c);
  }
}

function describeChar(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (cp === 0xfeff) return `byte order mark (${hex})`;
  return PRINTABLE.test(c) || c === ' ' ? `"${c}" (${hex})` : hex;
}

/** Go's modfile lexer, one token at a time. */
class Lexer {
  private pos = 0;
  private line = 1;

  constructor(
    private readonly text: string,
    private readonly fail: (line: number, msg: string) => never
  ) {}

  private startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  /** Reads one code point (surrogate pairs together). */
  private peekChar(): string {
    const cp = this.text.codePointAt(this.pos);
    return cp === undefined ? '' : String.fromCodePoint(cp);
  }

  private readChar(): string {
    const c = this.peekChar();
    this.pos += c.length;
    if (c === '\n') this.line++;
    return c;
  }

  next(): Token {
    // Skip blanks; handle comments.
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') {
        this.pos++;
        continue;
      }
      if (this.startsWith('//')) {
        const line = this.line;
        const lineStart = this.text.lastIndexOf('\n', this.pos - 1) + 1;
        const suffix = this.text.slice(lineStart, this.pos).trim() !== '';
        const start = this.pos;
        let end = this.text.indexOf('\n', this.pos);
        if (end < 0) end = this.text.length;
        const text = this.text.slice(start, end).replace(/\r$/, '');
        if (!suffix) {
          // A whole-line comment consumes its newline.
          this.pos = end < this.text.length ? end + 1 : end;
          if (end < this.text.length) this.line++;
          return { kind: 'comment', text, line };
        }
        // An end-of-line comment ends the line (its newline is not consumed, like Go's EOL token).
        this.pos = end < this.text.length ? end + 1 : end;
        if (end < this.text.length) this.line++;
        return { kind: 'eolcomment', text, line };
      }
      if (this.startsWith('/*')) {
        this.fail(this.line, 'unexpected /* comment: expected // comments (go.mod files have no /* */ comments)');
      }
      break;
    }

    const line = this.line;
    if (this.pos >= this.text.length) return { kind: 'eof', text: '', line };

    const c = this.peekChar();
    switch (c) {
      case '\n':
        this.readChar();
        return { kind: 'nl', text: '\n', line };
      case '(':
      case ')':
        this.readChar();
        return { kind: c, text: c, line };
      case '[':
      case ']':
      case '{':
      case '}':
      case ',':
        this.readChar();
        return { kind: 'punct', text: c, line };
      case '"':
      case '`':
        return this.readString(c, line);
    }

    if (!isIdentChar(c)) {
      this.fail(line, `unexpected character ${describeChar(c)}: expected a directive, argument or // comment`);
    }
    const start = this.pos;
    while (this.pos < this.text.length && isIdentChar(this.peekChar())) {
      if (this.startsWith('//')) break;
      if (this.startsWith('/*')) {
        this.fail(this.line, 'unexpected /* comment: expected // comments (go.mod files have no /* */ comments)');
      }
      this.readChar();
    }
    return { kind: 'ident', text: this.text.slice(start, this.pos), line };
  }

  private readString(quote: string, line: number): Token {
    const start = this.pos;
    this.readChar();
    for (;;) {
      if (this.pos >= this.text.length) this.fail(line, 'unterminated quoted string: expected a closing quote');
      if (this.text[this.pos] === '\n')
        this.fail(line, 'newline in quoted string: expected a closing quote on the same line');
      const c = this.readChar();
      if (c === quote) break;
      if (c === '\\' && quote !== '`') {
        if (this.pos >= this.text.length) this.fail(line, 'unterminated quoted string: expected a closing quote');
        if (this.text[this.pos] === '\n')
          this.fail(line, 'newline in quoted string: expected a closing quote on the same line');
        this.readChar();
      }
    }
    return { kind: 'string', text: this.text.slice(start, this.pos), line };
  }
}

function isEOL(t: Token): boolean {
  return t.kind === 'eof' || t.kind === 'eolcomment' || t.kind === 'nl';
}

/** Go's parser over the token stream: top-level lines and `verb (` blocks. */
function parseStatements(text: string, fail: (line: number, msg: string) => never): Stmt[] {
  const lexer = new Lexer(text, fail);
  let tok = lexer.next();
  const lex = (): Token => {
    const t = tok;
    tok = lexer.next();
    return t;
  };
  const stmts: Stmt[] = [];

  const parseLineBlock = (verb: string[], line: number): Stmt => {
    const entries: Line[] = [];
    for (;;) {
      switch (tok.kind) {
        case 'eolcomment':
        case 'nl':
        case 'comment':
          lex();
          break;
        case 'eof':
          return fail(
            line,
            `unterminated block ${quoteContent(`${verb.join(' ')} (`)}: expected a closing ")" on its own line`
          );
        case ')': {
          const rparen = lex();
          if (!isEOL(tok)) fail(rparen.line, 'unexpected text after ")": expected a newline after the closing paren');
          lex();
          return { type: 'block', verb, line, entries };
        }
        default: {
          const first = lex();
          const tokens = [first.text];
          while (!isEOL(tok)) tokens.push(lex().text);
          lex();
          entries.push({ tokens, line: first.line });
        }
      }
    }
  };

  const parseStmt = (): void => {
    const first = lex();
    const tokens = [first.text];
    for (;;) {
      const t = lex();
      if (isEOL(t)) {
        stmts.push({ type: 'line', line: { tokens, line: first.line } });
        return;
      }
      if (t.kind === '(') {
        if (isEOL(tok)) {
          stmts.push(parseLineBlock(tokens, first.line));
          return;
        }
        if (tok.kind === ')') {
          const rparen = lex();
          if (isEOL(tok)) {
            lex();
            stmts.push({ type: 'block', verb: tokens, line: first.line, entries: [] });
            return;
          }
          tokens.push(t.text, rparen.text);
          continue;
        }
      }
      tokens.push(t.text);
    }
  };

  for (;;) {
    switch (tok.kind) {
      case 'nl':
      case 'comment':
      case 'eolcomment':
        lex();
        break;
      case 'eof':
        return stmts;
      default:
        parseStmt();
    }
  }
}

const ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"'
};

/** strconv.Unquote for a double-quoted Go string; undefined when malformed. */
export function unquoteGoString(s: string): string | undefined {
  if (s.length < 2 || s[0] !== '"' || s[s.length - 1] !== '"') return undefined;
  const body = s.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"' || c === '\n') return undefined;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === undefined) return undefined;
    if (e in ESCAPES) {
      out += ESCAPES[e];
      continue;
    }
    const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hexLen > 0) {
      const h = body.slice(i + 1, i + 1 + hexLen);
      if (!new RegExp(`^[0-9a-fA-F]{${hexLen}}$`).test(h)) return undefined;
      const v = parseInt(h, 16);
      if (e === 'x') out += String.fromCharCode(v);
      else if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return undefined;
      else out += String.fromCodePoint(v);
      i += hexLen;
      continue;
    }
    if (e >= '0' && e <= '7') {
      const o = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(o)) return undefined;
      const v = parseInt(o, 8);
      if (v > 255) return undefined;
      out += String.fromCharCode(v);
      i += 2;
      continue;
    }
    return undefined;
  }
  return out;
}

/** modfile parseString: unquotes "..."; an unquoted token must not contain quote characters. */
function parseStringArg(tok: string): { ok: true; value: string } | { ok: false; why: string } {
  if (tok.startsWith('"')) {
    const v = unquoteGoString(tok);
    return v === undefined ? { ok: false, why: `invalid quoted string ${quoteContent(tok)}` } : { ok: true, value: v };
  }
  if (/["'`]/.test(tok)) return { ok: false, why: `unquoted string ${quoteContent(tok)} cannot contain a quote` };
  return { ok: true, value: tok };
}

/**
 * Parses a go.mod or go.work. `path` is the repository-relative posix path used in the result and
 * in error messages (`<path>:<line>: ...`).
 */
export function parseModFile(text: string, path: string, kind: Kind): ModFile {
  function fail(line: number, msg: string): never {
    throw new InputError(msg, { file: path, line });
  }
  const stmts = parseStatements(text, fail);
  const result: ModFile = { kind, path, use: [], godebug: [] };

  const addGo = (l: Line, args: string[]): void => {
    if (result.go)
      fail(l.line, `repeated go statement (first at line ${result.go.line}): expected at most one go line`);
    if (args.length !== 1) {
      fail(l.line, `go directive has ${args.length} arguments: expected exactly one Go version like 1.22 or 1.22.3`);
    }
    if (!GO_VERSION_RE.test(args[0])) {
      fail(l.line, `invalid go version ${quoteContent(args[0])}: expected a Go version like 1.21 or 1.21.3 or 1.21rc1`);
    }
    result.go = { value: args[0], line: l.line };
  };

  const addToolchain = (l: Line, args: string[]): void => {
    if (result.toolchain) {
      fail(
        l.line,
        `repeated toolchain statement (first at line ${result.toolchain.line}): expected at most one toolchain line`
      );
    }
    if (args.length !== 1) {
      fail(
        l.line,
        `toolchain directive has ${args.length} arguments: expected exactly one name like go1.22.3 or default`
      );
    }
    if (!TOOLCHAIN_RE.test(args[0])) {
      fail(
        l.line,
        `invalid toolchain name ${quoteContent(args[0])}: expected a name like go1.22.3 or go1.21rc2 or default`
      );
    }
    result.toolchain = { value: args[0], line: l.line };
  };

  const addModule = (l: Line, args: string[]): void => {
    if (result.module)
      fail(l.line, `repeated module statement (first at line ${result.module.line}): expected one module line`);
    if (args.length !== 1)
      fail(l.line, `module directive has ${args.length} arguments: expected exactly one module path`);
    const s = parseStringArg(args[0]);
    if (!s.ok) fail(l.line, `${s.why}: expected a module path`);
    else result.module = { value: s.value, line: l.line };
  };

  const addUse = (l: Line, args: string[]): void => {
    if (args.length !== 1)
      fail(l.line, `use directive has ${args.length} arguments: expected exactly one directory path`);
    const s = parseStringArg(args[0]);
    if (!s.ok) fail(l.line, `${s.why}: expected a directory path`);
    else result.use.push({ value: s.value, line: l.line } satisfies Located<string>);
  };

  // x/mod modfile (rule.go, work.go), case "godebug": one argument without "`', and an "=".
  const addGodebug = (l: Line, args: string[]): void => {
    const usage = 'usage: godebug key=value';
    if (args.length !== 1) {
      fail(l.line, `godebug directive has ${args.length} arguments: expected one key=value like panicnil=1 (${usage})`);
    }
    if (/["`',]/.test(args[0])) {
      fail(l.line, `invalid godebug ${quoteContent(args[0])}: expected key=value without quotes or commas (${usage})`);
    }
    const eq = args[0].indexOf('=');
    if (eq < 0) fail(l.line, `invalid godebug ${quoteContent(args[0])}: expected key=value like panicnil=1 (${usage})`);
    result.godebug.push({ value: { key: args[0].slice(0, eq), value: args[0].slice(eq + 1) }, line: l.line });
  };

  const handle = (verb: string, l: Line, args: string[]): void => {
    switch (verb) {
      case 'go':
        return addGo(l, args);
      case 'toolchain':
        return addToolchain(l, args);
      case 'module':
        if (kind === 'go.mod') addModule(l, args);
        return;
      case 'use':
        if (kind === 'go.work') addUse(l, args);
        return;
      case 'godebug':
        return addGodebug(l, args);
      default:
        // require, replace, exclude, retract, tool, ignore and unknown verbs: not needed here.
        return;
    }
  };

  for (const st of stmts) {
    const verb = st.type === 'line' ? st.line.tokens[0] : st.verb[0];
    if (kind === 'go.work' && !WORK_VERBS.includes(verb)) {
      fail(
        st.type === 'line' ? st.line.line : st.line,
        `unknown directive ${quoteContent(verb)}: a go.work holds only ${WORK_VERBS.join(', ')} lines`
      );
    }
    if (st.type === 'line') {
      handle(verb, st.line, st.line.tokens.slice(1));
      continue;
    }
    if (verb === 'go' || verb === 'toolchain') {
      const block = quoteContent(`${st.verb.join(' ')} (`);
      fail(
        st.line,
        `unexpected block ${block}: expected a single line like ${verb === 'go' ? 'go 1.22' : 'toolchain go1.22.3'}`
      );
    }
    const strictVerb = verb === 'godebug' || (kind === 'go.mod' ? verb === 'module' : verb === 'use');
    if (st.verb.length > 1) {
      if (strictVerb)
        fail(
          st.line,
          `unknown block type ${quoteContent(`${st.verb.join(' ')} (`)}: expected "${verb} (" alone on its line`
        );
      continue;
    }
    if (!strictVerb) continue;
    for (const entry of st.entries) handle(verb, entry, entry.tokens);
  }
  return result;
}

/** The go line Go assumes for a file without one: 1.18 for a go.work, 1.16 for a go.mod. */
export function defaultGoLine(kind: ModFile['kind']): string {
  return kind === 'go.work' ? '1.18' : '1.16';
}

/** The go line's version, or Go's default when absent: 1.16 for go.mod, 1.18 for go.work. */
export function mainGoVersion(m: ModFile): string {
  return m.go ? m.go.value : defaultGoLine(m.kind);
}

/** A `toolchain` line as the go command reads it (cmd/go/internal/toolchain). */
export type ToolchainLine =
  /** no line, or `toolchain default` */
  | { kind: 'none' }
  /** a name Go cannot run */
  | { kind: 'invalid'; line: Located<string> }
  /** older than the go line: Go ignores it */
  | { kind: 'ignored'; line: Located<string>; pinned: string }
  /** the Go to build with */
  | { kind: 'pin'; line: Located<string>; pinned: string };

export function toolchainLine(m: ModFile): ToolchainLine {
  const line = m.toolchain;
  if (!line || line.value === 'default') return { kind: 'none' };
  const pinned = fromToolchain(line.value);
  if (pinned === undefined) return { kind: 'invalid', line };
  // The go command uses the toolchain line only when it is not older than the go line.
  return compareGo(pinned, mainGoVersion(m)) >= 0 ? { kind: 'pin', line, pinned } : { kind: 'ignored', line, pinned };
}
