import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startMirror, supportedOnly } from '../../scripts/test-support/mirror.mjs';
import { get, sha256 } from './http-helper.js';

type Mirror = Awaited<ReturnType<typeof startMirror>>;

const entry = (version: string, stable = true) => ({
  version: `go${version}`,
  stable,
  files: [
    {
      filename: `go${version}.linux-amd64.tar.gz`,
      os: 'linux',
      arch: 'amd64',
      version: `go${version}`,
      sha256: 'a'.repeat(64),
      size: 1,
      kind: 'archive'
    }
  ]
});
// Newest first by Go's order, with an rc on top as during an rc period.
const manifest = [
  entry('1.24rc1', false),
  entry('1.23.2'),
  entry('1.23.1'),
  entry('1.23.0'),
  entry('1.22.10'),
  entry('1.22.9'),
  entry('1.21.13'),
  entry('1.20')
];

const dir = mkdtempSync(path.join(os.tmpdir(), 'mirror-test-'));
const archive = path.join(dir, 'archive.bin');
const archiveBytes = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7) % 251));
writeFileSync(archive, archiveBytes);
const vulnDir = path.join(dir, 'vulndb');
mkdirSync(path.join(vulnDir, 'index'), { recursive: true });
mkdirSync(path.join(vulnDir, 'ID'), { recursive: true });
writeFileSync(path.join(vulnDir, 'index', 'modules.json'), '[{"path":"stdlib","vulns":[]}]');
writeFileSync(path.join(vulnDir, 'ID', 'GO-2024-0001.json'), '{"id":"GO-2024-0001"}');
writeFileSync(path.join(dir, 'secret.txt'), 'outside');

const NAME = 'go1.23.2.linux-amd64.tar.gz';
let mirror: Mirror;

beforeEach(async () => {
  mirror = await startMirror({ manifest, vulnDir });
  mirror.addFile(NAME, archive);
});
afterEach(async () => {
  await mirror.close();
});

describe('manifest', () => {
  test('include=all serves the whole manifest', async () => {
    const res = await get(`${mirror.url}/?mode=json&include=all`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(JSON.parse(res.body.toString())).toEqual(manifest);
  });

  test('mode=json serves the latest patch of the two newest stable minors', async () => {
    const res = await get(`${mirror.url}/?mode=json`);
    expect(JSON.parse(res.body.toString()).map((e: { version: string }) => e.version)).toEqual([
      'go1.23.2',
      'go1.22.10'
    ]);
  });

  test.each([
    [
      [entry('1.20'), entry('1.20.1'), entry('1.19.13')],
      ['go1.20.1', 'go1.19.13']
    ],
    [[entry('1.21rc2', false), entry('1.20.5')], ['go1.20.5']],
    [[], []]
  ])('supportedOnly(%j)', (input, expected) => {
    expect((supportedOnly(input) as { version: string }[]).map((e) => e.version)).toEqual(expected);
  });

  test('setManifest replaces it; no manifest is a 404', async () => {
    mirror.setManifest([entry('1.30.0')]);
    expect(JSON.parse((await get(`${mirror.url}/?mode=json&include=all`)).body.toString())[0].version).toBe('go1.30.0');
    mirror.setManifest(undefined);
    expect((await get(`${mirror.url}/?mode=json&include=all`)).status).toBe(404);
  });
});

describe('files and request log', () => {
  test('serves a registered archive with Content-Length and logs the request', async () => {
    const res = await get(`${mirror.url}/${NAME}`, { headers: { 'user-agent': 'test-agent' } });
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(archiveBytes.length));
    expect(res.body.equals(archiveBytes)).toBe(true);
    expect(mirror.requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: `/${NAME}`,
        status: 200,
        headers: expect.objectContaining({ 'user-agent': 'test-agent' })
      })
    ]);
  });

  test('unknown paths are 404 and logged as such', async () => {
    expect((await get(`${mirror.url}/go9.9.9.linux-amd64.tar.gz`)).status).toBe(404);
    expect(mirror.requests.map((r) => r.status)).toEqual([404]);
  });

  test('addContent serves bytes from memory', async () => {
    mirror.addContent('/small.txt', 'hello');
    expect((await get(`${mirror.url}/small.txt`)).body.toString()).toBe('hello');
  });

  test('serves the vulnerability database folder under /vuln/ and refuses to leave it', async () => {
    expect(JSON.parse((await get(`${mirror.url}/vuln/index/modules.json`)).body.toString())).toEqual([
      { path: 'stdlib', vulns: [] }
    ]);
    expect(JSON.parse((await get(`${mirror.url}/vuln/ID/GO-2024-0001.json`)).body.toString())).toEqual({
      id: 'GO-2024-0001'
    });
    expect((await get(`${mirror.url}/vuln/..%2Fsecret.txt`)).status).toBe(404);
  });

  test('requestsFor filters by prefix and clearRequests empties the log', async () => {
    await get(`${mirror.url}/?mode=json&include=all`);
    await get(`${mirror.url}/${NAME}`);
    expect(mirror.requestsFor('/go').map((r) => r.path)).toEqual([`/${NAME}`]);
    mirror.clearRequests();
    expect(mirror.requests).toEqual([]);
  });

  test('a static dir serves files by name', async () => {
    const m2 = await startMirror({ dir });
    try {
      expect((await get(`${m2.url}/archive.bin`)).body.equals(archiveBytes)).toBe(true);
    } finally {
      await m2.close();
    }
  });
});

