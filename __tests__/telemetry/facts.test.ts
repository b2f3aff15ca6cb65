import { UserError } from '../../src/errors.js';
import { runFacts } from '../../src/telemetry/facts.js';
import { FINDINGS, INSTALL_FAILED, finishedReport, stoppedReport } from './run-fixture.js';

describe('runFacts', () => {
  test('a consistent run: success, versions, where from, cache results, zero counts', () => {
    expect(runFacts(finishedReport())).toEqual({
      result: 'success',
      mode: 'install',
      consistency: 'compatible',
      onMismatch: 'fail',
      goRequested: '1.22',
      requestKind: 'minimum',
      resolvedFrom: 'go.mod:3 go 1.22',
      goInstalled: '1.22.12',
      goPrevious: '1.21.5',
      toolchainCacheHit: false,
      sha256Verified: true,
      downloadedBytes: 1000,
      cacheModules: 'partial',
      cacheBuild: 'miss',
      counts: { error: 0, warning: 0, break: 0, drift: 0, advice: 0 },
      groups: [],
      errorFindings: []
    });
  });

  test('findings: counted by severity and kind, grouped, error findings without their messages', () => {
    const f = runFacts(finishedReport(FINDINGS));
    expect(f.result).toBe('failure');
    expect(f.errorType).toBe('error_findings');
    expect(f.statusMessage).toBe('2 error findings');
    expect(f.counts).toEqual({ error: 2, warning: 2, break: 1, drift: 2, advice: 1 });
    expect(f.groups).toEqual([
      { check: 'go-directive', kind: 'break', severity: 'error', count: 1 },
      { check: 'version-files', kind: 'drift', severity: 'error', count: 1 },
      { check: 'version-files', kind: 'drift', severity: 'warning', count: 1 },
      { check: 'latest-patch', kind: 'advice', severity: 'warning', count: 1 }
    ]);
    expect(f.errorFindings).toEqual([
      { check: 'go-directive', kind: 'break', file: 'go.mod', line: 3 },
      { check: 'version-files', kind: 'drift', file: '.go-version', line: 1 }
    ]);
    // Nothing of a finding's message (file text) is among the facts.
    expect(JSON.stringify(f)).not.toMatch(/newer than|says 1\.21|is out/);
  });

  test.each<{ timings: Record<string, number>; stoppedIn: string }>([
    { timings: {}, stoppedIn: 'plan' },
    { timings: { plan: 10 }, stoppedIn: 'install' },
    { timings: { plan: 10, install: 20 }, stoppedIn: 'scan' },
    { timings: { plan: 10, install: 20, scan: 5, checks: 1 }, stoppedIn: 'report' }
  ])('a run that stopped with timings $timings stopped in $stoppedIn', ({ timings, stoppedIn }) => {
    const f = runFacts(stoppedReport({ ...timings, total: 99 }, INSTALL_FAILED));
    expect(f.result).toBe('failure');
    expect(f.errorType).toBe('run_stopped');
    expect(f.stoppedIn).toBe(stoppedIn);
    expect(f.statusMessage).toBe(`stopped in ${stoppedIn}`);
    expect(f.cacheModules).toBe('off');
  });

  test.each([
    { error: new UserError('bad', { input: 'go-version' }), where: ' (input go-version)' },
    { error: new UserError('bad', { env: 'GOTOOLCHAIN' }), where: ' (GOTOOLCHAIN)' },
    { error: new UserError('unknown directive "gox 1.22"', { file: 'go.mod', line: 4 }), where: ' (go.mod:4)' }
  ])('a stopped run names where ($where), never the message', ({ error, where }) => {
    const f = runFacts(stoppedReport({ total: 5 }, error));
    expect(f.statusMessage).toBe(`stopped in plan${where}`);
    expect(JSON.stringify(f)).not.toContain('gox');
  });

  test('no report at all: an error of the action', () => {
    expect(runFacts(undefined)).toMatchObject({ result: 'error', errorType: 'no_report', cacheModules: 'off' });
  });

  test.each([
    { cache: null, want: ['off', 'off'] },
    {
      cache: { status: 'skipped' as const, save: true, dependencyFiles: [], modules: null, build: null, ms: 0 },
      want: ['skipped', 'skipped']
    },
    {
      cache: { status: 'restored' as const, save: true, dependencyFiles: [], modules: null, build: null, ms: 0 },
      want: ['none', 'none']
    }
  ])('cache results: $want', ({ cache, want }) => {
    const f = runFacts({ ...finishedReport(), cache });
    expect([f.cacheModules, f.cacheBuild]).toEqual(want);
  });
});
