/**
 * What a bump does to the GODEBUG defaults of a module's main packages: the settings whose effective
 * value flips (go/godebug.ts godebugFlips over the base and head builds: toolchain, go line,
 * `godebug` lines and each package's `//go:debug` lines), the settings a `godebug` line keeps at
 * their old value (they would flip without it), and the packages whose own `//go:debug` lines give
 * them other flips.
 *
 * When the installed Go answered `go list -f '{{.DefaultGODEBUG}}'` for a package under the base's
 * and the head's lines (default-godebug.ts), its answer replaces the tables for the part that comes
 * from the go line and the godebug lines (DefaultGODEBUG already applies every override); the part
 * that only the toolchain changes (a setting the new toolchain removed) still comes from the
 * tables, since one toolchain cannot answer for another. An answer is used only for a package whose
 * `//go:debug` lines are the same on both sides (the base's answer is computed over the head's
 * files). Pure.
 */
import type { Located } from '../go/types.js';
import {
  defaultGodebug,
  godebugFlips,
  godebugLink,
  godebugSetting,
  goDebugOverrides,
  releaseNotesLink,
  type GodebugBuild,
  type GodebugFlip,
  type GodebugOverrides,
  type GodebugPair,
  type GoSourceFile
} from '../go/godebug.js';
import { clipContent } from '../text.js';
import type { AuditFlip, AuditGodebug, AuditHeld, DefaultGodebugAnswer } from './types.js';

/** The lines that decide a side's GODEBUG: toolchain, go line, and the `godebug` lines of one file. */
export interface GodebugSide {
  toolchain: string;
  goLine: string;
  /** the go.work (workspace) or go.mod whose `godebug` lines apply */
  file: string;
  work: boolean;
  entries: readonly Located<GodebugPair>[];
}

/** A main package of the module on the head side, with its files on both sides. */
export interface GodebugPackage {
  dir: string;
  head: readonly GoSourceFile[];
  /** absent: the package is new */
  base?: readonly GoSourceFile[];
}

function overridesOf(side: GodebugSide, directives: GodebugPair[] = []): GodebugOverrides {
  const pairs = side.entries.map((e) => e.value);
  return {
    ...(side.work ? { work: pairs } : { mod: pairs }),
    ...(directives.length > 0 ? { directives } : {})
  };
}

function build(side: GodebugSide, overrides: GodebugOverrides): GodebugBuild {
  return { toolchain: side.toolchain, goLine: side.goLine, overrides };
}

/** The audit's form of a flip (absent values left out, so the JSON holds no `undefined`). */
export function auditFlip(f: GodebugFlip): AuditFlip {
  return {
    name: f.name,
    package: f.package,
    ...(f.old !== undefined ? { before: clipContent(f.old) } : {}),
    ...(f.new !== undefined ? { after: clipContent(f.new) } : {}),
    release: f.release,
    link: f.link,
    notes: f.notes,
    cause: f.why,
    toolchainOnly: f.why === 'toolchain' || f.why === 'removed'
  };
}

/** The same setting moving between the same values. */
export function sameFlip(a: AuditFlip, b: AuditFlip): boolean {
  return a.name === b.name && a.before === b.before && a.after === b.after;
}

/** The same flips, in the same order. */
export function sameFlips(a: readonly AuditFlip[], b: readonly AuditFlip[]): boolean {
  return a.length === b.length && a.every((f, i) => sameFlip(f, b[i]));
}

/** "k=v,k=v" (DefaultGODEBUG) -> map. */
export function parseDefaultGodebug(s: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of s.trim().split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return out;
}

const key = (flips: readonly AuditFlip[]): string =>
  flips.map((f) => `${f.name}=${f.before ?? ''}>${f.after ?? ''}`).join(',');

const pairsKey = (pairs: readonly GodebugPair[]): string => pairs.map((p) => `${p.key}=${p.value}`).join(',');

