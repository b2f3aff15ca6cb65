/**
 * The action's entry: the pipeline (pipeline.ts) on the GitHub Actions runner, with the inputs the
 * runner passes, and what only a runner does (caching, the problem matcher).
 */
import { actionsHost } from './hosts/actions-host.js';
import { readRawInputs } from './hosts/runner-inputs.js';
import type { Host } from './hosts/host.js';
import { runPipeline } from './pipeline.js';
import { restoreCaches } from './cache/restore.js';
import { registerProblemMatcher } from './report/problem-matcher.js';
import { rememberToolchains } from './verify/toolchain-modules.js';
import { exportTelemetry } from './telemetry/requested.js';

export async function run(host: Host = actionsHost()): Promise<void> {
  const report = await runPipeline({
    host,
    raw: readRawInputs(),
    extras: { restoreCaches, registerProblemMatcher: (ctx) => registerProblemMatcher(ctx), rememberToolchains }
  });
  // OpenTelemetry, only when an OTLP endpoint is set (the exporter is loaded only then).
  await exportTelemetry(host, { step: 'main', report });
}
