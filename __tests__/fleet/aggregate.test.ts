import { buildDashboard, type AggregateOptions } from '../../src/fleet/aggregate.js';
import type { FleetRecord, SkippedFile } from '../../src/fleet/record.js';
import { record, type ReportOptions } from './fleet-fixture.js';

const NOW = new Date('2026-05-02T12:00:00.000Z');
const OPTS: AggregateOptions = { now: NOW, files: 0, generator: { name: 'setup-go-enforced', version: '1.0.0' } };

function dash(records: FleetRecord[], o: Partial<AggregateOptions> = {}, skipped: SkippedFile[] = []) {
  return buildDashboard(records, skipped, { ...OPTS, files: records.length + skipped.length, ...o });
}

function at(hoursAgo: number): string {
  return new Date(NOW.getTime() - hoursAgo * 3_600_000).toISOString();
}

describe('buildDashboard: which reports are kept', () => {
  const cases: [string, [ReportOptions, string][], string[]][] = [
    [
      'the newest of a job wins',
      [
        [{ generatedAt: at(30), runId: 1, installed: '1.26.0' }, 'old.json'],
        [{ generatedAt: at(1), runId: 2, installed: '1.27.0' }, 'new.json'],
        [{ generatedAt: at(5), runId: 3, installed: '1.25.0' }, 'mid.json']
      ],
      ['new.json']
    ],
    [
      'one row per job of a repository',
      [
        [{ job: 'test', generatedAt: at(3), runId: 1 }, 'test.json'],
        [{ job: 'lint', generatedAt: at(9), runId: 2 }, 'lint.json'],
        [{ job: 'lint', generatedAt: at(10), runId: 3 }, 'lint-old.json']
      ],
      ['lint.json', 'test.json']
    ],
    [
      'the same job in another workflow is another row',
      [
        [{ workflow: 'ci', generatedAt: at(3) }, 'ci.json'],
        [{ workflow: 'nightly', generatedAt: at(3) }, 'nightly.json']
      ],
      ['ci.json', 'nightly.json']
    ],
    [
      'the same time: the later run attempt',
      [
        [{ generatedAt: at(2), runId: 7, runAttempt: 1 }, 'a1.json'],
        [{ generatedAt: at(2), runId: 7, runAttempt: 2 }, 'a2.json']
      ],
      ['a2.json']
    ],
    [
      'the legs of a matrix run are all kept',
      [
        [{ generatedAt: at(2), runId: 7, installed: '1.26.4' }, 'leg-a.json'],
        [{ generatedAt: '2026-05-02T09:59:58.000Z', runId: 7, installed: '1.27.1' }, 'leg-b.json'],
        [{ generatedAt: at(20), runId: 6, installed: '1.25.0' }, 'older-run.json']
      ],
      ['leg-a.json', 'leg-b.json']
    ],
    [
      'a copy of a report is not a leg',
      [
        [{ generatedAt: at(2), runId: 7 }, 'a/report.json'],
        [{ generatedAt: at(2), runId: 7 }, 'copy/report.json']
      ],
      ['a/report.json']
    ],
    [
      'repositories are apart',
      [
        [{ repository: 'acme/a', generatedAt: at(50) }, 'a.json'],
        [{ repository: 'acme/b', generatedAt: at(1) }, 'b.json']
      ],
      ['a.json', 'b.json']
    ]
  ];
  test.each(cases)('%s', (_name, reports, kept) => {
    const d = dash(reports.map(([o, f]) => record(o, f)));
    expect(d.rows.map((r) => r.file).sort()).toEqual(kept);
    expect(d.inputs.superseded).toBe(reports.length - kept.length);
    expect(d.rows.reduce((n, r) => n + r.superseded, 0)).toBe(reports.length - kept.length);
  });

  test('the choice does not depend on the order the files were read in', () => {
    const rs = [
      record({ generatedAt: at(2), runId: 7, runAttempt: 1 }, 'x.json'),
      record({ generatedAt: at(2), runId: 7, runAttempt: 1 }, 'y.json'),
      record({ generatedAt: at(2), runId: 8, runAttempt: 1 }, 'z.json')
    ];
    const forward = dash(rs).rows.map((r) => r.file);
    expect(dash([...rs].reverse()).rows.map((r) => r.file)).toEqual(forward);
  });
});

