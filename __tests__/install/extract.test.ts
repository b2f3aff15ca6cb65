import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  createReadStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  mkdirSync,
  writeFileSync,
  readdirSync
} from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { gzipSync } from 'node:zlib';
import {
  ExtractError,
  chooseZipExtractor,
  extractTarGzStream,
  extractZip,
  firstRealError,
  toolEnv
} from '../../src/install/extract.js';
import { IN_PROCESS } from '../../src/install/zip-extract.js';
import { decodeConsoleText } from '../../src/install/console-text.js';
import { ArchiveError } from '../../src/install/archive-rules.js';
import { buildSyntheticToolchain } from '../../scripts/test-support/toolchains.mjs';

const WIN_FILE = 'D:\\a\\_temp\\go1.22.3.windows-amd64.zip';
const WIN_DEST = 'D:\\hostedtoolcache\\windows\\go\\1.22.3\\x64.staging-1-a';

describe('chooseZipExtractor', () => {
  const sevenZip = 'C:\\Program Files\\7-Zip\\7z.exe';
  const tarExe = 'C:\\Windows\\System32\\tar.exe';

  test.each([
    [
      { sevenZip, tarExe },
      { tool: sevenZip, args: ['x', '-y', '-bd', `-o${WIN_DEST}`, WIN_FILE] }
    ],
    [{ tarExe }, { tool: tarExe, args: ['-xf', WIN_FILE, '-C', WIN_DEST] }],
    [{ sevenZip }, { tool: sevenZip, args: ['x', '-y', '-bd', `-o${WIN_DEST}`, WIN_FILE] }],
    // neither: the in-process extractor (never PowerShell, which extracted nothing under Wine)
    [{}, undefined]
  ])('%j -> %j', (available, want) => {
    expect(chooseZipExtractor(available, WIN_FILE, WIN_DEST)).toEqual(want);
  });
});

describe('toolEnv: extractors see a UTF-8 character type outside Windows', () => {
  test.each<[string, NodeJS.ProcessEnv, NodeJS.ProcessEnv]>([
    ['linux', { LANG: 'C', PATH: '/bin' }, { LANG: 'C', PATH: '/bin', LC_ALL: 'C.UTF-8' }],
    ['darwin', { LC_ALL: 'POSIX' }, { LC_ALL: 'C.UTF-8' }],
    ['win32', { LANG: 'C' }, { LANG: 'C' }]
  ])('%s', (os, env, want) => {
    expect(toolEnv(os, env)).toEqual(want);
  });
});

describe('firstRealError', () => {
  const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
  const premature = Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
  const guard = new Error('archive entry "../x" escapes the go/ folder');
  const tar = new Error('tar failed');
  test.each([
    [[epipe, guard], tar, guard],
    [[premature, epipe], tar, tar],
    [[guard], undefined, guard],
    [[epipe], undefined, epipe],
    [[], tar, tar]
  ])('%#', (streamErrors, tarError, expected) => {
    expect(firstRealError(streamErrors, tarError)).toBe(expected);
  });
});

describe('extractTarGzStream', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'extract-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('unpacks a synthetic toolchain in one pass, through the given transforms', async () => {
    const built = await buildSyntheticToolchain({
      version: '1.22.3',
      os: 'linux',
      arch: 'amd64',
      outDir: path.join(dir, 'out')
    });
    const dest = path.join(dir, 'dest');
    mkdirSync(dest);
    let seen = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _e, cb) {
        seen += chunk.length;
        cb(null, chunk);
      }
    });
    await extractTarGzStream(createReadStream(built.path), dest, { transforms: [counter] });
    expect(seen).toBe(built.size);
    expect(readFileSync(path.join(dest, 'go', 'VERSION'), 'utf8').split('\n')[0]).toBe('go1.22.3');
    const out = execFileSync(path.join(dest, 'go', 'bin', 'go'), ['version'], { encoding: 'utf8' });
    expect(out.trim()).toBe('go version go1.22.3 linux/amd64');
  });

  test('a hostile entry is refused by the guard, and the guard error wins over tar', async () => {
    const src = path.join(dir, 'src');
    mkdirSync(path.join(src, 'go'), { recursive: true });
    writeFileSync(path.join(src, 'go', 'VERSION'), 'go1.22.3');
    writeFileSync(path.join(src, 'evil'), 'x');
    // "evil" sits outside go/: the archive has no single go/ top folder
    const tgz = path.join(dir, 'evil.tar.gz');
    execFileSync('tar', ['-czf', tgz, '-C', src, 'go', 'evil']);
    const dest = path.join(dir, 'dest');
    mkdirSync(dest);
    await expect(extractTarGzStream(createReadStream(tgz), dest)).rejects.toBeInstanceOf(ArchiveError);
    expect(existsSync(path.join(dest, 'evil'))).toBe(false);
  });

  test('an error of the source wins and tar is stopped', async () => {
    const dest = path.join(dir, 'dest');
    mkdirSync(dest);
    const boom = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const gz = gzipSync(Buffer.alloc(4096));
    const source = new Readable({
      read() {
        this.push(gz.subarray(0, 10));
        setImmediate(() => this.destroy(boom));
      }
    });
    await expect(extractTarGzStream(source, dest)).rejects.toBe(boom);
  });

  test('bytes that are not gzip fail with the gunzip error', async () => {
    const dest = path.join(dir, 'dest');
    mkdirSync(dest);
    await expect(extractTarGzStream(Readable.from([Buffer.from('not a gzip stream at all')]), dest)).rejects.toThrow(
      /incorrect header check|unknown compression/i
    );
    expect(readdirSync(dest)).toEqual([]);
  });

  test('a tar that fails reports its own message', async () => {
    const built = await buildSyntheticToolchain({
      version: '1.22.3',
      os: 'linux',
      arch: 'amd64',
      outDir: path.join(dir, 'out')
    });
    await expect(extractTarGzStream(createReadStream(built.path), path.join(dir, 'missing-dest'))).rejects.toThrow(
      /tar failed to extract into .*missing-dest/
    );
  });
});

