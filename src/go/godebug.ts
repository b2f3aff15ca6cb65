/**
 * GODEBUG as the go command applies it, over the generated tables (godebug-table.ts). Pure.
 *
 * - `godebug` lines of go.mod / go.work: cmd/go/internal/modload CheckGodebug (Go 1.23+). Go 1.21
 *   and 1.22 parse no `godebug` line ("unknown directive: godebug", x/mod modfile of that release).
 *   cmd/go checks go.work's lines in workspace mode and go.mod's only outside it.
 * - `//go:debug` directives: cmd/go/internal/load ParseGoDebug, checked by work.checkDirectives for
 *   every package built ("invalid //go:debug: ...", "repeated //go:debug for K"); Go 1.21 and 1.22
 *   have their own checks (no `default=`), Go before 1.21 ignores the directives.
 * - Removed settings: Go 1.24 and 1.25 no longer list x509sha1 and tlskyber, so they are unknown;
 *   Go 1.26's `Removed` list refuses x509sha1 with any value; Go 1.27's refuses only the old
 *   values ("removed GODEBUG ... set to old value ...") and accepts the final ones. These follow
 *   from each release's own table, not from version checks here.
 * - DefaultGODEBUG: load.defaultGODEBUG / godebugForGoVersion, for a main package.
 */
import {
  GODEBUG_SETTINGS,
  GODEBUG_TABLES,
  type GodebugInfo,
  type GodebugRemovedInfo,
  type GodebugSetting,
  type GodebugTable
} from './godebug-table.js';
import { compareGo, isValidGo, lang } from './gover.js';
import { goDebugDirectives, type SourceHeader } from './source-header.js';
import { clipContent, quoteContent } from '../text.js';

/** The key and value of a `godebug` line or a `//go:debug` directive. */
export interface GodebugPair {
  key: string;
  value: string;
}

/** The GODEBUG table a Go release uses. */
export interface ResolvedGodebugTable {
  /** the first release of the GODEBUG_TABLES entry used */
  release: string;
  /**
   * `read`: the release is one of the entry's releases; `line`: another release of its minor line
   * (the newest one before it, or the line's first); `newer`: its line was never read, so the newest
   * table stands in and a key it does not know cannot be called unknown
   */
  match: 'read' | 'line' | 'newer';
  /** internal/godebugs.All, by name */
  all: ReadonlyMap<string, GodebugInfo>;
  /** internal/godebugs.Removed, by name; absent when the release has no such list */
  removed?: ReadonlyMap<string, GodebugRemovedInfo>;
}

/** Whether Go refuses a setting, and what it says. */
export type GodebugVerdict =
  | { kind: 'ok' }
  /** the Go refuses it; `reason` is Go's message */
  | { kind: 'break'; reason: string }
  /** the Go's table was not read (a minor newer than the data) and does not know the key */
  | { kind: 'unverified'; reason: string };

/** A `//go:debug` directive that fails a build (`go build`) or only `go test` (a `_test.go` file). */
export interface GoDebugDirectiveBreak {
  file: string;
  line: number;
  /** Go's message after `file:line:col: ` */
  reason: string;
  when: 'build' | 'test';
  /** for a repeated key: the directive that set it first */
  previous?: { file: string; line: number };
}

/** One Go file of a package directory, with its header (source-header.ts readSourceHeader). */
export interface GoSourceFile {
  /** repository-relative path */
  file: string;
  header: SourceHeader;
}

/** What overrides the go line's GODEBUG defaults of a main package. */
export interface GodebugOverrides {
  /** the go.work's `godebug` lines when a workspace is used: then go.mod's lines are ignored */
  work?: readonly GodebugPair[];
  /** the main module's go.mod `godebug` lines */
  mod?: readonly GodebugPair[];
  /** the main package's `//go:debug` directives in Go's order (see goDebugOverrides) */
  directives?: readonly GodebugPair[];
  /** GOFIPS140 is set to something other than `off` (Go 1.24+: fips140=on) */
  fips140?: boolean;
}

/** DefaultGODEBUG of a main package, as `go list -f '{{.DefaultGODEBUG}}'` prints it. */
export interface DefaultGodebug {
  /** "k=v,k=v" sorted by key; "" when nothing differs */
  value: string;
  settings: Readonly<Record<string, string>>;
  /** the explicit settings (fips140, godebug lines, //go:debug) in effect, `default=` taken out */
  pinned: Readonly<Record<string, string>>;
  /** the Go version the defaults are for: the go line, or a `default=goV` */
  defaultsFor: string;
  table: Pick<ResolvedGodebugTable, 'release' | 'match'>;
}

