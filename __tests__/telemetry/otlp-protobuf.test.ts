/** The protobuf bodies, decoded with the OpenTelemetry project's generated definitions. */
import { encodeMetricsProtobuf, encodeTracesProtobuf } from '../../src/telemetry/otlp-protobuf.js';
import { EDGE_METRICS, EDGE_METRICS_DECODED, EDGE_TRACES, EDGE_TRACES_DECODED, runBatches } from './batches.js';
import { attributeMap, decodeMetrics, decodeTraces } from './otlp-proto.js';

describe('encodeTracesProtobuf', () => {
  test('ExportTraceServiceRequest.decode reads every field as sent', () => {
    expect(decodeTraces(encodeTracesProtobuf(EDGE_TRACES))).toEqual(EDGE_TRACES_DECODED);
  });

  test('a run: the step span and its children, attributes and events', () => {
    const d = decodeTraces(encodeTracesProtobuf(runBatches().traces));
    const spans = d.resourceSpans[0].scopeSpans[0].spans;
    expect(spans.map((s) => s.name)).toEqual([
      'setup-go-enforced',
      'plan',
      'install',
      'scan',
      'checks',
      'cache restore'
    ]);
    expect(spans[0].parentSpanId).toBe('1111111111111111');
    expect(spans.slice(1).every((s) => s.parentSpanId === 'aaaaaaaaaaaaaaaa')).toBe(true);
    expect(attributeMap(spans[0].attributes)).toMatchObject({
      'setup_go_enforced.go.installed': '1.22.12',
      'setup_go_enforced.findings.error': 2,
      'setup_go_enforced.go.toolchain_cache_hit': false,
      'cicd.pipeline.result': 'failure'
    });
    expect((spans[0].events ?? []).map((e) => attributeMap(e.attributes)['code.file.path'])).toEqual([
      'go.mod',
      '.go-version'
    ]);
    expect(spans[0].status).toEqual({ message: '2 error findings', code: 2 });
    expect(attributeMap(d.resourceSpans[0].resource.attributes)['service.name']).toBe('widgets');
  });
});

describe('encodeMetricsProtobuf', () => {
  test('ExportMetricsServiceRequest.decode reads every field as sent', () => {
    expect(decodeMetrics(encodeMetricsProtobuf(EDGE_METRICS))).toEqual(EDGE_METRICS_DECODED);
  });

  test('a run: the three counters', () => {
    const d = decodeMetrics(encodeMetricsProtobuf(runBatches().metrics));
    const metrics = d.resourceMetrics[0].scopeMetrics[0].metrics;
    expect(metrics.map((m) => m.name)).toEqual([
      'setup_go_enforced.runs',
      'setup_go_enforced.findings',
      'setup_go_enforced.install.duration'
    ]);
    expect(metrics[0].sum.dataPoints[0].asInt).toBe('1');
    expect(metrics[2].sum.dataPoints[0].asInt).toBe('300');
  });
});
