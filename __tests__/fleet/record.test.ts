import { MAX_FINDINGS, toFleetRecord, type SkipKind } from '../../src/fleet/record.js';
import { record, report } from './fleet-fixture.js';

describe('toFleetRecord: what is refused, and why', () => {
  const v2 = { ...report(), schemaVersion: 2 } as Record<string, unknown>;
  delete v2.source;
  delete v2.generatedAt;
  const cases: [string, unknown, SkipKind, RegExp][] = [
    ['an array', [], 'not-a-report', /not a JSON object/],
    ['a string', 'report', 'not-a-report', /not a JSON object/],
    ['null', null, 'not-a-report', /not a JSON object/],
    ['a package.json', { name: 'x', version: '1.0.0' }, 'not-a-report', /not a setup-go-enforced report/],
    ['another action', { ...report(), action: { name: 'setup-go', version: '5' } }, 'not-a-report', /not a setup-go/],
    ['schemaVersion 2', v2, 'schema-2', /schemaVersion 2 report: it names no repository/],
    ['schemaVersion 4', { ...report(), schemaVersion: 4 }, 'unknown-schema', /schemaVersion 4 is not known/],
    ['schemaVersion 1', { ...report(), schemaVersion: 1 }, 'unknown-schema', /schemaVersion 1 is not known/],
    ['schemaVersion "3"', { ...report(), schemaVersion: '3' }, 'unknown-schema', /schemaVersion "3" is not known/],
    ['no generatedAt', { ...report(), generatedAt: undefined }, 'invalid', /generatedAt is missing/],
    ['a local time', { ...report(), generatedAt: '2026-05-01T12:00:00+02:00' }, 'invalid', /ISO-8601 UTC/],
    ['not a date', { ...report(), generatedAt: '2026-13-45T99:00:00Z' }, 'invalid', /ISO-8601 UTC/],
    ['source null', report({ source: null }), 'no-repository', /names no repository/],
    ['a local run without repository', report({ source: { origin: 'local' } }), 'no-repository', /names no repository/],
    ['an empty repository', report({ repository: '' }), 'no-repository', /names no repository/],
    ['source a string', report({ source: 'acme/api' as never }), 'invalid', /source is not an object/],
    ['checks not an array', { ...report(), checks: {} }, 'invalid', /checks is not an array/],
    ['findings missing', { ...report(), findings: undefined }, 'invalid', /findings is not an array/],
    ['errorCount negative', { ...report(), errorCount: -1 }, 'invalid', /errorCount is not a count/],
    ['errorCount a string', { ...report(), errorCount: '0' }, 'invalid', /errorCount is not a count/],
    ['resolution a string', { ...report(), resolution: '1.22' }, 'invalid', /resolution is not an object/],
    ['resolution.version junk', report({ installed: 'latest' }), 'invalid', /resolution.version is not a Go version/],
    ['error a string', { ...report(), error: 'boom' }, 'invalid', /error is not an object/]
  ];
  test.each(cases)('%s', (_name, json, kind, reason) => {
    const r = toFleetRecord(json, 'f.json');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.kind).toBe(kind);
      expect(r.reason).toMatch(reason);
      expect(r.reason).not.toMatch(/\n/);
    }
  });
});