/** A toolchain, go line and overrides: what decides a program's GODEBUG. */
export interface GodebugBuild {
  toolchain: string;
  goLine: string;
  overrides?: GodebugOverrides;
}

export type GodebugFlipCause =
  'toolchain' | 'go-line' | 'godebug-default' | 'pin-added' | 'pin-removed' | 'pin-changed' | 'removed';

/** A setting whose effective value differs between two builds. */
export interface GodebugFlip {
  name: string;
  package: string;
  /** the value before; undefined: the toolchain's own default (new behaviour) */
  old: string | undefined;
  /** the value after; undefined: the toolchain's own default, or the setting is removed */
  new: string | undefined;
  /** the release that changed the default ("1.23"), removed the setting, or (no change) added it */
  release: string;
  /** that release's section of go.dev/doc/godebug */
  link: string;
  /** that release's notes */
  notes: string;
  /** the step that made the change: toolchain, then go line, then godebug/`//go:debug` lines */
  why: GodebugFlipCause;
}

const SETTINGS = new Map<string, GodebugSetting>(GODEBUG_SETTINGS.map((s) => [s.name, s]));

/** The row of one setting over every release read, or undefined for a name no table lists. */
export function godebugSetting(name: string): GodebugSetting | undefined {
  return SETTINGS.get(name);
}

/** go.dev/doc/godebug's section for Go 1.`minor`, the anchor cmd/go links to ("#go-124"). */
export function godebugLink(minor: number): string {
  return `https://go.dev/doc/godebug#go-1${minor}`;
}

/** The release notes of Go 1.`minor`. */
export function releaseNotesLink(minor: number): string {
  return `https://go.dev/doc/go1.${minor}`;
}

/** The tables grouped by minor line, oldest first. */
const LINES: readonly { lang: string; tables: readonly GodebugTable[] }[] = (() => {
  const out: { lang: string; tables: GodebugTable[] }[] = [];
  for (const t of GODEBUG_TABLES) {
    const l = lang(t.releases[0]);
    const last = out[out.length - 1];
    if (last && last.lang === l) last.tables.push(t);
    else out.push({ lang: l, tables: [t] });
  }
  return out;
})();

const resolved = new Map<GodebugTable, ResolvedGodebugTable>();

/** The complete table of entry `index` of a line: its line's first table amended up to it. */
function fold(line: (typeof LINES)[number], index: number, match: ResolvedGodebugTable['match']): ResolvedGodebugTable {
  const t = line.tables[index];
  let r = resolved.get(t);
  if (!r) {
    const all = new Map<string, GodebugInfo>();
    for (const step of line.tables.slice(0, index + 1)) {
      if (step.amends === undefined) all.clear();
      for (const row of step.rows) all.set(row.name, row);
      for (const name of step.dropped ?? []) all.delete(name);
    }
    r = {
      release: t.releases[0],
      match: 'read',
      all,
      ...(t.removed ? { removed: new Map(t.removed.map((x) => [x.name, x])) } : {})
    };
    resolved.set(t, r);
  }
  return r.match === match ? r : { ...r, match };
}

/**
 * The GODEBUG table Go `goVersion` uses: the newest table of its minor line at or before it (the
 * line's first for an earlier prerelease or a bare language version), or the newest table of all
 * for a minor newer than the data. Undefined before Go 1.21, which has no GODEBUG table.
 */
export function godebugTable(goVersion: string): ResolvedGodebugTable | undefined {
  if (!isValidGo(goVersion) || compareGo(goVersion, '1.21') < 0) return undefined;
  const l = lang(goVersion);
  const line = LINES.find((x) => x.lang === l);
  if (!line) {
    const newest = LINES[LINES.length - 1];
    if (compareGo(l, newest.lang) < 0) return undefined;
    return fold(newest, newest.tables.length - 1, 'newer');
  }
  let index = 0;
  line.tables.forEach((t, i) => {
    if (compareGo(t.releases[0], goVersion) <= 0) index = i;
  });
  const read = line.tables[index].releases.some((r) => compareGo(r, goVersion) === 0);
  return fold(line, index, read ? 'read' : 'line');
}

/**
 * CheckGodebug of Go 1.23+ (and ParseGoDebug's checks of 1.21/1.22, which know no `default=`):
 * spaces and commas, `default=goV` (valid, not newer than the Go), then the Go's table. `verb` is
 * Go's word for the setting: "godebug" or "//go:debug setting".
 */
