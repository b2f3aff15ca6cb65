import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { create as tarCreate, extract as tarExtract } from 'tar';
import { ArchiveError } from '../../src/install/archive-rules.js';
import { TarGuard, parsePax } from '../../src/install/tar-guard.js';
import {
  gnuLongEntry,
  goodTar,
  hostileTars,
  paxEntry,
  tarArchive,
  tarEntry
} from '../../scripts/test-support/hostile-archives.mjs';

/** Why each hostile archive of the shared fixtures must be refused. */
const HOSTILE_REASONS: Record<string, RegExp> = {
  'dot-dot entry': /"go\/\.\.\/evil" escapes the go\/ folder/,
  'leading dot-dot': /"\.\.\/evil" escapes the go\/ folder/,
  'absolute path': /"\/tmp\/evil" is an absolute path/,
  'windows drive path': /is an absolute path/,
  'backslash dot-dot': /escapes the go\/ folder/,
  'no go top folder': /"other\/" is not under the go\/ top folder/,
  'character device': /character device/,
  'block device': /block device/,
  fifo: /fifo/,
  'hardlink outside': /hardlink target .*"\/etc\/passwd" is an absolute path/,
  'hardlink dot-dot': /hardlink target .*escapes the go\/ folder/,
  'symlink absolute': /"go\/l" links to an absolute path "\/etc"/,
  'symlink outside': /"go\/bin\/l" links outside the go\/ folder/,
  'write through symlink': /"go\/l\/x" goes through the earlier symlink "go\/l"/,
  'gnu long name dot-dot': /escapes the go\/ folder/,
  'gnu long link outside': /"go\/s" links to an absolute path "\/etc\/shadow"/,
  'pax path override': /"\.\.\/x" escapes the go\/ folder/,
  'pax linkpath override': /"go\/l" links to an absolute path "\/etc"/,
  'pax global path': /global pax header sets "path"/,
  'pax sparse': /sparse file/,
  'pax size hides a header': /"\.\.\/evil" escapes the go\/ folder/,
  'bad checksum': /bad checksum/,
  'NUL in pax path': /NUL path/,
  'sparse type S': /GNU sparse file/,
  'data after end': /data after its end-of-archive marker/,
  'lone zero block then entry': /header after a zero block/,
  'dangling pax header': /metadata header without the entry/,
  'truncated entry': /truncated/,
  'symlink top folder': /top folder must be a folder, not a symlink/,
  'empty archive': /has no go\/ top folder/
};

/** Feeds `tar` through a TarGuard in chunks of `chunk` bytes; returns the output bytes and the error. */
async function guard(tar: Buffer, chunk = 65536): Promise<{ out: Buffer; err?: unknown; entries: number }> {
  const parts: Buffer[] = [];
  for (let i = 0; i < tar.length; i += chunk) parts.push(tar.subarray(i, i + chunk));
  const g = new TarGuard({ archive: 'test.tar' });
  const out: Buffer[] = [];
  const sink = new Writable({
    write(c: Buffer, _e, cb) {
      out.push(Buffer.from(c));
      cb();
    }
  });
  let err: unknown;
  try {
    await pipeline(Readable.from(parts), g, sink);
  } catch (e) {
    err = e;
  }
  return { out: Buffer.concat(out), err, entries: g.entries };
}

