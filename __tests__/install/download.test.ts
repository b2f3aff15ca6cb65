import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { ChecksumError, VerifyingStream, downloadToFile, type ExpectedDownload } from '../../src/install/download.js';
import { HttpError } from '../../src/system/http.js';
import { faults, startServer, type FaultServer } from '../harness/fault-server.js';

const data = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 31) % 251));
const sha = createHash('sha256').update(data).digest('hex');
const FILE = 'go1.22.3.linux-amd64.tar.gz';

/** Streams `chunks` through a VerifyingStream; returns what came out, the error and the stream. */
async function verify(chunks: Buffer[], expected: Partial<ExpectedDownload>) {
  const v = new VerifyingStream({ filename: FILE, ...expected });
  let out = 0;
  let err: unknown;
  try {
    await pipeline(
      Readable.from(chunks),
      v,
      new Writable({
        write(c: Buffer, _e, cb) {
          out += c.length;
          cb();
        }
      })
    );
  } catch (e) {
    err = e;
  }
  return { v, out, err };
}

function split(b: Buffer, size = 16384): Buffer[] {
  const parts: Buffer[] = [];
  for (let i = 0; i < b.length; i += size) parts.push(b.subarray(i, i + size));
  return parts;
}

describe('VerifyingStream', () => {
  test('good body: passes every byte and reports sha256 and size', async () => {
    const { v, out, err } = await verify(split(data), { sha256: sha.toUpperCase(), size: data.length });
    expect(err).toBeUndefined();
    expect(out).toBe(data.length);
    expect(v.result).toEqual({ sha256: sha, bytes: data.length });
  });

  test('wrong sha256: fails at the end with both hashes', async () => {
    const bad = 'a'.repeat(64);
    const { err } = await verify(split(data), { sha256: bad, size: data.length });
    expect(err).toBeInstanceOf(ChecksumError);
    expect((err as Error).message).toBe(`${FILE}: sha256 mismatch: expected ${bad}, got ${sha}`);
  });

  test('short body: size mismatch, download cut short', async () => {
    const { err, v } = await verify(split(data.subarray(0, 150_000)), { sha256: sha, size: data.length });
    expect((err as Error).message).toBe(
      `${FILE}: size mismatch: expected ${data.length} bytes, got 150000 (download cut short?)`
    );
    expect(() => v.result).toThrow();
  });

  test('long body: fails as soon as the size is exceeded, before the rest passes', async () => {
    const long = Buffer.concat([data, Buffer.alloc(500_000)]);
    const { err, out } = await verify(split(long), { sha256: sha, size: data.length });
    expect(err).toBeInstanceOf(ChecksumError);
    expect((err as Error).message).toMatch(
      new RegExp(`^${FILE}: size mismatch: expected ${data.length} bytes, got at least \\d+$`)
    );
    expect(out).toBeLessThanOrEqual(data.length);
  });

  test('no sha256 in the manifest: refused at construction', () => {
    for (const sha256 of [undefined, '']) {
      expect(() => new VerifyingStream({ filename: FILE, sha256, size: 1 })).toThrow(
        new ChecksumError(
          'no sha256 in the manifest; refusing to install an unverified archive (set allow-missing-checksum: true to allow it)',
          { archive: FILE }
        )
      );
    }
  });

  test('no sha256 with allow-missing-checksum: passes, reports the sha256, not verified', async () => {
    const { v, err } = await verify(split(data), { sha256: '', allowUnverified: true });
    expect(err).toBeUndefined();
    expect(v.result).toEqual({ sha256: sha, bytes: data.length });
  });

  test('allow-missing-checksum never allows a mismatch', async () => {
    const { err } = await verify(split(data), { sha256: 'b'.repeat(64), allowUnverified: true });
    expect(err).toBeInstanceOf(ChecksumError);
  });

  test('size 0 (old manifest entries) means unknown', async () => {
    const { err } = await verify(split(data), { sha256: sha, size: 0 });
    expect(err).toBeUndefined();
  });

  test('a malformed manifest sha256 is refused', () => {
    expect(() => new VerifyingStream({ filename: FILE, sha256: 'xyz' })).toThrow(/is not 64 hex digits/);
  });
});

