/**
 * OpenTelemetry export end to end, against the bundle (SETUP_GO_ENFORCED_DIST, default dist/):
 * the main step run as the runner runs it, with OTEL_EXPORTER_OTLP_ENDPOINT pointing at a local
 * OTLP/HTTP receiver; what arrives is decoded with the OpenTelemetry project's generated protobuf
 * definitions. Trace ids are checked against the GitHub receiver's formulas, computed here.
 * Also: TRACEPARENT from the environment, TRACEPARENT for later steps, headers masked, a dead
 * endpoint's cost, no endpoint (and no telemetry chunk) costing nothing, and the post step's span.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { startMirror } from '../../scripts/test-support/mirror.mjs';
import { DEFAULT_DIST } from '../../scripts/test-support/run-action.mjs';
import {
  TempRoot,
  buildToolchains,
  expectExit,
  makeWorkspace,
  manifestFor,
  run,
  type RunResult
} from './drop-in-helpers.js';
import { attributeMap, decodeMetrics, decodeTraces } from '../telemetry/otlp-proto.js';

type Mirror = Awaited<ReturnType<typeof startMirror>>;

/** The exporter's bound per signal (src/telemetry/config.ts MAX_TIMEOUT_MS); both go at once. */
const BOUND_MS = 3000;
const RUN_ID = '9876543210';
const ATTEMPT = '3';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
// The GitHub receiver (receiver/githubreceiver/trace_event_handling.go): newTraceID, newParentSpanID.
const RUN_TRACE = sha256(`${RUN_ID}${ATTEMPT}t`).slice(0, 32);
const RUN_ROOT_SPAN = sha256(`${RUN_ID}${ATTEMPT}s`).slice(16, 32);

const RUNNER = {
  GITHUB_RUN_ID: RUN_ID,
  GITHUB_RUN_ATTEMPT: ATTEMPT,
  GITHUB_REPOSITORY: 'acme/widgets',
  GITHUB_WORKFLOW: 'CI',
  GITHUB_JOB: 'build',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_SHA: 'c'.repeat(40),
  GITHUB_EVENT_NAME: 'push'
};

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** A local OTLP/HTTP receiver: answers 200, or (stall) reads the request and never answers. */
async function startReceiver() {
  const requests: Received[] = [];
  const sockets = new Set<Socket>();
  let stall = false;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      if (stall) return;
      res.writeHead(200, { 'content-type': String(req.headers['content-type'] ?? 'application/json') });
      res.end(req.headers['content-type'] === 'application/json' ? '{}' : '');
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    setStall: (v: boolean) => void (stall = v),
    clear: () => void requests.splice(0),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  };
}

const root = new TempRoot('e2e-telemetry-');
let mirror: Mirror;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let ws: string;
let failingWs: string;
const toolCache = root.sub('toolcache');

beforeAll(async () => {
  const built = await buildToolchains(root.sub('archives'), ['1.22.12']);
  mirror = await startMirror({ manifest: manifestFor(built) });
  for (const b of built.values()) mirror.addFile(b.filename, b.path);
  receiver = await startReceiver();
  ws = makeWorkspace(root, { 'go.mod': 'module example.com/x\n\ngo 1.22\n' });
  // go 1.23.1 with go-version 1.22.12: Go would refuse (a break finding, an error).
  failingWs = makeWorkspace(root, { 'go.mod': 'module example.com/y\n\ngo 1.23.1\n', '.go-version': '1.21\n' });
}, 120_000);

afterAll(async () => {
  await mirror?.close();
  await receiver?.close();
  root.cleanup();
});

beforeEach(() => {
  receiver.clear();
  receiver.setStall(false);
});

function action(
  env: Record<string, string | undefined>,
  opts: { workspace?: string; distPath?: string; inputs?: Record<string, string> } = {}
) {
  return run(root, {
    workspace: opts.workspace ?? ws,
    toolCache,
    distPath: opts.distPath,
    inputs: { 'go-download-base-url': mirror.url, ...opts.inputs },
    env: { ...RUNNER, ...env }
  });
}

const byPath = (p: string) => receiver.requests.filter((r) => r.path === p);
const warnings = (r: RunResult) => r.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
const telemetryWarnings = (r: RunResult) => warnings(r).filter((m) => m.startsWith('telemetry:'));

