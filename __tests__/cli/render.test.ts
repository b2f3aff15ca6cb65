import { renderCheck, renderPlan, wantsColor } from '../../src/cli/render.js';
import { sampleReport } from '../report/report-fixture.js';

test.each<[boolean | undefined, NodeJS.ProcessEnv, boolean]>([
  [true, {}, true],
  [false, {}, false],
  [undefined, {}, false],
  [true, { NO_COLOR: '1' }, false],
  [true, { NO_COLOR: '' }, true],
  [true, { TERM: 'dumb' }, false]
])('wantsColor(tty %s, %j) = %s', (tty, env, want) => {
  expect(wantsColor(tty, env)).toBe(want);
});

describe('renderCheck', () => {
  const report = sampleReport();

  test('a verdict line and one row per finding with its location', () => {
    const text = renderCheck(report, { color: false });
    const lines = text.split('\n');
    expect(lines[1]).toMatch(/^✖ 1 error, \d+ warnings$/);
    expect(lines[3]).toMatch(/^SEVERITY\s+KIND\s+CHECK\s+LOCATION\s+MESSAGE$/);
    expect(text).toMatch(/^error\s+break\s+go-directive\s+svc\/a\|b\/go\.mod:3\s+go 1\.23 requires/m);
    expect(lines.filter((l) => /^(error|warning) /.test(l))).toHaveLength(report.findings.length);
    expect(text).not.toContain('\u001b[');
  });

  test('colour when asked: errors red', () => {
    expect(renderCheck(report, { color: true })).toContain('\u001b[31merror');
  });
});

test('renderPlan', () => {
  expect(renderPlan(sampleReport())).toBe(
    'version: 1.22.12\nfrom: go.mod:3 go 1.22\nmatrix: ["1.22.12","1.23.1"]\nminimal: 1.22.0\nlatest: 1.23.1\n'
  );
});
