import { cell, renderSummary, MAX_TABLE_ROWS } from '../../src/report/summary.js';
import { sampleParts, sampleReport } from './report-fixture.js';
import { buildReport } from '../../src/report/json-report.js';
import { InputError } from '../../src/errors.js';
import { mod } from '../verify/checks/facts-fixture.js';
import { CHECK_IDS } from '../../src/verify/checks/ids.js';

/** The rows of the first table after a `### <heading>`, as arrays of unescaped cells. */
function tableAfter(markdown: string, heading: string): string[][] | undefined {
  const lines = markdown.split('\n');
  let i = lines.indexOf(`### ${heading}`);
  if (i < 0) return undefined;
  while (i < lines.length && !lines[i].startsWith('|')) i++;
  const rows: string[][] = [];
  for (; i < lines.length && lines[i].startsWith('|'); i++) {
    const cells = lines[i]
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim().replace(/\\\|/g, '|').replace(/\\\\/g, '\\'));
    rows.push(cells);
  }
  return rows.slice(2); // header and separator
}

describe('renderSummary', () => {
  const md = renderSummary(sampleReport());

  test('status line counts the errors', () => {
    expect(md.split('\n')[2]).toMatch(/1 error\b/);
    const ok = renderSummary(
      buildReport({
        ...sampleParts(),
        outcome: { ...sampleParts().outcome!, consistent: true, errorCount: 0, mismatchCount: 0, findings: [] }
      })
    );
    expect(ok.split('\n')[2]).toMatch(/consistent/);
  });

  test('requested: spec and where from', () => {
    expect(tableAfter(md, 'Requested')).toEqual([
      ['spec', '1.22'],
      ['from', 'go.mod:3 go 1.22'],
      ['file', 'go.mod:3']
    ]);
  });

  test('resolved: version, archive, sha256, source, install path, previous Go', () => {
    const rows = Object.fromEntries(tableAfter(md, 'Resolved')!.map(([k, v]) => [k, v]));
    expect(rows.version).toBe('1.22.12');
    expect(rows.archive).toBe('go1.22.12.linux-amd64.tar.gz');
    expect(rows['sha256 verified']).toMatch(/^yes/);
    expect(rows.source).toMatch(/^downloaded/);
    expect(rows['install path']).toBe('/opt/hostedtoolcache/go/1.22.12/x64');
    expect(rows['previous Go']).toMatch(/^1\.21\.5 -> 1\.22\.12/);
  });

  test('a tool cache hit says so', () => {
    const parts = sampleParts();
    parts.resolution = { ...parts.resolution!, toolchainCacheHit: true, sha256Verified: false };
    const rows = Object.fromEntries(tableAfter(renderSummary(buildReport(parts)), 'Resolved')!.map(([k, v]) => [k, v]));
    expect(rows.source).toBe('tool cache');
  });

  test('checks table: one row per check with its result and first message', () => {
    const rows = tableAfter(md, 'Checks')!;
    expect(rows.map((r) => r[1])).toEqual([...CHECK_IDS]);
    const byId = Object.fromEntries(rows.map((r) => [r[1], r]));
    expect(byId['go-directive'][0]).toBe('❌ 1 error, 1 warning');
    expect(byId['go-directive'][2]).toContain('svc/a|b/go.mod:3');
    expect(byId.environment[0]).toBe('⚠️ 2 warnings');
    expect(byId['installed-version'][0]).toBe('✅ pass');
  });

  test('the result column never contradicts the findings it stands for', () => {
    for (const parts of [sampleParts(), sampleParts({ onMismatch: 'warn' })]) {
      const report = buildReport(parts);
      const rows = tableAfter(renderSummary(report), 'Checks')!;
      for (const c of report.checks) {
        const cellText = rows.find((r) => r[1] === c.id)![0];
        const errors = c.findings.filter((f) => f.severity === 'error').length;
        const warnings = c.findings.length - errors;
        expect(cellText.includes('error')).toBe(errors > 0);
        expect(cellText.includes('warning')).toBe(warnings > 0);
      }
    }
  });

  test('findings table: every finding with severity, kind, check and file:line', () => {
    const report = sampleReport();
    const rows = tableAfter(renderSummary(report), `Findings (${report.findings.length})`)!;
    expect(rows).toHaveLength(report.findings.length);
    expect(rows).toContainEqual([
      '❌ error',
      'break',
      'go-directive',
      'svc/a|b/go.mod:3',
      expect.stringContaining('go 1.23')
    ]);
    expect(rows).toContainEqual([
      '⚠️ warning',
      'advice',
      'go-directive',
      'tools/go.mod:1',
      expect.stringContaining('no go line')
    ]);
  });

  test('findings beyond the cap are counted, with where to find them', () => {
    const parts = sampleParts();
    const many = Array.from({ length: MAX_TABLE_ROWS + 7 }, (_, i) => ({
      check: 'files' as const,
      kind: 'advice' as const,
      severity: 'warning' as const,
      message: `m${i}`,
      file: `f${i}/go.mod`
    }));
    const out = renderSummary(buildReport({ ...parts, outcome: { ...parts.outcome!, findings: many } }));
    expect(tableAfter(out, `Findings (${many.length})`)).toHaveLength(MAX_TABLE_ROWS);
    expect(out).toContain('7 more findings: every one is in the JSON report');
  });

  test('a run that stopped before the checks says where and why', () => {
    const out = renderSummary(
      buildReport({
        ...sampleParts(),
        outcome: undefined,
        workspace: undefined,
        error: new InputError('invalid go version "1.x"', { file: 'go.mod', line: 3 })
      })
    );
    expect(out.split('\n')[2]).toMatch(/stopped before the checks/);
    expect(tableAfter(out, 'Stopped')).toEqual([['go.mod:3: invalid go version "1.x"', 'go.mod:3']]);
    expect(tableAfter(out, 'Checks')).toBeUndefined();
  });

  test('modules table: path, go line, toolchain line; | in paths escaped', () => {
    expect(tableAfter(md, 'Modules')).toEqual([
      ['go.mod (main)', '1.22 (line 3)', 'go1.22.12 (line 5)'],
      ['svc/a|b/go.mod', '1.23 (line 3)', '—'],
      ['tools/go.mod', '—', '—']
    ]);
  });

  test('version files, vulnerabilities and matrix tables', () => {
    expect(tableAfter(md, 'Version files')).toEqual([
      ['build/Dockerfile', '2', 'Dockerfile', 'golang:1.22-alpine', '1.22']
    ]);
    const vulns = tableAfter(md, 'Vulnerabilities')!;
    expect(vulns).toHaveLength(1);
    expect(vulns[0][0]).toContain('GO-2025-0001');
    expect(vulns[0][2]).toBe('net/http: a | b<br>second line');
    const matrix = Object.fromEntries(tableAfter(md, 'Matrix')!.map(([k, v]) => [k, v]));
    expect(matrix).toMatchObject({ matrix: '["1.22.12","1.23.1"]', minimal: '1.22.0', latest: '1.23.1' });
  });

  test('sections without data are left out', () => {
    const out = renderSummary(
      buildReport({ ...sampleParts(), vulns: { status: 'checked', matches: [], entriesRead: 1 }, matrix: undefined })
    );
    expect(tableAfter(out, 'Vulnerabilities')).toBeUndefined();
    expect(tableAfter(out, 'Matrix')).toBeUndefined();
  });

  test('long module lists are cut with a pointer to the JSON report', () => {
    const modules = Array.from({ length: MAX_TABLE_ROWS + 5 }, (_, i) => mod(`m${i}/go.mod`, '1.22'));
    const parts = sampleParts();
    const out = renderSummary(buildReport({ ...parts, workspace: { ...parts.workspace!, modules } }));
    expect(tableAfter(out, 'Modules')).toHaveLength(MAX_TABLE_ROWS);
    expect(out).toContain('5 more files');
  });

  test.each([
    ['a|b', 'a\\|b'],
    ['x\ny', 'x<br>y'],
    ['', '—'],
    [null, '—'],
    [3, '3']
  ])('cell(%j) = %j', (input, out) => {
    expect(cell(input)).toBe(out);
  });
});
