/** A realistic report for the summary and schema tests. */
import { buildReport, type ReportParts, type RunReport } from '../../src/report/json-report.js';
import { runChecks } from '../../src/verify/run-checks.js';
import { facts, mod, decl, releases } from '../verify/checks/facts-fixture.js';
import { decideSwitching } from '../../src/plan/toolchain-switching.js';

export function sampleParts(over: Partial<ReportParts> = {}): ReportParts {
  const root = mod('go.mod', '1.22', { toolchain: { value: 'go1.22.12', line: 5 } });
  const workspace = {
    modules: [root, mod('svc/a|b/go.mod', '1.23'), mod('tools/go.mod')],
    useTargets: [],
    declarations: [decl('Dockerfile', 'build/Dockerfile', '1.22', 'golang:1.22-alpine', 2)],
    problems: []
  };
  const f = facts({
    root,
    workspace,
    releases: releases('1.22.12', '1.21.13'),
    env: {
      GOROOT: '/opt/go-1.18',
      GOTOOLCHAIN: 'auto',
      previousGo: { path: '/usr/local/go/bin/go', version: '1.21.5' }
    },
    switching: decideSwitching('local', 'auto', 'install'),
    vulns: {
      status: 'checked',
      entriesRead: 3,
      matches: [
        {
          id: 'GO-2025-0001',
          aliases: ['CVE-2025-1'],
          summary: 'net/http: a | b\nsecond line',
          module: 'stdlib',
          packages: ['net/http'],
          newestFix: '1.23.1',
          url: 'https://pkg.go.dev/vuln/GO-2025-0001'
        }
      ]
    }
  });
  return {
    actionVersion: '1.0.0',
    mode: 'install',
    request: f.request,
    resolution: {
      version: '1.22.12',
      file: {
        filename: 'go1.22.12.linux-amd64.tar.gz',
        os: 'linux',
        arch: 'amd64',
        version: 'go1.22.12',
        sha256: 'a'.repeat(64),
        size: 100,
        kind: 'archive'
      },
      url: 'https://go.dev/dl/go1.22.12.linux-amd64.tar.gz',
      sha256Verified: true,
      toolchainCacheHit: false,
      goRoot: '/opt/hostedtoolcache/go/1.22.12/x64',
      downloadedBytes: 100
    },
    env: f.env,
    outputs: { 'go-version': '1.22.12', consistent: 'false' },
    outcome: runChecks(f, { overrides: new Map(), onMismatch: 'fail', consistency: 'compatible' }),
    onMismatch: 'fail',
    consistency: 'compatible',
    workspace,
    root,
    vulns: f.vulns,
    matrix: { matrix: ['1.22.12', '1.23.1'], minimal: '1.22.0', latest: '1.23.1', range: 'all' },
    warnings: ['the manifest was slow'],
    source: {
      origin: 'runner',
      repository: 'octo/app',
      serverUrl: 'https://github.com',
      ref: 'refs/heads/main',
      sha: 'f'.repeat(40),
      workflow: 'ci',
      job: 'test',
      runId: '42',
      runAttempt: '2',
      runUrl: 'https://github.com/octo/app/actions/runs/42/attempts/2',
      event: 'push'
    },
    switching: f.switching,
    now: new Date('2026-12-01T10:00:00Z'),
    ...over
  };
}

export function sampleReport(over: Partial<ReportParts> = {}): RunReport {
  return buildReport(sampleParts(over));
}