describe('faults', () => {
  test('drop destroys the socket before any header', async () => {
    mirror.setFault(`/${NAME}`, 'drop');
    const res = await get(`${mirror.url}/${NAME}`);
    expect(res.status).toBe(0);
    expect(res.error).toBeDefined();
    expect(mirror.requests[0]).toMatchObject({ status: 0, fault: 'drop' });
  });

  test('stall sends headers and then nothing; close() ends it', async () => {
    mirror.setFault(`/${NAME}`, { kind: 'stall' });
    const pending = get(`${mirror.url}/${NAME}`, { timeoutMs: 10_000 });
    await new Promise((r) => setTimeout(r, 300));
    expect(mirror.requests[0]).toMatchObject({ status: 200, fault: 'stall' });
    await mirror.close();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(0);
    expect(res.error).toBeDefined();
  });

  test('truncate announces the full length and sends half', async () => {
    mirror.setFault(`/${NAME}`, 'truncate');
    const res = await get(`${mirror.url}/${NAME}`);
    expect(res.headers['content-length']).toBe(String(archiveBytes.length));
    expect(res.body.length).toBe(archiveBytes.length / 2);
    expect(res.body.equals(archiveBytes.subarray(0, archiveBytes.length / 2))).toBe(true);
    expect(res.error).toBeDefined();
  });

  test('status with times answers the code that often, then normally', async () => {
    mirror.setFault(`/${NAME}`, { kind: 'status', code: 500, times: 2 });
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await get(`${mirror.url}/${NAME}`)).status);
    expect(codes).toEqual([500, 500, 200]);
    expect(mirror.requests.map((r) => r.fault)).toEqual(['status', 'status', undefined]);
  });

  test('429 carries Retry-After', async () => {
    mirror.setFault('/?mode=json&include=all', { kind: '429', retryAfter: 2, times: 1 });
    const first = await get(`${mirror.url}/?mode=json&include=all`);
    expect(first.status).toBe(429);
    expect(first.headers['retry-after']).toBe('2');
    expect((await get(`${mirror.url}/?mode=json&include=all`)).status).toBe(200);
  });

  test('a fault on the manifest URL leaves ?mode=json alone', async () => {
    mirror.setFault('/?mode=json&include=all', 503);
    expect((await get(`${mirror.url}/?mode=json&include=all`)).status).toBe(503);
    expect((await get(`${mirror.url}/?mode=json`)).status).toBe(200);
  });

  test('redirect answers 302 to a path serving the same bytes', async () => {
    mirror.setFault(`/${NAME}`, 'redirect');
    const first = await get(`${mirror.url}/${NAME}`);
    expect(first.status).toBe(302);
    const location = String(first.headers.location);
    expect(location).toBe(`${mirror.url}/_redirect/${NAME}`);
    const second = await get(location);
    expect(second.status).toBe(200);
    expect(second.body.equals(archiveBytes)).toBe(true);
  });

  test('redirect to an explicit target', async () => {
    mirror.setFault(`/${NAME}`, { kind: 'redirect', to: 'http://example.invalid/go/x' });
    expect((await get(`${mirror.url}/${NAME}`)).headers.location).toBe('http://example.invalid/go/x');
  });

  test('corrupt keeps the length and changes the content', async () => {
    mirror.setFault(`/${NAME}`, { kind: 'corrupt' });
    const res = await get(`${mirror.url}/${NAME}`);
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(archiveBytes.length);
    expect(sha256(res.body)).not.toBe(sha256(archiveBytes));
  });

  test('a prefix key (ending in *) matches every path below it', async () => {
    mirror.setFault('/vuln/*', { kind: 'status', code: 502 });
    expect((await get(`${mirror.url}/vuln/index/modules.json`)).status).toBe(502);
    expect((await get(`${mirror.url}/vuln/ID/GO-2024-0001.json`)).status).toBe(502);
    expect((await get(`${mirror.url}/${NAME}`)).status).toBe(200);
  });

  test('delay answers normally after the wait', async () => {
    mirror.setFault(`/${NAME}`, { kind: 'delay', ms: 200 });
    const t0 = Date.now();
    const res = await get(`${mirror.url}/${NAME}`);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
    expect(res.body.equals(archiveBytes)).toBe(true);
  });

  test('setFault(path, null) removes the fault; faults can be given at start', async () => {
    await mirror.close();
    mirror = await startMirror({ manifest, faults: { '/?mode=json&include=all': 500 } });
    expect((await get(`${mirror.url}/?mode=json&include=all`)).status).toBe(500);
    mirror.setFault('/?mode=json&include=all', null);
    expect((await get(`${mirror.url}/?mode=json&include=all`)).status).toBe(200);
  });

  test.each([['nonsense'], [{ kind: 'explode' }], ['status']])('an unknown or incomplete fault %j throws', (fault) => {
    expect(() => mirror.setFault('/x', fault as never)).toThrow(/fault/);
  });
});