function checkSetting(checkedGo: string, verb: string, { key, value }: GodebugPair): GodebugVerdict {
  const table = godebugTable(checkedGo);
  if (!table) return { kind: 'ok' };
  if (/[ \t]/.test(key)) return { kind: 'break', reason: 'key contains space' };
  if (/[ \t]/.test(value)) return { kind: 'break', reason: 'value contains space' };
  if (key.includes(',')) return { kind: 'break', reason: 'key contains comma' };
  if (value.includes(',')) return { kind: 'break', reason: 'value contains comma' };
  if (key === 'default' && compareGo(checkedGo, '1.23') >= 0) {
    const v = value.startsWith('go') ? value.slice(2) : undefined;
    if (v === undefined || !isValidGo(v)) return { kind: 'break', reason: 'value for default= must be goVERSION' };
    if (compareGo(v, checkedGo) > 0)
      return { kind: 'break', reason: `default=${clipContent(value)} too new (toolchain is go${checkedGo})` };
    return { kind: 'ok' };
  }
  if (table.all.has(key)) return { kind: 'ok' };
  const removed = table.removed?.get(key);
  if (removed) {
    const link = godebugLink(removed.removed);
    if (removed.old === undefined)
      return { kind: 'break', reason: `use of removed ${verb} ${quoteContent(key)}, see ${link}` };
    if (removed.old.includes(value))
      return {
        kind: 'break',
        reason: `removed GODEBUG ${quoteContent(key)} set to old value ${quoteContent(value)} (${link})`
      };
    return { kind: 'ok' };
  }
  if (table.match === 'newer') {
    const newest = `Go ${table.release}, the newest table read`;
    return { kind: 'unverified', reason: `${quoteContent(key)} is unknown to ${newest} (not Go ${checkedGo}'s)` };
  }
  return { kind: 'break', reason: `unknown ${verb} ${quoteContent(key)}` };
}

/**
 * A `godebug key=value` line of a go.mod or go.work under Go `checkedGo`, as cmd/go loads it:
 * before Go 1.23 any such line is refused ("unknown directive: godebug"); from 1.23, CheckGodebug.
 */
export function checkGodebugLine(checkedGo: string, pair: GodebugPair): GodebugVerdict {
  if (!isValidGo(checkedGo)) return { kind: 'ok' };
  if (compareGo(checkedGo, '1.23') < 0) return { kind: 'break', reason: 'unknown directive: godebug' };
  return checkSetting(checkedGo, 'godebug', pair);
}

/**
 * One `//go:debug key=value` directive under Go `checkedGo` (ParseGoDebug): ignored before Go 1.21;
 * from 1.21 the key and value rules, the reason prefixed as Go prints it ("invalid //go:debug: ...").
 */
export function checkGoDebugDirective(checkedGo: string, pair: GodebugPair): GodebugVerdict {
  if (!isValidGo(checkedGo) || compareGo(checkedGo, '1.21') < 0) return { kind: 'ok' };
  const v = checkSetting(checkedGo, '//go:debug setting', pair);
  return v.kind === 'ok' ? v : { ...v, reason: `invalid //go:debug: ${v.reason}` };
}

const byPath = (a: GoSourceFile, b: GoSourceFile): number => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

/** A package directory's files as go/build splits them: package files, `_test.go` of the package, `_test` package. */
function splitFiles(files: readonly GoSourceFile[]): Record<'pkg' | 'test' | 'xtest', GoSourceFile[]> {
  const out: Record<'pkg' | 'test' | 'xtest', GoSourceFile[]> = { pkg: [], test: [], xtest: [] };
  for (const f of [...files].sort(byPath)) {
    if (!f.file.endsWith('_test.go')) out.pkg.push(f);
    else if (f.header.packageName?.endsWith('_test')) out.xtest.push(f);
    else out.test.push(f);
  }
  return out;
}

/**
 * The `//go:debug` breaks of one package directory under Go `checkedGo`, as work.checkDirectives
 * reports them for every package built (main or not): each invalid directive, and each key set a
 * second time in the package (`go build`: its non-test files, by file name; `go test`: those and
 * its `_test.go` files; the `_test` package on its own). Files are the directory's Go files that
 * the build includes (build constraints are the caller's business). Empty before Go 1.21.
 */
