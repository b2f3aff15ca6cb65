/**
 * The files a bump left behind: on the head side, every statement of the old version of a module
 * that moved. A statement is left behind when it names the minor of a version the base stated for
 * that module (its go line, its toolchain line, or the Go that built it) and is older, at its own
 * precision, than the Go that builds it now: `golang:1.21-alpine` and `.go-version 1.21.5` are left
 * behind by a move from go 1.21 to go 1.23; `golang:1.19` was behind before the bump (the
 * version-files check reports it as drift), and `golang:1.23` or `golang:1.24` are not behind.
 *
 * For each moved module: the version files, Dockerfiles and workflows that build it (the nearest
 * go.mod, else the root's); for the root, also the go and toolchain lines of the other go.mod and
 * go.work files that still state the root's old lines. Statements the pull request changed are not
 * left behind (they are in `declarations`). Pure.
 */
import type { ModFile, VersionDeclaration } from '../go/types.js';
import { compareGo, fromToolchain, isValidGo, lang } from '../go/gover.js';
import { clipContent } from '../text.js';
import type { AuditLeftBehind } from './types.js';

/** A module that moved, as the left-behind rule needs it. */
export interface MovedModule {
  /** its head path */
  path: string;
  /** versions the base stated for it: go line, toolchain line's version, the Go that built it */
  old: string[];
  /** the Go that builds it now (or its go line when unresolved) */
  now: string;
  /** the head declarations that build it */
  declarations: readonly VersionDeclaration[];
  /** the root: also the go/toolchain lines of the other modules */
  root?: { oldGo?: string; newGo?: string; oldToolchain?: string; newToolchain?: string; others: readonly ModFile[] };
}

const LANG_ONLY = /^\d+\.\d+$/;

/** Names the minor of one of `old`. */
function statesOld(stated: string, old: readonly string[]): boolean {
  if (!isValidGo(stated) || /^\d+$/.test(stated)) return false;
  const minor = lang(stated);
  return old.some((o) => isValidGo(o) && lang(o) === minor);
}

/** Older than `now` at the precision it states (`1.22` against a minor, `1.22.3` against a release). */
function olderAtPrecision(stated: string, now: string): boolean {
  if (!isValidGo(stated) || !isValidGo(now)) return false;
  if (LANG_ONLY.test(stated)) return compareGo(lang(stated), lang(now)) < 0;
  return compareGo(stated, now) < 0;
}

function behind(stated: string, old: readonly string[], now: string): boolean {
  return statesOld(stated, old) && olderAtPrecision(stated, now);
}

/** Every statement on the head side that still states a moved module's old version. */
export function leftBehind(moved: readonly MovedModule[], changed: ReadonlySet<string>): AuditLeftBehind[] {
  const out: AuditLeftBehind[] = [];
  const seen = new Set<string>();
  const push = (e: AuditLeftBehind): void => {
    const k = `${e.file}:${e.line}:${e.directive ?? ''}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push(e);
  };
  for (const m of moved) {
    for (const d of m.declarations) {
      if (changed.has(`${d.file}:${d.line}`) || !behind(d.version, m.old, m.now)) continue;
      push({ file: d.file, line: d.line, kind: d.kind, raw: d.raw, states: d.version, module: m.path, movedTo: m.now });
    }
    const r = m.root;
    if (!r) continue;
    for (const o of r.others) {
      if (o.go && r.oldGo && r.newGo && behind(o.go.value, [r.oldGo], r.newGo)) {
        push({
          file: o.path,
          line: o.go.line,
          kind: o.kind,
          directive: 'go',
          raw: `go ${clipContent(o.go.value)}`,
          states: o.go.value,
          module: m.path,
          movedTo: r.newGo
        });
      }
      const tc = o.toolchain ? fromToolchain(o.toolchain.value) : undefined;
      if (o.toolchain && tc && r.oldToolchain && r.newToolchain && behind(tc, [r.oldToolchain], r.newToolchain)) {
        push({
          file: o.path,
          line: o.toolchain.line,
          kind: o.kind,
          directive: 'toolchain',
          raw: `toolchain ${clipContent(o.toolchain.value)}`,
          states: tc,
          module: m.path,
          movedTo: r.newToolchain
        });
      }
    }
  }
  return out;
}
