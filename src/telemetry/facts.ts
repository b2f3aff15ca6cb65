/**
 * What of a run telemetry sends (pure): the result, the requested and installed Go, where the
 * request came from, the cache results, counts of findings, and per error finding its check, kind,
 * file and line. Nothing else of the report leaves: no finding messages (they quote up to 40
 * characters of file text), no paths outside the repository's own relative ones, no keys.
 */
import type { CheckId } from '../verify/checks/ids.js';
import type { FindingKind, Severity } from '../verify/findings.js';
import type { ReportCacheEntry, RunReport } from '../report/json-report.js';

/** cicd.pipeline.result's values that apply: the step failed for the repository or for itself. */
export type RunResult = 'success' | 'failure' | 'error';

/** A cache entry as the main step restored it, or why there was no lookup. */
export type CacheResult = ReportCacheEntry['result'] | 'none' | 'skipped' | 'off';

export const PHASES = ['plan', 'install', 'scan', 'checks'] as const;

export interface FindingGroup {
  check: CheckId;
  kind: FindingKind;
  severity: Severity;
  count: number;
}

export interface ErrorFinding {
  check: CheckId;
  kind: FindingKind;
  file?: string;
  line?: number;
}

export interface RunFacts {
  result: RunResult;
  /** error.type when the result is not success */
  errorType?: 'error_findings' | 'run_stopped' | 'no_report';
  /** the span status message when the result is not success (never repository text) */
  statusMessage?: string;
  /** the phase the run stopped in (a phase that has no timing yet), when it stopped */
  stoppedIn?: string;
  mode?: string;
  consistency?: string;
  onMismatch?: string;
  goRequested?: string;
  requestKind?: string;
  resolvedFrom?: string;
  goInstalled?: string;
  goPrevious?: string;
  toolchainCacheHit?: boolean;
  sha256Verified?: boolean;
  downloadedBytes?: number;
  cacheModules: CacheResult;
  cacheBuild: CacheResult;
  counts: { error: number; warning: number; break: number; drift: number; advice: number };
  /** findings counted by check, kind and severity, in check order */
  groups: FindingGroup[];
  /** every error finding, in report order */
  errorFindings: ErrorFinding[];
}

function cacheResult(report: RunReport, entry: 'modules' | 'build'): CacheResult {
  const c = report.cache;
  if (!c) return 'off';
  if (c.status === 'skipped') return 'skipped';
  return c[entry]?.result ?? 'none';
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Where a stopped run stopped: the input, variable or file:line the error names (no message text). */
function stoppedWhere(report: RunReport): string {
  const e = report.error;
  if (!e) return '';
  if (e.input) return ` (input ${e.input})`;
  if (e.env) return ` (${e.env})`;
  if (e.file) return ` (${e.file}${e.line ? `:${e.line}` : ''})`;
  return '';
}

export function runFacts(report: RunReport | undefined): RunFacts {
  const counts = { error: 0, warning: 0, break: 0, drift: 0, advice: 0 };
  if (!report) {
    return {
      result: 'error',
      errorType: 'no_report',
      statusMessage: 'the run ended without a report',
      cacheModules: 'off',
      cacheBuild: 'off',
      counts,
      groups: [],
      errorFindings: []
    };
  }
  const groups = new Map<string, FindingGroup>();
  const errorFindings: ErrorFinding[] = [];
  for (const f of report.findings) {
    counts[f.severity]++;
    counts[f.kind]++;
    const key = `${f.check}\0${f.kind}\0${f.severity}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { check: f.check, kind: f.kind, severity: f.severity, count: 1 });
    if (f.severity === 'error') {
      const e: ErrorFinding = { check: f.check, kind: f.kind };
      if (f.file) e.file = f.file;
      if (f.line) e.line = f.line;
      errorFindings.push(e);
    }
  }
  const facts: RunFacts = {
    result: 'success',
    mode: report.mode,
    consistency: report.consistency,
    onMismatch: report.onMismatch,
    cacheModules: cacheResult(report, 'modules'),
    cacheBuild: cacheResult(report, 'build'),
    counts,
    groups: [...groups.values()],
    errorFindings
  };
  if (report.request) {
    facts.goRequested = report.request.spec;
    facts.requestKind = report.request.kind;
    facts.resolvedFrom = report.request.from;
  }
  if (report.resolution) {
    facts.goInstalled = report.resolution.version;
    facts.toolchainCacheHit = report.resolution.toolchainCacheHit;
    facts.sha256Verified = report.resolution.sha256Verified;
    if (report.resolution.downloadedBytes !== undefined) facts.downloadedBytes = report.resolution.downloadedBytes;
  }
  if (report.previousGo?.version) facts.goPrevious = report.previousGo.version;
  if (report.error) {
    const timings = report.timings ?? {};
    facts.result = 'failure';
    facts.errorType = 'run_stopped';
    facts.stoppedIn = PHASES.find((p) => timings[p] === undefined) ?? 'report';
    facts.statusMessage = `stopped in ${facts.stoppedIn}${stoppedWhere(report)}`;
  } else if (report.errorCount > 0) {
    facts.result = 'failure';
    facts.errorType = 'error_findings';
    facts.statusMessage = plural(report.errorCount, 'error finding');
  }
  return facts;
}