export function checkPackageGoDebug(checkedGo: string, files: readonly GoSourceFile[]): GoDebugDirectiveBreak[] {
  if (!isValidGo(checkedGo) || compareGo(checkedGo, '1.21') < 0) return [];
  const { pkg, test, xtest } = splitFiles(files);
  const out: GoDebugDirectiveBreak[] = [];
  const pass = (list: GoSourceFile[], when: 'build' | 'test', report: (f: GoSourceFile) => boolean): void => {
    const seen = new Map<string, { file: string; line: number }>();
    for (const f of list) {
      for (const d of goDebugDirectives(f.header)) {
        const at = { file: f.file, line: d.line };
        if (!d.ok) {
          if (report(f)) out.push({ ...at, reason: `invalid //go:debug: ${d.reason}`, when });
          continue;
        }
        const v = checkGoDebugDirective(checkedGo, d);
        if (v.kind === 'break') {
          if (report(f)) out.push({ ...at, reason: v.reason, when });
          continue;
        }
        const previous = seen.get(d.key);
        if (previous) {
          if (report(f)) out.push({ ...at, reason: `repeated //go:debug for ${clipContent(d.key)}`, when, previous });
          continue;
        }
        seen.set(d.key, at);
      }
    }
  };
  pass(pkg, 'build', () => true);
  const isTest = (f: GoSourceFile): boolean => f.file.endsWith('_test.go');
  pass([...pkg, ...test], 'test', isTest);
  pass(xtest, 'test', isTest);
  return out;
}

/**
 * The `//go:debug` key=value pairs of a main package in the order defaultGODEBUG applies them (the
 * package's files by name; with `tests`, then its `_test.go` files, then the `_test` package's).
 * Malformed ones are left out; defaultGodebug drops those its toolchain refuses.
 */
export function goDebugOverrides(files: readonly GoSourceFile[], options: { tests?: boolean } = {}): GodebugPair[] {
  const { pkg, test, xtest } = splitFiles(files);
  const out: GodebugPair[] = [];
  for (const f of options.tests ? [...pkg, ...test, ...xtest] : pkg) {
    for (const d of goDebugDirectives(f.header)) if (d.ok) out.push({ key: d.key, value: d.value });
  }
  return out;
}

/** godebugForGoVersion: the old values for every setting whose default changed after go version `v`. */
function defaultsForGoVersion(v: string, table: ResolvedGodebugTable): Record<string, string> | undefined {
  // Go's own string handling: "1.22.3" -> "1.22"; anything but "1.<int>" (1.21rc1, 2.0) gets none.
  const dots = v.split('.').length - 1;
  if (dots >= 2) v = v.slice(0, v.indexOf('.', v.indexOf('.') + 1));
  if (!v.startsWith('1.') || !/^[+-]?[0-9]+$/.test(v.slice(2))) return undefined;
  const n = Number(v.slice(2));
  const def: Record<string, string> = {};
  for (const info of table.all.values()) if (n < (info.changed ?? 0)) def[info.name] = info.old ?? '';
  return def;
}

/**
 * DefaultGODEBUG of a main package built by `toolchain` under go line `goLine` (go.work's in a
 * workspace; "1.16" for a go.mod without one), exactly as load.defaultGODEBUG computes it: the
 * explicit settings (fips140, the godebug lines, the `//go:debug` lines the toolchain accepts),
 * `default=goV` replacing the go line, then the old value of every setting whose default changed
 * after that version, under the explicit ones. As in Go, explicit settings are listed even when
 * they equal the default (golang/go#70245), and a go line below 1.20 is not raised to 1.20.
 * Undefined for a toolchain before Go 1.21, which has no DefaultGODEBUG.
 */
export function defaultGodebug(
  toolchain: string,
  goLine: string,
  overrides: GodebugOverrides = {}
): DefaultGodebug | undefined {
  const table = godebugTable(toolchain);
  if (!table) return undefined;
  const m = new Map<string, string>();
  if (overrides.fips140 && compareGo(toolchain, '1.24') >= 0) m.set('fips140', 'on');
  if (compareGo(toolchain, '1.23') >= 0) {
    for (const g of overrides.work ?? overrides.mod ?? []) m.set(g.key, g.value);
  }
  for (const d of overrides.directives ?? []) {
    if (checkGoDebugDirective(toolchain, d).kind !== 'break') m.set(d.key, d.value);
  }
  let goVersion = goLine;
  const def = m.get('default');
  if (def !== undefined && compareGo(toolchain, '1.23') >= 0) {
    m.delete('default');
    const v = def.startsWith('go') ? def.slice(2) : def;
    if (isValidGo(v)) goVersion = v;
  }
  const pinned = Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const defaults = defaultsForGoVersion(goVersion, table);
  const all = defaults ? { ...defaults, ...pinned } : pinned;
  const keys = Object.keys(all).sort();
  const settings = Object.fromEntries(keys.map((k) => [k, all[k]]));
  return {
    value: keys.map((k) => `${k}=${all[k]}`).join(','),
    settings,
    pinned,
    defaultsFor: goVersion,
    table: { release: table.release, match: table.match }
  };
}

