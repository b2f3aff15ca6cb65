/**
 * The only telemetry module the entry bundles carry: whether the environment asks for an OTLP
 * export at all, and the lazy load of the exporter when it does. Without an endpoint nothing else
 * of src/telemetry/ is loaded (the bundler puts export-step.ts and all it needs in a chunk file
 * beside the bundle, read only by the dynamic import below). Never throws: a chunk that cannot be
 * loaded is one warning, and the step's result stays as it was.
 */
import type { Host, PostHost } from '../hosts/host.js';
import type { MainStepTelemetry, PostStepTelemetry } from './export-step.js';

/** The variables that name an endpoint (the OTLP exporter's, generic and per signal). */
export const ENDPOINT_VARIABLES = [
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT'
] as const;

/** True when an endpoint is set and OTEL_SDK_DISABLED is not `true` (pure, no other import). */
export function telemetryRequested(env: NodeJS.ProcessEnv): boolean {
  if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true') return false;
  return ENDPOINT_VARIABLES.some((name) => (env[name] ?? '').trim() !== '');
}

/** Exports the step's telemetry when the environment asks for it; otherwise does nothing, at once. */
export async function exportTelemetry(host: Host, step: MainStepTelemetry): Promise<void>;
export async function exportTelemetry(host: PostHost, step: PostStepTelemetry): Promise<void>;
export async function exportTelemetry(
  host: Host | PostHost,
  step: MainStepTelemetry | PostStepTelemetry
): Promise<void> {
  if (!telemetryRequested(host.env)) return;
  try {
    const { exportStepTelemetry } = await import('./export-step.js');
    if (step.step === 'main') await exportStepTelemetry(host as Host, step);
    else await exportStepTelemetry(host, step);
  } catch (e) {
    // exportStepTelemetry never throws; this is a chunk that is missing or broken.
    host.warning(`telemetry: not exported: ${e instanceof Error ? e.message : String(e)}`);
  }
}