const NON_ASCII = 'test/fixedbugs/issue27836.dir/Äfoo.go';
/** 7zip-bin's Linux 7za (its npm package drops the executable bit). */
const SEVEN_ZIP_BIN = path.resolve('node_modules', '7zip-bin', 'linux', 'x64', '7za');

describe('extractZip', () => {
  let dir: string;
  let zip: string;
  let sevenZipLinux: string;
  const linux = { os: 'linux', arch: 'x64' };
  const run = {
    env: { PATH: process.env.PATH, LANG: 'C' },
    decode: (b: Buffer) => Promise.resolve(b.toString('utf8'))
  };
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'extract-zip-'));
    const built = await buildSyntheticToolchain({
      version: '1.22.3',
      os: 'windows',
      arch: 'amd64',
      outDir: dir,
      extraFiles: [[NON_ASCII, 'package main\n']]
    });
    zip = built.path;
    sevenZipLinux = path.join(dir, '7za');
    if (existsSync(SEVEN_ZIP_BIN)) {
      copyFileSync(SEVEN_ZIP_BIN, sevenZipLinux);
      chmodSync(sevenZipLinux, 0o755);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const fresh = () => mkdtempSync(path.join(dir, 'dest-'));

  test('in process (no 7-Zip, no tar.exe): the whole tree, non-ASCII names intact, under LANG=C', async () => {
    const dest = fresh();
    await expect(extractZip(zip, dest, linux, { ...run, tools: {} })).resolves.toBe(IN_PROCESS);
    expect(readFileSync(path.join(dest, 'go', 'VERSION'), 'utf8').split('\n')[0]).toBe('go1.22.3');
    expect(existsSync(path.join(dest, 'go', 'bin', 'go.exe'))).toBe(true);
    expect(readFileSync(path.join(dest, 'go', ...NON_ASCII.split('/')), 'utf8')).toBe('package main\n');
  });

  (existsSync(SEVEN_ZIP_BIN) ? test : test.skip)(
    '7-Zip (7zip-bin): non-ASCII names intact although the step runs with LANG=C',
    async () => {
      const dest = fresh();
      await expect(extractZip(zip, dest, linux, { ...run, tools: { sevenZip: sevenZipLinux } })).resolves.toBe('7za');
      expect(readdirSync(path.join(dest, 'go', 'test', 'fixedbugs', 'issue27836.dir'))).toEqual(['Äfoo.go']);
    }
  );

  test('a tool that fails is named, with its last error line decoded by the given decoder', async () => {
    const tool = path.join(dir, '7z.exe');
    writeFileSync(tool, '#!/bin/sh\nprintf "ERROR: \\216\\204\\n" >&2\nexit 2\n', { mode: 0o755 });
    const cp437 = (b: Buffer) => Promise.resolve(decodeConsoleText(b, 437));
    await expect(extractZip(zip, fresh(), linux, { ...run, decode: cp437, tools: { sevenZip: tool } })).rejects.toThrow(
      new ExtractError('7z.exe failed to extract it: ERROR: Ää', { archive: path.basename(zip) })
    );
  });

  test('a tool that cannot be started is named', async () => {
    const missing = path.join(dir, 'no-such-7z');
    await expect(extractZip(zip, fresh(), linux, { ...run, tools: { sevenZip: missing } })).rejects.toThrow(
      /^.*: could not run no-such-7z \(.*no-such-7z\): spawn .* ENOENT$/
    );
  });
});