/** A setting's effective value in one build: explicit or old (a string), the toolchain's default, or removed. */
interface SettingState {
  value: string | undefined;
  pinned: string | undefined;
  removed: boolean;
}

/** The state of every setting under one build. */
function settingStates(b: GodebugBuild): Map<string, SettingState> {
  const dg = defaultGodebug(b.toolchain, b.goLine, b.overrides);
  const out = new Map<string, SettingState>();
  for (const s of GODEBUG_SETTINGS) {
    const pinned = dg?.pinned[s.name];
    if (s.removed !== undefined && compareGo(b.toolchain, `1.${s.removed}`) >= 0) {
      out.set(s.name, { value: undefined, pinned: undefined, removed: true });
    } else if (pinned !== undefined) {
      out.set(s.name, { value: pinned, pinned, removed: false });
    } else if (s.changed !== undefined && compareGo(b.toolchain, `1.${s.changed}`) < 0) {
      // A toolchain before the change behaves as before it, whether or not its own table lists the
      // setting (Go 1.22's lists gotypesalias without Changed: its default was still the old one).
      out.set(s.name, { value: s.old, pinned: undefined, removed: false });
    } else {
      out.set(s.name, { value: dg?.settings[s.name], pinned: undefined, removed: false });
    }
  }
  return out;
}

/** Whether two states behave alike: same value, or a removal meeting the final (non-old) behaviour. */
function sameBehaviour(s: GodebugSetting, a: SettingState, b: SettingState): boolean {
  if (a.removed && b.removed) return true;
  if (a.removed || b.removed) {
    const other = a.removed ? b : a;
    const oldValues = s.refused ?? (s.old !== undefined ? [s.old] : []);
    return other.value === undefined || !oldValues.includes(other.value);
  }
  return a.value === b.value;
}

/**
 * The settings whose effective value differs between `base` and `head` (toolchain, go line and
 * overrides each), sorted by name, with the step that made each change: the toolchain raised (or a
 * setting it removed), then the go line, then the godebug/`//go:debug` lines (`default=`, or a pin
 * added, removed or changed). A toolchain older than a setting's change behaves as before it. A
 * patch release before a backported setting (go1.24.0 for httpcookiemaxnum, added in 1.24.8) is taken
 * to have the toolchain default: the tables cannot tell whether a backport brought the behaviour or
 * only the setting.
 */
export function godebugFlips(base: GodebugBuild, head: GodebugBuild): GodebugFlip[] {
  const steps: { build: GodebugBuild; cause: 'toolchain' | 'go-line' | 'overrides' }[] = [
    { build: { ...base, toolchain: head.toolchain }, cause: 'toolchain' },
    { build: { ...base, toolchain: head.toolchain, goLine: head.goLine }, cause: 'go-line' },
    { build: head, cause: 'overrides' }
  ];
  const states = [settingStates(base), ...steps.map((s) => settingStates(s.build))];
  const out: GodebugFlip[] = [];
  for (const s of GODEBUG_SETTINGS) {
    const chain = states.map((m) => m.get(s.name) as SettingState);
    const first = chain[0];
    const last = chain[chain.length - 1];
    if (sameBehaviour(s, first, last)) continue;
    let step = steps.length - 1;
    while (step > 0 && sameBehaviour(s, chain[step], chain[step + 1])) step--;
    const before = chain[step];
    const after = chain[step + 1];
    let why: GodebugFlipCause;
    if (steps[step].cause === 'toolchain') why = after.removed && !before.removed ? 'removed' : 'toolchain';
    else if (steps[step].cause === 'go-line') why = 'go-line';
    else if (before.pinned === after.pinned) why = 'godebug-default';
    else why = before.pinned === undefined ? 'pin-added' : after.pinned === undefined ? 'pin-removed' : 'pin-changed';
    const minor = why === 'removed' ? (s.removed as number) : (s.changed ?? s.since);
    out.push({
      name: s.name,
      package: s.package,
      old: first.value,
      new: last.value,
      release: `1.${minor}`,
      link: godebugLink(minor),
      notes: releaseNotesLink(minor),
      why
    });
  }
  return out;
}
