/**
 * What a bump did, as data (`--json`) and as a summary for the terminal; the exit code. Pure.
 * Repository text (paths, what a file states) goes through text.ts: escaped, at most 40
 * characters of content.
 */
import { clipContent, count, showPath } from '../text.js';
import { comparePaths } from '../verify/scope.js';
import type { Target } from './target.js';
import type { BumpOutcome } from './bump.js';
import type { BumpOptions, Decision, KeepReason, ModuleRole, Note, Refusal, Site, Unrewritable } from './types.js';

/** The check run after writing: the engine in plan mode, consistency exact, against the target. */
export type CheckVerdict =
  | {
      ran: true;
      consistent: boolean;
      errors: { check: string; kind: string; message: string; file?: string; line?: number }[];
    }
  | { ran: false; reason: string };

export interface BumpEdit {
  file: string;
  line: number;
  role: Site['role'];
  /** the version as it was, and as it is now (null: the toolchain line was removed) */
  from: string;
  to: string | null;
  /** the token as written before and after, e.g. golang:1.25-alpine -> golang:1.27-alpine */
  before: string;
  after: string | null;
  why?: string;
}

export interface BumpKept {
  file: string;
  line: number;
  role: Site['role'];
  what: string;
  reason: Exclude<KeepReason, 'same'>;
  why: string;
}

export interface BumpReport {
  target: string;
  spec: string;
  manifest: Target['manifest'];
  policy: BumpOptions['policy'];
  exact: boolean;
  allowDowngrade: boolean;
  dryRun: boolean;
  edits: BumpEdit[];
  kept: BumpKept[];
  unrewritable: Unrewritable[];
  refusals: Refusal[];
  modules: { path: string; role: ModuleRole; why: string }[];
  /** files written (dry run: that would be) */
  files: string[];
  notes: Note[];
  /** null on a dry run (nothing was written, so there is nothing new to check) */
  check: CheckVerdict | null;
  warnings: string[];
}

function shown(site: Site, version: string): string {
  return clipContent(`${site.before}${version}${site.after}`);
}

function edit(d: Exclude<Decision, { action: 'keep' }>): BumpEdit {
  const s = d.site;
  const to = d.action === 'set' ? d.to : null;
  return {
    file: s.file,
    line: s.line,
    role: s.role,
    from: s.written,
    to,
    before: shown(s, s.written),
    after: to === null ? null : shown(s, to),
    ...(d.why ? { why: d.why } : {})
  };
}

function byLocation(a: { file: string; line: number }, b: { file: string; line: number }): number {
  return comparePaths(a.file, b.file) || a.line - b.line;
}

export function bumpReport(
  target: Target,
  options: BumpOptions,
  dryRun: boolean,
  outcome: BumpOutcome,
  check: CheckVerdict | null
): BumpReport {
  const kept: BumpKept[] = [];
  for (const d of outcome.plan.decisions) {
    if (d.action !== 'keep' || d.reason === 'same') continue;
    const s = d.site;
    kept.push({ file: s.file, line: s.line, role: s.role, what: shown(s, s.written), reason: d.reason, why: d.why });
  }
  return {
    target: target.version,
    spec: clipContent(target.spec),
    manifest: target.manifest,
    policy: options.policy,
    exact: options.exact,
    allowDowngrade: options.allowDowngrade,
    dryRun,
    edits: outcome.applied.map((d) => edit(d as Exclude<Decision, { action: 'keep' }>)).sort(byLocation),
    kept: kept.sort(byLocation),
    unrewritable: outcome.plan.unrewritable.map((u) => ({ ...u, what: clipContent(u.what) })).sort(byLocation),
    refusals: outcome.refusals,
    modules: outcome.modules.map((m) => ({ path: m.path, role: m.role, why: m.why })),
    files: outcome.files,
    notes: outcome.notes,
    check,
    warnings: target.warning ? [target.warning] : []
  };
}

/** 0: done and consistent; 1: done with findings left (or files left alone, or the check could not run). */
export function bumpExitCode(r: BumpReport): number {
  if (r.refusals.length > 0) return 1;
  if (r.check === null) return 0;
  return r.check.ran && r.check.consistent ? 0 : 1;
}

function at(file: string, line?: number): string {
  return line ? `${showPath(file)}:${line}` : showPath(file);
}

/** Rows of two columns: the location padded to the widest one. */
function rows(items: [string, string][], indent = ''): string[] {
  const width = Math.min(40, Math.max(0, ...items.map(([l]) => l.length)));
  return items.map(([l, r]) => `${indent}${l.padEnd(width)}  ${r}`);
}

export function renderSummary(r: BumpReport): string {
  const out: string[] = [];
  const flags = [`go lines: ${r.policy}`, r.exact ? 'exact' : '', r.allowDowngrade ? 'downgrades allowed' : '']
    .filter(Boolean)
    .join(', ');
  const spec = r.spec === r.target ? '' : `${r.spec}, `;
  out.push(`setup-go-enforced bump${r.dryRun ? ' (dry run)' : ''}: Go ${r.target} (${spec}${flags})`);
  for (const w of r.warnings) out.push(`warning: ${w}`);
  out.push(
    ...rows(
      r.edits.map((e) => [
        at(e.file, e.line),
        e.after === null
          ? `${e.before} -> removed: ${e.why ?? ''}`
          : `${e.before} -> ${e.after}${e.why ? ` (${e.why})` : ''}`
      ])
    )
  );
  if (r.kept.length > 0) {
    out.push('kept:');
    out.push(
      ...rows(
        r.kept.map((k) => [at(k.file, k.line), `${k.what}: ${k.why}`]),
        '  '
      )
    );
  }
  if (r.unrewritable.length > 0) {
    out.push('not rewritten:');
    out.push(
      ...rows(
        r.unrewritable.map((u) => [at(u.file, u.line), `${u.what} ${u.reason}`]),
        '  '
      )
    );
  }
  if (r.refusals.length > 0) {
    out.push('left alone:');
    out.push(
      ...rows(
        r.refusals.map((f) => [at(f.file, f.line), f.reason]),
        '  '
      )
    );
  }
  if (r.notes.length > 0) {
    out.push('notes:');
    out.push(
      ...rows(
        r.notes.map((n) => [at(n.file), n.message]),
        '  '
      )
    );
  }
  const verb = r.dryRun ? 'would change' : 'changed';
  out.push(`${count(r.edits.length, 'line')} ${verb} in ${count(r.files.length, 'file')}`);
  const c = r.check;
  if (c) {
    const head = `check (consistency exact, Go ${r.target}):`;
    if (!c.ran) out.push(`${head} not run: ${c.reason}`);
    else if (c.consistent) out.push(`${head} consistent`);
    else {
      out.push(`${head} ${count(c.errors.length, 'error')} left`);
      out.push(
        ...rows(
          c.errors.map((e) => [e.file ? at(e.file, e.line) : '-', `${e.kind} ${e.check}: ${e.message}`]),
          '  '
        )
      );
    }
  }
  return `${out.join('\n')}\n`;
}
