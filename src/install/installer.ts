/**
 * Installs one Go release into the tool cache, or finds it there.
 *
 * cache hit -> done. Otherwise, under the install lock: look again (another job may have finished
 * it), remove leftovers, stream download -> sha256/size check -> gunzip -> tar guard -> tar into a
 * fresh staging folder beside the destination (zip: verified download to the temp disk, zip guard,
 * extract), check the tree (go/VERSION and `go version`), rename it into place (no copy), and write
 * the marker last. Any failure leaves the tool cache exactly as it was.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { compareGo, isValidGo, sortGo } from '../go/gover.js';
import { DEFAULT_RETRY, backoffDelay, isTransient, openStream, type RetryPolicy } from '../edge/http.js';
import { InputError } from '../errors.js';
import { type ManifestFile, type Platform } from '../model.js';
import { ArchiveError } from './archive-rules.js';
import { ChecksumError, VerifyingStream, downloadToFile, type ExpectedDownload } from './download.js';
import { extractTarGzStream, extractZip, type ZipTools } from './extract.js';
import {
  archFolder,
  goExecutable,
  installLayout,
  pathFor,
  stagingOwnerPid,
  versionFromCacheFolder,
  type InstallLayout
} from './layout.js';
import { acquireLock, pidAlive, type LockOptions } from './lock.js';
import { TarGuard } from './tar-guard.js';
import { checkZipArchive } from './zip-guard.js';

export interface InstallRequest {
  /** Go spelling: "1.22.3", "1.21rc1", "1.20" */
  version: string;
  file: ManifestFile;
  /** where to download `file` from */
  url: string;
  headers?: Record<string, string>;
  platform: Platform;
  /** node-style arch folder ("x64") */
  arch: string;
  toolCache: string;
  temp: string;
  workspace?: string;
  /** allow-missing-checksum: install an archive whose manifest entry has no sha256 */
  allowMissingChecksum: boolean;
  retry?: Partial<RetryPolicy>;
  /** install lock timing (defaults: wait up to 10 min, stale after 60 s without heartbeat) */
  lock?: Partial<LockOptions>;
  /** Windows: allow placing the tree on the fast drive behind a junction (default true) */
  fastDisk?: boolean;
  /** zip extractors to use instead of looking them up on PATH */
  zipTools?: ZipTools;
}

export interface InstallResult {
  /** GOROOT: the tool cache folder <toolCache>/go/<version>/<arch> */
  goRoot: string;
  cacheHit: boolean;
  /** of the downloaded archive (fresh installs only) */
  sha256?: string;
  bytes?: number;
}

/** transport-level error codes: the whole transfer is tried again */
const TRANSPORT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_STREAM_PREMATURE_CLOSE',
  'ERR_HTTP2_STREAM_ERROR',
  'Z_BUF_ERROR'
]);

async function exists(p: string): Promise<boolean> {
  try {
    await fs.stat(p);
    return true;
  } catch {
    return false;
  }
}

/** lstat without throwing (sees links, dangling or not). */
async function lexists(p: string): Promise<boolean> {
  try {
    await fs.lstat(p);
    return true;
  } catch {
    return false;
  }
}

function isComplete(platform: Platform, layout: Pick<InstallLayout, 'marker' | 'toolDir'>): Promise<boolean> {
  return Promise.all([exists(layout.marker), exists(goExecutable(platform, layout.toolDir))]).then(([a, b]) => a && b);
}

/**
 * Versions (Go spelling, ascending in Go's order) complete in the tool cache for this platform and
 * arch: marker present and bin/go(.exe) present. Folders of other tools' spellings are ignored.
 */
export async function listCachedVersions(toolCache: string, platform: Platform, arch: string): Promise<string[]> {
  const p = pathFor(platform);
  const root = p.join(toolCache, 'go');
  let names: string[];
  try {
    names = await fs.readdir(root);
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const name of names) {
    const version = versionFromCacheFolder(name);
    if (!version || !isValidGo(version)) continue;
    const toolDir = p.join(root, name, archFolder(arch));
    if (await isComplete(platform, { toolDir, marker: `${toolDir}.complete` })) found.push(version);
  }
  return sortGo([...new Set(found)]);
}

/** The GOROOT of a complete install of `version` in the tool cache, if there is one. */
export async function findCached(
  toolCache: string,
  version: string,
  platform: Platform,
  arch: string
): Promise<string | undefined> {
  if (!isValidGo(version)) return undefined;
  let layout: InstallLayout;
  try {
    layout = installLayout({ platform, toolCache, temp: toolCache, version, arch });
  } catch {
    return undefined;
  }
  return (await isComplete(platform, layout)) ? layout.toolDir : undefined;
}

