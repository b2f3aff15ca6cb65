/**
 * Where a step's spans hang (pure): a TRACEPARENT in the environment wins; on a runner without one,
 * the trace the Collector's GitHub receiver builds for the same run (its trace id, under the run's
 * root span); elsewhere a new trace. And what the main step hands to the post step, so that the
 * post step's span joins the same trace whatever a later step did to TRACEPARENT.
 */
import { isObject } from '../json.js';
import { parseTraceparent, randomTraceId, receiverRunIds, type RandomBytes } from './ids.js';

export interface TraceContext {
  traceId: string;
  /** the span ours are children of; absent for a new trace */
  parentSpanId?: string;
  /** false when the TRACEPARENT says not sampled: no spans are sent then (metrics still are) */
  sampled: boolean;
  /** TRACESTATE, passed along with a TRACEPARENT */
  traceState?: string;
  /** where the context came from (main-step: the post step's, from the main step's state) */
  origin: 'traceparent' | 'github-run' | 'new' | 'main-step';
  /** a TRACEPARENT was set but is not a valid one (it was ignored) */
  invalidTraceparent?: true;
}

/** W3C: at most 512 characters of tracestate are propagated. */
const MAX_TRACESTATE = 512;

/**
 * TRACEPARENT (valid) -> its trace, under its span; else GITHUB_RUN_ID/ATTEMPT (integers) -> the
 * receiver's trace id, under the run's root span; else a random trace id without a parent.
 */
export function parentContext(
  vars: { traceparent?: string; tracestate?: string; runId?: string; runAttempt?: string },
  random: RandomBytes
): TraceContext {
  const given = parseTraceparent(vars.traceparent);
  const invalid = vars.traceparent !== undefined && vars.traceparent.trim() !== '' && !given;
  const flag = invalid ? { invalidTraceparent: true as const } : {};
  if (given) {
    const ts = vars.tracestate?.trim();
    return {
      traceId: given.traceId,
      parentSpanId: given.spanId,
      sampled: given.sampled,
      ...(ts && ts.length <= MAX_TRACESTATE ? { traceState: ts } : {}),
      origin: 'traceparent'
    };
  }
  const run = receiverRunIds(vars.runId, vars.runAttempt);
  if (run) return { traceId: run.traceId, parentSpanId: run.rootSpanId, sampled: true, origin: 'github-run', ...flag };
  return { traceId: randomTraceId(random), sampled: true, origin: 'new', ...flag };
}

/** The post step's share of the main step's context (step state TELEMETRY_STATE). */
export interface TelemetryState {
  v: 1;
  traceId: string;
  parentSpanId?: string;
  sampled: boolean;
  traceState?: string;
  /** the main step's span, which the post step's span links to */
  mainSpanId: string;
}

export const TELEMETRY_STATE = 'setup-go-enforced-telemetry';

export function encodeTelemetryState(s: TelemetryState): string {
  return JSON.stringify(s);
}

const isHex = (v: unknown, len: number): v is string =>
  typeof v === 'string' && new RegExp(`^[0-9a-f]{${len}}$`).test(v);

/** The state, or undefined when there is none or it is not ours. */
export function decodeTelemetryState(text: string): TelemetryState | undefined {
  if (!text) return undefined;
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(o) || o.v !== 1 || !isHex(o.traceId, 32) || !isHex(o.mainSpanId, 16)) return undefined;
  if (typeof o.sampled !== 'boolean') return undefined;
  if (o.parentSpanId !== undefined && !isHex(o.parentSpanId, 16)) return undefined;
  if (o.traceState !== undefined && typeof o.traceState !== 'string') return undefined;
  const s: TelemetryState = { v: 1, traceId: o.traceId, sampled: o.sampled, mainSpanId: o.mainSpanId };
  if (o.parentSpanId !== undefined) s.parentSpanId = o.parentSpanId;
  if (typeof o.traceState === 'string') s.traceState = o.traceState;
  return s;
}
