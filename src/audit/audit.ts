/**
 * The upgrade audit: what a pull request's bump of a go line, toolchain line or image tag changes,
 * from the base's files and the head's. Pure: the edges read both sides (base-tree.ts, the scan,
 * head-sources.ts) and, optionally, the installed Go's DefaultGODEBUG (default-godebug.ts).
 *
 * Which modules are audited: the root (the main module or workspace: GOWORK, else go.work, else
 * go.mod) when its go or toolchain line differs from the base's, and every other go.mod whose go or
 * toolchain line differs from the same file on the base. A go.mod the root go.work uses is built
 * under the workspace's lines (its Go, its `godebug` lines and go line for GODEBUG, as Go does) and
 * keeps its own go line for the language and vet; any other go.mod is built as the main module from
 * its own folder (its Dockerfiles, `go test` there). A new module (not on the base) did not move, so
 * it is not audited; a module whose only change is its `godebug` lines is not either (no version
 * changed). Version files, Dockerfile images and workflow go-versions that state another Go than on
 * the base are listed in `declarations`, with what that Go changes for the module they build.
 *
 * Everything here is advice: the findings are facts for a reviewer (`auditFindings`), each at the
 * changed line; only the godebug check (verify/checks/godebug.ts) reports what Go refuses.
 */
import type { ModFile, VersionDeclaration } from '../go/types.js';
import { godebugFlips } from '../go/godebug.js';
import { compareGo, fromToolchain, isValidGo } from '../go/gover.js';
import { mainGoVersion } from '../go/modfile.js';
import { languageChanges, vetChanges } from '../go/release-changes.js';
import { clipContent, count, showPath } from '../text.js';
import { buildOf, declaredGo, effectiveOf, sameBuild } from './build-go.js';
import { moduleBuiltBy } from '../verify/checks/common.js';
import { auditFlip, godebugDelta, sameFlips, type GodebugPackage, type GodebugSide } from './godebug-delta.js';
import { leftBehind, type MovedModule } from './left-behind.js';
import { dirOf, goModDirsOf, isFolderGoMod, ownerDir, usedDirs } from './packages.js';
import { imageTarget, platformDelta, runnerTarget, type LabelledTarget } from './platform-targets.js';
import { supportWindow } from './support-window.js';
import type {
  AuditBuild,
  AuditDeclarationChange,
  AuditFinding,
  AuditFlip,
  AuditGodebug,
  AuditInput,
  AuditModule,
  AuditResult,
  AuditSide
} from './types.js';
import { vulnsDelta } from './vulns-delta.js';

interface Unit {
  head: ModFile;
  base: ModFile;
  role: AuditModule['role'];
  /** the files whose lines build it, on each side */
  headCtx: ModFile;
  baseCtx: ModFile;
}

const linesDiffer = (a: ModFile, b: ModFile): boolean =>
  a.go?.value !== b.go?.value || a.toolchain?.value !== b.toolchain?.value;

const find = (side: AuditSide, path: string | undefined): ModFile | undefined =>
  path === undefined ? undefined : side.modules.find((m) => m.path === path);

/** The modules whose versions moved, with the files that build each on both sides. */
function units(base: AuditSide, head: AuditSide): Unit[] {
  const headRoot = find(head, head.root);
  const baseRoot = find(base, base.root);
  const headUses = headRoot?.kind === 'go.work' ? usedDirs(headRoot) : undefined;
  const baseUses = baseRoot?.kind === 'go.work' ? usedDirs(baseRoot) : undefined;
  const out: Unit[] = [];
  if (headRoot && baseRoot && (linesDiffer(baseRoot, headRoot) || baseRoot.kind !== headRoot.kind)) {
    const role = headRoot.kind === 'go.work' ? 'workspace' : 'main-module';
    out.push({ head: headRoot, base: baseRoot, role, headCtx: headRoot, baseCtx: baseRoot });
  }
  for (const m of head.modules) {
    if (m === headRoot || !isFolderGoMod(m)) continue;
    const b = base.modules.find((x) => x.path === m.path && x.kind === m.kind);
    if (!b || !linesDiffer(b, m)) continue;
    const inWorkspace = headUses?.has(dirOf(m.path)) ?? false;
    const wasInWorkspace = baseUses?.has(dirOf(m.path)) ?? false;
    out.push({
      head: m,
      base: b,
      role: inWorkspace ? 'workspace-module' : 'module',
      headCtx: inWorkspace && headRoot ? headRoot : m,
      baseCtx: wasInWorkspace && baseRoot ? baseRoot : b
    });
  }
  return out;
}

