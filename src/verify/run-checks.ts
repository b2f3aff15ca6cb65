/**
 * Runs the registered checks over the facts: applies the `checks` input's severity overrides and
 * `on-mismatch`, skips what the facts cannot support, and orders the results. Pure.
 */
import { InputError } from '../errors.js';
import { type CheckId, type Facts, type Finding, type Severity, type SeveritySetting } from '../model.js';
import { CHECKS, CHECK_IDS, type CheckDefinition } from './checks/index.js';

export type OnMismatch = 'fail' | 'warn';

export type CheckStatus = 'pass' | 'error' | 'warning' | 'off' | 'skipped';

export interface CheckResult {
  id: CheckId;
  /** the effective severity setting (default or from the `checks` input) */
  severity: SeveritySetting;
  status: CheckStatus;
  /** the first finding's message (plus "+N more"), the pass message, or why it was off/skipped */
  message: string;
  findings: Finding[];
}

export interface ChecksOutcome {
  results: CheckResult[];
  /** every finding in check order, after overrides and on-mismatch */
  findings: Finding[];
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
    if (!(CHECK_IDS as string[]).includes(id)) {
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

/** Parses the `on-mismatch` input: fail (default when empty) or warn. */
export function parseOnMismatch(text: string): OnMismatch {
  const v = text.trim().toLowerCase();
  if (v === '' || v === 'fail') return 'fail';
  if (v === 'warn') return 'warn';
  throw new InputError(`"${text.trim()}" is not valid (expected fail or warn)`, { input: 'on-mismatch' });
}

/**
 * The severity a finding gets under a setting: `warning` makes every finding a warning; `error`
 * raises findings at the check's default severity to errors and leaves milder ones alone.
 */
function applySetting(f: Finding, def: CheckDefinition, setting: Severity): Finding {
  let severity: Severity = f.severity;
  if (setting === 'warning') severity = 'warning';
  else if (f.severity === def.defaultSeverity) severity = 'error';
  return severity === f.severity ? f : { ...f, severity };
}

function skipReason(def: CheckDefinition, facts: Facts): string | undefined {
  if (def.needsInstalledGo && !facts.installed) {
    return facts.mode === 'plan' ? 'plan mode: nothing is installed' : 'no installed Go to ask';
  }
  return def.skipReason?.(facts);
}

function summarize(findings: Finding[]): string {
  const first = findings[0].message;
  return findings.length > 1 ? `${first} (+${findings.length - 1} more)` : first;
}

/** Runs every registered check, in registry order. */
export function runChecks(
  facts: Facts,
  overrides: ReadonlyMap<CheckId, SeveritySetting>,
  onMismatch: OnMismatch
): ChecksOutcome {
  const results: CheckResult[] = [];
  let mismatchCount = 0;
  for (const def of CHECKS) {
    const setting = overrides.get(def.id) ?? def.defaultSeverity;
    if (setting === 'off') {
      results.push({
        id: def.id,
        severity: setting,
        status: 'off',
        message: 'turned off by input checks',
        findings: []
      });
      continue;
    }
    const why = skipReason(def, facts);
    if (why !== undefined) {
      results.push({ id: def.id, severity: setting, status: 'skipped', message: why, findings: [] });
      continue;
    }
    let raw: Finding[];
    try {
      raw = def.run(facts);
    } catch (err) {
      raw = [
        { check: def.id, severity: 'error', message: `internal error in check ${def.id}: ${(err as Error).message}` }
      ];
    }
    let findings = raw.map((f) => applySetting(f, def, setting));
    mismatchCount += findings.filter((f) => f.severity === 'error').length;
    if (onMismatch === 'warn') {
      findings = findings.map((f) => (f.severity === 'error' ? { ...f, severity: 'warning' as const } : f));
    }
    const status: CheckStatus = findings.some((f) => f.severity === 'error')
      ? 'error'
      : findings.length > 0
        ? 'warning'
        : 'pass';
    const message = findings.length > 0 ? summarize(findings) : def.passMessage(facts);
    results.push({ id: def.id, severity: setting, status, message, findings });
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