describe('buildDashboard: totals count repositories', () => {
  const rs = [
    // acme/a: two jobs, one failing on an unsupported Go, the other fine
    record({
      repository: 'acme/a',
      job: 'test',
      errorCount: 1,
      checks: { 'supported-release': 'warning' },
      installed: '1.24.2'
    }),
    record({ repository: 'acme/a', job: 'lint', installed: '1.27.1' }),
    // acme/b: supported, behind on patches, vulnerable, drifting
    record({
      repository: 'acme/b',
      installed: '1.27.0',
      checks: { 'latest-patch': 'warning' },
      vulnIds: ['GO-1'],
      findings: [
        { check: 'version-files', kind: 'drift', severity: 'warning', message: 'm', file: '.go-version', line: 1 }
      ]
    }),
    // acme/c: stopped before the checks
    record({ repository: 'acme/c', installed: null, error: { message: 'bad input' }, modules: [] }),
    // acme/d: the manifest was not read
    record({
      repository: 'acme/d',
      installed: '1.26.1',
      checks: { 'supported-release': 'skipped', 'latest-patch': 'skipped' }
    })
  ];
  const d = dash(rs, { target: '1.27' });

  test('totals', () => {
    expect(d.totals).toEqual({
      repositories: 4,
      rows: 5,
      supported: 1, // b (a has an unsupported row; c and d are unknown)
      unsupported: 1,
      supportUnknown: 2,
      behindOnPatches: 1,
      vulnerable: 1,
      failing: 2,
      drifting: 1
    });
  });

  test('distribution: a repository counts once per minor it runs; none known is unknown', () => {
    expect(d.distribution.installed).toEqual([
      { minor: '1.24', repositories: 1 },
      { minor: '1.26', repositories: 1 },
      { minor: '1.27', repositories: 2 }
    ]);
    expect(d.distribution.installedUnknown).toBe(1);
    expect(d.distribution.goLine).toEqual([{ minor: '1.26', repositories: 3 }]);
    expect(d.distribution.goLineUnknown).toBe(1);
  });

  test('progress to the target: every row at or above it, some row below, none known', () => {
    expect(d.target).toEqual({ version: '1.27', source: 'flag' });
    expect(d.progress).toEqual({
      target: '1.27',
      installed: { reached: 1, behind: 2, unknown: 1 }, // b; a (1.24.2 row) and d; c
      goLine: { reached: 0, behind: 3, unknown: 1 }
    });
  });

  test.each([
    ['1.27.1', { reached: 0, behind: 3, unknown: 1 }], // 1.27.0 of b is below 1.27.1; a has a 1.24 row
    ['1.24', { reached: 3, behind: 0, unknown: 1 }],
    ['1.28rc1', { reached: 0, behind: 3, unknown: 1 }]
  ])("target %s is compared in Go's order", (target, installed) => {
    expect(dash(rs, { target }).progress?.installed).toEqual(installed);
  });
});

describe('buildDashboard: target, ranks, ages', () => {
  test.each([
    [['1.26.4', '1.27.1', '1.25.0'], '1.27'],
    [['1.26.4', '1.28rc1'], '1.26'], // a prerelease is not the default target
    [['1.28rc1'], '1.28'],
    [['1.9.1', '1.10.0'], '1.10']
  ])('the default target of %j is %s', (installed, target) => {
    const d = dash(installed.map((v, i) => record({ repository: `r/${i}`, installed: v })));
    expect(d.target).toEqual({ version: target, source: 'newest-installed' });
  });

  test('no installed Go anywhere: no target, no progress', () => {
    const d = dash([record({ installed: null, error: { message: 'x' } })]);
    expect([d.target, d.progress]).toEqual([null, null]);
  });

  test("sort ranks follow Go's order, not the text's", () => {
    const d = dash(
      ['1.22.10', '1.22.9', '1.21rc1', '1.21.0', '1.20', '1.20.0'].map((v, i) =>
        record({ repository: `r/${i}`, installed: v, modules: [] })
      )
    );
    const rank = Object.fromEntries(d.rows.map((r) => [r.installed, r.installedRank]));
    expect(rank['1.20']).toBe(rank['1.20.0']);
    expect(rank['1.20.0']).toBeLessThan(rank['1.21rc1']);
    expect(rank['1.21rc1']).toBeLessThan(rank['1.21.0']);
    expect(rank['1.21.0']).toBeLessThan(rank['1.22.9']);
    expect(rank['1.22.9']).toBeLessThan(rank['1.22.10']);
  });

  test('ages count to the dashboard time, never below 0', () => {
    const d = dash([
      record({ repository: 'r/old', generatedAt: at(49) }),
      record({ repository: 'r/future', generatedAt: '2026-05-03T00:00:00.000Z' })
    ]);
    expect(d.rows.map((r) => [r.repository, r.ageSeconds])).toEqual([
      ['r/future', 0],
      ['r/old', 49 * 3600]
    ]);
    expect(d.generatedAt).toBe('2026-05-02T12:00:00.000Z');
  });

  test('skipped files are kept, sorted by file; counts in inputs', () => {
    const skipped: SkippedFile[] = [
      { file: 'z.json', kind: 'not-json', reason: 'not JSON' },
      { file: 'a.json', kind: 'schema-2', reason: 'v2' }
    ];
    const d = dash([record()], {}, skipped);
    expect(d.skipped.map((s) => s.file)).toEqual(['a.json', 'z.json']);
    expect(d.inputs).toEqual({ files: 3, reports: 1, superseded: 0, skipped: 2 });
  });
});