function godebugSide(ctx: ModFile, build: AuditBuild): GodebugSide | undefined {
  const toolchain = effectiveOf(build);
  if (!toolchain) return undefined;
  return { toolchain, goLine: mainGoVersion(ctx), file: ctx.path, work: ctx.kind === 'go.work', entries: ctx.godebug };
}

/** The main packages of a unit on the head side, with their base files. */
function unitPackages(u: Unit, base: AuditSide, head: AuditSide): GodebugPackage[] {
  const dirs = goModDirsOf(head.modules);
  const owners = u.role === 'workspace' ? usedDirs(u.head) : new Set([dirOf(u.head.path)]);
  const out: GodebugPackage[] = [];
  for (const p of head.packages) {
    if (!p.main) continue;
    const owner = ownerDir(p.dir, dirs);
    if (owner === undefined || !owners.has(owner)) continue;
    const b = base.packages.find((x) => x.dir === p.dir && x.main);
    out.push({
      dir: p.dir,
      head: p.files.filter((f) => !f.file.endsWith('_test.go')),
      ...(b ? { base: b.files } : {})
    });
  }
  return out;
}

const EMPTY_GODEBUG: AuditGodebug = { source: 'table', flips: [], held: [], packages: [] };

function line(value: string | undefined, at: number | undefined): AuditModule['go'] {
  return value === undefined && at === undefined
    ? {}
    : { ...(value !== undefined ? { after: value } : {}), ...(at !== undefined ? { line: at } : {}) };
}

function lines(base: ModFile, head: ModFile, which: 'go' | 'toolchain'): AuditModule['go'] {
  const b = base[which]?.value;
  const h = head[which];
  return {
    ...(b !== undefined ? { before: clipContent(b) } : {}),
    ...line(h ? clipContent(h.value) : undefined, h?.line)
  };
}

/** The line a module's findings sit at: the toolchain line when it changed, else the go line. */
function anchor(u: Unit): { file: string; line: number } {
  const tcChanged = u.base.toolchain?.value !== u.head.toolchain?.value;
  const l = (tcChanged ? u.head.toolchain?.line : undefined) ?? u.head.go?.line ?? u.head.toolchain?.line ?? 1;
  return { file: u.head.path, line: l };
}

/** The head declarations that build a unit's module. */
function declarationsOf(
  u: Unit,
  head: AuditSide,
  builtBy: (file: string) => ModFile | undefined
): VersionDeclaration[] {
  return head.declarations.filter((d) => builtBy(d.file) === u.head);
}