describe('toFleetRecord: what a valid report says', () => {
  test('the source and the run', () => {
    const r = record({ repository: 'acme/api', workflow: 'ci', job: 'test', runId: 42, runAttempt: 2 });
    expect(r).toMatchObject({
      repository: 'acme/api',
      serverUrl: 'https://github.com',
      workflow: 'ci',
      job: 'test',
      runId: '42',
      runAttempt: 2,
      runUrl: 'https://github.com/acme/api/actions/runs/42/attempts/2',
      origin: 'runner',
      installed: '1.27.1',
      generatedAt: '2026-05-01T12:00:00.000Z',
      generatedMs: Date.parse('2026-05-01T12:00:00.000Z')
    });
  });

  test.each([
    ['pass', 'supported'],
    ['warning', 'unsupported'],
    ['error', 'unsupported'],
    ['skipped', 'unknown'],
    ['off', 'unknown'],
    ['bogus', 'unknown']
  ])('supported-release %s -> %s', (status, support) => {
    const r = record({ checks: { 'supported-release': status } });
    expect(r.support).toBe(support);
    expect(r.supportCheck).toBe(status === 'bogus' ? 'absent' : status);
  });

  test('no supported-release result (a run that stopped) -> unknown, absent', () => {
    const json = report();
    json.checks = [];
    const r = toFleetRecord(json, 'f');
    expect(r.ok && [r.record.support, r.record.supportCheck, r.record.patch]).toEqual(['unknown', 'absent', 'unknown']);
  });

  test.each([
    ['pass', 'latest'],
    ['warning', 'behind'],
    ['error', 'behind'],
    ['skipped', 'unknown'],
    ['off', 'unknown']
  ])('latest-patch %s -> %s', (status, patch) => {
    expect(record({ checks: { 'latest-patch': status } }).patch).toBe(patch);
  });

  test('the latest-patch finding is the patch message', () => {
    const r = record({
      checks: { 'latest-patch': 'warning' },
      findings: [{ check: 'latest-patch', kind: 'advice', severity: 'warning', message: '1.27.2 is available' }]
    });
    expect(r.patchMessage).toBe('1.27.2 is available');
  });

  test('vulnerabilities: the matches, counted; ids kept', () => {
    const r = record({ vulnIds: ['GO-2026-0001', 'GO-2026-0002'] });
    expect(r.vulnerabilities).toEqual({ status: 'checked', count: 2, ids: ['GO-2026-0001', 'GO-2026-0002'] });
    const unknown = { ...report(), vulnerabilities: { status: 'unknown', reason: 'offline' } };
    const u = toFleetRecord(unknown, 'f');
    expect(u.ok && u.record.vulnerabilities).toEqual({ status: 'unknown', count: 0, ids: [] });
    const none = toFleetRecord({ ...report(), vulnerabilities: null }, 'f');
    expect(none.ok && none.record.vulnerabilities.status).toBe('absent');
  });

  test.each([
    ['no errors', { errorCount: 0 }, false, null],
    [
      'an error finding',
      {
        errorCount: 1,
        findings: [
          { check: 'go-directive', kind: 'advice', severity: 'warning', message: 'w' },
          { check: 'go-directive', kind: 'break', severity: 'error', message: 'refused', file: 'svc/go.mod', line: 3 }
        ]
      },
      true,
      { message: 'refused', file: 'svc/go.mod', line: 3 }
    ],
    [
      'a run that stopped',
      { installed: null, error: { message: 'go.mod:3: no such version', file: 'go.mod', line: 3 } },
      true,
      { message: 'go.mod:3: no such version', file: 'go.mod', line: 3 }
    ],
    ['errorCount without a finding', { errorCount: 2 }, true, null]
  ])('failing: %s', (_name, o, failing, firstError) => {
    const r = record(o);
    expect(r.failing).toBe(failing);
    expect(r.firstError).toEqual(firstError);
  });

  test('drifting: any drift finding; the first one with its place', () => {
    const r = record({
      findings: [
        { check: 'version-files', kind: 'drift', severity: 'warning', message: 'old', file: '.go-version', line: 1 },
        { check: 'version-files', kind: 'drift', severity: 'warning', message: 'older', file: 'Dockerfile', line: 2 }
      ]
    });
    expect([r.drifting, r.driftCount, r.firstDrift]).toEqual([
      true,
      2,
      { message: 'old', file: '.go-version', line: 1 }
    ]);
    expect(record().drifting).toBe(false);
  });

  test("go lines: distinct versions in Go's order, null as Go's default, invalid ones left out", () => {
    const r = record({
      modules: [
        { path: 'a/go.mod', kind: 'go.mod', go: '1.22.10' },
        { path: 'b/go.mod', kind: 'go.mod', go: '1.22.9' },
        { path: 'c/go.mod', kind: 'go.mod', go: '1.22.9' },
        { path: 'old/go.mod', kind: 'go.mod', go: null },
        { path: 'go.work', kind: 'go.work', go: null },
        { path: 'bad/go.mod', kind: 'go.mod', go: 'banana' },
        { path: 'x', kind: 'Dockerfile', go: '1.30' }
      ]
    });
    expect(r.goLines).toEqual([
      { version: '1.16', files: 1, first: 'old/go.mod', defaulted: true },
      { version: '1.18', files: 1, first: 'go.work', defaulted: true },
      { version: '1.22.9', files: 2, first: 'b/go.mod', defaulted: false },
      { version: '1.22.10', files: 1, first: 'a/go.mod', defaulted: false }
    ]);
  });

  test.each([
    ['javascript:', 'javascript:alert(1)', null],
    ['data:', 'data:text/html,<b>', null],
    ['a relative link', '/acme/api/actions/runs/1', null],
    ['a quote', 'https://github.com/a"onmouseover="x', null],
    ['https', 'https://github.com/acme/api/actions/runs/1', 'https://github.com/acme/api/actions/runs/1'],
    ['http (a GHES host)', 'http://ghes.local/acme/api/actions/runs/1', 'http://ghes.local/acme/api/actions/runs/1']
  ])('runUrl %s', (_name, runUrl, kept) => {
    const json = report();
    (json.source as Record<string, unknown>).runUrl = runUrl;
    const r = toFleetRecord(json, 'f');
    expect(r.ok && r.record.runUrl).toBe(kept);
  });

  test('texts are clipped and their control characters escaped; findings capped', () => {
    const findings = Array.from({ length: MAX_FINDINGS + 5 }, (_, i) => ({
      check: 'version-files',
      kind: 'advice',
      severity: 'warning',
      message: `line one\nline two ${i} ${'x'.repeat(1000)}`
    }));
    const r = record({ repository: 'acme/a\u0007\nb', findings });
    expect(r.repository).toBe('acme/a\\u0007\\nb');
    expect(r.findings).toHaveLength(MAX_FINDINGS);
    expect(r.findingsTotal).toBe(MAX_FINDINGS + 5);
    expect(r.findings[0].message).toMatch(/^line one\\nline two 0 x+…$/);
    // 400 characters of the message (its newline written as two), and the ellipsis
    expect(Array.from(r.findings[0].message).length).toBe(402);
  });

  test.each([
    [42, 2, '42', 2],
    ['42', '2', '42', 2], // as the runner's environment has them (report/source.ts)
    ['42', '0', '42', null],
    ['42', 'x', '42', null],
    ['42', 1.5, '42', null],
    [null, null, null, null]
  ])('runId %j, runAttempt %j -> %j, %j', (runId, runAttempt, id, attempt) => {
    const json = report();
    Object.assign(json.source as object, { runId, runAttempt });
    const r = toFleetRecord(json, 'f');
    expect(r.ok && [r.record.runId, r.record.runAttempt]).toEqual([id, attempt]);
  });
});
