import { runFacts } from '../../src/telemetry/facts.js';
import { runMetrics } from '../../src/telemetry/metrics.js';
import type { Temporality } from '../../src/telemetry/model.js';
import type { RunSource } from '../../src/telemetry/source.js';
import type { RunReport } from '../../src/report/json-report.js';
import { FINDINGS, INSTALL_FAILED, finishedReport, stoppedReport } from './run-fixture.js';

const SOURCE: RunSource = { origin: 'runner', repository: 'acme/widgets' };
const REPO = { 'vcs.owner.name': 'acme', 'vcs.repository.name': 'widgets' };

function metricsOf(report: RunReport | undefined, temporality: Temporality = 'delta') {
  return runMetrics({ report, facts: runFacts(report), source: SOURCE, temporality, startMs: 1000, endMs: 1500 });
}

describe('runMetrics', () => {
  test('a consistent run: one run by Go versions, result and repository; the install time', () => {
    const m = metricsOf(finishedReport());
    expect(m.map((x) => [x.name, x.unit, x.temporality, x.monotonic])).toEqual([
      ['setup_go_enforced.runs', '{run}', 'delta', true],
      ['setup_go_enforced.install.duration', 'ms', 'delta', true]
    ]);
    expect(m[0].points).toEqual([
      {
        attributes: {
          'setup_go_enforced.go.installed': '1.22.12',
          'setup_go_enforced.go.requested': '1.22',
          'setup_go_enforced.mode': 'install',
          'cicd.pipeline.result': 'success',
          ...REPO
        },
        startMs: 1000,
        timeMs: 1500,
        value: 1
      }
    ]);
    expect(m[1].points).toEqual([
      {
        attributes: {
          'setup_go_enforced.go.installed': '1.22.12',
          'setup_go_enforced.go.toolchain_cache_hit': false,
          'setup_go_enforced.mode': 'install'
        },
        startMs: 1000,
        timeMs: 1500,
        value: 300
      }
    ]);
  });

  test('findings: one point per check, kind and severity, with its count', () => {
    const findings = metricsOf(finishedReport([...FINDINGS, FINDINGS[0]])).find(
      (x) => x.name === 'setup_go_enforced.findings'
    );
    expect(findings?.points.map((p) => [p.attributes, p.value])).toEqual([
      [
        {
          'setup_go_enforced.finding.check': 'go-directive',
          'setup_go_enforced.finding.kind': 'break',
          'setup_go_enforced.finding.severity': 'error',
          'setup_go_enforced.go.installed': '1.22.12',
          ...REPO
        },
        2
      ],
      [
        {
          'setup_go_enforced.finding.check': 'version-files',
          'setup_go_enforced.finding.kind': 'drift',
          'setup_go_enforced.finding.severity': 'error',
          'setup_go_enforced.go.installed': '1.22.12',
          ...REPO
        },
        1
      ],
      [
        {
          'setup_go_enforced.finding.check': 'version-files',
          'setup_go_enforced.finding.kind': 'drift',
          'setup_go_enforced.finding.severity': 'warning',
          'setup_go_enforced.go.installed': '1.22.12',
          ...REPO
        },
        1
      ],
      [
        {
          'setup_go_enforced.finding.check': 'latest-patch',
          'setup_go_enforced.finding.kind': 'advice',
          'setup_go_enforced.finding.severity': 'warning',
          'setup_go_enforced.go.installed': '1.22.12',
          ...REPO
        },
        1
      ]
    ]);
  });

  test('a failed run counts as a run with result failure', () => {
    const runs = metricsOf(finishedReport(FINDINGS))[0];
    expect(runs.points[0].attributes['cicd.pipeline.result']).toBe('failure');
  });

  test('a run that stopped before installing: a run without versions installed, no install time', () => {
    const m = metricsOf(stoppedReport({ plan: 5, total: 9 }, INSTALL_FAILED));
    expect(m.map((x) => x.name)).toEqual(['setup_go_enforced.runs']);
    expect(m[0].points[0].attributes).toEqual({
      'setup_go_enforced.go.requested': '1.22',
      'setup_go_enforced.mode': 'install',
      'cicd.pipeline.result': 'failure',
      ...REPO
    });
  });

  test('cumulative when asked', () => {
    expect(metricsOf(finishedReport(), 'cumulative').every((x) => x.temporality === 'cumulative')).toBe(true);
  });
});