function moduleAudit(
  u: Unit,
  input: AuditInput,
  base: AuditSide,
  builtBy: (file: string) => ModFile | undefined,
  notes: string[]
): AuditModule {
  const { head } = input;
  const before = buildOf(u.baseCtx, input.releases, input.platform);
  const after = buildOf(u.headCtx, input.releases, input.platform);
  for (const [b, side] of [
    [before, 'before'],
    [after, 'after']
  ] as const) {
    if (b.unresolved)
      notes.push(`${showPath(u.head.path)}: the Go ${side} (${b.asks}) is not resolved: ${b.unresolved}`);
  }
  const fromGo = effectiveOf(before);
  const toGo = effectiveOf(after);
  const baseSide = godebugSide(u.baseCtx, before);
  const headSide = godebugSide(u.headCtx, after);
  const answer = u.role === 'workspace' ? undefined : input.defaultGodebug?.find((a) => a.module === u.head.path);
  const godebug =
    baseSide && headSide ? godebugDelta(baseSide, headSide, unitPackages(u, base, head), answer) : EMPTY_GODEBUG;

  // Language: the module's own go line (a go.work's go line sets no file's language).
  const langFrom = mainGoVersion(u.role === 'workspace' ? u.baseCtx : u.base);
  const langTo = mainGoVersion(u.role === 'workspace' ? u.headCtx : u.head);
  const language =
    u.role === 'workspace'
      ? []
      : languageChanges(langFrom, langTo).map((c) => ({
          ...c,
          direction: compareGo(langTo, langFrom) > 0 ? ('raised' as const) : ('lowered' as const)
        }));
  const vet = fromGo && toGo ? vetChanges(langFrom, langTo, fromGo, toGo) : [];

  const targets: LabelledTarget[] = [];
  const runner = input.runner ? runnerTarget(input.runner) : undefined;
  if (runner) targets.push(runner);
  for (const d of declarationsOf(u, head, builtBy)) if (d.kind === 'Dockerfile') targets.push(imageTarget(d));
  const platform = fromGo && toGo ? platformDelta(fromGo, toGo, targets) : [];

  return {
    path: u.head.path,
    ...(u.base.path !== u.head.path ? { basePath: u.base.path } : {}),
    kind: u.head.kind,
    role: u.role,
    ...(u.head.module ? { module: clipContent(u.head.module.value) } : {}),
    ...(u.role === 'workspace-module' ? { workspace: u.headCtx.path } : {}),
    go: lines(u.base, u.head, 'go'),
    toolchain: lines(u.base, u.head, 'toolchain'),
    build: { before, after },
    at: anchor(u),
    mainPackages: unitPackages(u, base, head).length,
    godebug,
    language,
    vet,
    platform,
    vulnerabilities: vulnsDelta(before.version, after.version, input.vulnerabilities),
    support: supportWindow(fromGo, toGo, input.releases),
    coldBuildCache: !sameBuild(before, after)
  };
}

/** Pairs each head declaration with the base's of the same file and kind, by their order in the file. */
function declarationChanges(
  input: AuditInput,
  base: AuditSide,
  builtBy: (file: string) => ModFile | undefined,
  baseBuiltBy: (file: string) => ModFile | undefined
): AuditDeclarationChange[] {
  const byFile = (list: readonly VersionDeclaration[]): Map<string, VersionDeclaration[]> => {
    const m = new Map<string, VersionDeclaration[]>();
    for (const d of list) {
      const k = `${d.kind}\u0000${d.file}`;
      m.set(k, [...(m.get(k) ?? []), d]);
    }
    return m;
  };
  const baseBy = byFile(base.declarations);
  const out: AuditDeclarationChange[] = [];
  for (const [k, heads] of byFile(input.head.declarations)) {
    const bases = baseBy.get(k) ?? [];
    heads.forEach((h, i) => {
      const b = bases[i];
      if (!b || b.version === h.version) return;
      const goBefore = declaredGo(b, input.releases);
      const goAfter = declaredGo(h, input.releases);
      const mod = builtBy(h.file);
      const baseMod = baseBuiltBy(b.file) ?? mod;
      let godebug: AuditFlip[] = [];
      if (goBefore && goAfter && mod && baseMod) {
        const side = (m: ModFile, toolchain: string) => ({
          toolchain,
          goLine: mainGoVersion(m),
          overrides:
            m.kind === 'go.work' ? { work: m.godebug.map((g) => g.value) } : { mod: m.godebug.map((g) => g.value) }
        });
        godebug = godebugFlips(side(baseMod, goBefore), side(mod, goAfter)).map(auditFlip);
      }
      const platform =
        h.kind === 'Dockerfile' && goBefore && goAfter ? platformDelta(goBefore, goAfter, [imageTarget(h)]) : [];
      out.push({
        kind: h.kind,
        file: h.file,
        line: h.line,
        before: b.raw,
        after: h.raw,
        ...(goBefore ? { goBefore } : {}),
        ...(goAfter ? { goAfter } : {}),
        ...(mod ? { module: mod.path } : {}),
        godebug,
        platform,
        coldBuildCache: goBefore === undefined || goAfter === undefined || compareGo(goBefore, goAfter) !== 0
      });
    });
  }
  return out;
}

