/**
 * The plain telemetry model the encoders take: spans and sums as OTLP has them, without the SDK.
 * spans.ts and metrics.ts build it from a run; otlp-json.ts and otlp-protobuf.ts turn it into a
 * request body. Times are milliseconds since the epoch; ids are lowercase hex (32 digits for a
 * trace, 16 for a span). Pure.
 */

/** Milliseconds since the epoch -> nanoseconds, as OTLP's fixed64 times are. */
export function nanos(ms: number): bigint {
  return BigInt(Math.round(ms * 1000)) * 1000n;
}

/**
 * An attribute value: a string, a boolean, or a number; an integer number (Number.isSafeInteger)
 * is sent as an OTLP int, any other number as a double.
 */
export type AttributeValue = string | boolean | number;

/** Attributes by key, in the order they are sent. */
export type Attributes = Record<string, AttributeValue>;

/** OTLP's SpanKind (opentelemetry/proto/trace/v1/trace.proto). */
export const SPAN_KIND = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 } as const;
export type SpanKind = keyof typeof SPAN_KIND;

/** OTLP's Status.StatusCode. */
export const STATUS_CODE = { unset: 0, ok: 1, error: 2 } as const;
export type StatusCode = keyof typeof STATUS_CODE;

/** OTLP's AggregationTemporality (opentelemetry/proto/metrics/v1/metrics.proto). */
export const TEMPORALITY = { delta: 1, cumulative: 2 } as const;
export type Temporality = keyof typeof TEMPORALITY;

export interface SpanEvent {
  name: string;
  timeMs: number;
  attributes: Attributes;
}

export interface SpanLink {
  traceId: string;
  spanId: string;
  traceState?: string;
  attributes: Attributes;
}

export interface Span {
  traceId: string;
  spanId: string;
  /** absent for a root span */
  parentSpanId?: string;
  /** the W3C tracestate the trace came with */
  traceState?: string;
  name: string;
  kind: SpanKind;
  startMs: number;
  endMs: number;
  attributes: Attributes;
  events: SpanEvent[];
  /** events left out (there is a cap) */
  droppedEvents: number;
  links: SpanLink[];
  status: { code: StatusCode; message?: string };
}

/** Who produced the telemetry: OTLP's InstrumentationScope. */
export interface Scope {
  name: string;
  version: string;
}

export interface TraceBatch {
  resource: Attributes;
  scope: Scope;
  spans: Span[];
}

/** One data point of a sum, an integer. */
export interface SumPoint {
  attributes: Attributes;
  startMs: number;
  timeMs: number;
  value: number;
}

/** A metric: always an OTLP Sum (a counter) here. */
export interface SumMetric {
  name: string;
  description: string;
  unit: string;
  temporality: Temporality;
  monotonic: boolean;
  points: SumPoint[];
}

export interface MetricBatch {
  resource: Attributes;
  scope: Scope;
  metrics: SumMetric[];
}
