/** The result of a bump: exit codes, and the summary (repository text escaped and clipped). */
import { bumpExitCode, bumpReport, renderSummary, type CheckVerdict } from '../../src/bump/report.js';
import type { BumpOutcome } from '../../src/bump/bump.js';
import type { Site } from '../../src/bump/types.js';
import { OPTIONS } from './helpers.js';

const site = (file: string, line: number, written: string, before = 'go ', role: Site['role'] = 'go'): Site => ({
  file,
  line,
  start: 0,
  end: 0,
  written,
  role,
  before,
  after: ''
});

function outcome(over: Partial<BumpOutcome> = {}): BumpOutcome {
  const s = site('go.mod', 3, '1.25.0');
  const set = { action: 'set' as const, site: s, to: '1.27.0' };
  return {
    plan: { decisions: [set], unrewritable: [] },
    applied: [set],
    modules: [],
    refusals: [],
    files: ['go.mod'],
    diff: '',
    notes: [],
    ...over
  };
}

const TARGET = { version: '1.27.0', spec: 'stable', manifest: 'read' as const };
const CONSISTENT: CheckVerdict = { ran: true, consistent: true, errors: [] };

test.each<[string, Partial<BumpOutcome>, CheckVerdict | null, number]>([
  ['written and consistent', {}, CONSISTENT, 0],
  ['a dry run with nothing left alone', {}, null, 0],
  [
    'a file left alone',
    { refusals: [{ file: 'x/go.mod', reason: 'changed on disk while bump ran: left alone' }] },
    CONSISTENT,
    1
  ],
  ['a dry run with a file left alone', { refusals: [{ file: 'x/go.mod', reason: 'cannot be parsed' }] }, null, 1],
  [
    'findings left',
    {},
    {
      ran: true,
      consistent: false,
      errors: [{ check: 'version-files', kind: 'drift', message: 'm', file: 'Dockerfile', line: 1 }]
    },
    1
  ],
  ['the check could not run', {}, { ran: false, reason: 'no manifest' }, 1],
  [
    'only unrewritable items (an expression the check does not read either)',
    {
      plan: {
        decisions: [],
        unrewritable: [{ file: 'ci.yml', line: 9, what: '${{ matrix.go }}', reason: 'is an expression' }]
      }
    },
    CONSISTENT,
    0
  ]
])('exit code: %s', (...[, over, check, code]: [string, Partial<BumpOutcome>, CheckVerdict | null, number]) => {
  expect(bumpExitCode(bumpReport(TARGET, OPTIONS, check === null, outcome(over), check))).toBe(code);
});

test('the summary: edits in path order, kept and unrewritable items, the check verdict', () => {
  const lib = site('lib/go.mod', 3, '1.24');
  const tc = site('go.mod', 5, '1.25.3', 'toolchain go', 'toolchain');
  const docker = site('Dockerfile', 2, '1.25', 'golang:', 'declaration');
  const decisions = [
    { action: 'set' as const, site: { ...docker, after: '-alpine' }, to: '1.27' },
    { action: 'set' as const, site: site('go.mod', 3, '1.25.0'), to: '1.27.0' },
    { action: 'remove' as const, site: tc, why: 'at or below the go line (go 1.27.0)' },
    { action: 'keep' as const, site: lib, reason: 'library' as const, why: 'a library (no package main)' }
  ];
  const r = bumpReport(
    TARGET,
    OPTIONS,
    false,
    outcome({
      plan: {
        decisions,
        unrewritable: [{ file: 'Dockerfile', line: 4, what: 'golang:1.25@sha256:abc', reason: 'is pinned by digest' }]
      },
      applied: decisions.slice(0, 3),
      files: ['Dockerfile', 'go.mod']
    }),
    {
      ran: true,
      consistent: false,
      errors: [{ check: 'go-directive', kind: 'break', message: 'go 1.28.0 requires ...', file: 'x/go.mod', line: 3 }]
    }
  );
  expect(renderSummary(r)).toBe(
    [
      'setup-go-enforced bump: Go 1.27.0 (stable, go lines: main)',
      'go.mod:3      go 1.25.0 -> go 1.27.0',
      'go.mod:5      toolchain go1.25.3 -> removed: at or below the go line (go 1.27.0)',
      'Dockerfile:2  golang:1.25-alpine -> golang:1.27-alpine',
      'kept:',
      '  lib/go.mod:3  go 1.24: a library (no package main)',
      'not rewritten:',
      '  Dockerfile:4  golang:1.25@sha256:abc is pinned by digest',
      '3 lines changed in 2 files',
      'check (consistency exact, Go 1.27.0): 1 error left',
      '  x/go.mod:3  break go-directive: go 1.28.0 requires ...',
      ''
    ].join('\n')
  );
});

test('repository text in the summary is escaped and clipped', () => {
  const s = { ...site('evil\n::error::x/go.mod', 3, '1.25.0'), after: ` // ${'x'.repeat(80)}\u001b[31m` };
  const r = bumpReport(
    TARGET,
    OPTIONS,
    false,
    outcome({ applied: [{ action: 'set', site: s, to: '1.27.0' }] }),
    CONSISTENT
  );
  const text = renderSummary(r);
  expect(text).not.toMatch(/\n::error::/);
  expect(text).not.toContain('\u001b');
  expect(text).toContain('evil\\n::error::x/go.mod:3');
  expect(text).toContain('…');
});
