/**
 * The installer in-process against a local HTTP server serving synthetic archives.
 *
 * Concurrency across processes (several jobs sharing one tool cache) needs the bundled action
 * (dist/index.js) started as separate processes; that test runs against the bundle in the
 * end-to-end suite. Here: 4 concurrent installGo promises in one process, and the lock's
 * cross-process behaviour (SIGKILLed holder) in lock.test.ts.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  promises as fs,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync
} from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ArchiveError } from '../../src/install/archive-rules.js';
import { ChecksumError, worthAnotherTransfer } from '../../src/install/download.js';
import { installGo, type InstallRequest } from '../../src/install/installer.js';
import { findCached, listCachedVersions } from '../../src/install/tool-cache.js';
import { InputError } from '../../src/errors.js';
import { ExtractError } from '../../src/install/extract.js';
import { type ManifestFile } from '../../src/go/types.js';
import { HttpError } from '../../src/system/http.js';
import { buildSyntheticToolchain, packRealGo } from '../../scripts/test-support/toolchains.mjs';

type Mode = 'ok' | 'truncate' | 'truncate-once';

interface Served {
  file: string;
  mode: Mode;
  requests: number;
}

const served = new Map<string, Served>();
let server: http.Server;
let base: string;
let fixtures: string;
let work: string;

function serve(name: string, file: string, mode: Mode = 'ok'): Served {
  const s = { file, mode, requests: 0 };
  served.set(`/${name}`, s);
  return s;
}

beforeAll(async () => {
  fixtures = mkdtempSync(path.join(os.tmpdir(), 'installer-fixtures-'));
  server = http.createServer((req, res) => {
    const s = served.get(req.url ?? '');
    if (!s) {
      res.writeHead(404).end('not found');
      return;
    }
    s.requests++;
    const body = readFileSync(s.file);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
    const cut = s.mode === 'truncate' || (s.mode === 'truncate-once' && s.requests === 1);
    if (cut) {
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
    } else {
      res.end(body);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(fixtures, { recursive: true, force: true });
});

beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'installer-test-'));
  served.clear();
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

let counter = 0;
async function synthetic(
  opts: { version?: string; versionFileText?: string; reportVersion?: string; format?: 'zip' } = {}
) {
  const outDir = path.join(fixtures, String(counter++));
  const built = await buildSyntheticToolchain({
    version: opts.version ?? '1.22.3',
    os: 'linux',
    arch: 'amd64',
    outDir,
    ...opts
  });
  const file: ManifestFile = {
    filename: built.filename,
    os: 'linux',
    arch: 'amd64',
    version: `go${opts.version ?? '1.22.3'}`,
    sha256: built.sha256,
    size: built.size,
    kind: 'archive'
  };
  return { built, file };
}

function request(file: ManifestFile, overrides: Partial<InstallRequest> = {}): InstallRequest {
  return {
    version: file.version.slice(2),
    file,
    url: `${base}/${file.filename}`,
    platform: { os: 'linux', arch: 'x64' },
    arch: 'x64',
    toolCache: path.join(work, 'tool-cache'),
    temp: path.join(work, 'temp'),
    allowMissingChecksum: false,
    retry: { tries: 3, baseDelayMs: 1, timeoutMs: 5_000, totalMs: 20_000 },
    lock: { timeoutMs: 30_000, staleMs: 30_000, pollMs: 10 },
    env: process.env,
    ...overrides
  };
}

/** Recursive listing (path, type, size) of a folder, for before/after comparisons. */
async function listing(root: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string) {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      const rel = path.relative(root, p);
      if (e.isDirectory()) {
        out.push(`${rel}/`);
        await walk(p);
      } else out.push(`${rel} ${(await fs.lstat(p)).size}`);
    }
  }
  await walk(root);
  return out.sort();
}

/** A tool cache with another tool in it and no go/ folder yet. */
function seedToolCache(): string {
  const tc = path.join(work, 'tool-cache');
  mkdirSync(path.join(tc, 'node', '20.0.0', 'x64'), { recursive: true });
  writeFileSync(path.join(tc, 'node', '20.0.0', 'x64.complete'), '');
  return tc;
}

