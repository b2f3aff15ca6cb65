/**
 * Readers for the other files that state a Go version: `.go-version`, `.tool-versions` (asdf),
 * `mise.toml` / `.mise.toml`, and Dockerfile `FROM golang:<tag>` instructions.
 * Pure: text in, VersionDeclaration(s) out. Bad versions throw InputError naming `file:line`.
 *
 * Statements that name no particular Go version are skipped, not errors: `latest`, `system`,
 * `ref:`/`path:` (asdf, mise), `golang:alpine`, `golang:1-alpine`, `golang@sha256:...`, and
 * Dockerfile variables without a default.
 */

import { InputError } from '../errors.js';
import { type VersionDeclaration } from '../model.js';

/** A Go version at any precision a version file may state: 1.22, 1.22.3, 1.21rc1, 1.21.3rc1. */
const VERSION_RE = /^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$/;

const EXPECTED = 'expected a Go version like 1.22.3, 1.22 or 1.21rc1';

/** Quotes file text for a one-line message. */
function show(s: string): string {
  return JSON.stringify(s).replace(
    /[\u0085\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  );
}

function fail(file: string, line: number, msg: string): never {
  throw new InputError(msg, { file, line });
}

/** "go1.22.3" / "1.22.3" -> "1.22.3" when valid, else undefined. */
function goVersionOf(word: string): string | undefined {
  const v = word.startsWith('go') ? word.slice(2) : word;
  return VERSION_RE.test(v) ? v : undefined;
}

/** Lines without a leading byte order mark; CRLF and CR handled. */
function linesOf(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
}

// ---------------------------------------------------------------------------------------------
// .go-version

/**
 * `.go-version`: the first line that is neither empty nor a `#` comment holds `1.22.3`, `go1.22.3`
 * or `1.22` (a trailing ` # comment` is allowed). An empty file or any other text is an InputError.
 */
export function parseGoVersionFile(text: string, path: string): VersionDeclaration {
  const lines = linesOf(text);
  for (let i = 0; i < lines.length; i++) {
    const content = lines[i].replace(/(^|\s)#[\s\S]*$/, '').trim();
    if (content === '') continue;
    const version = goVersionOf(content);
    if (!version) fail(path, i + 1, `invalid Go version ${show(content)}: ${EXPECTED}`);
    return { kind: '.go-version', file: path, line: i + 1, raw: content, version };
  }
  return fail(path, 1, `no Go version found: ${EXPECTED}`);
}

// ---------------------------------------------------------------------------------------------
// .tool-versions

/** asdf / mise words that select no particular version. */
function isNonVersionWord(word: string): boolean {
  return /^(latest|system|lts|stable)$/.test(word) || /^(latest|ref|path|sub-\d+|prefix|lts):/.test(word);
}

/**
 * `.tool-versions` (asdf): the first `golang <version> [fallback...]` or `go <version>` line.
 * Returns undefined when there is none or when its first version names no particular release
 * (`system`, `latest`, `ref:...`, `path:...`).
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
    if (!version) fail(path, i + 1, `invalid Go version ${show(raw)}: ${EXPECTED}`);
    return { kind: '.tool-versions', file: path, line: i + 1, raw, version };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// mise.toml

/** A TOML value as far as this reader needs it. */
type TomlValue =
  | { t: 'string'; v: string }
  | { t: 'array'; items: TomlValue[] }
  | { t: 'table'; entries: { key: string[]; value: TomlValue }[] }
  | { t: 'other'; raw: string };

class TomlSyntaxError extends Error {}

/** A small cursor-based TOML reader: tables, dotted/quoted keys, strings, arrays, inline tables. */
class TomlReader {
  pos = 0;
  constructor(private readonly s: string) {}

  get eof(): boolean {
    return this.pos >= this.s.length;
  }

  peek(n = 0): string {
    return this.s[this.pos + n] ?? '';
  }

  lineAt(pos: number): number {
    let line = 1;
    for (let i = 0; i < pos && i < this.s.length; i++) if (this.s[i] === '\n') line++;
    return line;
  }

  /** Skips spaces and tabs (and, when `newlines`, newlines and comments). */
  skipWs(newlines = false): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (newlines && c === '\n') this.pos++;
      else if (newlines && c === '#') this.skipComment();
      else return;
    }
  }

  skipComment(): void {
    while (!this.eof && this.peek() !== '\n') this.pos++;
  }

  /** Skips to the start of the next line. */
  skipLine(): void {
    this.skipComment();
    if (!this.eof) this.pos++;
  }

  /** Rest of the line is blank or a comment. */
  expectLineEnd(): void {
    this.skipWs();
    if (this.peek() === '#') this.skipComment();
    if (!this.eof && this.peek() !== '\n') throw new TomlSyntaxError('unexpected text after value');
  }

  key(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skipWs();
      const c = this.peek();
      if (c === '"') parts.push(this.basicString());
      else if (c === "'") parts.push(this.literalString());
      else {
        const m = /^[A-Za-z0-9_-]+/.exec(this.s.slice(this.pos, this.pos + 256));
        if (!m) throw new TomlSyntaxError('expected a key');
        parts.push(m[0]);
        this.pos += m[0].length;
      }
      this.skipWs();
      if (this.peek() !== '.') return parts;
      this.pos++;
    }
  }

  basicString(): string {
    if (this.s.startsWith('"""', this.pos)) return this.multiline('"""');
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.peek();
      if (c === '' || c === '\n') throw new TomlSyntaxError('unterminated string');
      this.pos++;
      if (c === '"') return out;
      if (c === '\\') out += this.escape();
      else out += c;
    }
  }

  escape(): string {
    const e = this.peek();
    this.pos++;
    const simple: Record<string, string> = {
      b: '\b',
      t: '\t',
      n: '\n',
      f: '\f',
      r: '\r',
      '"': '"',
      '\\': '\\',
      e: '\x1b'
    };
    if (e in simple) return simple[e];
    const len = e === 'u' ? 4 : e === 'U' ? 8 : e === 'x' ? 2 : 0;
    const hex = this.s.slice(this.pos, this.pos + len);
    if (len === 0 || !new RegExp(`^[0-9A-Fa-f]{${len}}$`).test(hex)) throw new TomlSyntaxError('invalid escape');
    this.pos += len;
    const cp = parseInt(hex, 16);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new TomlSyntaxError('invalid escape');
    return String.fromCodePoint(cp);
  }

  literalString(): string {
    if (this.s.startsWith("'''", this.pos)) return this.multiline("'''");
    this.pos++;
    const end = this.s.indexOf("'", this.pos);
    const nl = this.s.indexOf('\n', this.pos);
    if (end < 0 || (nl >= 0 && nl < end)) throw new TomlSyntaxError('unterminated string');
    const out = this.s.slice(this.pos, end);
    this.pos = end + 1;
    return out;
  }

  /** Multi-line strings: content kept as written (escapes not interpreted; only skipped over). */
  multiline(delim: string): string {
    this.pos += 3;
    const start = this.pos;
    for (;;) {
      if (this.eof) throw new TomlSyntaxError('unterminated string');
      if (delim === '"""' && this.peek() === '\\') {
        this.pos += 2;
        continue;
      }
      if (this.s.startsWith(delim, this.pos)) {
        let end = this.pos;
        while (this.s[end + 3] === delim[0] && end - this.pos < 2) end++;
        const out = this.s.slice(start, end);
        this.pos = end + 3;
        return out.replace(/^\r?\n/, '');
      }
      this.pos++;
    }
  }

  value(): TomlValue {
    this.skipWs();
    const c = this.peek();
    if (c === '"') return { t: 'string', v: this.basicString() };
    if (c === "'") return { t: 'string', v: this.literalString() };
    if (c === '[') {
      this.pos++;
      const items: TomlValue[] = [];
      for (;;) {
        this.skipWs(true);
        if (this.peek() === ']') {
          this.pos++;
          return { t: 'array', items };
        }
        items.push(this.value());
        this.skipWs(true);
        if (this.peek() === ',') this.pos++;
        else if (this.peek() !== ']') throw new TomlSyntaxError('expected "," or "]" in array');
      }
    }
    if (c === '{') {
      this.pos++;
      const entries: { key: string[]; value: TomlValue }[] = [];
      this.skipWs();
      if (this.peek() === '}') {
        this.pos++;
        return { t: 'table', entries };
      }
      for (;;) {
        const key = this.key();
        if (this.peek() !== '=') throw new TomlSyntaxError('expected "=" in inline table');
        this.pos++;
        entries.push({ key, value: this.value() });
        this.skipWs();
        if (this.peek() === ',') {
          this.pos++;
          continue;
        }
        if (this.peek() === '}') {
          this.pos++;
          return { t: 'table', entries };
        }
        throw new TomlSyntaxError('expected "," or "}" in inline table');
      }
    }
    const m = /^[^\s,\]}#]+/.exec(this.s.slice(this.pos, this.pos + 256));
    if (!m) throw new TomlSyntaxError('expected a value');
    this.pos += m[0].length;
    return { t: 'other', raw: m[0] };
  }
}

