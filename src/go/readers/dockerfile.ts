/**
 * Dockerfile `FROM golang:<tag>` instructions: which Go each build stage starts from. Pure.
 * Statements that name no particular Go version are skipped, not errors: `golang:alpine`,
 * `golang:1-alpine` (major only), `golang@sha256:...`, and variables without a default.
 */
import type { VersionDeclaration } from '../types.js';
import { GO_VERSION_RE } from '../gover.js';
import { asWritten, linesOf } from './common.js';

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

/**
 * An image reference as kept for the report, at most 40 characters: a longer one loses its registry
 * path first (`…/golang:1.22.4-alpine`), then its end.
 */
function shortImage(ref: string): string {
  if (ref.length <= 40) return asWritten(ref);
  const slash = ref.split('@')[0].lastIndexOf('/');
  return asWritten(slash > 0 ? `…/${ref.slice(slash + 1)}` : ref);
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
  return GO_VERSION_RE.test(version) ? version : undefined;
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
    out.push({
      kind: 'Dockerfile',
      file: path,
      line: ins.lines[image.at] ?? ins.lines[0],
      raw: shortImage(image.w),
      version
    });
  }
  return out;
}
