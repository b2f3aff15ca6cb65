/**
 * The model -> OTLP/HTTP JSON bodies (pure), in the OTLP JSON mapping of protobuf
 * (opentelemetry-proto docs/specification.md, "JSON Protobuf Encoding"): lowerCamelCase field
 * names, trace and span ids as lowercase hex (not base64), enums as integers, 64-bit integers as
 * decimal strings; fields at their default value left out.
 */
import {
  nanos,
  SPAN_KIND,
  STATUS_CODE,
  TEMPORALITY,
  type AttributeValue,
  type Attributes,
  type MetricBatch,
  type Span,
  type SumMetric,
  type TraceBatch
} from './model.js';

export const JSON_CONTENT_TYPE = 'application/json';

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

function anyValue(v: AttributeValue): Json {
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  if (Number.isSafeInteger(v)) return { intValue: String(v) };
  return { doubleValue: v };
}

function keyValues(attributes: Attributes): Json[] {
  return Object.entries(attributes).map(([key, value]) => ({ key, value: anyValue(value) }));
}

/** The object without the keys whose value is undefined (a default left out). */
function defined(o: Record<string, Json | undefined>): { [k: string]: Json } {
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

const time = (ms: number): string => nanos(ms).toString();

function span(s: Span): Json {
  return defined({
    traceId: s.traceId,
    spanId: s.spanId,
    traceState: s.traceState || undefined,
    parentSpanId: s.parentSpanId || undefined,
    name: s.name,
    kind: SPAN_KIND[s.kind],
    startTimeUnixNano: time(s.startMs),
    endTimeUnixNano: time(s.endMs),
    attributes: keyValues(s.attributes),
    events: s.events.map((e) => ({ timeUnixNano: time(e.timeMs), name: e.name, attributes: keyValues(e.attributes) })),
    droppedEventsCount: s.droppedEvents || undefined,
    links: s.links.map((l) =>
      defined({
        traceId: l.traceId,
        spanId: l.spanId,
        traceState: l.traceState || undefined,
        attributes: keyValues(l.attributes)
      })
    ),
    status: defined({ message: s.status.message || undefined, code: STATUS_CODE[s.status.code] || undefined })
  });
}

function metric(m: SumMetric): Json {
  return defined({
    name: m.name,
    description: m.description || undefined,
    unit: m.unit || undefined,
    sum: defined({
      dataPoints: m.points.map((p) => ({
        attributes: keyValues(p.attributes),
        startTimeUnixNano: time(p.startMs),
        timeUnixNano: time(p.timeMs),
        asInt: String(Math.round(p.value))
      })),
      aggregationTemporality: TEMPORALITY[m.temporality],
      isMonotonic: m.monotonic || undefined
    })
  });
}

const scope = (s: { name: string; version: string }): Json =>
  defined({ name: s.name || undefined, version: s.version || undefined });

const encoder = new TextEncoder();

export function encodeTracesJson(batch: TraceBatch): Uint8Array {
  const body = {
    resourceSpans: [
      {
        resource: { attributes: keyValues(batch.resource) },
        scopeSpans: [{ scope: scope(batch.scope), spans: batch.spans.map(span) }]
      }
    ]
  };
  return encoder.encode(JSON.stringify(body));
}

export function encodeMetricsJson(batch: MetricBatch): Uint8Array {
  const body = {
    resourceMetrics: [
      {
        resource: { attributes: keyValues(batch.resource) },
        scopeMetrics: [{ scope: scope(batch.scope), metrics: batch.metrics.map(metric) }]
      }
    ]
  };
  return encoder.encode(JSON.stringify(body));
}
