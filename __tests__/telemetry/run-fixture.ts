/** Reports of runs for the telemetry tests, built by the report's own builder. */
import { buildReport, type ReportCache, type ReportParts, type RunReport } from '../../src/report/json-report.js';
import type { Finding } from '../../src/verify/findings.js';
import { UserError } from '../../src/errors.js';

export const FINDINGS: Finding[] = [
  {
    check: 'go-directive',
    kind: 'break',
    severity: 'error',
    message: 'go.mod asks for go 1.23, newer than 1.22.12',
    file: 'go.mod',
    line: 3
  },
  {
    check: 'version-files',
    kind: 'drift',
    severity: 'error',
    message: '.go-version says 1.21',
    file: '.go-version',
    line: 1
  },
  {
    check: 'version-files',
    kind: 'drift',
    severity: 'warning',
    message: 'Dockerfile says 1.21',
    file: 'Dockerfile',
    line: 2
  },
  { check: 'latest-patch', kind: 'advice', severity: 'warning', message: '1.22.13 is out' }
];

export const CACHE: ReportCache = {
  status: 'restored',
  save: true,
  dependencyFiles: ['go.sum'],
  modules: { path: '/home/runner/go/pkg/mod', key: 'k1', restoreKeys: ['k'], result: 'partial', matchedKey: 'k0' },
  build: { path: '/home/runner/.cache/go-build', key: 'b1', restoreKeys: ['b'], result: 'miss' },
  ms: 40
};

function parts(over: Partial<ReportParts>): ReportParts {
  const findings = over.outcome?.findings ?? [];
  const errors = findings.filter((f) => f.severity === 'error').length;
  return {
    actionVersion: '1.0.0',
    mode: 'install',
    request: {
      spec: { kind: 'minimum', minimum: '1.22' },
      raw: '1.22',
      origin: { kind: 'file', format: 'go.mod', file: 'go.mod', line: 3, directive: 'go' }
    },
    resolution: {
      version: '1.22.12',
      sha256Verified: true,
      toolchainCacheHit: false,
      goRoot: '/opt/hostedtoolcache/go/1.22.12/x64',
      downloadedBytes: 1000
    },
    env: { previousGo: { path: '/usr/bin/go', version: '1.21.5' } },
    outcome: { results: [], findings, consistent: errors === 0, errorCount: errors, mismatchCount: errors },
    onMismatch: 'fail',
    consistency: 'compatible',
    timings: { plan: 100, install: 300, scan: 50, checks: 10, cache: 40, total: 500 },
    cache: CACHE,
    now: new Date(0),
    ...over
  };
}

/** A finished run: no findings by default. */
export function finishedReport(findings: Finding[] = [], over: Partial<ReportParts> = {}): RunReport {
  return buildReport(
    parts({
      outcome: {
        results: [],
        findings,
        consistent: !findings.some((f) => f.severity === 'error'),
        errorCount: findings.filter((f) => f.severity === 'error').length,
        mismatchCount: findings.filter((f) => f.severity === 'error').length
      },
      ...over
    })
  );
}

/** A run that stopped in `phase` (the timings it got so far) with a UserError. */
export function stoppedReport(timings: Record<string, number>, error: Error): RunReport {
  return buildReport(parts({ outcome: undefined, error, timings, cache: undefined, resolution: undefined, env: {} }));
}

export const INSTALL_FAILED = new UserError('could not download go1.22.12.linux-amd64.tar.gz: HTTP 503');