const GO_TOOL_NAMES = new Set(['go', 'golang']);

/** The version text a mise tool value states (first of an array; `version` of a table). */
function miseVersionText(v: TomlValue): string | undefined {
  switch (v.t) {
    case 'string':
      return v.v;
    case 'array':
      return v.items.length > 0 ? miseVersionText(v.items[0]) : undefined;
    case 'table': {
      const e = v.entries.find((x) => x.key.length === 1 && x.key[0] === 'version');
      return e ? miseVersionText(e.value) : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * `mise.toml` / `.mise.toml`: the `go` (or `golang`) tool of the `[tools]` table, as
 * `go = "1.22.3"`, `go = ["1.22", "1.21"]` (the first), `go = { version = "1.22.3" }`,
 * `"go" = ...`, `tools.go = ...` at the top level, or a `[tools.go]` table with `version = ...`.
 * `latest`, `system`, `ref:...`, `path:...` name no particular version and are skipped (undefined);
 * `prefix:1.22` states 1.22. Lines this reader cannot parse elsewhere in the file are skipped.
 */
export function parseMiseToml(text: string, path: string): VersionDeclaration | undefined {
  const src = text.replace(/^\uFEFF/, '');
  const r = new TomlReader(src);
  let table: string[] = [];
  while (!r.eof) {
    r.skipWs(true);
    if (r.eof) break;
    const start = r.pos;
    try {
      if (r.peek() === '[') {
        const arrayTable = r.peek(1) === '[';
        r.pos += arrayTable ? 2 : 1;
        const name = r.key();
        if (r.peek() !== ']' || (arrayTable && r.peek(1) !== ']')) throw new TomlSyntaxError('expected "]"');
        r.pos += arrayTable ? 2 : 1;
        r.expectLineEnd();
        table = arrayTable ? ['[[array]]', ...name] : name;
        continue;
      }
      const key = [...table, ...r.key()];
      if (r.peek() !== '=') throw new TomlSyntaxError('expected "="');
      r.pos++;
      const valueStart = r.pos;
      const value = r.value();
      r.expectLineEnd();
      const isTool = key.length === 2 && key[0] === 'tools' && GO_TOOL_NAMES.has(key[1]);
      const isToolVersion = key.length === 3 && key[0] === 'tools' && GO_TOOL_NAMES.has(key[1]) && key[2] === 'version';
      if (!isTool && !isToolVersion) continue;
      const line = r.lineAt(start);
      const raw = miseVersionText(value);
      if (raw === undefined) {
        const written = src.slice(valueStart, r.pos).trim();
        fail(path, line, `unexpected value ${show(written)} for ${key[1]}: expected a quoted Go version like "1.22.3"`);
      }
      const word = raw.trim().replace(/^prefix:/, '');
      if (isNonVersionWord(word)) return undefined;
      const version = goVersionOf(word);
      if (!version) fail(path, line, `invalid Go version ${show(raw)}: ${EXPECTED}`);
      return { kind: 'mise.toml', file: path, line, raw, version };
    } catch (e) {
      if (!(e instanceof TomlSyntaxError)) throw e;
      // Not something this reader understands: skip the line it started on.
      r.pos = start;
      r.skipLine();
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Dockerfile

/** One logical instruction: text with continuations joined, and the source line of each char. */
interface Instruction {
  text: string;
  lines: number[];
}

/** Parser directives at the top of a Dockerfile: only `escape` matters here. */
function escapeChar(lines: string[]): string {
  for (const l of lines) {
    const m = /^\s*#\s*([A-Za-z]+)\s*=\s*(\S*)\s*$/.exec(l);
    if (!m) break;
    if (m[1].toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) return m[2];
  }
  return '\\';
}

/** Splits a Dockerfile into instructions: comments dropped, continuations joined, heredocs skipped. */
function dockerInstructions(text: string): Instruction[] {
  const lines = linesOf(text);
  const esc = escapeChar(lines);
  const out: Instruction[] = [];
  let cur: Instruction | undefined;
  const heredocs: { word: string; strip: boolean }[] = [];
  for (let i = 0; i < lines.length; i++) {
    let l = lines[i];
    if (heredocs.length > 0) {
      const h = heredocs[0];
      if ((h.strip ? l.replace(/^\t+/, '') : l) === h.word) heredocs.shift();
      continue;
    }
    // Comment lines and empty lines are dropped, also inside continuations (Docker does the same).
    if (/^\s*#/.test(l) || l.trim() === '') continue;
    const trimmedEnd = l.replace(/\s+$/, '');
    const continued = trimmedEnd.endsWith(esc);
    if (continued) l = trimmedEnd.slice(0, -1);
    if (cur === undefined) cur = { text: '', lines: [] };
    cur.text += l;
    for (let k = 0; k < l.length; k++) cur.lines.push(i + 1);
    if (continued) {
      cur.lines.push(i + 1);
      cur.text += ' ';
      continue;
    }
    out.push(cur);
    if (/^\s*(RUN|COPY|ADD)\s/i.test(cur.text)) {
      for (const m of cur.text.matchAll(/<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g)) {
        heredocs.push({ word: m[3], strip: m[1] === '-' });
      }
    }
    cur = undefined;
  }
  if (cur) out.push(cur);
  return out;
}

/** Words of an instruction with their start offsets (quotes kept; whitespace splits). */
function words(text: string): { w: string; at: number }[] {
  const out: { w: string; at: number }[] = [];
  for (const m of text.matchAll(/\S+/g)) out.push({ w: m[0], at: m.index ?? 0 });
  return out;
}

function unquote(s: string): string {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) return s.slice(1, -1);
  return s;
}

/**
 * Docker's variable expansion for `$VAR`, `${VAR}`, `${VAR:-word}`, `${VAR-word}`, `${VAR:+word}`,
 * `${VAR+word}`. Undefined when a variable is unknown (Docker would use the empty string or a
 * --build-arg we cannot see) or the form is not supported.
 */
export function expandDockerVars(s: string, vars: ReadonlyMap<string, string>): string | undefined {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && s[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    if (c !== '$') {
      out += c;
      continue;
    }
    if (s[i + 1] === '{') {
      const end = s.indexOf('}', i + 2);
      if (end < 0) return undefined;
      const body = s.slice(i + 2, end);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])(.*))?$/.exec(body);
      if (!m) return undefined;
      const [, name, op, word] = m;
      const val = vars.get(name);
      if (op === undefined) {
        if (val === undefined) return undefined;
        out += val;
      } else {
        const set = op.startsWith(':') ? val !== undefined && val !== '' : val !== undefined;
        const plus = op.endsWith('+');
        if (plus) out += set ? (expandDockerVars(word, vars) ?? '') : '';
        else if (set) out += val;
        else {
          const w = expandDockerVars(word, vars);
          if (w === undefined) return undefined;
          out += w;
        }
      }
      i = end;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i + 1));
    if (!m) {
      out += c;
      continue;
    }
    const val = vars.get(m[0]);
    if (val === undefined) return undefined;
    out += val;
    i += m[0].length;
  }
  return out;
}

/** `golang:<tag>` image -> the Go version of its tag, or undefined when it names none. */
export function golangImageVersion(image: string): string | undefined {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const slash = name.lastIndexOf('/');
  const colon = name.indexOf(':', slash + 1);
  const repo = colon >= 0 ? name.slice(0, colon) : name;
  const tag = colon >= 0 ? name.slice(colon + 1) : '';
  if (repo !== 'golang' && !repo.endsWith('/golang')) return undefined;
  // The version is the tag up to its first "-" (the variant: alpine, bookworm, windowsservercore-...).
  const dash = tag.indexOf('-');
  const version = dash >= 0 ? tag.slice(0, dash) : tag;
  return VERSION_RE.test(version) ? version : undefined;
}

/**
 * Every `FROM` of a `golang` image (`golang`, `docker.io/library/golang`, `mirror.gcr.io/golang`,
 * `public.ecr.aws/docker/library/golang`, any `<registry>/.../golang`) whose tag states a Go
 * version: `1.22`, `1.22.3`, `1.22-alpine`, `1.22.3-bookworm`, `1.22rc1-alpine`,
 * `1.22@sha256:...`. Handles `--platform=` flags, `AS name`, continuations (and the `escape`
 * directive), lowercase instructions, comments, and `$VAR` / `${VAR}` / `${VAR:-default}` from
 * `ARG` defaults declared before the first FROM (Docker's rule: later ARGs do not reach FROM).
 * `raw` is the image reference as written; `line` is the line where it is written.
 */
export function parseDockerfile(text: string, path: string): VersionDeclaration[] {
  const out: VersionDeclaration[] = [];
  const globalArgs = new Map<string, string>();
  let seenFrom = false;
  for (const ins of dockerInstructions(text)) {
    const ws = words(ins.text);
    if (ws.length === 0) continue;
    const op = ws[0].w.toUpperCase();
    if (op === 'ARG' && !seenFrom) {
      for (const { w } of ws.slice(1)) {
        const eq = w.indexOf('=');
        if (eq < 0) continue; // no default: the value comes from --build-arg, unknown here
        const value = expandDockerVars(unquote(w.slice(eq + 1)), globalArgs);
        if (value !== undefined) globalArgs.set(w.slice(0, eq), value);
      }
      continue;
    }
    if (op !== 'FROM') continue;
    seenFrom = true;
    const image = ws.slice(1).find((x) => !x.w.startsWith('--'));
    if (!image) continue;
    const expanded = expandDockerVars(image.w, globalArgs);
    if (expanded === undefined) continue;
    const version = golangImageVersion(expanded);
    if (version === undefined) continue;
    out.push({ kind: 'Dockerfile', file: path, line: ins.lines[image.at] ?? ins.lines[0], raw: image.w, version });
  }
  return out;
}
