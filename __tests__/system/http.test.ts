import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import {
  BodyError,
  HttpError,
  authHeaders,
  fetchJson,
  joinUrl,
  localPathOf,
  manifestUrl,
  openStream,
  parseRetryAfter
} from '../../src/system/http.js';
import { InputError } from '../../src/errors.js';
import { isTransientError } from '../../src/system/retry.js';
import { faults, startServer, type FaultServer } from '../harness/fault-server.js';

const FAST = { baseDelayMs: 10, timeoutMs: 300 };

let srv: FaultServer;
let other: FaultServer;
let dir: string;
beforeAll(async () => {
  srv = await startServer();
  other = await startServer();
  dir = mkdtempSync(path.join(tmpdir(), 'http-edge-'));
});
afterAll(async () => {
  await srv.close();
  await other.close();
  rmSync(dir, { recursive: true, force: true });
});

async function failure(p: Promise<unknown>): Promise<HttpError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(HttpError);
    expect((e as Error).message).not.toContain('\n');
    return e as HttpError;
  }
  throw new Error('expected a failure');
}

function readBody(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    stream.on('data', (b: Buffer) => parts.push(b));
    stream.on('error', reject);
    stream.on('end', () => resolve(Buffer.concat(parts)));
  });
}

describe('authHeaders', () => {
  test.each<[string, string | undefined, string | undefined, boolean]>([
    ['https://github.com/actions/go-versions/raw/main/versions-manifest.json', 't', undefined, true],
    ['https://api.github.com/repos/x/y', 't', undefined, true],
    ['https://raw.githubusercontent.com/actions/go-versions/main/x.json', 't', undefined, true],
    ['https://objects.githubusercontent.com/x', 't', undefined, true],
    ['https://release-assets.githubusercontent.com/x', 't', undefined, true],
    ['https://GitHub.com/x', 't', undefined, true],
    ['https://ghes.example.com/api/v3/x', 't', 'https://ghes.example.com', true],
    ['https://ghes.example.com:8443/x', 't', 'https://ghes.example.com', false],
    ['https://go.dev/dl/?mode=json', 't', undefined, false],
    ['https://dl.google.com/go/go1.22.3.linux-amd64.tar.gz', 't', undefined, false],
    ['https://mirror.example.com/golang/go1.22.3.linux-amd64.tar.gz', 't', 'https://ghes.example.com', false],
    ['https://github.com.evil.example/x', 't', undefined, false],
    ['https://evilgithub.com/x', 't', undefined, false],
    ['https://notgithubusercontent.com/x', 't', undefined, false],
    ['http://github.com/x', 't', undefined, false],
    ['https://github.com/x', '', undefined, false],
    ['https://github.com/x', undefined, undefined, false],
    ['file:///mnt/mirror/x', 't', undefined, false],
    ['not a url', 't', undefined, false]
  ])('%s (token %j, server %j) -> %s', (url, token, server, sent) => {
    expect(authHeaders(url, token, server)).toEqual(sent ? { Authorization: `token ${token}` } : {});
  });
});

describe('URLs', () => {
  test.each([
    ['https://go.dev/dl', 'go1.22.3.linux-amd64.tar.gz', 'https://go.dev/dl/go1.22.3.linux-amd64.tar.gz'],
    ['https://go.dev/dl/', 'go1.22.3.linux-amd64.tar.gz', 'https://go.dev/dl/go1.22.3.linux-amd64.tar.gz'],
    ['file:///mnt/mirror', 'go1.22.3.linux-amd64.tar.gz', 'file:///mnt/mirror/go1.22.3.linux-amd64.tar.gz'],
    ['file:///mnt/mirror/', 'a b.zip', 'file:///mnt/mirror/a%20b.zip'],
    ['/mnt/mirror/', 'go1.zip', '/mnt/mirror/go1.zip'],
    ['C:\\mirror\\', 'go1.zip', 'C:\\mirror\\go1.zip']
  ])('joinUrl(%j, %j)', (base, name, want) => {
    expect(joinUrl(base, name)).toBe(want);
  });
  test.each([
    ['https://go.dev/dl', 'https://go.dev/dl/?mode=json&include=all'],
    ['https://go.dev/dl/', 'https://go.dev/dl/?mode=json&include=all'],
    ['file:///mnt/mirror', 'file:///mnt/mirror/manifest.json'],
    ['/mnt/mirror', '/mnt/mirror/manifest.json']
  ])('manifestUrl(%j)', (base, want) => {
    expect(manifestUrl(base)).toBe(want);
  });
  test('localPathOf', () => {
    expect(localPathOf('https://go.dev/dl')).toBeUndefined();
    expect(localPathOf(pathToFileURL('/mnt/m/x.json').href)).toBe(path.resolve('/mnt/m/x.json'));
    expect(localPathOf('/mnt/m/x.json')).toBe('/mnt/m/x.json');
    expect(localPathOf('C:\\m\\x.json')).toBe('C:\\m\\x.json');
    expect(() => localPathOf('ftp://example.com/x')).toThrow(InputError);
  });
});