/** The flips of one package from the installed Go's answers, with the tables' toolchain-only flips. */
function answeredFlips(table: readonly GodebugFlip[], before: string, after: string): AuditFlip[] {
  const out = new Map<string, AuditFlip>();
  for (const f of table) if (f.why === 'toolchain' || f.why === 'removed') out.set(f.name, auditFlip(f));
  const b = parseDefaultGodebug(before);
  const a = parseDefaultGodebug(after);
  for (const name of new Set([...b.keys(), ...a.keys()])) {
    const was = b.get(name);
    const now = a.get(name);
    if (was === now) continue;
    const prior = out.get(name);
    if (prior) {
      // The toolchain moved it, and the go line moves it again: one flip from the first to the last value.
      const { after: _drop, ...rest } = prior;
      const merged: AuditFlip = { ...rest, ...(now !== undefined ? { after: clipContent(now) } : {}) };
      if (merged.before === merged.after) out.delete(name);
      else out.set(name, merged);
      continue;
    }
    const s = godebugSetting(name);
    const minor = s?.changed ?? s?.since;
    const cause = table.find((f) => f.name === name)?.why ?? 'go-line';
    out.set(name, {
      name: clipContent(name),
      package: s?.package ?? '',
      ...(was !== undefined ? { before: clipContent(was) } : {}),
      ...(now !== undefined ? { after: clipContent(now) } : {}),
      release: minor !== undefined ? `1.${minor}` : '',
      link: minor !== undefined ? godebugLink(minor) : 'https://go.dev/doc/godebug',
      notes: minor !== undefined ? releaseNotesLink(minor) : 'https://go.dev/doc/godebug',
      cause,
      toolchainOnly: false
    });
  }
  return [...out.values()].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

/** The settings the head's `godebug` lines keep from flipping, with the line that keeps each. */
function heldBy(base: GodebugSide, head: GodebugSide, flips: readonly GodebugFlip[]): AuditHeld[] {
  if (head.entries.length === 0) return [];
  const flipped = new Set(flips.map((f) => f.name));
  const without = godebugFlips(
    build(base, overridesOf(base)),
    build({ ...head, entries: [] }, overridesOf({ ...head, entries: [] }))
  );
  const settings = defaultGodebug(head.toolchain, head.goLine, overridesOf(head))?.settings ?? {};
  const defaultLine = head.entries.find((e) => e.value.key === 'default');
  const out: AuditHeld[] = [];
  for (const f of without) {
    if (flipped.has(f.name)) continue;
    const value = settings[f.name];
    const pin = head.entries.find((e) => e.value.key === f.name) ?? defaultLine;
    if (value === undefined || !pin) continue;
    out.push({ name: f.name, package: f.package, value: clipContent(value), file: head.file, line: pin.line });
  }
  return out;
}

/**
 * The GODEBUG delta of one module: `base` and `head` are the lines that decide (the workspace's for a
 * workspace and the modules it uses), `packages` its main packages, `answer` the installed Go's
 * DefaultGODEBUG for them (or undefined: the tables alone).
 */
export function godebugDelta(
  base: GodebugSide,
  head: GodebugSide,
  packages: readonly GodebugPackage[],
  answer?: DefaultGodebugAnswer
): AuditGodebug {
  const tableFlips = godebugFlips(build(base, overridesOf(base)), build(head, overridesOf(head)));
  const held = heldBy(base, head, tableFlips);
  const answers = new Map((answer?.packages ?? []).map((p) => [p.dir, p]));
  let source: AuditGodebug['source'] = 'table';

  const perPackage = [...packages]
    .sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0))
    .map((p) => {
      const headDirectives = goDebugOverrides(p.head);
      // A new package has no before: its own lines count on both sides, so only the bump shows.
      const baseDirectives = p.base ? goDebugOverrides(p.base) : headDirectives;
      const own = headDirectives.length > 0 || baseDirectives.length > 0;
      const table = own
        ? godebugFlips(build(base, overridesOf(base, baseDirectives)), build(head, overridesOf(head, headDirectives)))
        : tableFlips;
      const a = answers.get(p.dir);
      const usable =
        a?.before !== undefined && a.after !== undefined && pairsKey(headDirectives) === pairsKey(baseDirectives);
      if (usable) source = 'go list';
      const flips = usable ? answeredFlips(table, a.before as string, a.after as string) : table.map(auditFlip);
      return { dir: p.dir, own, flips, answered: usable };
    });

  const plain = perPackage.find((p) => !p.own && p.answered) ?? perPackage.find((p) => !p.own);
  const flips = plain ? plain.flips : tableFlips.map(auditFlip);
  const moduleKey = key(flips);
  return {
    source,
    flips,
    held,
    packages: perPackage.filter((p) => key(p.flips) !== moduleKey).map((p) => ({ dir: p.dir, flips: p.flips }))
  };
}