describe('downloadToFile', () => {
  let srv: FaultServer;
  let dir: string;
  beforeAll(async () => {
    srv = await startServer();
    dir = mkdtempSync(path.join(tmpdir(), 'dl-'));
  });
  afterAll(async () => {
    await srv.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const retry = { baseDelayMs: 10, timeoutMs: 300 };

  test('good download', async () => {
    srv.route('/good.zip', faults.ok(data));
    const dest = path.join(dir, 'good.zip');
    const res = await downloadToFile(
      `${srv.url}/good.zip`,
      dest,
      { filename: 'good.zip', sha256: sha, size: data.length },
      { retry }
    );
    expect(res).toEqual({ sha256: sha, bytes: data.length });
    expect(readFileSync(dest).equals(data)).toBe(true);
  });

  test('connection reset mid-body, then complete: the whole transfer is repeated', async () => {
    srv.route('/cut.zip', faults.firstThen(1, faults.truncate(data.length, 50_000), faults.ok(data)));
    const dest = path.join(dir, 'cut.zip');
    const res = await downloadToFile(
      `${srv.url}/cut.zip`,
      dest,
      { filename: 'cut.zip', sha256: sha, size: data.length },
      { retry }
    );
    expect(res.sha256).toBe(sha);
    expect(srv.hits.get('/cut.zip')).toBe(2);
    expect(readFileSync(dest).equals(data)).toBe(true);
  });

  test('body shorter than the manifest size without a Content-Length error: repeated', async () => {
    srv.route('/short.zip', faults.firstThen(1, faults.ok(data.subarray(0, 1000)), faults.ok(data)));
    const dest = path.join(dir, 'short.zip');
    await downloadToFile(
      `${srv.url}/short.zip`,
      dest,
      { filename: 'short.zip', sha256: sha, size: data.length },
      { retry }
    );
    expect(srv.hits.get('/short.zip')).toBe(2);
  });

  test('wrong sha256: not repeated, partial file removed', async () => {
    srv.route('/evil.zip', faults.ok(data));
    const dest = path.join(dir, 'evil.zip');
    await expect(
      downloadToFile(
        `${srv.url}/evil.zip`,
        dest,
        { filename: 'evil.zip', sha256: 'c'.repeat(64), size: data.length },
        { retry }
      )
    ).rejects.toThrow(/^evil\.zip: sha256 mismatch/);
    expect(srv.hits.get('/evil.zip')).toBe(1);
    expect(existsSync(dest)).toBe(false);
  });

  test('always cut: fails after the tries, partial file removed', async () => {
    srv.route('/always-cut.zip', faults.truncate(data.length, 10_000));
    const dest = path.join(dir, 'always-cut.zip');
    const err = await downloadToFile(
      `${srv.url}/always-cut.zip`,
      dest,
      { filename: 'always-cut.zip', sha256: sha, size: data.length },
      { retry }
    ).then(
      () => undefined,
      (e) => e
    );
    expect(err).toBeInstanceOf(HttpError);
    expect((err as Error).message).toMatch(
      /^could not download always-cut\.zip from http:\S+: .* after 10000 bytes \(3 tries\)$/
    );
    expect(srv.hits.get('/always-cut.zip')).toBe(3);
    expect(existsSync(dest)).toBe(false);
  });

  test('missing sha256 without opt-out: refused before any request', async () => {
    srv.route('/nosha.zip', faults.ok(data));
    await expect(
      downloadToFile(
        `${srv.url}/nosha.zip`,
        path.join(dir, 'nosha.zip'),
        { filename: 'nosha.zip', sha256: '' },
        { retry }
      )
    ).rejects.toThrow(ChecksumError);
    expect(srv.hits.get('/nosha.zip')).toBeUndefined();
  });

  test('file:// source', async () => {
    const src = path.join(dir, 'src.zip');
    writeFileSync(src, data);
    const dest = path.join(dir, 'copy.zip');
    const res = await downloadToFile(pathToFileURL(src).href, dest, {
      filename: 'src.zip',
      sha256: sha,
      size: data.length
    });
    expect(res.bytes).toBe(data.length);
  });
});