describe('Retry-After', () => {
  test.each<[string | undefined, number | undefined]>([
    ['3', 3000],
    [' 0 ', 0],
    [new Date(Date.UTC(2030, 0, 1, 0, 0, 10)).toUTCString(), 10000],
    ['soon', undefined],
    [undefined, undefined]
  ])('parseRetryAfter(%j)', (value, want) => {
    expect(parseRetryAfter(value, Date.UTC(2030, 0, 1, 0, 0, 0))).toBe(want);
  });
});

describe('fetchJson', () => {
  test('reads JSON and sends the User-Agent', async () => {
    srv.route('/json', faults.ok('{"a":[1,2]}'));
    expect(await fetchJson(`${srv.url}/json`, { retry: FAST })).toEqual({ a: [1, 2] });
    expect(srv.lastHeaders.get('/json')?.['user-agent']).toBe('setup-go-enforced');
    expect(srv.lastHeaders.get('/json')?.authorization).toBeUndefined();
  });

  test('gzip-encoded JSON', async () => {
    srv.route('/gz', faults.ok(gzipSync('[{"version":"go1.22.3"}]'), { 'content-encoding': 'gzip' }));
    expect(await fetchJson(`${srv.url}/gz`, { retry: FAST })).toEqual([{ version: 'go1.22.3' }]);
  });

  test('500 then 200: retried', async () => {
    srv.route('/flaky', faults.firstThen(1, faults.status(500), faults.ok('[1]')));
    expect(await fetchJson(`${srv.url}/flaky`, { retry: FAST })).toEqual([1]);
    expect(srv.hits.get('/flaky')).toBe(2);
  });

  test('429 with Retry-After then 200: waits as asked', async () => {
    srv.route('/busy', faults.firstThen(1, faults.status(429, { 'retry-after': '1' }), faults.ok('true')));
    const start = Date.now();
    expect(await fetchJson(`${srv.url}/busy`, { retry: FAST })).toBe(true);
    expect(Date.now() - start).toBeGreaterThanOrEqual(900);
    expect(srv.hits.get('/busy')).toBe(2);
  });

  test('429 with a Retry-After beyond the time budget: gives up at once', async () => {
    srv.route('/busy-long', faults.status(429, { 'retry-after': '3600' }));
    const e = await failure(fetchJson(`${srv.url}/busy-long`, { what: 'the manifest', retry: FAST }));
    expect(e.message).toMatch(/HTTP 429 Too Many Requests, server asks to retry after 3600 s \(1 try\)$/);
    expect(srv.hits.get('/busy-long')).toBe(1);
  });

  test('404: no retry, one line', async () => {
    const url = `${srv.url}/missing`;
    const e = await failure(fetchJson(url, { what: 'the Go release manifest', retry: FAST }));
    expect(e.message).toBe(`the Go release manifest not found at ${url} (HTTP 404)`);
    expect(e.status).toBe(404);
    expect(srv.hits.get('/missing')).toBe(1);
  });

  test('403: no retry', async () => {
    srv.route('/forbidden', faults.status(403));
    const url = `${srv.url}/forbidden`;
    const e = await failure(fetchJson(url, { what: 'the manifest', retry: FAST }));
    expect(e.message).toBe(`could not download the manifest from ${url}: HTTP 403 Forbidden (1 try)`);
    expect(srv.hits.get('/forbidden')).toBe(1);
  });

  test('always 503: three tries, then one line', async () => {
    srv.route('/down', faults.status(503));
    const url = `${srv.url}/down`;
    const e = await failure(fetchJson(url, { what: 'the manifest', retry: FAST }));
    expect(e.message).toBe(`could not download the manifest from ${url}: HTTP 503 Service Unavailable (3 tries)`);
    expect(e.tries).toBe(3);
    expect(srv.hits.get('/down')).toBe(3);
  });

  test('connection dropped before headers: retried, then one line', async () => {
    srv.route('/drop', faults.drop);
    const url = `${srv.url}/drop`;
    const e = await failure(fetchJson(url, { what: 'the manifest', retry: FAST }));
    expect(e.message).toMatch(
      new RegExp(
        `^could not download the manifest from ${url}: .*(socket hang up|ECONNRESET|other side closed).* \\(3 tries\\)$`
      )
    );
    expect(srv.hits.get('/drop')).toBe(3);
  });

  test('drop then 200: retried', async () => {
    srv.route('/drop-once', faults.firstThen(1, faults.drop, faults.ok('{}')));
    expect(await fetchJson(`${srv.url}/drop-once`, { retry: FAST })).toEqual({});
    expect(srv.hits.get('/drop-once')).toBe(2);
  });

  test('no response: each try times out', async () => {
    srv.route('/hang', faults.hang);
    const e = await failure(fetchJson(`${srv.url}/hang`, { retry: { baseDelayMs: 10, timeoutMs: 200 } }));
    expect(e.message).toMatch(/: no response within 200 ms \(3 tries\)$/);
    expect(srv.hits.get('/hang')).toBe(3);
  });

  test('body stalls: each try times out', async () => {
    srv.route('/stall-json', faults.stall(100, 10));
    const e = await failure(fetchJson(`${srv.url}/stall-json`, { retry: { baseDelayMs: 10, timeoutMs: 200 } }));
    expect(e.message).toMatch(/: no data for 200 ms after 10 bytes \(3 tries\)$/);
    expect(srv.hits.get('/stall-json')).toBe(3);
  });

  test('not JSON: no retry, names the start of the body', async () => {
    srv.route(
      '/html',
      faults.ok(
        '<!DOCTYPE html>\n<html><head><title>Captive portal</title></head><body>please log in first</body></html>'
      )
    );
    const url = `${srv.url}/html`;
    const e = await failure(fetchJson(url, { what: 'the manifest', retry: FAST }));
    expect(e.message).toBe(
      `the manifest at ${url} is not JSON: <!DOCTYPE html> <html><head><title>Captive portal</title></h`
    );
    expect(srv.hits.get('/html')).toBe(1);
  });

  test('redirect is followed', async () => {
    srv.route('/old', faults.redirect('/new'));
    srv.route('/new', faults.ok('"moved"'));
    expect(await fetchJson(`${srv.url}/old`, { retry: FAST })).toBe('moved');
  });

  test('Authorization is kept on the same host and dropped on redirect to another host', async () => {
    srv.route('/auth-same', faults.redirect('/auth-target'));
    srv.route('/auth-target', faults.ok('1'));
    srv.route('/auth-away', faults.redirect(`${other.url}/auth-target`));
    other.route('/auth-target', faults.ok('2'));
    const headers = { Authorization: 'token secret' };
    expect(await fetchJson(`${srv.url}/auth-same`, { headers, retry: FAST })).toBe(1);
    expect(srv.lastHeaders.get('/auth-target')?.authorization).toBe('token secret');
    expect(await fetchJson(`${srv.url}/auth-away`, { headers, retry: FAST })).toBe(2);
    expect(other.lastHeaders.get('/auth-target')?.authorization).toBeUndefined();
  });

  test('total time including waits stays within totalMs', async () => {
    srv.route('/always-500', faults.status(500));
    const start = Date.now();
    const e = await failure(
      fetchJson(`${srv.url}/always-500`, { retry: { tries: 50, totalMs: 1000, baseDelayMs: 100, timeoutMs: 300 } })
    );
    const elapsed = Date.now() - start;
    expect(elapsed).toBeLessThan(1000 + 500);
    expect(e.tries).toBeLessThan(50);
    expect(srv.hits.get('/always-500')).toBe(e.tries);
  });

  test('file:// URLs and plain paths read the file', async () => {
    const file = path.join(dir, 'manifest.json');
    writeFileSync(file, '[{"version":"go1.22.3","stable":true,"files":[]}]');
    const want = [{ version: 'go1.22.3', stable: true, files: [] }];
    expect(await fetchJson(pathToFileURL(file).href)).toEqual(want);
    expect(await fetchJson(file)).toEqual(want);
    expect(await fetchJson(manifestUrl(pathToFileURL(dir).href))).toEqual(want);
    const missing = pathToFileURL(path.join(dir, 'nope.json')).href;
    const e = await failure(fetchJson(missing, { what: 'the manifest' }));
    expect(e.message).toBe(`the manifest not found at ${missing} (no such file)`);
  });
});

