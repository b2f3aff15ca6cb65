/**
 * Runs the registered checks over the facts and decides each finding's severity, in this order:
 * 1. its kind: a break is an error, drift a warning (an error with `consistency: exact`), advice a
 *    warning;
 * 2. the `checks` input: `<id>: error` or `<id>: warning` sets every finding of that check, `off`
 *    skips the check;
 * 3. `on-mismatch: warn` turns every remaining error into a warning (`consistent` still says
 *    whether there was one).
 * Skips what the facts cannot support and keeps the registry's order. Pure.
 */
import { InputError } from '../errors.js';
import { CHECK_IDS, type CheckId } from './checks/ids.js';
import { type CheckFinding, type Finding, type Severity, type SeveritySetting } from './findings.js';
import { type Facts } from './facts.js';
import { checksInOrder, type CheckDefinition } from './checks/registry.js';

export type OnMismatch = 'fail' | 'warn';

/** `compatible`: drift is a warning; `exact`: drift is an error (one exact Go everywhere). */
export type Consistency = 'compatible' | 'exact';

export type CheckStatus = 'pass' | 'error' | 'warning' | 'off' | 'skipped';

export interface CheckResult<Id extends string = CheckId> {
  id: Id;
  /** the `checks` input's setting for this check, or `default` (by kind and consistency) */
  setting: SeveritySetting | 'default';
  status: CheckStatus;
  /** the first finding's message (plus "+N more"), the pass message, or why it was off/skipped */
  message: string;
  findings: Finding<Id>[];
}

export interface ChecksOutcome<Id extends string = CheckId> {
  results: CheckResult<Id>[];
  /** every finding in check order, after overrides and on-mismatch */
  findings: Finding<Id>[];
  /** true when no finding had error severity before on-mismatch was applied */
  consistent: boolean;
  /** error findings that remain after on-mismatch: the job fails when > 0 */
  errorCount: number;
  /** error findings before on-mismatch (equals errorCount unless on-mismatch is warn) */
  mismatchCount: number;
}

const SETTINGS: SeveritySetting[] = ['off', 'warning', 'error'];

/**
 * Parses the `checks` input: one `<check-id>: off|warning|error` per line; blank lines and `#`
 * comments (whole-line or trailing) are ignored; ids and severities are case-insensitive.
 */
export function parseChecksInput(text: string): Map<CheckId, SeveritySetting> {
  const out = new Map<CheckId, SeveritySetting>();
  const seen = new Map<CheckId, number>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const n = i + 1;
    const hash = raw.indexOf('#');
    const line = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    if (line === '') return;
    const colon = line.indexOf(':');
    if (colon < 0) {
      throw new InputError(`line ${n}: "${line}" is not "<check-id>: off|warning|error"`, { input: 'checks' });
    }
    const id = line.slice(0, colon).trim().toLowerCase();
    const sev = line
      .slice(colon + 1)
      .trim()
      .toLowerCase();
    if (!(CHECK_IDS as readonly string[]).includes(id)) {
      throw new InputError(`line ${n}: unknown check "${id}" (expected one of ${CHECK_IDS.join(', ')})`, {
        input: 'checks'
      });
    }
    if (!(SETTINGS as string[]).includes(sev)) {
      throw new InputError(`line ${n}: unknown severity "${sev}" for ${id} (expected one of ${SETTINGS.join(', ')})`, {
        input: 'checks'
      });
    }
    const prev = seen.get(id as CheckId);
    if (prev !== undefined) {
      throw new InputError(`line ${n}: ${id} is already set on line ${prev}`, { input: 'checks' });
    }
    seen.set(id as CheckId, n);
    out.set(id as CheckId, sev as SeveritySetting);
  });
  return out;
}

/** Parses the `consistency` input: compatible (default when empty) or exact. */
export function parseConsistency(text: string): Consistency {
  const v = text.trim().toLowerCase();
  if (v === '' || v === 'compatible') return 'compatible';
  if (v === 'exact') return 'exact';
  throw new InputError(`"${text.trim()}" is not valid (expected compatible or exact)`, { input: 'consistency' });
}

/** Parses the `on-mismatch` input: fail (default when empty) or warn. */
export function parseOnMismatch(text: string): OnMismatch {
  const v = text.trim().toLowerCase();
  if (v === '' || v === 'fail') return 'fail';
  if (v === 'warn') return 'warn';
  throw new InputError(`"${text.trim()}" is not valid (expected fail or warn)`, { input: 'on-mismatch' });
}

