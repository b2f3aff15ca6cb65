/**
 * Installs one Go release into the tool cache (what the cache already holds is read by tool-cache.ts).
 *
 * cache hit -> done. Otherwise, under the install lock: look again (another job may have finished
 * it), remove leftovers, stream download -> sha256/size check -> gunzip -> tar guard -> tar into a
 * fresh staging folder beside the destination (zip: verified download to the temp disk, zip guard,
 * extract), check the tree (go/VERSION and `go version`), rename it into place (no copy), and write
 * the marker last. Any failure leaves the tool cache exactly as it was.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { compareGo, isValidGo } from '../go/gover.js';
import { exeName, goBinaryIn } from '../go/platform-names.js';
import { exists, lexists } from '../system/fs-probe.js';
import { openStream } from '../system/http.js';
import { askGo } from '../system/go-exec.js';
import type { RetryPolicy } from '../system/retry.js';
import { InputError } from '../errors.js';
import { type ManifestFile, type Platform } from '../go/types.js';
import { downloadToFile, expectedSha256, retryTransfer, type ExpectedDownload } from './download.js';
import { ExtractError, extractTarGzStream, extractZip, type ZipTools } from './extract.js';
import { createdFolders, installLayout, stagingOwnerPid, type InstallLayout, type LayoutRequest } from './layout.js';
import { acquireLock, pidAlive, type LockOptions } from './lock.js';
import { completeInstall, isComplete } from './tool-cache.js';
import { TarGuard } from './tar-guard.js';
import { testPoint, testStreamPoint } from '../test-points.js';
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
  /** the step's environment: `go version` runs with it (GOROOT and GOFLAGS removed), tools too */
  env: NodeJS.ProcessEnv;
  /** Windows: the console code page, to decode an extractor's error text */
  consoleCodePage?: () => Promise<number | undefined>;
}

export interface InstallResult {
  /** GOROOT: the tool cache folder <toolCache>/go/<version>/<arch> */
  goRoot: string;
  cacheHit: boolean;
  /** of the downloaded archive (fresh installs only) */
  sha256?: string;
  bytes?: number;
  /** what the user should know about how it was installed (e.g. no junction to the fast disk) */
  notices: string[];
}

