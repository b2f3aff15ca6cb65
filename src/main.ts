/**
 * The action's entry: the pipeline (pipeline.ts) on the GitHub Actions runner, with the inputs the
 * runner passes, and what only a runner does (caching, the problem matcher).
 */
import { actionsHost, readRawInputs } from './edge/actions.js';
import type { Host } from './host.js';
import { runPipeline } from './pipeline.js';
import { restoreCaches } from './stages/cache-stage.js';
import { registerProblemMatcher } from './edge/problem-matcher.js';
import { rememberToolchains } from './edge/toolchain-modules.js';
import { exportTelemetry } from './telemetry/requested.js';

export async function run(host: Host = actionsHost()): Promise<void> {
  const report = await runPipeline({
    host,
    raw: readRawInputs(),
    extras: { restoreCaches, registerProblemMatcher, rememberToolchains }
  });
  // OpenTelemetry, only when an OTLP endpoint is set (the exporter is loaded only then).
  await exportTelemetry(host, { step: 'main', report });
}