/** The audit of a pull request's versions against its base. */
export function auditUpgrade(input: AuditInput): AuditResult {
  const empty = { modules: [], declarations: [], leftBehind: [], notes: [] };
  if (input.base.status === 'no-base') {
    return {
      base: { ref: clipContent(input.base.ref, 100) },
      status: 'no-base',
      reason: input.base.reason,
      ...(input.base.advice ? { advice: input.base.advice } : {}),
      ...empty
    };
  }
  const base = input.base.side;
  const head = input.head;
  const notes: string[] = (base.problems ?? []).map(
    (p) => `base ${showPath(p.file)}${p.line ? `:${p.line}` : ''}: ${p.message}`
  );
  const builtBy = moduleBuiltBy(head.modules, find(head, head.root));
  const baseBuiltBy = moduleBuiltBy(base.modules, find(base, base.root));
  const us = units(base, head);
  const modules = us.map((u) => moduleAudit(u, input, base, builtBy, notes));
  const declarations = declarationChanges(input, base, builtBy, baseBuiltBy);

  const changed = new Set(declarations.map((d) => `${d.file}:${d.line}`));
  const moved: MovedModule[] = us.flatMap((u, i): MovedModule[] => {
    const a = modules[i];
    const now = effectiveOf(a.build.after) ?? mainGoVersion(u.head);
    const oldTc = u.base.toolchain ? fromToolchain(u.base.toolchain.value) : undefined;
    const old = [mainGoVersion(u.base), oldTc, a.build.before.version].filter(
      (v): v is string => v !== undefined && isValidGo(v)
    );
    const isRoot = u.role === 'workspace' || u.role === 'main-module';
    const newTc = u.head.toolchain ? fromToolchain(u.head.toolchain.value) : undefined;
    return [
      {
        path: u.head.path,
        old,
        now,
        declarations: declarationsOf(u, head, builtBy),
        ...(isRoot
          ? {
              root: {
                ...(u.base.go ? { oldGo: u.base.go.value } : {}),
                ...(u.head.go ? { newGo: u.head.go.value } : {}),
                ...(oldTc ? { oldToolchain: oldTc } : {}),
                ...(newTc ? { newToolchain: newTc } : {}),
                others: head.modules.filter((m) => m !== u.head && !us.some((x) => x.head === m))
              }
            }
          : {})
      }
    ];
  });
  return {
    base: { ref: clipContent(input.base.ref, 100), sha: input.base.sha },
    status: modules.length > 0 || declarations.length > 0 ? 'changed' : 'unchanged',
    modules,
    declarations,
    leftBehind: leftBehind(moved, changed),
    notes
  };
}

