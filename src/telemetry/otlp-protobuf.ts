/**
 * The model -> OTLP/HTTP protobuf bodies (pure): ExportTraceServiceRequest and
 * ExportMetricsServiceRequest, field numbers as in opentelemetry-proto
 * (opentelemetry/proto/{common,resource,trace,metrics}/v1/*.proto). Times are fixed64 nanoseconds.
 */
import {
  nanos,
  SPAN_KIND,
  STATUS_CODE,
  TEMPORALITY,
  type AttributeValue,
  type Attributes,
  type MetricBatch,
  type Scope,
  type Span,
  type SumMetric,
  type TraceBatch
} from './model.js';
import { hexBytes, ProtoWriter } from './protobuf-writer.js';

export const PROTOBUF_CONTENT_TYPE = 'application/x-protobuf';

/** AnyValue: oneof string_value = 1, bool_value = 2, int_value = 3, double_value = 4. */
function anyValue(v: AttributeValue): ProtoWriter {
  const w = new ProtoWriter();
  if (typeof v === 'string') return w.string(1, v, true);
  if (typeof v === 'boolean') return w.bool(2, v, true);
  if (Number.isSafeInteger(v)) return w.varint(3, v, true);
  return w.double(4, v, true);
}

/** repeated KeyValue { key = 1; value = 2 } as field `field` of `w`. */
function keyValues(w: ProtoWriter, field: number, attributes: Attributes): void {
  for (const [key, value] of Object.entries(attributes)) {
    w.message(field, new ProtoWriter().string(1, key).message(2, anyValue(value)));
  }
}

/** Resource { attributes = 1 }. */
function resource(attributes: Attributes): ProtoWriter {
  const w = new ProtoWriter();
  keyValues(w, 1, attributes);
  return w;
}

/** InstrumentationScope { name = 1; version = 2 }. */
function scope(s: Scope): ProtoWriter {
  return new ProtoWriter().string(1, s.name).string(2, s.version);
}

/**
 * Span { trace_id = 1; span_id = 2; trace_state = 3; parent_span_id = 4; name = 5; kind = 6;
 * start_time_unix_nano = 7; end_time_unix_nano = 8; attributes = 9; events = 11;
 * dropped_events_count = 12; links = 13; status = 15 }.
 */
function span(s: Span): ProtoWriter {
  const w = new ProtoWriter()
    .bytesField(1, hexBytes(s.traceId))
    .bytesField(2, hexBytes(s.spanId))
    .string(3, s.traceState ?? '');
  if (s.parentSpanId) w.bytesField(4, hexBytes(s.parentSpanId));
  w.string(5, s.name, true).varint(6, SPAN_KIND[s.kind]).fixed64(7, nanos(s.startMs)).fixed64(8, nanos(s.endMs));
  keyValues(w, 9, s.attributes);
  for (const e of s.events) {
    // Event { time_unix_nano = 1; name = 2; attributes = 3 }
    const ew = new ProtoWriter().fixed64(1, nanos(e.timeMs)).string(2, e.name);
    keyValues(ew, 3, e.attributes);
    w.message(11, ew);
  }
  w.varint(12, s.droppedEvents);
  for (const l of s.links) {
    // Link { trace_id = 1; span_id = 2; trace_state = 3; attributes = 4 }
    const lw = new ProtoWriter()
      .bytesField(1, hexBytes(l.traceId))
      .bytesField(2, hexBytes(l.spanId))
      .string(3, l.traceState ?? '');
    keyValues(lw, 4, l.attributes);
    w.message(13, lw);
  }
  // Status { message = 2; code = 3 }
  w.message(15, new ProtoWriter().string(2, s.status.message ?? '').varint(3, STATUS_CODE[s.status.code]));
  return w;
}

/**
 * ExportTraceServiceRequest { resource_spans = 1 }; ResourceSpans { resource = 1;
 * scope_spans = 2 }; ScopeSpans { scope = 1; spans = 2 }.
 */
export function encodeTracesProtobuf(batch: TraceBatch): Uint8Array {
  const scopeSpans = new ProtoWriter().message(1, scope(batch.scope));
  for (const s of batch.spans) scopeSpans.message(2, span(s));
  const resourceSpans = new ProtoWriter().message(1, resource(batch.resource)).message(2, scopeSpans);
  return new ProtoWriter().message(1, resourceSpans).finish();
}

/**
 * Metric { name = 1; description = 2; unit = 3; sum = 7 }; Sum { data_points = 1;
 * aggregation_temporality = 2; is_monotonic = 3 }; NumberDataPoint { start_time_unix_nano = 2;
 * time_unix_nano = 3; as_int = 6 (sfixed64); attributes = 7 }.
 */
function metric(m: SumMetric): ProtoWriter {
  const sum = new ProtoWriter();
  for (const p of m.points) {
    const pw = new ProtoWriter()
      .fixed64(2, nanos(p.startMs))
      .fixed64(3, nanos(p.timeMs))
      .fixed64(6, BigInt(Math.round(p.value)), true);
    keyValues(pw, 7, p.attributes);
    sum.message(1, pw);
  }
  sum.varint(2, TEMPORALITY[m.temporality]).bool(3, m.monotonic);
  return new ProtoWriter().string(1, m.name).string(2, m.description).string(3, m.unit).message(7, sum);
}

/**
 * ExportMetricsServiceRequest { resource_metrics = 1 }; ResourceMetrics { resource = 1;
 * scope_metrics = 2 }; ScopeMetrics { scope = 1; metrics = 2 }.
 */
export function encodeMetricsProtobuf(batch: MetricBatch): Uint8Array {
  const scopeMetrics = new ProtoWriter().message(1, scope(batch.scope));
  for (const m of batch.metrics) scopeMetrics.message(2, metric(m));
  const resourceMetrics = new ProtoWriter().message(1, resource(batch.resource)).message(2, scopeMetrics);
  return new ProtoWriter().message(1, resourceMetrics).finish();
}