/** The severity of a finding: by its kind and the consistency, unless the `checks` input set one. */
export function severityOf(f: Pick<CheckFinding, 'kind'>, consistency: Consistency, setting?: Severity): Severity {
  if (setting) return setting;
  if (f.kind === 'break') return 'error';
  if (f.kind === 'drift' && consistency === 'exact') return 'error';
  return 'warning';
}

function skipReason(def: CheckDefinition, facts: Facts): string | undefined {
  if (def.needsInstalledGo && !facts.installed) {
    return facts.mode === 'plan' ? 'plan mode: nothing is installed' : 'no installed Go to ask';
  }
  if (def.needsVersion && !facts.version) return 'no Go version to compare with (the go command did not say one)';
  return def.skipReason?.(facts);
}

function summarize(findings: Finding<string>[]): string {
  const first = findings[0];
  const at = first.file ? `${first.file}${first.line ? `:${first.line}` : ''}: ` : '';
  return findings.length > 1 ? `${at}${first.message} (+${findings.length - 1} more)` : `${at}${first.message}`;
}

export interface CheckOptions<Id extends string = CheckId> {
  /** the `checks` input */
  overrides: ReadonlyMap<Id, SeveritySetting>;
  onMismatch: OnMismatch;
  consistency: Consistency;
}

/** One check of a registry, as the engine runs it. */
export interface RunnableCheck<Id extends string, F> {
  run(f: F): CheckFinding<Id>[];
  /** why it cannot run on these facts, if it cannot */
  skipReason?(f: F): string | undefined;
  /** the result message when it found nothing */
  passMessage(f: F): string;
}

/**
 * Runs the checks of a registry, in its order, over `facts`: the repository's checks (runChecks)
 * and doctor's machine checks share it, so both weigh their findings the same way.
 */
export function runRegistry<Id extends string, F>(
  checks: readonly (readonly [Id, RunnableCheck<Id, F>])[],
  facts: F,
  opts: CheckOptions<Id>
): ChecksOutcome<Id> {
  const results: CheckResult<Id>[] = [];
  let mismatchCount = 0;
  for (const [id, def] of checks) {
    const setting = opts.overrides.get(id);
    if (setting === 'off') {
      results.push({ id, setting, status: 'off', message: 'turned off by input checks', findings: [] });
      continue;
    }
    const why = def.skipReason?.(facts);
    if (why !== undefined) {
      results.push({ id, setting: setting ?? 'default', status: 'skipped', message: why, findings: [] });
      continue;
    }
    let raw: CheckFinding<Id>[];
    try {
      raw = def.run(facts);
    } catch (err) {
      raw = [{ check: id, kind: 'break', message: `internal error in check ${id}: ${(err as Error).message}` }];
    }
    let findings: Finding<Id>[] = raw.map((f) => ({ ...f, severity: severityOf(f, opts.consistency, setting) }));
    mismatchCount += findings.filter((f) => f.severity === 'error').length;
    if (opts.onMismatch === 'warn') {
      findings = findings.map((f) => (f.severity === 'error' ? { ...f, severity: 'warning' as const } : f));
    }
    const status: CheckStatus = findings.some((f) => f.severity === 'error')
      ? 'error'
      : findings.length > 0
        ? 'warning'
        : 'pass';
    const message = findings.length > 0 ? summarize(findings) : def.passMessage(facts);
    results.push({ id, setting: setting ?? 'default', status, message, findings });
  }
  const findings = results.flatMap((r) => r.findings);
  return {
    results,
    findings,
    consistent: mismatchCount === 0,
    errorCount: findings.filter((f) => f.severity === 'error').length,
    mismatchCount
  };
}

/** Runs every registered check of the repository, in registry order. */
export function runChecks(facts: Facts, opts: CheckOptions): ChecksOutcome {
  const checks = checksInOrder().map(
    ([id, def]) =>
      [
        id,
        {
          run: (f: Facts) => def.run(f),
          passMessage: (f: Facts) => def.passMessage(f),
          skipReason: (f: Facts) => skipReason(def, f)
        }
      ] as const
  );
  return runRegistry(checks, facts, opts);
}
