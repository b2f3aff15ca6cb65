/**
 * The telemetry of a step, end to end: read the configuration, mask the header values, find the
 * trace context, build the spans and counters, encode them as each endpoint wants, send them, and
 * say in one warning what could not be sent. The main step also passes its span on: TRACEPARENT for
 * later steps (GITHUB_ENV) and the step state for the post step. Loaded only when an endpoint is
 * set (requested.ts). Never throws and never changes the step's result.
 */
import { randomBytes } from 'node:crypto';
import type { Host, PostHost } from '../hosts/host.js';
import type { RunReport } from '../report/json-report.js';
import type { SaveReport } from '../cache/save.js';
import { ACTION_VERSION } from '../version.js';
import { readTelemetryConfig, type SignalConfig, type TelemetryConfig } from './config.js';
import { sendAll, type Post, type SignalRequest } from './export.js';
import { runFacts } from './facts.js';
import { formatTraceparent, randomSpanId, type RandomBytes } from './ids.js';
import { runMetrics } from './metrics.js';
import type { MetricBatch, TraceBatch } from './model.js';
import { encodeMetricsJson, encodeTracesJson, JSON_CONTENT_TYPE } from './otlp-json.js';
import { encodeMetricsProtobuf, encodeTracesProtobuf, PROTOBUF_CONTENT_TYPE } from './otlp-protobuf.js';
import { resourceOf, scopeOf } from './resource.js';
import { runSource } from './source.js';
import { mainStepSpans, postStepSpan } from './spans.js';
import {
  decodeTelemetryState,
  encodeTelemetryState,
  parentContext,
  TELEMETRY_STATE,
  type TraceContext
} from './trace-context.js';

/** What a step hands over: the main step its report, the post step what it saved and when it began. */
export interface MainStepTelemetry {
  step: 'main';
  report: RunReport | undefined;
}
export interface PostStepTelemetry {
  step: 'post';
  startedAt: number;
  saves: SaveReport[] | undefined;
}
export type StepTelemetry = MainStepTelemetry | PostStepTelemetry;

export interface ExportDeps {
  now: () => number;
  random: RandomBytes;
  post?: Post;
  /** when this process started (ms since the epoch): the step's start without a report */
  processStart: number;
  actionVersion: string;
}

const defaultDeps = (): ExportDeps => ({
  now: Date.now,
  random: (n) => randomBytes(n),
  processStart: performance.timeOrigin,
  actionVersion: ACTION_VERSION
});

function tracesRequest(c: SignalConfig, batch: TraceBatch): SignalRequest {
  const json = c.protocol === 'http/json';
  return {
    signal: 'traces',
    url: c.url,
    body: json ? encodeTracesJson(batch) : encodeTracesProtobuf(batch),
    contentType: json ? JSON_CONTENT_TYPE : PROTOBUF_CONTENT_TYPE,
    headers: c.headers,
    compression: c.compression,
    timeoutMs: c.timeoutMs
  };
}

function metricsRequest(c: SignalConfig, batch: MetricBatch): SignalRequest {
  const json = c.protocol === 'http/json';
  return {
    signal: 'metrics',
    url: c.url,
    body: json ? encodeMetricsJson(batch) : encodeMetricsProtobuf(batch),
    contentType: json ? JSON_CONTENT_TYPE : PROTOBUF_CONTENT_TYPE,
    headers: c.headers,
    compression: c.compression,
    timeoutMs: c.timeoutMs
  };
}

function contextFrom(host: PostHost, source: ReturnType<typeof runSource>, random: RandomBytes): TraceContext {
  const ctx = parentContext(
    {
      traceparent: host.env.TRACEPARENT,
      tracestate: host.env.TRACESTATE,
      runId: source.runId,
      runAttempt: source.runAttempt
    },
    random
  );
  if (ctx.invalidTraceparent) {
    host.warning('telemetry: TRACEPARENT is not a W3C traceparent: ignored, the spans start a trace of their own');
  }
  return ctx;
}

