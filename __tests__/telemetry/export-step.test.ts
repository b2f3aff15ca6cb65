/** The step's export end to end on a memory host, with the POST replaced by a recorder. */
import { createHash } from 'node:crypto';
import { memoryHost } from '../../src/hosts/host.js';
import type { Post } from '../../src/telemetry/export.js';
import { exportStepTelemetry, type ExportDeps } from '../../src/telemetry/export-step.js';
import { decodeTelemetryState, TELEMETRY_STATE } from '../../src/telemetry/trace-context.js';
import { FINDINGS, finishedReport } from './run-fixture.js';
import { attributeMap, decodeMetrics, decodeTraces } from './otlp-proto.js';

const hex = (s: string) => createHash('sha256').update(s).digest('hex');
const RUN = {
  GITHUB_ACTIONS: 'true',
  GITHUB_REPOSITORY: 'acme/widgets',
  GITHUB_RUN_ID: '4242',
  GITHUB_RUN_ATTEMPT: '2'
};
const RUN_TRACE = hex('42422t').slice(0, 32);
const RUN_ROOT = hex('42422s').slice(16, 32);
const ENDPOINT = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** A host that also records the order of what it was told, and deps with a recording POST. */
function setup(env: Record<string, string>, answer: (url: URL) => number | Error = () => 200) {
  const host = memoryHost(env);
  const order: string[] = [];
  const methods = host as unknown as Record<string, (...a: string[]) => void>;
  for (const k of ['setSecret', 'warning', 'debug', 'exportVariable', 'saveState']) {
    const f = methods[k];
    methods[k] = (...a: string[]) => {
      order.push(`${k} ${a[0]}`);
      f(...a);
    };
  }
  const sent: Sent[] = [];
  const post: Post = (url, headers, body) => {
    order.push(`post ${url.href}`);
    sent.push({ url: url.href, headers, body });
    const a = answer(url);
    return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
  };
  let r = 0;
  const deps: ExportDeps = {
    now: () => 1_700_000_000_000,
    random: (n) => Uint8Array.from({ length: n }, () => (++r % 250) + 1),
    post,
    processStart: 1_699_999_999_000,
    actionVersion: '9.9.9'
  };
  return { host, order, sent, deps };
}

const spansOf = (s: Sent) => decodeTraces(s.body).resourceSpans[0].scopeSpans[0].spans;