/** mkdir -p that records the folders it created (outermost first; see createdFolders). */
async function mkdirTracked(platform: Platform, dir: string, created: string[]): Promise<void> {
  created.push(...createdFolders(platform, dir, await fs.mkdir(dir, { recursive: true })));
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
export async function renameWithRetry(from: string, to: string, platform: Platform): Promise<void> {
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

/** One-line error naming the archive. */
function treeError(file: ManifestFile, what: string): InputError {
  return new InputError(`${what}; refusing to install it`, { archive: file.filename });
}

/** Checks that the unpacked tree is the release asked for: go/VERSION and `go version`. */
export async function checkTree(
  goRoot: string,
  version: string,
  platform: Platform,
  file: ManifestFile,
  stepEnv: NodeJS.ProcessEnv
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

  const exe = goBinaryIn(platform, goRoot);
  const exeFile = exeName(platform, 'go');
  if (!(await exists(exe))) throw treeError(file, `the archive has no go/bin/${exeFile}`);
  const env: NodeJS.ProcessEnv = { ...stepEnv };
  delete env.GOROOT;
  delete env.GOFLAGS;
  const said = await askGo(exe, [], env);
  if (said.error !== undefined) {
    throw treeError(file, `go/bin/${exeFile} version failed: ${said.errorDetail || said.error}`);
  }
  const line = said.versionLine ?? '';
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

/** Decodes a Windows tool's error text in the console code page; UTF-8 elsewhere. */
function decoderFor(req: InstallRequest): (bytes: Buffer) => Promise<string> {
  return async (bytes) => {
    // iconv-lite's tables load only when a tool failed
    const { decodeConsoleText } = await import('./console-text.js');
    return decodeConsoleText(bytes, req.platform.os === 'win32' ? await req.consoleCodePage?.() : undefined);
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
      const tool = await extractZip(zipPath, staging, req.platform, {
        tools: req.zipTools,
        env: req.env,
        decode: decoderFor(req),
        archive: file.filename
      });
      if (!(await exists(path.join(staging, 'go')))) {
        throw new ExtractError(`${tool} reported success but extracted no go/ folder`, { archive: file.filename });
      }
      return result;
    } finally {
      await fs.rm(zipPath, { force: true });
    }
  }
  if (!file.filename.endsWith('.tar.gz')) {
    throw new InputError('unsupported archive type (expected .tar.gz or .zip)', { archive: file.filename });
  }

  return retryTransfer({ url: req.url, what, expected, retry: req.retry }, async (verifier) => {
    await fs.rm(staging, { recursive: true, force: true });
    await fs.mkdir(staging, { recursive: true });
    await testPoint('staging', req.temp);
    const { stream } = await openStream(req.url, { what, headers: req.headers, retry: req.retry });
    const pause = testStreamPoint('mid-extraction', req.temp, Math.floor(file.size / 2));
    try {
      await extractTarGzStream(stream, staging, {
        transforms: pause ? [verifier, pause] : [verifier],
        guard: new TarGuard({ archive: file.filename })
      });
      return verifier.result;
    } catch (e) {
      stream.destroy();
      throw e;
    }
  });
}

/**
 * Windows fast disk: makes the tool cache folder a junction to the tree's place on the fast drive
 * before the tree is there (a junction may point to a folder that does not exist yet), so a failure
 * to link is known before any download. When the junction cannot be made (Wine: ENOTSUP; file
 * systems without reparse points), returns the plain layout on the tool cache's drive and a notice.
 */
async function linkFastDisk(
  req: InstallRequest,
  layout: InstallLayout,
  layoutReq: LayoutRequest,
  created: string[]
): Promise<{ layout: InstallLayout; linked: boolean; notice?: string }> {
  if (!layout.link) return { layout, linked: false };
  const fastCreated: string[] = [];
  try {
    await mkdirTracked(req.platform, path.dirname(layout.installDir), fastCreated);
    await fs.symlink(layout.link.to, layout.link.from, 'junction');
    created.push(...fastCreated);
    return { layout, linked: true };
  } catch (e) {
    await removeEmptyCreated(fastCreated);
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    return {
      layout: installLayout({ ...layoutReq, fastDisk: false }),
      linked: false,
      notice:
        `could not make ${layout.link.from} a junction to the fast drive (${why}); ` +
        `installing Go ${req.version} on the tool cache's drive instead`
    };
  }
}

/**
 * Installs Go `req.version` from `req.url` into the tool cache (see the module comment), or returns
 * the complete install already there. Errors are one line; on failure the tool cache is unchanged.
 */
export async function installGo(req: InstallRequest): Promise<InstallResult> {
  if (!isValidGo(req.version)) throw new InputError(`"${req.version}" is not a Go version`);
  const layoutReq: LayoutRequest = {
    platform: req.platform,
    toolCache: req.toolCache,
    temp: req.temp,
    workspace: req.workspace,
    version: req.version,
    arch: req.arch,
    pid: process.pid,
    nonce: randomBytes(6).toString('hex'),
    fastDisk: req.fastDisk
  };
  let layout = installLayout(layoutReq);
  const hit = (): InstallResult => ({ goRoot: layout.toolDir, cacheHit: true, notices: [] });
  if (await completeInstall(req.platform, layout)) return hit();
  if (req.file.version && compareGo(req.file.version.replace(/^go/, ''), req.version) !== 0) {
    throw new InputError(`the manifest lists it as ${req.file.version}, not go${req.version}`, {
      archive: req.file.filename
    });
  }
  expectedSha256(expectedOf(req)); // a missing or malformed sha256 fails here, before any change

  const created: string[] = [];
  const notices: string[] = [];
  let lock: Awaited<ReturnType<typeof acquireLock>> | undefined;
  let placed = false;
  let linked = false;
  let ok = false;
  try {
    await mkdirTracked(req.platform, layout.versionDir, created);
    await testPoint('before-lock', req.temp);
    lock = await acquireLock(layout.lockDir, req.lock);
    await testPoint('locked', req.temp);
    if (await isComplete(req.platform, layout)) {
      ok = true;
      return hit();
    }
    await removeLeftovers(layout, req.arch);
    const fast = await linkFastDisk(req, layout, layoutReq, created);
    ({ layout, linked } = fast);
    if (fast.notice) notices.push(fast.notice);

    const result = await transfer(req, layout.stagingDir);
    const unpacked = path.join(layout.stagingDir, 'go');
    await checkTree(unpacked, req.version, req.platform, req.file, req.env);

    placed = true;
    await renameWithRetry(unpacked, layout.installDir, req.platform);
    await testPoint('renamed', req.temp);
    await fs.rm(layout.stagingDir, { recursive: true, force: true });
    await fs.writeFile(layout.marker, '');
    ok = true;
    await testPoint('marked', req.temp);
    return { goRoot: layout.toolDir, cacheHit: false, sha256: result.sha256, bytes: result.bytes, notices };
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
