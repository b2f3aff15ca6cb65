import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ChecksumError } from '../../src/install/download.js';
import { downloadTemp, writeFileAtomic } from '../../src/mirror/transfer.js';

const PLATFORM = { os: process.platform, arch: process.arch };
let dir: string;
let src: string;
const BYTES = Buffer.alloc(300_000, 7);
const SHA = createHash('sha256').update(BYTES).digest('hex');

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mirror-transfer-'));
  src = path.join(mkdtempSync(path.join(os.tmpdir(), 'mirror-src-')), 'go1.26.7.linux-amd64.tar.gz');
  writeFileSync(src, BYTES);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(path.dirname(src), { recursive: true, force: true });
});

const opts = (sha256: string, size?: number) => ({
  url: pathToFileURL(src).href,
  headers: {},
  retry: { tries: 1 },
  expected: { filename: 'go1.26.7.linux-amd64.tar.gz', sha256, size },
  env: {},
  pauseDir: dir
});

describe('downloadTemp: verified as it streams, into a temporary name beside the final one', () => {
  test('the right bytes: a temporary file holding them, with the sha256 and size', async () => {
    let counted = 0;
    const got = await downloadTemp(dir, 'go1.26.7.linux-amd64.tar.gz', {
      ...opts(SHA, BYTES.length),
      onBytes: (n) => (counted += n)
    });
    expect(got).toEqual({
      sha256: SHA,
      bytes: BYTES.length,
      temp: path.join(dir, `.tmp-${process.pid}-go1.26.7.linux-amd64.tar.gz`)
    });
    expect(readFileSync(got.temp).equals(BYTES)).toBe(true);
    expect(counted).toBe(BYTES.length);
  });

  test.each<[string, string, number | undefined, RegExp]>([
    ['another sha256', 'f'.repeat(64), undefined, /sha256 mismatch: expected f{64}, got [0-9a-f]{64}/],
    ['another size', SHA, BYTES.length + 1, /size mismatch/],
    ['no sha256 (not allowed)', '', undefined, /no sha256 in the manifest/]
  ])('%s: refused, and nothing is left in DIR', async (_name, sha256, size, message) => {
    let counted = 0;
    await expect(
      downloadTemp(dir, 'go1.26.7.linux-amd64.tar.gz', { ...opts(sha256, size), onBytes: (n) => (counted += n) })
    ).rejects.toThrow(ChecksumError);
    await expect(downloadTemp(dir, 'go1.26.7.linux-amd64.tar.gz', opts(sha256, size))).rejects.toThrow(message);
    expect(readdirSync(dir)).toEqual([]);
    expect(counted).toBe(0);
  });
});

describe('writeFileAtomic', () => {
  test('writes through a temporary name, creates the folder, and leaves equal content alone', async () => {
    const dest = path.join(dir, 'vulndb', 'index', 'modules.json');
    expect(await writeFileAtomic(dest, '[1]\n', PLATFORM)).toBe(true);
    const first = statSync(dest).mtimeMs;
    expect(await writeFileAtomic(dest, '[1]\n', PLATFORM)).toBe(false);
    expect(statSync(dest).mtimeMs).toBe(first);
    expect(await writeFileAtomic(dest, '[2]\n', PLATFORM)).toBe(true);
    expect(readFileSync(dest, 'utf8')).toBe('[2]\n');
    expect(readdirSync(path.dirname(dest))).toEqual(['modules.json']);
  });
});