describe('openStream', () => {
  const body = Buffer.alloc(300_000, 7);

  test('follows a redirect and streams the body', async () => {
    srv.route('/dl/go.tar.gz', faults.redirect(`${other.url}/go/go.tar.gz`));
    other.route('/go/go.tar.gz', faults.ok(body));
    const { stream, contentLength, finalUrl } = await openStream(`${srv.url}/dl/go.tar.gz`, { retry: FAST });
    expect(finalUrl).toBe(`${other.url}/go/go.tar.gz`);
    expect(contentLength).toBe(body.length);
    expect((await readBody(stream)).equals(body)).toBe(true);
  });

  test('retries until headers arrive', async () => {
    srv.route('/dl/flaky', faults.firstThen(2, faults.status(502), faults.ok(body)));
    const { stream } = await openStream(`${srv.url}/dl/flaky`, { retry: FAST });
    expect((await readBody(stream)).length).toBe(body.length);
    expect(srv.hits.get('/dl/flaky')).toBe(3);
  });

  test('404: one try, one line', async () => {
    const url = `${srv.url}/dl/none.tar.gz`;
    const e = await failure(openStream(url, { what: 'go1.99.0.linux-amd64.tar.gz', retry: FAST }));
    expect(e.message).toBe(`go1.99.0.linux-amd64.tar.gz not found at ${url} (HTTP 404)`);
    expect(srv.hits.get('/dl/none.tar.gz')).toBe(1);
  });

  test('body stalls mid-way: the stream errors (not a silent end)', async () => {
    srv.route('/dl/stall', faults.stall(1000, 100));
    const { stream } = await openStream(`${srv.url}/dl/stall`, { what: 'go.tar.gz', retry: FAST });
    const start = Date.now();
    const err = await readBody(stream).then(
      () => undefined,
      (e) => e
    );
    expect(err).toBeInstanceOf(BodyError);
    expect(isTransientError(err)).toBe(true);
    expect((err as Error).message).toBe(
      `could not download go.tar.gz from ${srv.url}/dl/stall: no data for 300 ms after 100 bytes`
    );
    expect(Date.now() - start).toBeLessThan(5000);
  });

  test('connection reset mid-body: the stream errors', async () => {
    srv.route('/dl/cut', faults.truncate(100_000, 5000));
    const { stream } = await openStream(`${srv.url}/dl/cut`, { what: 'go.tar.gz', retry: FAST });
    const err = await readBody(stream).then(
      () => undefined,
      (e) => e
    );
    expect(err).toBeInstanceOf(BodyError);
    expect((err as Error).message).toMatch(
      /^could not download go\.tar\.gz from .*: (connection broke off|body ended early).* after 5000 bytes/
    );
  });

  test('a slow consumer is not mistaken for a stalled connection', async () => {
    const big = Buffer.alloc(8 * 1024 * 1024, 3);
    srv.route('/dl/big', faults.ok(big));
    const { stream } = await openStream(`${srv.url}/dl/big`, { retry: { baseDelayMs: 10, timeoutMs: 150 } });
    const parts: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      let paused = false;
      stream.on('data', (b: Buffer) => {
        parts.push(b);
        if (!paused) {
          paused = true;
          stream.pause();
          setTimeout(() => stream.resume(), 600); // 4x the idle timeout
        }
      });
      stream.on('error', reject);
      stream.on('end', () => resolve());
    });
    expect(Buffer.concat(parts).length).toBe(big.length);
  });

  test('destroying the stream aborts the download', async () => {
    srv.route('/dl/abort', faults.stall(1_000_000, 1000));
    const { stream } = await openStream(`${srv.url}/dl/abort`, { retry: FAST });
    const closed = new Promise((resolve) => stream.on('close', resolve));
    stream.destroy();
    await closed;
  });

  test('file:// opens a read stream', async () => {
    const file = path.join(dir, 'go1.22.3.linux-amd64.tar.gz');
    writeFileSync(file, body);
    const url = joinUrl(pathToFileURL(dir).href, 'go1.22.3.linux-amd64.tar.gz');
    const { stream, contentLength, finalUrl } = await openStream(url);
    expect(finalUrl).toBe(url);
    expect(contentLength).toBe(body.length);
    expect((await readBody(stream)).equals(body)).toBe(true);
    const e = await failure(openStream(joinUrl(pathToFileURL(dir).href, 'nope.tar.gz'), { what: 'nope.tar.gz' }));
    expect(e.message).toMatch(/^nope\.tar\.gz not found at file:.*nope\.tar\.gz \(no such file\)$/);
  });
});