test('fresh install: tree in place, marker written, nothing else left behind', async () => {
  const { built, file } = await synthetic();
  const s = serve(file.filename, built.path);
  const req = request(file);
  const r = await installGo(req);
  const toolDir = path.join(req.toolCache, 'go', '1.22.3', 'x64');
  expect(r).toEqual({ goRoot: toolDir, cacheHit: false, sha256: built.sha256, bytes: built.size, notices: [] });
  expect(s.requests).toBe(1);
  expect(readdirSync(path.join(req.toolCache, 'go', '1.22.3')).sort()).toEqual(['x64', 'x64.complete']);
  expect(readFileSync(path.join(toolDir, 'VERSION'), 'utf8').split('\n')[0]).toBe('go1.22.3');
  const out = execFileSync(path.join(toolDir, 'bin', 'go'), ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
  expect(out).toBe(await fs.realpath(toolDir));
  expect(existsSync(req.temp) ? readdirSync(req.temp) : []).toEqual([]);
});

test('second call is a cache hit without a request; findCached and listCachedVersions see it', async () => {
  const { built, file } = await synthetic();
  const s = serve(file.filename, built.path);
  const req = request(file);
  const first = await installGo(req);
  const second = await installGo(req);
  expect(second).toEqual({ goRoot: first.goRoot, cacheHit: true, notices: [] });
  expect(s.requests).toBe(1);
  expect(await findCached(req.toolCache, '1.22.3', req.platform, 'x64')).toBe(first.goRoot);
  expect(await findCached(req.toolCache, '1.22.3', req.platform, 'arm64')).toBeUndefined();
  expect(await findCached(req.toolCache, '1.22.4', req.platform, 'x64')).toBeUndefined();
  expect(await listCachedVersions(req.toolCache, req.platform, 'x64')).toEqual(['1.22.3']);
});

test('listCachedVersions: only complete trees, in Go order, Go spelling', async () => {
  const tc = path.join(work, 'tool-cache');
  const make = (folder: string, opts: { marker?: boolean; bin?: boolean } = {}) => {
    const dir = path.join(tc, 'go', folder, 'x64');
    mkdirSync(path.join(dir, 'bin'), { recursive: true });
    if (opts.bin !== false) writeFileSync(path.join(dir, 'bin', 'go'), '');
    if (opts.marker !== false) writeFileSync(`${dir}.complete`, '');
  };
  make('1.22.3');
  make('1.21.0-rc.1');
  make('1.20.0');
  make('1.21.0');
  make('1.23.0', { marker: false });
  make('1.24.0', { bin: false });
  make('not-a-version');
  expect(await listCachedVersions(tc, { os: 'linux', arch: 'x64' }, 'x64')).toEqual([
    '1.20',
    '1.21rc1',
    '1.21.0',
    '1.22.3'
  ]);
  expect(await listCachedVersions(tc, { os: 'linux', arch: 'arm64' }, 'arm64')).toEqual([]);
  expect(await listCachedVersions(path.join(work, 'nope'), { os: 'linux', arch: 'x64' }, 'x64')).toEqual([]);
});

test('a body cut short once is downloaded again and the install succeeds', async () => {
  const { built, file } = await synthetic();
  const s = serve(file.filename, built.path, 'truncate-once');
  const r = await installGo(request(file));
  expect(r.cacheHit).toBe(false);
  expect(r.sha256).toBe(built.sha256);
  expect(s.requests).toBe(2);
  expect(readdirSync(path.dirname(r.goRoot)).sort()).toEqual(['x64', 'x64.complete']);
});

describe('failures leave the tool cache exactly as before', () => {
  test('a body always cut short fails after the policy tries', async () => {
    const { built, file } = await synthetic();
    const s = serve(file.filename, built.path, 'truncate');
    const tc = seedToolCache();
    const before = await listing(tc);
    const err = await installGo(request(file)).then(
      () => undefined,
      (e: Error) => e
    );
    expect(err).toBeInstanceOf(Error);
    expect(err!.message).not.toContain('\n');
    expect(s.requests).toBe(3);
    expect(await listing(tc)).toEqual(before);
  });

  test('a wrong sha256 fails at once (no retry)', async () => {
    const { built, file } = await synthetic();
    const s = serve(file.filename, built.path);
    const tc = seedToolCache();
    const before = await listing(tc);
    await expect(installGo(request({ ...file, sha256: 'ab'.repeat(32) }))).rejects.toBeInstanceOf(ChecksumError);
    expect(s.requests).toBe(1);
    expect(await listing(tc)).toEqual(before);
  });

  test('a missing sha256 is refused before any request unless allowed', async () => {
    const { built, file } = await synthetic();
    const s = serve(file.filename, built.path);
    const tc = seedToolCache();
    const before = await listing(tc);
    await expect(installGo(request({ ...file, sha256: '' }))).rejects.toThrow(/allow-missing-checksum/);
    expect(s.requests).toBe(0);
    expect(await listing(tc)).toEqual(before);
    const r = await installGo(request({ ...file, sha256: '' }, { allowMissingChecksum: true }));
    expect(r.sha256).toBe(built.sha256);
  });

  test.each([
    [
      'go/VERSION disagrees',
      { versionFileText: 'go1.22.2\ntime x\n' },
      /go\/VERSION says "go1\.22\.2", expected "go1\.22\.3"/
    ],
    [
      'go version disagrees',
      { reportVersion: '1.22.2' },
      /go version prints "go version go1\.22\.2 linux\/amd64", expected/
    ],
    ['go/VERSION missing', { versionFileText: '' }, /go\/VERSION says ""/]
  ])('%s', async (_name, opts, message) => {
    const { built, file } = await synthetic(opts);
    serve(file.filename, built.path);
    const tc = seedToolCache();
    const before = await listing(tc);
    const err = await installGo(request(file)).then(
      () => undefined,
      (e: Error) => e
    );
    expect(err).toBeInstanceOf(InputError);
    expect(err!.message).toMatch(message);
    expect(err!.message).not.toContain('\n');
    expect(await listing(tc)).toEqual(before);
  });

  test('a hostile archive is refused by the guard', async () => {
    const src = path.join(fixtures, `hostile-${counter++}`);
    mkdirSync(path.join(src, 'go', 'bin'), { recursive: true });
    writeFileSync(path.join(src, 'go', 'VERSION'), 'go1.22.3');
    writeFileSync(path.join(src, 'outside'), 'x');
    const tgz = path.join(src, 'go1.22.3.linux-amd64.tar.gz');
    execFileSync('tar', ['-czf', tgz, '-C', src, 'go', 'outside']);
    const bytes = readFileSync(tgz);
    const { createHash } = await import('node:crypto');
    const file: ManifestFile = {
      filename: 'go1.22.3.linux-amd64.tar.gz',
      os: 'linux',
      arch: 'amd64',
      version: 'go1.22.3',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      kind: 'archive'
    };
    serve(file.filename, tgz);
    const tc = seedToolCache();
    const before = await listing(tc);
    await expect(installGo(request(file))).rejects.toBeInstanceOf(ArchiveError);
    expect(await listing(tc)).toEqual(before);
  });

  test('a 404 fails without touching the tool cache', async () => {
    const { file } = await synthetic();
    const tc = seedToolCache();
    const before = await listing(tc);
    await expect(installGo(request(file))).rejects.toBeInstanceOf(HttpError);
    expect(await listing(tc)).toEqual(before);
  });

  test('an existing go/<version>/ folder of another arch stays', async () => {
    const { built, file } = await synthetic();
    serve(file.filename, built.path, 'truncate');
    const tc = seedToolCache();
    mkdirSync(path.join(tc, 'go', '1.22.3', 'arm64', 'bin'), { recursive: true });
    writeFileSync(path.join(tc, 'go', '1.22.3', 'arm64.complete'), '');
    const before = await listing(tc);
    await expect(installGo(request(file))).rejects.toThrow();
    expect(await listing(tc)).toEqual(before);
  });
});

test('a leftover toolDir without marker and a dead job staging folder are replaced', async () => {
  const { built, file } = await synthetic();
  serve(file.filename, built.path);
  const req = request(file);
  const versionDir = path.join(req.toolCache, 'go', '1.22.3');
  mkdirSync(path.join(versionDir, 'x64', 'bin'), { recursive: true });
  writeFileSync(path.join(versionDir, 'x64', 'bin', 'go'), 'partial');
  writeFileSync(path.join(versionDir, 'x64', 'junk'), 'junk');
  // pid 2^22+1 is above Linux's pid_max default range: no such process
  mkdirSync(path.join(versionDir, 'x64.staging-4194305-dead', 'go'), { recursive: true });
  expect(await findCached(req.toolCache, '1.22.3', req.platform, 'x64')).toBeUndefined();
  const r = await installGo(req);
  expect(r.cacheHit).toBe(false);
  expect(existsSync(path.join(r.goRoot, 'junk'))).toBe(false);
  expect(readdirSync(versionDir).sort()).toEqual(['x64', 'x64.complete']);
});

test('4 concurrent installs of one version: one download, one install, all succeed', async () => {
  const { built, file } = await synthetic();
  const s = serve(file.filename, built.path);
  const req = request(file);
  const results = await Promise.all([1, 2, 3, 4].map(() => installGo(req)));
  expect(s.requests).toBe(1);
  expect(results.filter((r) => !r.cacheHit)).toHaveLength(1);
  expect(new Set(results.map((r) => r.goRoot)).size).toBe(1);
  expect(readdirSync(path.join(req.toolCache, 'go', '1.22.3')).sort()).toEqual(['x64', 'x64.complete']);
});

test('a release of Go before 1.21 goes to the setup-go folder 1.20.0', async () => {
  const { built, file } = await synthetic({ version: '1.20' });
  serve(file.filename, built.path);
  const req = request(file);
  const r = await installGo(req);
  expect(r.goRoot).toBe(path.join(req.toolCache, 'go', '1.20.0', 'x64'));
  expect(await listCachedVersions(req.toolCache, req.platform, 'x64')).toEqual(['1.20']);
});

test('a manifest file of another version is refused', async () => {
  const { file } = await synthetic();
  await expect(installGo({ ...request(file), version: '1.22.4' })).rejects.toThrow(
    /lists it as go1\.22\.3, not go1\.22\.4/
  );
});

test('zip archives: verified download to temp, zip guard, extract (in process without 7-Zip)', async () => {
  const { built, file } = await synthetic({ format: 'zip' });
  serve(file.filename, built.path, 'truncate-once');
  const req = request(file, { zipTools: {} });
  const r = await installGo(req);
  expect(r).toMatchObject({ cacheHit: false, sha256: built.sha256, bytes: built.size });
  expect(execFileSync(path.join(r.goRoot, 'bin', 'go'), ['version'], { encoding: 'utf8' }).trim()).toBe(
    'go version go1.22.3 linux/amd64'
  );
  expect(readdirSync(req.temp)).toEqual([]);
});

test('a zip extractor that exits 0 but extracts nothing is named in the error; the cache is unchanged', async () => {
  const { built, file } = await synthetic({ format: 'zip' });
  serve(file.filename, built.path);
  const tc = seedToolCache();
  const before = await listing(tc);
  const err = await installGo(request(file, { zipTools: { sevenZip: '/bin/true' } })).then(
    () => undefined,
    (e: Error) => e
  );
  expect(err).toBeInstanceOf(ExtractError);
  expect(err!.message).toBe(`${file.filename}: true reported success but extracted no go/ folder`);
  expect(await listing(tc)).toEqual(before);
});

test('a zip extractor that fails is named in the error, with its last stderr line', async () => {
  const { built, file } = await synthetic({ format: 'zip' });
  serve(file.filename, built.path);
  const tool = path.join(work, '7z');
  writeFileSync(tool, '#!/bin/sh\necho "ERROR: Can not open output file: Permission denied" >&2\nexit 2\n', {
    mode: 0o755
  });
  const tc = seedToolCache();
  const before = await listing(tc);
  await expect(installGo(request(file, { zipTools: { sevenZip: tool } }))).rejects.toThrow(
    new ExtractError('7z failed to extract it: ERROR: Can not open output file: Permission denied', {
      archive: file.filename
    })
  );
  expect(await listing(tc)).toEqual(before);
});

test('a complete install beside the lock of a dead job: the lock is removed (findCached and installGo)', async () => {
  const { built, file } = await synthetic();
  const s = serve(file.filename, built.path);
  const req = request(file);
  const first = await installGo(req);
  const lockDir = `${first.goRoot}.lock`;
  const dead = () => {
    mkdirSync(lockDir);
    // pid 2^22+1 is above Linux's pid_max default range: no such process
    writeFileSync(
      path.join(lockDir, 'owner.json'),
      JSON.stringify({ pid: 4194305, hostname: os.hostname(), startedAt: new Date().toISOString(), token: 'dead' })
    );
  };
  dead();
  expect(await findCached(req.toolCache, '1.22.3', req.platform, 'x64')).toBe(first.goRoot);
  expect(readdirSync(path.dirname(first.goRoot)).sort()).toEqual(['x64', 'x64.complete']);
  dead();
  expect(await installGo(req)).toMatchObject({ cacheHit: true });
  expect(readdirSync(path.dirname(first.goRoot)).sort()).toEqual(['x64', 'x64.complete']);
  expect(s.requests).toBe(1);
});

test('a complete install beside the lock of a live job: the lock stays', async () => {
  const { built, file } = await synthetic();
  serve(file.filename, built.path);
  const req = request(file);
  const first = await installGo(req);
  const lockDir = `${first.goRoot}.lock`;
  mkdirSync(lockDir);
  writeFileSync(
    path.join(lockDir, 'owner.json'),
    JSON.stringify({ pid: process.ppid, hostname: os.hostname(), startedAt: new Date().toISOString(), token: 'live' })
  );
  expect(await findCached(req.toolCache, '1.22.3', req.platform, 'x64')).toBe(first.goRoot);
  expect(existsSync(lockDir)).toBe(true);
});

describe('worthAnotherTransfer', () => {
  const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
  test.each([
    ['reset, cut short', true, reset, 10, 100],
    ['transient HttpError', true, new HttpError('x', 'u', undefined, 1, true), 100, 100],
    ['final HttpError about a reset', false, new HttpError('x: socket hang up (3 tries)', 'u', undefined, 3), 10, 100],
    ['gzip data cut off', true, Object.assign(new Error('unexpected end of file'), { code: 'Z_BUF_ERROR' }), 10, 100],
    ['short body checksum error', true, new ChecksumError('size mismatch'), 10, 100],
    ['complete body, wrong sha', false, new ChecksumError('sha256 mismatch'), 100, 100],
    ['hostile archive', false, new ArchiveError('archive entry "../x" escapes the go/ folder'), 10, 100],
    ['bad tree', false, new InputError('go/VERSION says'), 100, 100],
    ['tar failure', false, new Error('tar failed to extract into /x: No space left on device'), 10, 100],
    ['unknown size, reset', true, reset, 10, 0],
    ['unknown size, wrong sha', false, new ChecksumError('sha256 mismatch'), 10, 0]
  ])('%s -> %s', (_n, want, e, bytes, size) => {
    expect(worthAnotherTransfer(e, bytes, size)).toBe(want);
  });
});

const REAL_GO = '/usr/lib/go-1.19';
const realGoReason = existsSync(path.join(REAL_GO, 'bin', 'go'))
  ? undefined
  : `${REAL_GO} is not installed (apt-get install golang-1.19-go)`;
if (realGoReason) {
  test.skip(`real Go 1.19.8 install: skipped because ${realGoReason}`, () => undefined);
} else {
  test('real Go 1.19.8 (Debian packaging, packed as an official archive) installs and runs', async () => {
    const cache = path.join(os.tmpdir(), 'setup-go-enforced-fixtures');
    const packed = await packRealGo({ srcDir: REAL_GO, version: '1.19.8', outDir: cache });
    const file: ManifestFile = {
      filename: packed.filename,
      os: 'linux',
      arch: 'amd64',
      version: 'go1.19.8',
      sha256: packed.sha256,
      size: packed.size,
      kind: 'archive'
    };
    serve(file.filename, packed.path);
    const req = request(file, { retry: { tries: 2, baseDelayMs: 1, timeoutMs: 60_000, totalMs: 120_000 } });
    const r = await installGo(req);
    expect(r.goRoot).toBe(path.join(req.toolCache, 'go', '1.19.8', 'x64'));
    const env = { ...process.env, GOTOOLCHAIN: 'local', GOROOT: '' };
    expect(execFileSync(path.join(r.goRoot, 'bin', 'go'), ['version'], { encoding: 'utf8', env }).trim()).toBe(
      'go version go1.19.8 linux/amd64'
    );
    expect(existsSync(path.join(r.goRoot, 'src', 'fmt', 'print.go'))).toBe(true);
  }, 600_000);
}
