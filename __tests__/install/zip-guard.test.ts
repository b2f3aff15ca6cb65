import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import yazl from 'yazl';
import { ArchiveError } from '../../src/install/archive-rules.js';
import { checkZipArchive, zipEntryType } from '../../src/install/zip-guard.js';
import { extractZipInProcess } from '../../src/install/zip-extract.js';

interface ZipItem {
  name: string;
  data?: string;
  dir?: boolean;
  mode?: number;
}

const S_IFLNK = 0o120000;

/**
 * Builds a zip with yazl. Names yazl refuses to write ("../x", "/x") are written as same-length
 * placeholders and patched in the bytes afterwards: `rename` maps placeholder -> final name for
 * every occurrence; `renameLocal` only for the first occurrence (the local header).
 */
async function buildZip(
  items: ZipItem[],
  rename: Record<string, string> = {},
  renameLocal: Record<string, string> = {}
): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const it of items) {
    if (it.dir) zip.addEmptyDirectory(it.name, { mode: it.mode });
    else zip.addBuffer(Buffer.from(it.data ?? 'x'), it.name, { mode: it.mode, compress: false });
  }
  zip.end();
  const parts: Buffer[] = [];
  for await (const b of zip.outputStream) parts.push(b as Buffer);
  const buf = Buffer.concat(parts);
  const patch = (from: string, to: string, all: boolean): void => {
    expect(from.length).toBe(to.length);
    let at = buf.indexOf(from);
    expect(at).toBeGreaterThanOrEqual(0);
    while (at >= 0) {
      buf.write(to, at, 'latin1');
      if (!all) break;
      at = buf.indexOf(from, at + 1);
    }
  };
  for (const [from, to] of Object.entries(rename)) patch(from, to, true);
  for (const [from, to] of Object.entries(renameLocal)) patch(from, to, false);
  return buf;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'zipguard-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
async function check(zip: Buffer): Promise<{ entries: number; uncompressedBytes: number }> {
  const file = path.join(dir, `t${n++}.zip`);
  writeFileSync(file, zip);
  return checkZipArchive(file, { archive: 'go.zip' });
}

async function refused(zip: Buffer): Promise<string> {
  try {
    await check(zip);
  } catch (e) {
    expect(e).toBeInstanceOf(ArchiveError);
    expect((e as Error).message).toMatch(/^go\.zip/);
    expect((e as Error).message).not.toContain('\n');
    return (e as Error).message;
  }
  throw new Error('zip was accepted');
}

const good: ZipItem[] = [
  { name: 'go', dir: true },
  { name: 'go/VERSION', data: 'go1.22.3\n' },
  { name: 'go/bin/go.exe', data: 'MZ' + 'x'.repeat(98) },
  { name: 'go/misc/link', data: '../bin/go.exe', mode: S_IFLNK | 0o777 }
];

test('a good zip (with a symlink inside go/) passes and is counted', async () => {
  const res = await check(await buildZip(good));
  expect(res.entries).toBe(4);
  expect(res.uncompressedBytes).toBe(9 + 100 + 13);
});

const REFUSED: [string, ZipItem[], Record<string, string>, RegExp][] = [
  ['dot-dot', [...good, { name: 'QQQQ', data: 'x' }], { QQQQ: '../x' }, /"\.\.\/x" escapes the go\/ folder/],
  ['dot-dot inside', [...good, { name: 'go/QQQQQQQQ' }], { 'go/QQQQQQQQ': 'go/../../xy' }, /escapes the go\/ folder/],
  ['absolute', [...good, { name: 'QQQQQQQQQQ' }], { QQQQQQQQQQ: '/etc/evil1' }, /"\/etc\/evil1" is an absolute path/],
  ['drive', [...good, { name: 'QQQQQQQQQQ' }], { QQQQQQQQQQ: 'C:\\Windows' }, /is an absolute path/],
  ['backslash dot-dot', [...good, { name: 'go/QQQQQ' }], { 'go/QQQQQ': 'go\\..\\..' }, /escapes the go\/ folder/],
  ['no go top folder', [{ name: 'other/x' }], {}, /"other\/x" is not under the go\/ top folder/],
  [
    'symlink outside',
    [...good, { name: 'go/evil', data: '../../etc', mode: S_IFLNK | 0o777 }],
    {},
    /"go\/evil" links outside the go\/ folder/
  ],
  [
    'symlink absolute',
    [...good, { name: 'go/evil', data: '/etc/passwd', mode: S_IFLNK | 0o777 }],
    {},
    /links to an absolute path/
  ],
  [
    'write through symlink',
    [...good, { name: 'go/misc/link/x' }],
    {},
    /goes through the earlier symlink "go\/misc\/link"/
  ],
  ['character device', [...good, { name: 'go/tty', mode: 0o020644 }], {}, /"go\/tty" is a character device/],
  ['fifo', [...good, { name: 'go/pipe', mode: 0o010644 }], {}, /"go\/pipe" is a fifo/]
];