/** The requests of the main step, after it passed its span on. */
function mainRequests(host: Host, config: TelemetryConfig, report: RunReport | undefined, deps: ExportDeps) {
  const source = runSource(report, host.env);
  const context = contextFrom(host, source, deps.random);
  const stepSpanId = randomSpanId(deps.random);
  // Later steps nest under this step's span; the post step joins the same trace.
  host.exportVariable('TRACEPARENT', formatTraceparent(context.traceId, stepSpanId, context.sampled));
  host.saveState(
    TELEMETRY_STATE,
    encodeTelemetryState({
      v: 1,
      traceId: context.traceId,
      ...(context.parentSpanId ? { parentSpanId: context.parentSpanId } : {}),
      sampled: context.sampled,
      ...(context.traceState ? { traceState: context.traceState } : {}),
      mainSpanId: stepSpanId
    })
  );
  const facts = runFacts(report);
  const endMs = deps.now();
  const spans = mainStepSpans({
    report,
    facts,
    source,
    headRef: host.env.GITHUB_HEAD_REF,
    context,
    stepSpanId,
    endMs,
    fallbackStartMs: deps.processStart,
    newSpanId: () => randomSpanId(deps.random)
  });
  const resource = resourceOf(source, config.resource, config.serviceName);
  const scope = scopeOf(deps.actionVersion);
  const reqs: SignalRequest[] = [];
  if (config.traces && context.sampled) reqs.push(tracesRequest(config.traces, { resource, scope, spans }));
  if (config.metrics) {
    const metrics = runMetrics({
      report,
      facts,
      source,
      temporality: config.temporality,
      startMs: spans[0].startMs,
      endMs
    });
    reqs.push(metricsRequest(config.metrics, { resource, scope, metrics }));
  }
  return reqs;
}

/** The request of the post step: its span, in the main step's trace when the state has it. */
function postRequests(host: PostHost, config: TelemetryConfig, step: PostStepTelemetry, deps: ExportDeps) {
  if (!config.traces) return [];
  const source = runSource(undefined, host.env);
  const state = decodeTelemetryState(host.getState(TELEMETRY_STATE));
  const context: TraceContext = state
    ? {
        traceId: state.traceId,
        sampled: state.sampled,
        origin: 'main-step',
        ...(state.parentSpanId ? { parentSpanId: state.parentSpanId } : {}),
        ...(state.traceState ? { traceState: state.traceState } : {})
      }
    : contextFrom(host, source, deps.random);
  if (!context.sampled) return [];
  const span = postStepSpan({
    saves: step.saves,
    source,
    headRef: host.env.GITHUB_HEAD_REF,
    context,
    mainSpanId: state?.mainSpanId,
    spanId: randomSpanId(deps.random),
    startMs: step.startedAt,
    endMs: deps.now()
  });
  const resource = resourceOf(source, config.resource, config.serviceName);
  return [tracesRequest(config.traces, { resource, scope: scopeOf(deps.actionVersion), spans: [span] })];
}

/** The main step's telemetry (its host passes TRACEPARENT on), or the post step's. */
export async function exportStepTelemetry(host: Host, step: MainStepTelemetry, deps?: ExportDeps): Promise<void>;
export async function exportStepTelemetry(host: PostHost, step: PostStepTelemetry, deps?: ExportDeps): Promise<void>;
export async function exportStepTelemetry(
  host: Host | PostHost,
  step: StepTelemetry,
  deps: ExportDeps = defaultDeps()
): Promise<void> {
  try {
    const cfg = readTelemetryConfig(host.env);
    if (cfg.kind === 'off') return;
    // Header values are secrets: masked before anything could print them.
    for (const s of cfg.secrets) host.setSecret(s);
    if (cfg.kind === 'invalid') {
      host.warning(`telemetry: ${cfg.variable}: ${cfg.reason}; nothing is exported`);
      return;
    }
    const reqs =
      step.step === 'main'
        ? mainRequests(host as Host, cfg.config, step.report, deps)
        : postRequests(host, cfg.config, step, deps);
    if (reqs.length === 0) return;
    const outcomes = await sendAll(reqs, deps.post);
    const failed: string[] = [];
    for (const o of outcomes) {
      if (o.ok) host.debug(`telemetry: ${o.signal} exported to ${o.url}`);
      else failed.push(`${o.signal} to ${o.url}: ${o.reason}`);
    }
    if (failed.length > 0) host.warning(`telemetry: not exported: ${failed.join('; ')}`);
  } catch (e) {
    host.warning(`telemetry: not exported: ${e instanceof Error ? e.message : String(e)}`);
  }
}