describe('TarGuard: good archives pass through byte-identical', () => {
  test.each([1, 7, 511, 512, 513, 1000, 65536])('hand-made archive in chunks of %i bytes', async (chunk) => {
    const tar = goodTar();
    const { out, err, entries } = await guard(tar, chunk);
    expect(err).toBeUndefined();
    expect(out.equals(tar)).toBe(true);
    expect(entries).toBe(10);
  });

  test('archive written by node-tar: symlink inside go/, path > 100 chars, non-ASCII name (pax)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'targuard-'));
    try {
      const deep = path.join(dir, 'go', 'src', 'x'.repeat(90), 'y'.repeat(90));
      mkdirSync(path.join(deep), { recursive: true });
      writeFileSync(path.join(deep, `${'z'.repeat(110)}.go`), 'package z\n');
      mkdirSync(path.join(dir, 'go', 'bin'), { recursive: true });
      writeFileSync(path.join(dir, 'go', 'bin', 'go'), Buffer.alloc(70000, 3));
      writeFileSync(path.join(dir, 'go', 'ünïcødé.txt'), 'x');
      symlinkSync('../bin/go', path.join(dir, 'go', 'src', 'golink'));
      const file = path.join(dir, 'go.tar');
      tarCreate({ file, cwd: dir, sync: true }, ['go']);
      const tar = readFileSync(file);
      expect(tar.includes(Buffer.from('path='))).toBe(true); // node-tar used pax headers

      const { out, err, entries } = await guard(tar, 4096);
      expect(err).toBeUndefined();
      expect(out.equals(tar)).toBe(true);
      expect(entries).toBe(9);

      // and a real extractor accepts the guarded stream
      const dest = path.join(dir, 'out');
      mkdirSync(dest);
      await pipeline(Readable.from([tar]), new TarGuard(), tarExtract({ cwd: dest }));
      expect(readFileSync(path.join(dest, 'go', 'src', 'golink')).length).toBe(70000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('archive without end-of-archive blocks and with trailing zero padding', async () => {
    const body = [tarEntry({ name: 'go/', type: '5' }), tarEntry({ name: 'go/x' }, 'x')];
    for (const tar of [tarArchive(body, { eof: false }), Buffer.concat([tarArchive(body), Buffer.alloc(9216)])]) {
      const { out, err } = await guard(tar, 300);
      expect(err).toBeUndefined();
      expect(out.equals(tar)).toBe(true);
    }
  });

  test('many entries and a large file pass quickly', async () => {
    const parts = [tarEntry({ name: 'go/', type: '5' })];
    for (let i = 0; i < 5000; i++) parts.push(tarEntry({ name: `go/src/p${i % 50}/f${i}.go` }, 'package p\n'));
    parts.push(tarEntry({ name: 'go/big' }, Buffer.alloc(64 * 1024 * 1024, 1)));
    const tar = tarArchive(parts);
    const start = Date.now();
    const { out, err, entries } = await guard(tar, 65536);
    expect(err).toBeUndefined();
    expect(entries).toBe(5002);
    expect(out.length).toBe(tar.length);
    expect(Date.now() - start).toBeLessThan(20_000);
  });
});

describe('TarGuard: hostile archives are refused', () => {
  const cases = Object.entries(hostileTars());
  test('every fixture has an expected reason', () => {
    expect(cases.map(([k]) => k).sort()).toEqual(Object.keys(HOSTILE_REASONS).sort());
  });
  test.each(cases)('%s', async (name, tar) => {
    for (const chunk of [512, 100, 65536]) {
      const { out, err } = await guard(tar, chunk);
      expect(err).toBeInstanceOf(ArchiveError);
      expect((err as Error).message).toMatch(HOSTILE_REASONS[name]);
      expect((err as Error).message).toMatch(/^test\.tar/);
      expect((err as Error).message).not.toContain('\n');
      // nothing after the last good entry reached the extractor: the output is a prefix of the input
      expect(tar.subarray(0, out.length).equals(out)).toBe(true);
      expect(out.includes(Buffer.from('evil'))).toBe(false);
    }
  });

  test('the hostile header itself never reaches the extractor', async () => {
    const good = tarEntry({ name: 'go/', type: '5' });
    const tar = tarArchive([good, paxEntry({ path: '../escape' }), tarEntry({ name: 'go/innocent' }, 'x')]);
    const { out, err } = await guard(tar, 512);
    expect(err).toBeInstanceOf(ArchiveError);
    expect((err as Error).message).toMatch(/"\.\.\/escape" escapes the go\/ folder/);
    expect(out.equals(good)).toBe(true);
  });

  test.each<[string, Buffer, RegExp]>([
    [
      'device',
      tarArchive([tarEntry({ name: 'go/', type: '5' }), tarEntry({ name: 'go/c', type: '3' })]),
      /character device/
    ],
    ['fifo', tarArchive([tarEntry({ name: 'go/', type: '5' }), tarEntry({ name: 'go/f', type: '6' })]), /fifo/],
    [
      'GNU long name',
      tarArchive([gnuLongEntry(`go/${'a'.repeat(120)}/../../../x`), tarEntry({ name: 'go/x' })]),
      /escapes the go\/ folder/
    ],
    [
      'symlink with data',
      tarArchive([tarEntry({ name: 'go/', type: '5' }), tarEntry({ name: 'go/l', type: '2', linkname: 'x' }, 'data')]),
      /symlink entry .* has a data size of 4/
    ],
    ['checksum', tarArchive([tarEntry({ name: 'go/', type: '5', checksumDelta: 3 })]), /bad checksum/],
    ['not a tar', Buffer.alloc(2048, 0x41), /bad checksum/]
  ])('reason: %s', async (_n, tar, message) => {
    const { err } = await guard(tar);
    expect((err as Error).message).toMatch(message);
  });
});

describe('parsePax', () => {
  test('reads records, including multi-byte values and "=" in values', () => {
    const rec = (k: string, v: string): string => {
      const rest = ` ${k}=${v}\n`;
      let n = Buffer.byteLength(rest) + 1;
      while (String(n).length + Buffer.byteLength(rest) !== n) n++;
      return `${n}${rest}`;
    };
    const m = parsePax(Buffer.from(rec('path', 'go/ü=x') + rec('size', '12')));
    expect(m.get('path')).toBe('go/ü=x');
    expect(m.get('size')).toBe('12');
  });
  test.each(['x path=a\n', '99 path=a\n', '10 patha\n', '9 path=a'])('malformed %j', (text) => {
    expect(() => parsePax(Buffer.from(text))).toThrow();
  });
});