/** mkdir -p that records the folders it created (outermost first). */
async function mkdirTracked(dir: string, created: string[]): Promise<void> {
  const first = await fs.mkdir(dir, { recursive: true });
  if (!first) return;
  let d = dir;
  const mine: string[] = [];
  for (;;) {
    mine.unshift(d);
    if (d === first) break;
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  created.push(...mine);
}

/** Removes folders this run created, innermost first, if they are empty. */
async function removeEmptyCreated(created: string[]): Promise<void> {
  for (const dir of [...created].reverse()) {
    try {
      await fs.rmdir(dir);
    } catch {
      // not empty (another job uses it) or already gone
    }
  }
}

/** Windows may briefly refuse a rename of a fresh tree (scanners): retry a few times. */
async function renameWithRetry(from: string, to: string, platform: Platform): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (platform.os !== 'win32' || i >= 10 || !['EPERM', 'EACCES', 'EBUSY'].includes(code ?? '')) throw e;
      await new Promise((r) => setTimeout(r, 100 * (i + 1)));
    }
  }
}

/**
 * Removes what an interrupted install left (called under the lock, so no other install of this
 * version and arch is running): a toolDir or fast-disk tree without marker (or a dangling link), a
 * marker without tree, and staging folders of dead processes (or of this process: earlier failures).
 */
async function removeLeftovers(layout: InstallLayout, arch: string): Promise<void> {
  for (const p of new Set([layout.toolDir, layout.installDir, layout.marker])) {
    if (await lexists(p)) await fs.rm(p, { recursive: true, force: true });
  }
  const parent = path.dirname(layout.installDir);
  let names: string[] = [];
  try {
    names = await fs.readdir(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = stagingOwnerPid(name, arch);
    if (pid === undefined || path.join(parent, name) === layout.stagingDir) continue;
    if (pid === process.pid || !pidAlive(pid)) await fs.rm(path.join(parent, name), { recursive: true, force: true });
  }
}

/** Counts bytes flowing through. */
class ByteCounter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    cb(null, chunk);
  }
}

/**
 * Whether a failure during the body transfer is worth a new transfer: the body was cut short or
 * the connection broke. A complete body with a wrong sha256, a hostile archive or a bad tree is not.
 */
export function isTransportFailure(e: unknown, bytesSeen: number, expectedSize: number): boolean {
  if (e instanceof ArchiveError || e instanceof InputError) return false;
  if (isTransient(e)) return true;
  if (e instanceof ChecksumError) return expectedSize > 0 && bytesSeen < expectedSize;
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code && TRANSPORT_CODES.has(code)) return true;
  const msg = e instanceof Error ? e.message : String(e);
  return /aborted|socket hang up|ECONNRESET|premature close|cut short|unexpected end of file/i.test(msg);
}

/** One-line error naming the archive. */
function treeError(file: ManifestFile, what: string): InputError {
  return new InputError(`${what}; refusing to install it`, { archive: file.filename });
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { env, timeout: 120_000, windowsHide: true, maxBuffer: 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) reject(Object.assign(new Error(err.message), { stderr: String(stderr) }));
        else resolve({ stdout: String(stdout), stderr: String(stderr) });
      }
    );
  });
}

/** Checks that the unpacked tree is the release asked for: go/VERSION and `go version`. */
export async function checkTree(
  goRoot: string,
  version: string,
  platform: Platform,
  file: ManifestFile
): Promise<void> {
  const want = `go${version}`;
  let text: string;
  try {
    text = await fs.readFile(path.join(goRoot, 'VERSION'), 'utf8');
  } catch {
    throw treeError(file, 'the archive has no go/VERSION');
  }
  const first = text.split(/\r?\n/, 1)[0].trim();
  if (first !== want) throw treeError(file, `go/VERSION says "${first}", expected "${want}"`);

  const exe = goExecutable(platform, goRoot);
  if (!(await exists(exe))) throw treeError(file, `the archive has no go/bin/${path.basename(exe)}`);
  const env: NodeJS.ProcessEnv = { ...process.env, GOTOOLCHAIN: 'local' };
  delete env.GOROOT;
  delete env.GOFLAGS;
  let out: string;
  try {
    out = (await run(exe, ['version'], env)).stdout;
  } catch (e) {
    const err = e as Error & { stderr?: string };
    const why = (err.stderr ?? '').trim().split(/\r?\n/).pop() || err.message.split('\n')[0];
    throw treeError(file, `go/bin/${path.basename(exe)} version failed: ${why}`);
  }
  const line = out.trim().split(/\r?\n/, 1)[0] ?? '';
  const m = /^go version (\S+)/.exec(line);
  if (!m || m[1] !== want) throw treeError(file, `go version prints "${line}", expected "go version ${want} ..."`);
}

function expectedOf(req: InstallRequest): ExpectedDownload {
  return {
    filename: req.file.filename,
    sha256: req.file.sha256 || undefined,
    size: req.file.size > 0 ? req.file.size : undefined,
    allowUnverified: req.allowMissingChecksum
  };
}

