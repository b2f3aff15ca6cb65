import { execFileSync } from 'node:child_process';
import {
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
import { chooseZipExtractor, extractTarGzStream, extractZip, firstRealError } from '../../src/install/extract.js';
import { ArchiveError } from '../../src/install/archive-rules.js';
import { buildSyntheticToolchain } from '../../scripts/lib/toolchains.mjs';

const WIN_FILE = 'D:\\a\\_temp\\go1.22.3.windows-amd64.zip';
const WIN_DEST = 'D:\\hostedtoolcache\\windows\\go\\1.22.3\\x64.staging-1-a';

describe('chooseZipExtractor', () => {
  const sevenZip = 'C:\\Program Files\\7-Zip\\7z.exe';
  const tarExe = 'C:\\Windows\\System32\\tar.exe';
  const pwsh = 'C:\\Program Files\\PowerShell\\7\\pwsh.exe';
  const powershell = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

  test.each([
    [{ sevenZip, tarExe, pwsh, powershell }, sevenZip, ['x', '-y', '-bd', `-o${WIN_DEST}`, WIN_FILE]],
    [{ tarExe, pwsh, powershell }, tarExe, ['-xf', WIN_FILE, '-C', WIN_DEST]],
    [{ sevenZip, unzip: '/usr/bin/unzip' }, sevenZip, ['x', '-y', '-bd', `-o${WIN_DEST}`, WIN_FILE]],
    [{ unzip: '/usr/bin/unzip' }, '/usr/bin/unzip', ['-q', '-o', WIN_FILE, '-d', WIN_DEST]]
  ])('%j -> %s', (available, tool, args) => {
    expect(chooseZipExtractor(available, WIN_FILE, WIN_DEST)).toEqual({ tool, args });
  });

  test.each([
    [{ pwsh, powershell }, pwsh],
    [{ powershell }, powershell]
  ])('PowerShell fallback %j uses ZipFile.ExtractToDirectory', (available, tool) => {
    const cmd = chooseZipExtractor(available, "D:\\it's\\go.zip", WIN_DEST);
    expect(cmd.tool).toBe(tool);
    expect(cmd.args.slice(0, -1)).toEqual([
      '-NoLogo',
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-Command'
    ]);
    const script = cmd.args[cmd.args.length - 1];
    expect(script).toContain(`[System.IO.Compression.ZipFile]::ExtractToDirectory('D:\\it''s\\go.zip', '${WIN_DEST}')`);
  });

  test('no tool at all is an error naming the archive', () => {
    expect(() => chooseZipExtractor({}, WIN_FILE, WIN_DEST)).toThrow(/no zip extractor found to unpack .*go1\.22\.3/);
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

const unzipPath = ['/usr/bin/unzip', '/bin/unzip'].find((p) => existsSync(p));
(unzipPath ? describe : describe.skip)('extractZip (with unzip on this machine)', () => {
  test('unpacks a synthetic windows zip', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'extract-zip-'));
    try {
      const built = await buildSyntheticToolchain({ version: '1.22.3', os: 'windows', arch: 'amd64', outDir: dir });
      const dest = path.join(dir, 'dest');
      mkdirSync(dest);
      await extractZip(built.path, dest, { os: 'linux', arch: 'x64' }, { unzip: unzipPath });
      expect(readFileSync(path.join(dest, 'go', 'VERSION'), 'utf8').split('\n')[0]).toBe('go1.22.3');
      expect(existsSync(path.join(dest, 'go', 'bin', 'go.exe'))).toBe(true);
      await expect(
        extractZip(path.join(dir, 'nope.zip'), dest, { os: 'linux', arch: 'x64' }, { unzip: unzipPath })
      ).rejects.toThrow(/unzip failed to extract nope\.zip/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