test.each(REFUSED)('refused: %s', async (_name, items, rename, message) => {
  expect(await refused(await buildZip(items, rename))).toMatch(message);
});

test('refused: local header name differs from the central directory', async () => {
  const zip = await buildZip([...good, { name: 'QQQQQQQQ' }], { QQQQQQQQ: 'go/innoc' }, {});
  // patch only the local header (first occurrence) to a hostile name
  const at = zip.indexOf('go/innoc');
  zip.write('../../ev', at, 'latin1');
  expect(await refused(zip)).toMatch(/"go\/innoc" has a different name in its local header/);
});

test('refused: empty zip and a file that is not a zip', async () => {
  expect(await refused(await buildZip([]))).toMatch(/has no go\/ top folder/);
  expect(await refused(Buffer.from('not a zip at all'))).toMatch(/not a readable zip archive/);
});

test.each<[string, number, string]>([
  ['go/', 0, 'dir'],
  ['go/x', 0, 'file'],
  ['go/x', (0o100644 << 16) >>> 0, 'file'],
  ['go/d', (0o040755 << 16) >>> 0, 'dir'],
  ['go/d', 0x10, 'dir'],
  ['go/l', (0o120777 << 16) >>> 0, 'symlink'],
  ['go/b', (0o060644 << 16) >>> 0, 'other'],
  ['go/s', (0o140644 << 16) >>> 0, 'other']
])('zipEntryType(%j, %o) is %s', (name, attrs, type) => {
  expect(zipEntryType(name, attrs).type).toBe(type);
});

describe('the in-process extractor applies the same rules while it writes', () => {
  /** Extracts `zip` into <box>/dest; returns the error, or undefined. */
  async function extract(zip: Buffer): Promise<{ error?: Error; box: string; dest: string }> {
    const box = mkdtempSync(path.join(dir, 'box-'));
    const dest = path.join(box, 'dest');
    mkdirSync(dest);
    const file = path.join(box, 'archive.zip');
    writeFileSync(file, zip);
    const error = await extractZipInProcess(file, dest, { archive: 'go.zip' }).then(
      () => undefined,
      (e: Error) => e
    );
    return { error, box, dest };
  }

  test('a good zip: files, folders and the symlink inside go/', async () => {
    const { error, dest } = await extract(await buildZip(good));
    expect(error).toBeUndefined();
    expect(readFileSync(path.join(dest, 'go', 'VERSION'), 'utf8')).toBe('go1.22.3\n');
    expect(readFileSync(path.join(dest, 'go', 'bin', 'go.exe'), 'utf8')).toHaveLength(100);
    expect(lstatSync(path.join(dest, 'go', 'misc', 'link')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(dest, 'go', 'misc', 'link'))).toBe('../bin/go.exe');
  });

  test('a non-ASCII name flagged UTF-8 is written as it is named', async () => {
    const { error, dest } = await extract(await buildZip([...good, { name: 'go/test/Äfoo.go', data: 'package p\n' }]));
    expect(error).toBeUndefined();
    expect(readdirSync(path.join(dest, 'go', 'test'))).toEqual(['Äfoo.go']);
  });

  test.each(REFUSED)(
    'refused while extracting: %s; nothing written outside the folder',
    async (_name, items, rename, message) => {
      const { error, box } = await extract(await buildZip(items, rename));
      expect(error).toBeInstanceOf(ArchiveError);
      expect(error!.message).toMatch(message);
      expect(readdirSync(box).sort()).toEqual(['archive.zip', 'dest']);
      expect(existsSync('/etc/evil1')).toBe(false);
    }
  );

  test('a file that is not a zip', async () => {
    const { error } = await extract(Buffer.from('not a zip at all'));
    expect(error).toBeInstanceOf(ArchiveError);
    expect(error!.message).toMatch(/not a readable zip archive/);
  });
});