describe('the main step', () => {
  test('both signals, under the run root span; TRACEPARENT and the state passed on', async () => {
    const { host, sent, deps } = setup({ ...RUN, ...ENDPOINT });
    await exportStepTelemetry(host, { step: 'main', report: finishedReport(FINDINGS) }, deps);
    expect(sent.map((s) => [s.url, s.headers['content-type']])).toEqual([
      ['http://collector:4318/v1/traces', 'application/x-protobuf'],
      ['http://collector:4318/v1/metrics', 'application/x-protobuf']
    ]);
    const spans = spansOf(sent[0]);
    const step = spans[0];
    expect(step.traceId).toBe(RUN_TRACE);
    expect(step.parentSpanId).toBe(RUN_ROOT);
    expect(host.record.exported.TRACEPARENT).toBe(`00-${RUN_TRACE}-${step.spanId}-01`);
    expect(decodeTelemetryState(host.record.state[TELEMETRY_STATE])).toEqual({
      v: 1,
      traceId: RUN_TRACE,
      parentSpanId: RUN_ROOT,
      sampled: true,
      mainSpanId: step.spanId
    });
    const metrics = decodeMetrics(sent[1].body);
    expect(metrics.resourceMetrics[0].scopeMetrics[0].scope).toEqual({ name: 'setup-go-enforced', version: '9.9.9' });
    expect(host.record.log.filter((l) => l.level === 'warning')).toEqual([]);
    expect(host.record.log.filter((l) => l.level === 'debug').map((l) => l.message)).toEqual([
      'telemetry: traces exported to http://collector:4318/v1/traces',
      'telemetry: metrics exported to http://collector:4318/v1/metrics'
    ]);
  });

  test('headers: masked first, before anything is sent or logged, then sent', async () => {
    const { host, order, sent, deps } = setup({
      ...RUN,
      ...ENDPOINT,
      OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=s3cr%3Dt,authorization=Bearer%20tok123'
    });
    await exportStepTelemetry(host, { step: 'main', report: finishedReport() }, deps);
    const firstOther = order.findIndex((o) => !o.startsWith('setSecret'));
    expect(order.slice(0, firstOther).sort()).toEqual(
      [
        'setSecret s3cr%3Dt',
        'setSecret s3cr=t',
        'setSecret Bearer%20tok123',
        'setSecret Bearer tok123',
        'setSecret tok123'
      ].sort()
    );
    expect(sent[0].headers).toMatchObject({ 'x-api-key': 's3cr=t', authorization: 'Bearer tok123' });
    const logged = JSON.stringify(host.record.log);
    expect(logged).not.toContain('s3cr');
    expect(logged).not.toContain('tok123');
  });

  test.each([
    { variable: 'OTEL_EXPORTER_OTLP_HEADERS', env: { ...ENDPOINT, OTEL_EXPORTER_OTLP_HEADERS: 'justasecret' } },
    { variable: 'OTEL_EXPORTER_OTLP_PROTOCOL', env: { ...ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' } },
    { variable: 'OTEL_EXPORTER_OTLP_ENDPOINT', env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'justasecret here' } }
  ])('a malformed $variable: one warning naming it, nothing sent, nothing passed on', async ({ variable, env }) => {
    const { host, sent, deps } = setup({ ...RUN, ...env });
    await exportStepTelemetry(host, { step: 'main', report: finishedReport() }, deps);
    const warnings = host.record.log.filter((l) => l.level === 'warning').map((l) => l.message);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`^telemetry: ${variable}: .*; nothing is exported$`));
    expect(warnings[0]).not.toContain('justasecret');
    expect(sent).toEqual([]);
    expect(host.record.exported).toEqual({});
    expect(host.record.state).toEqual({});
  });

  test('a TRACEPARENT wins; one that says not sampled: no spans, the counters still, flags passed on', async () => {
    const trace = 'ab'.repeat(16);
    const parent = 'cd'.repeat(8);
    const { host, sent, deps } = setup({ ...RUN, ...ENDPOINT, TRACEPARENT: `00-${trace}-${parent}-00` });
    await exportStepTelemetry(host, { step: 'main', report: finishedReport() }, deps);
    expect(sent.map((s) => s.url)).toEqual(['http://collector:4318/v1/metrics']);
    expect(host.record.exported.TRACEPARENT).toMatch(new RegExp(`^00-${trace}-[0-9a-f]{16}-00$`));
    expect(host.record.exported.TRACEPARENT).not.toContain(parent);
  });

  test('a sampled TRACEPARENT: the step span is its child', async () => {
    const trace = 'ab'.repeat(16);
    const parent = 'cd'.repeat(8);
    const { host, sent, deps } = setup({ ...RUN, ...ENDPOINT, TRACEPARENT: `00-${trace}-${parent}-01` });
    await exportStepTelemetry(host, { step: 'main', report: finishedReport() }, deps);
    expect(spansOf(sent[0])[0]).toMatchObject({ traceId: trace, parentSpanId: parent });
  });

  test('an invalid TRACEPARENT: one warning, the run trace', async () => {
    const { host, sent, deps } = setup({ ...RUN, ...ENDPOINT, TRACEPARENT: 'nonsense' });
    await exportStepTelemetry(host, { step: 'main', report: finishedReport() }, deps);
    expect(host.record.log.filter((l) => l.level === 'warning').map((l) => l.message)).toEqual([
      'telemetry: TRACEPARENT is not a W3C traceparent: ignored, the spans start a trace of their own'
    ]);
    expect(spansOf(sent[0])[0]).toMatchObject({ traceId: RUN_TRACE, parentSpanId: RUN_ROOT });
  });

  test('http/json for traces only: each signal in its own encoding', async () => {
    const { host, sent, deps } = setup({ ...RUN, ...ENDPOINT, OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json' });
    await exportStepTelemetry(host, { step: 'main', report: finishedReport(FINDINGS) }, deps);
    expect(sent.map((s) => s.headers['content-type'])).toEqual(['application/json', 'application/x-protobuf']);
    const d = decodeTraces(sent[0].body, 'json');
    expect(attributeMap(d.resourceSpans[0].scopeSpans[0].spans[0].attributes)['setup_go_enforced.findings.error']).toBe(
      2
    );
  });

  test('a signal that fails: one warning for all that failed, the rest exported', async () => {
    const { host, deps } = setup({ ...RUN, ...ENDPOINT }, (url) =>
      url.pathname.endsWith('traces') ? new Error('connect ECONNREFUSED 10.0.0.1:4318') : 200
    );
    await exportStepTelemetry(host, { step: 'main', report: finishedReport() }, deps);
    expect(host.record.log.filter((l) => l.level === 'warning').map((l) => l.message)).toEqual([
      'telemetry: not exported: traces to http://collector:4318/v1/traces: connect ECONNREFUSED 10.0.0.1:4318'
    ]);
    expect(host.record.failed).toBe(false);
  });

  test('an endpoint with credentials: they are masked and never shown', async () => {
    const { host, deps } = setup(
      { ...RUN, OTEL_EXPORTER_OTLP_ENDPOINT: 'https://robot:pa55word@otlp.example.com/?key=abc' },
      () => 503
    );
    await exportStepTelemetry(host, { step: 'main', report: finishedReport() }, deps);
    expect(host.record.secrets).toEqual(expect.arrayContaining(['robot', 'pa55word']));
    const warning = host.record.log.find((l) => l.level === 'warning')?.message ?? '';
    expect(warning).toMatch(/^telemetry: not exported: traces to https:\/\/otlp\.example\.com\/v1\/traces: HTTP 503/);
    expect(warning).not.toMatch(/robot|pa55word|key=abc/);
  });

  test('no report (the run broke before one): the step span alone, from the process start', async () => {
    const { host, sent, deps } = setup({ ...RUN, ...ENDPOINT });
    await exportStepTelemetry(host, { step: 'main', report: undefined }, deps);
    const [step, ...children] = spansOf(sent[0]);
    expect(children).toEqual([]);
    expect(step.status.code).toBe(2);
    expect(BigInt(step.endTimeUnixNano) - BigInt(step.startTimeUnixNano)).toBe(1_000_000_000n);
  });
});

describe('the post step', () => {
  const state = (over: object = {}) =>
    JSON.stringify({
      v: 1,
      traceId: RUN_TRACE,
      parentSpanId: RUN_ROOT,
      sampled: true,
      mainSpanId: 'e'.repeat(16),
      ...over
    });

  test("the main step's trace from its state, whatever TRACEPARENT later steps left", async () => {
    const { host, sent, deps } = setup({
      ...RUN,
      ...ENDPOINT,
      TRACEPARENT: `00-${'9'.repeat(32)}-${'8'.repeat(16)}-01`,
      [`STATE_${TELEMETRY_STATE}`]: state()
    });
    host.getState = (name) => host.env[`STATE_${name}`] ?? '';
    await exportStepTelemetry(host, { step: 'post', startedAt: 1_699_999_999_500, saves: [] }, deps);
    expect(sent.map((s) => s.url)).toEqual(['http://collector:4318/v1/traces']);
    const [span] = spansOf(sent[0]);
    expect(span).toMatchObject({
      traceId: RUN_TRACE,
      parentSpanId: RUN_ROOT,
      name: 'setup-go-enforced cache save',
      links: [{ traceId: RUN_TRACE, spanId: 'e'.repeat(16) }],
      startTimeUnixNano: '1699999999500000000',
      endTimeUnixNano: '1700000000000000000'
    });
    expect(host.record.exported).toEqual({});
  });

  test('without the state: the context as the main step would find it, no link', async () => {
    const { host, sent, deps } = setup({ ...RUN, ...ENDPOINT });
    await exportStepTelemetry(host, { step: 'post', startedAt: 1_699_999_999_500, saves: undefined }, deps);
    const [span] = spansOf(sent[0]);
    expect(span).toMatchObject({ traceId: RUN_TRACE, parentSpanId: RUN_ROOT, status: { code: 2 } });
    expect(span.links).toBeUndefined();
  });

  test.each<{ name: string; env: Record<string, string> }>([
    { name: 'metrics only', env: { OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://m:4318/v1/metrics' } },
    { name: 'a trace not sampled', env: { ...ENDPOINT, [`STATE_${TELEMETRY_STATE}`]: state({ sampled: false }) } }
  ])('$name: nothing sent', async ({ env }) => {
    const { host, sent, deps } = setup({ ...RUN, ...env });
    host.getState = (name) => host.env[`STATE_${name}`] ?? '';
    await exportStepTelemetry(host, { step: 'post', startedAt: 0, saves: [] }, deps);
    expect(sent).toEqual([]);
    expect(host.record.log.filter((l) => l.level === 'warning')).toEqual([]);
  });
});

test('OTEL_SDK_DISABLED: nothing at all, not even masks', async () => {
  const { host, order, deps } = setup({
    ...RUN,
    ...ENDPOINT,
    OTEL_SDK_DISABLED: 'true',
    OTEL_EXPORTER_OTLP_HEADERS: 'a=b'
  });
  await exportStepTelemetry(host, { step: 'main', report: finishedReport() }, deps);
  expect(order).toEqual([]);
});