/** "a, b, c and 4 more" of at most `max` names. */
export function someNames(names: readonly string[], max = 6): string {
  if (names.length <= max)
    return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** "go 1.21 -> 1.23" / "toolchain go1.26.3 -> go1.27.0": what moved in a module. */
export function movedText(m: AuditModule): string {
  const parts: string[] = [];
  const show = (label: string, l: AuditModule['go']): void => {
    if (l.before === l.after) return;
    parts.push(`${label} ${l.before ?? '(none)'} -> ${l.after ?? '(none)'}`);
  };
  show('go', m.go);
  show('toolchain', m.toolchain);
  return parts.join(', ') || 'no line';
}

/** "Go 1.21.13 -> 1.23.12" (the Go that builds). */
export function buildText(m: Pick<AuditModule, 'build'>): string {
  const v = (b: AuditBuild): string => b.version ?? b.asks;
  return `Go ${v(m.build.before)} -> ${v(m.build.after)}`;
}

function godebugFindings(m: AuditModule, at: { file: string; line: number }): AuditFinding[] {
  const g = m.godebug;
  if (g.flips.length === 0 && g.packages.length === 0 && g.held.length === 0) return [];
  const parts: string[] = [];
  if (g.flips.length > 0) {
    const removed = g.flips.filter((f) => f.toolchainOnly).length;
    parts.push(
      `${count(g.flips.length, 'GODEBUG default')} change (${someNames(g.flips.map((f) => f.name))})` +
        (removed > 0 ? `, ${removed} by the toolchain alone` : '')
    );
  } else parts.push('no GODEBUG default changes for packages without //go:debug lines');
  if (g.held.length > 0)
    parts.push(`${count(g.held.length, 'setting')} kept by godebug lines (${someNames(g.held.map((h) => h.name))})`);
  if (g.packages.length > 0) parts.push(`${count(g.packages.length, 'main package')} with //go:debug lines differ`);
  return [
    {
      check: 'audit-godebug',
      kind: 'advice',
      message: `${movedText(m)} (${buildText(m)}): ${parts.join('; ')}`,
      ...at
    }
  ];
}

function platformFindings(
  changes: AuditModule['platform'],
  lead: string,
  at: { file: string; line: number }
): AuditFinding[] {
  const out: AuditFinding[] = [];
  for (const c of changes) {
    if (!c.applies) continue;
    const verdicts = c.targets.map((t) =>
      t.verdict === 'ok'
        ? `${t.target}: meets it`
        : `${t.target}: ${t.verdict === 'unsupported' ? 'does not meet it' : 'not known'}`
    );
    out.push({
      check: 'audit-platform',
      kind: 'advice',
      message: `${lead}: Go ${c.release} ${c.summary}${verdicts.length > 0 ? ` (${verdicts.join('; ')})` : ''}`,
      ...at
    });
    for (const t of c.targets) {
      if (t.verdict !== 'unsupported' || t.file === undefined) continue;
      out.push({
        check: 'audit-platform',
        kind: 'advice',
        message: `${t.target} cannot run Go ${c.release}: ${t.reason ?? c.summary}`,
        file: t.file,
        ...(t.line !== undefined ? { line: t.line } : {})
      });
    }
  }
  return out;
}

function moduleFindings(m: AuditModule): AuditFinding[] {
  const at = m.at;
  const lead = `${showPath(m.path)} ${movedText(m)}`;
  const out: AuditFinding[] = [...godebugFindings(m, at)];
  if (m.language.length > 0) {
    const behaviour = m.language.filter((c) => c.changesBehaviour);
    out.push({
      check: 'audit-language',
      kind: 'advice',
      message:
        `${lead}: ${count(m.language.length, 'language change')} (${someNames(
          m.language.map((c) => `${c.title} (${c.goLine})`),
          3
        )})` +
        (behaviour.length > 0
          ? `; ${behaviour.length === 1 ? 'one changes' : `${behaviour.length} change`} how existing code behaves`
          : ''),
      ...at
    });
  }
  const testVet = m.vet.filter((v) => v.goTest && v.effect === 'more-findings');
  if (m.vet.length > 0) {
    out.push({
      check: 'audit-vet',
      kind: 'advice',
      message:
        `${lead}: vet ${someNames(
          m.vet.map((v) => `${v.analyzer} (${v.release})`),
          4
        )}` +
        (testVet.length > 0
          ? `; go test now runs ${someNames(testVet.map((v) => v.analyzer))}, which can fail it`
          : ''),
      ...at
    });
  }
  out.push(...platformFindings(m.platform, lead, at));
  const v = m.vulnerabilities;
  if (v.status === 'checked' && (v.fixed.length > 0 || v.stillPresent.length > 0 || v.introduced.length > 0)) {
    const parts = [
      v.fixed.length > 0
        ? `fixes ${v.fixed.length} known ${v.fixed.length === 1 ? 'vulnerability' : 'vulnerabilities'} (${someNames(
            v.fixed.map((x) => x.id),
            3
          )})`
        : '',
      v.stillPresent.length > 0
        ? `${v.stillPresent.length} still present (${someNames(
            v.stillPresent.map((x) => x.id),
            3
          )})`
        : '',
      v.introduced.length > 0
        ? `${v.introduced.length} new (${someNames(
            v.introduced.map((x) => x.id),
            3
          )})`
        : ''
    ].filter((s) => s !== '');
    out.push({
      check: 'audit-vulnerabilities',
      kind: 'advice',
      message: `${lead} (${buildText(m)}): ${parts.join('; ')}`,
      ...at
    });
  }
  const s = m.support;
  if ((s.before && !s.before.supported) || (s.after && !s.after.supported)) {
    const say = (x: NonNullable<typeof s.after>): string =>
      x.supported
        ? `Go ${x.minor} is supported until Go ${x.endsWith}`
        : `Go ${x.minor} is out of support (since Go ${x.endsWith})`;
    const parts = [s.before ? `before: ${say(s.before)}` : '', s.after ? `after: ${say(s.after)}` : ''].filter(
      (p) => p !== ''
    );
    out.push({ check: 'audit-support', kind: 'advice', message: `${lead}: ${parts.join('; ')}`, ...at });
  }
  return out;
}

/**
 * The audit's findings, each advice, by class (the proposed check ids), at the changed lines: a
 * module's go or toolchain line, a Dockerfile's FROM line, a left-behind statement.
 */
export function auditFindings(result: AuditResult): AuditFinding[] {
  if (result.status === 'no-base') {
    return [
      {
        check: 'audit-base',
        kind: 'advice',
        message: `upgrade audit skipped: ${result.reason ?? 'the base was not read'}${result.advice ? ` ${result.advice}` : ''}`
      }
    ];
  }
  const out: AuditFinding[] = result.modules.flatMap(moduleFindings);
  for (const d of result.declarations) {
    const at = { file: d.file, line: d.line };
    const lead = `${d.kind === 'Dockerfile' ? 'image' : d.kind === 'workflow' ? 'go-version' : d.kind} ${d.before} -> ${d.after}`;
    // A statement that moved with its module says what the module's findings say.
    const m = result.modules.find((x) => x.path === d.module);
    if (m) {
      if (d.godebug.length > 0 && !sameFlips(m.godebug.flips, d.godebug)) {
        out.push({
          check: 'audit-godebug',
          kind: 'advice',
          message: `${lead} (Go ${d.goBefore ?? '?'} -> ${d.goAfter ?? '?'}) for ${showPath(m.path)}: ${count(d.godebug.length, 'GODEBUG default')} change (${someNames(d.godebug.map((f) => f.name))})`,
          ...at
        });
      }
      continue;
    }
    if (d.godebug.length > 0) {
      out.push({
        check: 'audit-godebug',
        kind: 'advice',
        message: `${lead} (Go ${d.goBefore ?? '?'} -> ${d.goAfter ?? '?'}) for ${showPath(d.module ?? '?')}: ${count(d.godebug.length, 'GODEBUG default')} change (${someNames(d.godebug.map((f) => f.name))})`,
        ...at
      });
    }
    out.push(...platformFindings(d.platform, lead, at));
  }
  for (const l of result.leftBehind) {
    out.push({
      check: 'audit-left-behind',
      kind: 'advice',
      message: `${l.raw} still states Go ${l.states}; ${showPath(l.module)} moved to ${l.movedTo}`,
      file: l.file,
      line: l.line
    });
  }
  return out;
}
