/** The OTLP/HTTP POST against a local server: headers, body, gzip, retries, and the time bound. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { sendAll, sendSignal, type SignalRequest } from '../../src/telemetry/export.js';
import { displayUrl } from '../../src/url.js';

interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

let server: Server;
let base: string;
let handler: Handler;
let seen: Seen[];
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      handler(req, res, seen.length);
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen = [];
  handler = (_req, res) => res.end();
});

const request = (over: Partial<SignalRequest> = {}): SignalRequest => ({
  signal: 'traces',
  url: `${base}/v1/traces`,
  body: Uint8Array.from([1, 2, 3, 250]),
  contentType: 'application/x-protobuf',
  headers: { 'x-api-key': 'k=1', Authorization: 'Bearer t' },
  compression: 'none',
  timeoutMs: 400,
  ...over
});

const status =
  (...codes: number[]): Handler =>
  (_req, res, n) => {
    res.statusCode = codes[Math.min(n, codes.length) - 1];
    res.end();
  };

describe('sendSignal', () => {
  test('a POST with the body, its type and length, and the configured headers', async () => {
    await expect(sendSignal(request())).resolves.toEqual({ signal: 'traces', url: `${base}/v1/traces`, ok: true });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/v1/traces' });
    expect(seen[0].headers).toMatchObject({
      'content-type': 'application/x-protobuf',
      'content-length': '4',
      'x-api-key': 'k=1',
      authorization: 'Bearer t'
    });
    expect([...seen[0].body]).toEqual([1, 2, 3, 250]);
  });

  test('gzip: the body compressed, Content-Encoding gzip', async () => {
    const body = new TextEncoder().encode('{"resourceSpans":[]}'.repeat(20));
    await sendSignal(request({ compression: 'gzip', body }));
    expect(seen[0].headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(seen[0].body).toString()).toBe(Buffer.from(body).toString());
  });

  test.each([
    { codes: [200], ok: true, tries: 1 },
    { codes: [204], ok: true, tries: 1 },
    { codes: [503, 200], ok: true, tries: 2 },
    { codes: [429, 200], ok: true, tries: 2 },
    { codes: [502, 502], ok: false, tries: 2, reason: 'HTTP 502 Bad Gateway' },
    { codes: [400], ok: false, tries: 1, reason: 'HTTP 400 Bad Request' },
    { codes: [401], ok: false, tries: 1, reason: 'HTTP 401 Unauthorized' },
    { codes: [404], ok: false, tries: 1, reason: 'HTTP 404 Not Found' },
    { codes: [500], ok: false, tries: 1, reason: 'HTTP 500 Internal Server Error' }
  ])('statuses $codes: ok $ok after $tries tries', async ({ codes, ok, tries, reason }) => {
    handler = status(...codes);
    const out = await sendSignal(request({ timeoutMs: 2000 }));
    expect(out.ok).toBe(ok);
    if (!out.ok) expect(out.reason).toBe(reason);
    expect(seen).toHaveLength(tries);
  });

  test('an endpoint that never answers: given up at the time limit', async () => {
    handler = () => undefined;
    const t0 = Date.now();
    const out = await sendSignal(request({ timeoutMs: 300 }));
    const ms = Date.now() - t0;
    expect(out).toMatchObject({ ok: false, reason: 'no answer within 300 ms' });
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(1300);
  });

  test('an answer whose body never ends: still bounded by the time limit', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('x');
    };
    const t0 = Date.now();
    const out = await sendSignal(request({ timeoutMs: 300 }));
    expect(out.ok).toBe(false);
    expect(Date.now() - t0).toBeLessThan(1300);
  });

  test('a refused connection: one more try, then the reason with its code', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const t0 = Date.now();
    const out = await sendSignal(request({ url: `http://127.0.0.1:${port}/v1/traces`, timeoutMs: 2000 }));
    expect(out.ok).toBe(false);
    expect(!out.ok && out.reason).toMatch(/ECONNREFUSED/);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  test('a header value Node cannot send is a failure, not a throw', async () => {
    const out = await sendSignal(request({ headers: { 'x-bad': 'a\nb' } }));
    expect(out.ok).toBe(false);
    expect(seen).toHaveLength(0);
  });
});

describe('sendAll', () => {
  test('both signals at the same time: two dead endpoints cost one time limit, not two', async () => {
    handler = () => undefined;
    const t0 = Date.now();
    const out = await sendAll([
      request({ timeoutMs: 400 }),
      request({ signal: 'metrics', url: `${base}/v1/metrics`, timeoutMs: 400 })
    ]);
    expect(out.map((o) => [o.signal, o.ok])).toEqual([
      ['traces', false],
      ['metrics', false]
    ]);
    expect(Date.now() - t0).toBeLessThan(780);
  });
});

describe('displayUrl', () => {
  test.each([
    ['https://user:secret@otlp.example.com:4318/v1/traces?token=abc#x', 'https://otlp.example.com:4318/v1/traces'],
    ['http://127.0.0.1:4318/v1/metrics', 'http://127.0.0.1:4318/v1/metrics'],
    ['not a url', '(the endpoint)']
  ])('%s -> %s', (url, shown) => {
    expect(displayUrl(url, '(the endpoint)')).toBe(shown);
  });
});