/** Downloads and unpacks the archive into `staging` (emptied between tries); returns sha256/bytes. */
async function transfer(req: InstallRequest, staging: string): Promise<{ sha256: string; bytes: number }> {
  const { file } = req;
  const expected = expectedOf(req);
  const what = `Go ${req.version} (${file.filename})`;

  if (file.filename.endsWith('.zip')) {
    // Verified download to the temp disk (downloadToFile retries the transfer itself), then unpack.
    await fs.mkdir(req.temp, { recursive: true });
    const zipPath = path.join(req.temp, `${process.pid}-${randomBytes(4).toString('hex')}-${file.filename}`);
    try {
      const result = await downloadToFile(req.url, zipPath, expected, { what, headers: req.headers, retry: req.retry });
      await checkZipArchive(zipPath, { archive: file.filename });
      await fs.rm(staging, { recursive: true, force: true });
      await fs.mkdir(staging, { recursive: true });
      await extractZip(zipPath, staging, req.platform, req.zipTools);
      return result;
    } finally {
      await fs.rm(zipPath, { force: true });
    }
  }
  if (!file.filename.endsWith('.tar.gz')) {
    throw new InputError('unsupported archive type (expected .tar.gz or .zip)', { archive: file.filename });
  }

  const tries = Math.max(1, Math.floor(req.retry?.tries ?? DEFAULT_RETRY.tries));
  const baseDelayMs = req.retry?.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs;
  for (let attempt = 1; ; attempt++) {
    const verifier = new VerifyingStream(expected); // throws at once on a missing sha256
    await fs.rm(staging, { recursive: true, force: true });
    await fs.mkdir(staging, { recursive: true });
    const { stream } = await openStream(req.url, { what, headers: req.headers, retry: req.retry });
    const counter = new ByteCounter();
    try {
      await extractTarGzStream(stream, staging, {
        transforms: [counter, verifier],
        guard: new TarGuard({ archive: file.filename })
      });
      return verifier.result;
    } catch (e) {
      stream.destroy();
      if (attempt >= tries || !isTransportFailure(e, counter.bytes, file.size)) throw e;
      await new Promise((r) => setTimeout(r, backoffDelay(attempt, baseDelayMs, Math.random())));
    }
  }
}

/**
 * Installs Go `req.version` from `req.url` into the tool cache (see the module comment), or returns
 * the complete install already there. Errors are one line; on failure the tool cache is unchanged.
 */
export async function installGo(req: InstallRequest): Promise<InstallResult> {
  if (!isValidGo(req.version)) throw new InputError(`"${req.version}" is not a Go version`);
  const layout = installLayout({
    platform: req.platform,
    toolCache: req.toolCache,
    temp: req.temp,
    workspace: req.workspace,
    version: req.version,
    arch: req.arch,
    pid: process.pid,
    nonce: randomBytes(6).toString('hex'),
    fastDisk: req.fastDisk
  });
  if (await isComplete(req.platform, layout)) return { goRoot: layout.toolDir, cacheHit: true };
  if (req.file.version && compareGo(req.file.version.replace(/^go/, ''), req.version) !== 0) {
    throw new InputError(`the manifest lists it as ${req.file.version}, not go${req.version}`, {
      archive: req.file.filename
    });
  }
  new VerifyingStream(expectedOf(req)); // a missing or malformed sha256 fails here, before any change

  const created: string[] = [];
  let lock: Awaited<ReturnType<typeof acquireLock>> | undefined;
  let placed = false;
  let linked = false;
  let ok = false;
  try {
    await mkdirTracked(layout.versionDir, created);
    lock = await acquireLock(layout.lockDir, req.lock);
    if (await isComplete(req.platform, layout)) {
      ok = true;
      return { goRoot: layout.toolDir, cacheHit: true };
    }
    await removeLeftovers(layout, req.arch);
    if (layout.link) await mkdirTracked(path.dirname(layout.installDir), created);

    const result = await transfer(req, layout.stagingDir);
    const unpacked = path.join(layout.stagingDir, 'go');
    await checkTree(unpacked, req.version, req.platform, req.file);

    placed = true;
    await renameWithRetry(unpacked, layout.installDir, req.platform);
    if (layout.link) {
      linked = true;
      await fs.symlink(layout.link.to, layout.link.from, 'junction');
    }
    await fs.rm(layout.stagingDir, { recursive: true, force: true });
    await fs.writeFile(layout.marker, '');
    ok = true;
    return { goRoot: layout.toolDir, cacheHit: false, sha256: result.sha256, bytes: result.bytes };
  } finally {
    if (!ok) {
      await fs.rm(layout.stagingDir, { recursive: true, force: true }).catch(() => undefined);
      if (linked) await fs.rm(layout.toolDir, { recursive: true, force: true }).catch(() => undefined);
      if (placed) {
        await fs.rm(layout.installDir, { recursive: true, force: true }).catch(() => undefined);
        await fs.rm(layout.marker, { force: true }).catch(() => undefined);
      }
    }
    await lock?.release();
    if (!ok) await removeEmptyCreated(created);
  }
}
