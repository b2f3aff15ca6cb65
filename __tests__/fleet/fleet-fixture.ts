/** Reports and records for the fleet tests: a valid schemaVersion 3 report, changed per test. */
import { toFleetRecord, type FleetRecord } from '../../src/fleet/record.js';

type Json = Record<string, unknown>;

export interface ReportOptions {
  repository?: string | null;
  workflow?: string;
  job?: string;
  runId?: number;
  runAttempt?: number;
  generatedAt?: string;
  installed?: string | null;
  /** check id -> status */
  checks?: Record<string, string>;
  findings?: Json[];
  modules?: Json[];
  errorCount?: number;
  error?: Json | null;
  vulnIds?: string[];
  source?: Json | null;
}

const DEFAULT_CHECKS: Record<string, string> = { 'supported-release': 'pass', 'latest-patch': 'pass' };

export function report(o: ReportOptions = {}): Json {
  const repository = o.repository === undefined ? 'acme/api' : o.repository;
  // a run that stopped has no check results
  const checks = o.error ? (o.checks ?? {}) : { ...DEFAULT_CHECKS, ...(o.checks ?? {}) };
  const findings = o.findings ?? [];
  return {
    schemaVersion: 3,
    generatedAt: o.generatedAt ?? '2026-05-01T12:00:00.000Z',
    source:
      o.source !== undefined
        ? o.source
        : {
            origin: 'runner',
            ...(repository !== null ? { repository } : {}),
            serverUrl: 'https://github.com',
            ref: 'refs/heads/main',
            sha: 'a'.repeat(40),
            workflow: o.workflow ?? 'ci',
            job: o.job ?? 'test',
            runId: String(o.runId ?? 100), // strings, as report/source.ts writes them
            runAttempt: String(o.runAttempt ?? 1),
            runUrl: `https://github.com/${repository}/actions/runs/${o.runId ?? 100}/attempts/${o.runAttempt ?? 1}`,
            event: 'push'
          },
    audit: null,
    action: { name: 'setup-go-enforced', version: '1.0.0' },
    mode: 'install',
    request: null,
    resolution:
      o.installed === null
        ? null
        : { version: o.installed ?? '1.27.1', sha256Verified: true, toolchainCacheHit: false },
    previousGo: null,
    environment: {},
    outputs: {},
    checks: Object.entries(checks).map(([id, status]) => ({
      id,
      setting: 'default',
      status,
      message: `${id} said ${status}`,
      findings: findings.filter((f) => f.check === id)
    })),
    findings,
    consistent: (o.errorCount ?? 0) === 0,
    errorCount: o.errorCount ?? 0,
    mismatchCount: o.errorCount ?? 0,
    onMismatch: 'fail',
    consistency: 'compatible',
    error: o.error ?? null,
    root: 'go.mod',
    modules: o.modules ?? [
      { path: 'go.mod', kind: 'go.mod', go: '1.26', goLine: 3, toolchain: null, toolchainLine: null }
    ],
    versionFiles: [],
    vulnerabilities: {
      status: 'checked',
      entriesRead: 10,
      matches: (o.vulnIds ?? []).map((id) => ({
        id,
        aliases: [],
        summary: 's',
        module: 'stdlib',
        packages: [],
        url: `https://pkg.go.dev/vuln/${id}`
      }))
    },
    matrix: null,
    warnings: [],
    cache: null
  };
}

/** The record of a report (the test fails when it is skipped). */
export function record(o: ReportOptions = {}, file = 'r/report.json'): FleetRecord {
  const r = toFleetRecord(report(o), file);
  if (!r.ok) throw new Error(`fixture report skipped: ${r.reason}`);
  return r.record;
}
