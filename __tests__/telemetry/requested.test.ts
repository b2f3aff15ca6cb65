import { memoryHost } from '../../src/hosts/host.js';
import { exportTelemetry, telemetryRequested } from '../../src/telemetry/requested.js';

describe('telemetryRequested', () => {
  test.each([
    { env: {}, want: false },
    { env: { OTEL_EXPORTER_OTLP_ENDPOINT: '' }, want: false },
    { env: { OTEL_EXPORTER_OTLP_ENDPOINT: '   ' }, want: false },
    { env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }, want: true },
    { env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' }, want: true },
    { env: { OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://c:4318/v1/metrics' }, want: true },
    { env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: ' True ' }, want: false },
    { env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'false' }, want: true },
    { env: { OTEL_SERVICE_NAME: 'x', OTEL_EXPORTER_OTLP_HEADERS: 'a=b' }, want: false }
  ])('$env -> $want', ({ env, want }) => {
    expect(telemetryRequested(env)).toBe(want);
  });
});

describe('exportTelemetry', () => {
  test('without an endpoint: nothing at all happens to the host', async () => {
    const host = memoryHost({ GITHUB_RUN_ID: '1', GITHUB_RUN_ATTEMPT: '1', OTEL_EXPORTER_OTLP_HEADERS: 'a=b' });
    await exportTelemetry(host, { step: 'main', report: undefined });
    expect(host.record).toEqual(memoryHost().record);
  });

  test('with one: the exporter is loaded and runs (here: a malformed value, one warning)', async () => {
    const host = memoryHost({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_TIMEOUT: 'soon' });
    await exportTelemetry(host, { step: 'main', report: undefined });
    expect(host.record.log).toEqual([
      {
        level: 'warning',
        message: 'telemetry: OTEL_EXPORTER_OTLP_TIMEOUT: not a positive number of milliseconds; nothing is exported'
      }
    ]);
    expect(host.record.failed).toBe(false);
  });
});