function tracesOf(r: Received, json = false) {
  const d = decodeTraces(r.body, json ? 'json' : 'protobuf');
  return {
    resource: attributeMap(d.resourceSpans[0].resource.attributes),
    spans: d.resourceSpans[0].scopeSpans[0].spans
  };
}

function metricsOf(r: Received, json = false) {
  return decodeMetrics(r.body, json ? 'json' : 'protobuf').resourceMetrics[0].scopeMetrics[0].metrics;
}

describe('an endpoint that answers', () => {
  test('http/protobuf: both signals, in the GitHub receiver trace; TRACEPARENT for later steps; headers sent, masked, never printed', async () => {
    const r = await action({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=s3cr%3Dt-abc,authorization=Bearer%20tok-xyz-123'
    });
    expectExit(r, 0);
    expect(telemetryWarnings(r)).toEqual([]);
    expect(receiver.requests.map((q) => q.path).sort()).toEqual(['/v1/metrics', '/v1/traces']);
    for (const q of receiver.requests) {
      expect(q.headers['content-type']).toBe('application/x-protobuf');
      expect(q.headers['x-api-key']).toBe('s3cr=t-abc');
      expect(q.headers.authorization).toBe('Bearer tok-xyz-123');
    }

    const { resource, spans } = tracesOf(byPath('/v1/traces')[0]);
    const step = spans[0];
    expect(step.name).toBe('setup-go-enforced');
    expect(spans.every((s) => s.traceId === RUN_TRACE)).toBe(true);
    expect(step.parentSpanId).toBe(RUN_ROOT_SPAN);
    const children = spans.slice(1);
    expect(children.map((s) => s.name)).toEqual(expect.arrayContaining(['plan', 'install', 'scan', 'checks']));
    expect(children.every((s) => s.parentSpanId === step.spanId)).toBe(true);
    expect(resource['service.name']).toBe('widgets');
    expect(attributeMap(step.attributes)).toMatchObject({
      'cicd.pipeline.name': 'CI',
      'cicd.pipeline.run.id': RUN_ID,
      'cicd.pipeline.task.name': 'build',
      'cicd.pipeline.result': 'success',
      'vcs.repository.name': 'widgets',
      'vcs.ref.head.name': 'main',
      'vcs.ref.head.revision': 'c'.repeat(40),
      'setup_go_enforced.go.installed': '1.22.12',
      'setup_go_enforced.go.requested': '1.22',
      'setup_go_enforced.go.resolved_from': 'go.mod:3 go 1.22',
      'setup_go_enforced.findings.error': 0
    });
    // The step span covers the phases.
    for (const c of children) {
      expect(BigInt(c.startTimeUnixNano)).toBeGreaterThanOrEqual(BigInt(step.startTimeUnixNano));
      expect(BigInt(c.endTimeUnixNano)).toBeLessThanOrEqual(BigInt(step.endTimeUnixNano));
    }

    const metrics = metricsOf(byPath('/v1/metrics')[0]);
    const runs = metrics.find((m) => m.name === 'setup_go_enforced.runs');
    expect(runs?.sum.dataPoints.map((p) => [p.asInt, attributeMap(p.attributes)])).toEqual([
      [
        '1',
        expect.objectContaining({
          'setup_go_enforced.go.installed': '1.22.12',
          'cicd.pipeline.result': 'success',
          'vcs.repository.name': 'widgets'
        })
      ]
    ]);
    expect(metrics.map((m) => m.name)).toContain('setup_go_enforced.install.duration');

    expect(r.env.TRACEPARENT).toBe(`00-${RUN_TRACE}-${step.spanId}-01`);
    expect(JSON.parse(r.state['setup-go-enforced-telemetry'])).toMatchObject({
      traceId: RUN_TRACE,
      mainSpanId: step.spanId
    });

    // Masked before anything else, and never printed otherwise.
    const lines = r.stdout.split(/\r?\n/);
    expect(lines).toEqual(expect.arrayContaining(['::add-mask::s3cr=t-abc', '::add-mask::Bearer tok-xyz-123']));
    const rest = lines.filter((l) => !l.startsWith('::add-mask::')).join('\n') + r.stderr + r.summary;
    expect(rest).not.toContain('s3cr');
    expect(rest).not.toContain('tok-xyz-123');
    expect(JSON.stringify(r.env) + JSON.stringify(r.state)).not.toMatch(/s3cr|tok-xyz/);
  });

  test('http/json: the same trace, valid against the definitions', async () => {
    const r = await action({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' });
    expectExit(r, 0);
    expect(receiver.requests.map((q) => [q.path, q.headers['content-type']]).sort()).toEqual([
      ['/v1/metrics', 'application/json'],
      ['/v1/traces', 'application/json']
    ]);
    const { spans } = tracesOf(byPath('/v1/traces')[0], true);
    expect(spans[0]).toMatchObject({ traceId: RUN_TRACE, parentSpanId: RUN_ROOT_SPAN, name: 'setup-go-enforced' });
    expect(metricsOf(byPath('/v1/metrics')[0], true).map((m) => m.name)).toContain('setup_go_enforced.runs');
  });

  test('a TRACEPARENT in the environment wins over the run trace', async () => {
    const trace = '0af7651916cd43dd8448eb211c80319c';
    const parent = 'b7ad6b7169203331';
    const r = await action({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, TRACEPARENT: `00-${trace}-${parent}-01` });
    expectExit(r, 0);
    const { spans } = tracesOf(byPath('/v1/traces')[0]);
    expect(spans[0]).toMatchObject({ traceId: trace, parentSpanId: parent });
    expect(r.env.TRACEPARENT).toBe(`00-${trace}-${spans[0].spanId}-01`);
  });

  test('a failing run: exit code as without telemetry; status error, one event per error finding (no message)', async () => {
    const inputs = { 'go-version': '1.22.12' };
    const plain = await action({}, { workspace: failingWs, inputs });
    expectExit(plain, 1);
    const r = await action({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url }, { workspace: failingWs, inputs });
    expectExit(r, 1);
    expect(telemetryWarnings(r)).toEqual([]);
    const report = JSON.parse(readFileSync(r.outputs.report, 'utf8'));
    const errors = report.findings.filter((f: { severity: string }) => f.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);

    const { spans } = tracesOf(byPath('/v1/traces')[0]);
    const step = spans[0];
    expect(step.status).toEqual({
      code: 2,
      message: `${errors.length} error finding${errors.length === 1 ? '' : 's'}`
    });
    expect((step.events ?? []).map((e) => attributeMap(e.attributes))).toEqual(
      errors.map((f: { check: string; kind: string; file?: string; line?: number }) =>
        expect.objectContaining({
          'setup_go_enforced.finding.check': f.check,
          'setup_go_enforced.finding.kind': f.kind,
          ...(f.file ? { 'code.file.path': f.file } : {}),
          ...(f.line ? { 'code.line.number': f.line } : {})
        })
      )
    );
    // No finding's message leaves the runner.
    const sent = byPath('/v1/traces')[0].body.toString('latin1') + byPath('/v1/metrics')[0].body.toString('latin1');
    for (const f of errors) expect(sent).not.toContain(f.message);
    const runs = metricsOf(byPath('/v1/metrics')[0]).find((m) => m.name === 'setup_go_enforced.runs');
    expect(attributeMap(runs?.sum.dataPoints[0].attributes)['cicd.pipeline.result']).toBe('failure');
  });
});

describe('an endpoint that never answers', () => {
  test(`costs at most the bound (${BOUND_MS} ms) and one warning; the exit code is unchanged`, async () => {
    const baseline = await action({});
    expectExit(baseline, 0);
    receiver.setStall(true);
    const r = await action({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    expectExit(r, 0);
    expect(receiver.requests.map((q) => q.path).sort()).toEqual(['/v1/metrics', '/v1/traces']);
    expect(telemetryWarnings(r)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^telemetry: not exported: traces to ${receiver.url}/v1/traces: no answer within ${BOUND_MS} ms; metrics to`
        )
      )
    ]);
    expect(warnings(r)).toHaveLength(warnings(baseline).length + 1);
    expect(r.durationMs).toBeLessThan(baseline.durationMs + BOUND_MS + 5000);
  });
});

describe('no endpoint', () => {
  /**
   * A copy of the bundle's folder (and matchers.json beside it) without the telemetry chunks: the
   * chunk files (<n>.index.js) that hold the exporter (its metric names are in no other file).
   */
  function distWithoutChunks(): { dist: string; chunks: string[] } {
    const from = path.dirname(DEFAULT_DIST);
    const action = root.sub('action');
    const to = path.join(action, 'dist');
    cpSync(from, to, { recursive: true });
    const matchers = path.join(from, '..', 'matchers.json');
    if (existsSync(matchers)) cpSync(matchers, path.join(action, 'matchers.json'));
    const chunks: string[] = [];
    for (const dir of [to, path.join(to, 'post')]) {
      for (const name of readdirSync(dir).filter((n) => /^[0-9]+\.index\.js$/.test(n))) {
        const file = path.join(dir, name);
        if (!readFileSync(file, 'utf8').includes('setup_go_enforced.runs')) continue;
        rmSync(file);
        chunks.push(path.relative(to, file));
      }
    }
    return { dist: path.join(to, 'index.js'), chunks };
  }

  test('nothing sent, nothing passed on; the bundle runs without its telemetry chunk, which only an endpoint loads', async () => {
    const { dist, chunks } = distWithoutChunks();
    // The telemetry lives in chunk files beside the bundles (one for the main step, one for the post step).
    expect(chunks.length).toBeGreaterThanOrEqual(2);

    const r = await action({}, { distPath: dist });
    expectExit(r, 0);
    expect(telemetryWarnings(r)).toEqual([]);
    expect(r.stdout).not.toMatch(/^::add-mask::|^(::\w+::)?telemetry:/m);
    expect(r.env.TRACEPARENT).toBeUndefined();
    expect(r.state['setup-go-enforced-telemetry']).toBeUndefined();
    expect(receiver.requests).toEqual([]);
    const post = await action({}, { distPath: path.join(path.dirname(dist), 'post', 'index.js') });
    expectExit(post, 0);
    expect(post.stdout).not.toMatch(/^::add-mask::|^(::\w+::)?telemetry:/m);

    // With an endpoint, the same copy looks for the chunk: one warning, the step's result unchanged.
    const withEndpoint = await action({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url }, { distPath: dist });
    expectExit(withEndpoint, 0);
    expect(telemetryWarnings(withEndpoint)).toEqual([expect.stringMatching(/^telemetry: not exported: /)]);
    expect(receiver.requests).toEqual([]);
  });

  test('OTEL_SDK_DISABLED=true: nothing, even with an endpoint', async () => {
    const r = await action({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SDK_DISABLED: 'true' });
    expectExit(r, 0);
    expect(receiver.requests).toEqual([]);
    expect(r.env.TRACEPARENT).toBeUndefined();
  });

  test('a malformed variable: one warning naming it, nothing sent, exit code unchanged', async () => {
    const r = await action({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' });
    expectExit(r, 0);
    expect(telemetryWarnings(r)).toEqual([expect.stringMatching(/^telemetry: OTEL_EXPORTER_OTLP_PROTOCOL: /)]);
    expect(receiver.requests).toEqual([]);
  });
});

describe('the post step', () => {
  const POST = path.join(path.dirname(DEFAULT_DIST), 'post', 'index.js');

  test("its span: in the main step's trace, a sibling of the main step's span (same parent), linked to it", async () => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url };
    const main = await action(env);
    expectExit(main, 0);
    const mainStep = tracesOf(byPath('/v1/traces')[0]).spans[0];
    receiver.clear();

    // As the runner runs it: the job's environment with what main exported (TRACEPARENT now points
    // at main's span, or at any later step's), and main's state as STATE_* variables.
    const state: Record<string, string> = {};
    for (const [k, v] of Object.entries(main.state)) state[`STATE_${k}`] = v;
    const post = await action({ ...env, ...main.env, ...state }, { distPath: POST });
    expectExit(post, 0);
    expect(telemetryWarnings(post)).toEqual([]);
    expect(receiver.requests.map((q) => q.path)).toEqual(['/v1/traces']);
    const { spans } = tracesOf(receiver.requests[0]);
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({
      traceId: RUN_TRACE,
      parentSpanId: RUN_ROOT_SPAN,
      name: 'setup-go-enforced cache save',
      links: [{ traceId: RUN_TRACE, spanId: mainStep.spanId }]
    });
    expect(spans[0].spanId).not.toBe(mainStep.spanId);
  });

  test('without an endpoint: nothing sent, nothing said', async () => {
    const post = await action({}, { distPath: POST });
    expectExit(post, 0);
    expect(post.stdout).not.toMatch(/^::add-mask::|^(::\w+::)?telemetry:/m);
    expect(receiver.requests).toEqual([]);
  });
});
