/**
 * The header of a Go source file: the comments before the package clause, and the package name.
 * go/build reads the `//go:` directives of this header (readGoInfo: every `//go:` line comment
 * before the `package` keyword; block comments never hold one), and cmd/go takes `//go:debug`
 * directives from them only. Reading stops at the package clause, so callers need only the first
 * bytes of a file (HEADER_BYTES). Pure.
 */

/** Bytes of a file that hold its header in practice (licence comments included). */
export const HEADER_BYTES = 16 * 1024;

export interface HeaderDirective {
  /** the comment as written, e.g. "//go:debug panicnil=1" (trailing blanks removed) */
  text: string;
  /** 1-based line */
  line: number;
}

export interface SourceHeader {
  /** the package name; undefined when the text has no package clause (in the bytes given) */
  packageName?: string;
  /** the line of the package clause */
  packageLine?: number;
  /** every `//go:` line comment before the package clause, in order */
  directives: HeaderDirective[];
}

const IDENT = /^[\p{L}_][\p{L}\p{Nd}_]*/u;

/** Reads the header of a Go file (or of its first bytes). Never throws. */
export function readSourceHeader(text: string): SourceHeader {
  const s = text.replace(/^\uFEFF/, '');
  const directives: HeaderDirective[] = [];
  let i = 0;
  let line = 1;
  while (i < s.length) {
    const c = s[i];
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (s.startsWith('//', i)) {
      const end = s.indexOf('\n', i);
      const comment = (end < 0 ? s.slice(i) : s.slice(i, end)).replace(/[\s]+$/, '');
      if (comment.startsWith('//go:')) directives.push({ text: comment, line });
      i = end < 0 ? s.length : end;
      continue;
    }
    if (s.startsWith('/*', i)) {
      const end = s.indexOf('*/', i + 2);
      if (end < 0) return { directives };
      for (let j = i; j < end; j++) if (s[j] === '\n') line++;
      i = end + 2;
      continue;
    }
    // The first token that is not a comment: the package clause, or something Go would reject.
    if (!s.startsWith('package', i) || IDENT.exec(s.slice(i, i + 8))?.[0] !== 'package') return { directives };
    const packageLine = line;
    let j = i + 'package'.length;
    // Blanks, newlines and comments may sit between the keyword and the name (Go inserts no
    // semicolon after `package`).
    for (;;) {
      while (j < s.length && /\s/.test(s[j])) j++;
      if (s.startsWith('//', j)) {
        const end = s.indexOf('\n', j);
        if (end < 0) return { directives };
        j = end;
        continue;
      }
      if (s.startsWith('/*', j)) {
        const end = s.indexOf('*/', j + 2);
        if (end < 0) return { directives };
        j = end + 2;
        continue;
      }
      break;
    }
    const name = IDENT.exec(s.slice(j, j + 256))?.[0];
    return name ? { packageName: name, packageLine, directives } : { directives };
  }
  return { directives };
}

/** A `//go:debug key=value` directive, as cmd/go's ParseGoDebug splits it. */
export type GoDebugDirective =
  { ok: true; key: string; value: string; line: number } | { ok: false; reason: string; line: number };

/**
 * The `//go:debug` directives of a header, split exactly as cmd/go/internal/load.ParseGoDebug
 * does: a comment starting with `//go:debug` is one when it has a blank, and `key=value` is what
 * follows the first blank (so `//go:debugx a=1` counts as `a=1`, as in Go); `//go:debug` alone or
 * without `=` is an error. Key and value checks beyond the split (spaces, commas, known settings:
 * modload.CheckGodebug) are the godebug rules' business.
 */
export function goDebugDirectives(header: SourceHeader): GoDebugDirective[] {
  const out: GoDebugDirective[] = [];
  for (const d of header.directives) {
    if (!d.text.startsWith('//go:debug')) continue;
    const blank = d.text.search(/[ \t]/);
    if (blank < 0) {
      if (d.text.trim() === '//go:debug') out.push({ ok: false, reason: 'missing key=value', line: d.line });
      continue;
    }
    const rest = d.text.slice(blank).trim();
    const eq = rest.indexOf('=');
    if (eq < 0) {
      out.push({ ok: false, reason: 'missing key=value', line: d.line });
      continue;
    }
    out.push({ ok: true, key: rest.slice(0, eq), value: rest.slice(eq + 1), line: d.line });
  }
  return out;
}
