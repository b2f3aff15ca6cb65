/**
 * A run -> counters (pure), one data point per run and attribute set, over the step's time:
 * - setup_go_enforced.runs: 1, by installed and requested Go, result, repository;
 * - setup_go_enforced.findings: the number of findings, by check, kind and severity (and
 *   repository), only for the groups that have findings;
 * - setup_go_enforced.install.duration: the install phase's milliseconds, by installed Go and
 *   whether the toolchain came from the tool cache; only when there was an install phase.
 * Sums, monotonic; delta by default (each run adds its own count: see docs/telemetry.md).
 */
import type { RunReport } from '../report/json-report.js';
import type { RunFacts } from './facts.js';
import type { SumMetric, Temporality } from './model.js';
import { attrs } from './resource.js';
import { repositoryFacts, type RunSource } from './source.js';

export const METRIC_RUNS = 'setup_go_enforced.runs';
export const METRIC_FINDINGS = 'setup_go_enforced.findings';
export const METRIC_INSTALL_DURATION = 'setup_go_enforced.install.duration';

export interface MetricsInput {
  report: RunReport | undefined;
  facts: RunFacts;
  source: RunSource;
  temporality: Temporality;
  startMs: number;
  endMs: number;
}

export function runMetrics(input: MetricsInput): SumMetric[] {
  const { facts: f, startMs, endMs, temporality } = input;
  const repo = repositoryFacts(input.source);
  const repository = attrs({ 'vcs.owner.name': repo.owner, 'vcs.repository.name': repo.name });
  const sum = (name: string, description: string, unit: string): SumMetric => ({
    name,
    description,
    unit,
    temporality,
    monotonic: true,
    points: []
  });
  const point = (attributes: SumMetric['points'][number]['attributes'], value: number) => ({
    attributes,
    startMs,
    timeMs: endMs,
    value
  });

  const runs = sum(METRIC_RUNS, 'Runs of the setup-go-enforced main step', '{run}');
  runs.points.push(
    point(
      {
        ...attrs({
          'setup_go_enforced.go.installed': f.goInstalled,
          'setup_go_enforced.go.requested': f.goRequested,
          'setup_go_enforced.mode': f.mode,
          'cicd.pipeline.result': f.result
        }),
        ...repository
      },
      1
    )
  );

  const findings = sum(METRIC_FINDINGS, 'Findings of the consistency checks', '{finding}');
  for (const g of f.groups) {
    findings.points.push(
      point(
        {
          'setup_go_enforced.finding.check': g.check,
          'setup_go_enforced.finding.kind': g.kind,
          'setup_go_enforced.finding.severity': g.severity,
          ...attrs({ 'setup_go_enforced.go.installed': f.goInstalled }),
          ...repository
        },
        g.count
      )
    );
  }

  const out = [runs];
  if (findings.points.length > 0) out.push(findings);
  const installMs = input.report?.timings?.install;
  if (typeof installMs === 'number' && f.goInstalled) {
    const install = sum(METRIC_INSTALL_DURATION, 'Time the install phase took', 'ms');
    install.points.push(
      point(
        {
          'setup_go_enforced.go.installed': f.goInstalled,
          ...attrs({
            'setup_go_enforced.go.toolchain_cache_hit': f.toolchainCacheHit,
            'setup_go_enforced.mode': f.mode
          })
        },
        Math.round(installMs)
      )
    );
    out.push(install);
  }
  return out;
}
