/**
 * The JSON bodies in the OTLP JSON mapping, validated against the OpenTelemetry project's
 * generated definitions: every key a field of its message, ids hex, fromObject + verify and a round
 * trip; and decoded to the same thing as the protobuf body of the same batch.
 */
import { encodeMetricsJson, encodeTracesJson } from '../../src/telemetry/otlp-json.js';
import { encodeMetricsProtobuf, encodeTracesProtobuf } from '../../src/telemetry/otlp-protobuf.js';
import { EDGE_METRICS, EDGE_METRICS_DECODED, EDGE_TRACES, EDGE_TRACES_DECODED, runBatches } from './batches.js';
import { ExportTraceServiceRequest, assertKnownFields, decodeMetrics, decodeTraces, setPath } from './otlp-proto.js';

const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');

describe('encodeTracesJson', () => {
  test('valid against the definitions, and reads as sent', () => {
    expect(decodeTraces(encodeTracesJson(EDGE_TRACES), 'json')).toEqual(EDGE_TRACES_DECODED);
  });

  test('the OTLP JSON mapping: hex ids, integer enums, 64-bit integers as strings, camelCase', () => {
    const j = JSON.parse(text(encodeTracesJson(EDGE_TRACES)));
    const span = j.resourceSpans[0].scopeSpans[0].spans[0];
    expect(span.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(span.kind).toBe(1);
    expect(span.status.code).toBe(2);
    expect(typeof span.startTimeUnixNano).toBe('string');
    expect(j.resourceSpans[0].resource.attributes[1]).toEqual({ key: 'n.neg', value: { intValue: '-3' } });
    expect(text(encodeTracesJson(EDGE_TRACES))).not.toMatch(/_[a-z]+"\s*:/);
  });

  test('the same as the protobuf body of a run, once decoded', () => {
    const { traces } = runBatches();
    expect(decodeTraces(encodeTracesJson(traces), 'json')).toEqual(decodeTraces(encodeTracesProtobuf(traces)));
  });
});

describe('encodeMetricsJson', () => {
  test('valid against the definitions, and reads as sent', () => {
    expect(decodeMetrics(encodeMetricsJson(EDGE_METRICS), 'json')).toEqual(EDGE_METRICS_DECODED);
  });

  test('the same as the protobuf body of a run, once decoded', () => {
    const { metrics } = runBatches();
    expect(decodeMetrics(encodeMetricsJson(metrics), 'json')).toEqual(decodeMetrics(encodeMetricsProtobuf(metrics)));
  });
});

describe('the validation itself catches what it must', () => {
  const good = (): unknown => JSON.parse(text(encodeTracesJson(EDGE_TRACES)));
  const SPAN = ['resourceSpans', 0, 'scopeSpans', 0, 'spans', 0];
  test.each<[string, (string | number)[], unknown]>([
    ['a misspelt field', [...SPAN, 'startTimeUnixNanos'], '1'],
    ['a snake_case field', ['resourceSpans', 0, 'scope_spans'], []],
    ['a field of another message', [...SPAN, 'dataPoints'], []],
    ['an unknown AnyValue member', ['resourceSpans', 0, 'resource', 'attributes', 0, 'value'], { strValue: 'x' }]
  ])('%s fails the field walk', (_name, path, value) => {
    const j = good();
    setPath(j, path, value);
    expect(() => assertKnownFields(ExportTraceServiceRequest, j)).toThrow(/no such field/);
  });

  test.each<[string, (string | number)[], unknown]>([
    ['a base64 trace id', [...SPAN, 'traceId'], 'S/kvNXezTaajzpKdDg5HNg=='],
    ['an uppercase span id', [...SPAN, 'spanId'], '00F067AA0BA902B7']
  ])('%s fails', (_name, path, value) => {
    const j = good();
    setPath(j, path, value);
    expect(() => decodeTraces(JSON.stringify(j), 'json')).toThrow(/lowercase hex/);
  });

  test('an enum by name where OTLP/JSON wants an integer fails the round trip', () => {
    const j = good();
    setPath(j, [...SPAN, 'kind'], 'SPAN_KIND_INTERNAL');
    expect(() => decodeTraces(JSON.stringify(j), 'json')).toThrow(/round trip differs/);
  });
});
