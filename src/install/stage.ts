/**
 * Install: put the resolved Go in the tool cache (or take it from there), or in verify mode find
 * the go on PATH; then export GOTOOLCHAIN=local, PATH (and GOROOT when one was set) for later steps.
 */
import { mkdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import { type EnvironmentBefore, type InstalledGo } from '../verify/facts.js';
import { type Platform } from '../go/types.js';
import type { Plan } from '../plan/stage.js';
import type { RunContext } from '../run-context.js';
import { installGo } from './installer.js';
import { findCached } from './tool-cache.js';
import { authHeaders, joinUrl } from '../system/http.js';
import { retryFromEnv } from '../system/retry.js';
import { consoleCodePage } from '../system/platform.js';
import { askGo, type GoSelfReport } from '../system/go-exec.js';
import { realPaths } from '../system/fs-probe.js';
import { exeName, goBinaryIn } from '../go/platform-names.js';
import { compareGo, isValidGo } from '../go/gover.js';
import type { ToolchainSwitching } from '../plan/toolchain-switching.js';
import type { Host } from '../hosts/host.js';

export interface InstallOutcome {
  version: string;
  goRoot: string;
  toolchainCacheHit: boolean;
  archive?: string;
  url?: string;
  sha256?: string;
  sha256Verified: boolean;
  downloadedBytes?: number;
  installed: InstalledGo;
  /** `go env` of the installed (verify: found) Go as later steps see it: GOPATH, GOMODCACHE, GOCACHE */
  goEnv?: Record<string, string>;
}

/** The Go environment as found, before this step changes anything. */
export async function environmentBefore(ctx: RunContext): Promise<EnvironmentBefore> {
  const { env } = ctx.host;
  const before: EnvironmentBefore = { GOROOT: env.GOROOT, GOTOOLCHAIN: env.GOTOOLCHAIN, GOFLAGS: env.GOFLAGS };
  const real = await realPaths([env.GOROOT]);
  if (Object.keys(real).length > 0) before.realPaths = real;
  const found = await ctx.host.which(exeName(ctx.platform, 'go'));
  if (found) {
    const said = await askGo(found, [], env);
    before.previousGo = { path: found, version: said.version };
  }
  return before;
}

/**
 * Exports GOTOOLCHAIN (local unless toolchain-switching or the job says otherwise) and PATH for
 * later steps, as actions/setup-go does: <root>/bin, and GOPATH/bin (created when missing) in front
 * of it. GOROOT is exported only when the environment already had one, to override a stale value,
 * or for Go before 1.9, which cannot find its own root; otherwise the go command finds it. Then
 * reads what the go under `goRoot` says about itself with that environment.
 */
async function exportAndDescribe(
  host: Host,
  goRoot: string,
  expected: string,
  platform: Platform,
  switching: ToolchainSwitching
): Promise<{ installed: InstalledGo; goEnv: Record<string, string> }> {
  // Go before 1.9 cannot find its root outside its build-time location: it needs GOROOT.
  if (host.env.GOROOT || (isValidGo(expected) && compareGo(expected, '1.9') < 0)) host.exportVariable('GOROOT', goRoot);
  if (switching.exported) host.exportVariable('GOTOOLCHAIN', switching.setting.raw);
  const goBin = goBinaryIn(platform, goRoot);
  // GOMODCACHE and GOCACHE are for the cache stage (one go process fewer there).
  const said = await askGo(goBin, ['GOVERSION', 'GOROOT', 'GOPATH', 'GOMODCACHE', 'GOCACHE'], host.env);
  host.addPath(path.join(goRoot, 'bin'));
  const gopath = said.env.GOPATH?.split(path.delimiter)[0];
  if (gopath) {
    const gopathBin = path.join(gopath, 'bin');
    await mkdir(gopathBin, { recursive: true }).catch((e: Error) =>
      host.warning(`could not create ${gopathBin}: ${e.message}`)
    );
    host.addPath(gopathBin);
  }
  const onPath = await host.which(exeName(platform, 'go'));
  return { installed: await installedGo(said, expected, goRoot, onPath), goEnv: said.error ? {} : said.env };
}

/** What a go said about itself, against what was expected of it, with the real paths of its folders. */
async function installedGo(
  said: GoSelfReport,
  expected: string,
  expectedRoot: string,
  goOnPath: string
): Promise<InstalledGo> {
  const real = await realPaths([expectedRoot, said.env.GOROOT, goOnPath]);
  return {
    ...(Object.keys(real).length > 0 ? { realPaths: real } : {}),
    expected,
    expectedRoot,
    goVersionOutput: said.versionLine,
    goVersion: said.version,
    envGoVersion: said.env.GOVERSION ? said.env.GOVERSION.replace(/^go/, '') : undefined,
    envGoRoot: said.env.GOROOT || undefined,
    goOnPath: goOnPath || undefined,
    error: said.error
  };
}

export async function install(ctx: RunContext, plan: Plan): Promise<InstallOutcome> {
  const { inputs, platform, arch, host } = ctx;
  const { toolCache, temp, workspace } = ctx.dirs;
  const resolution = plan.resolution;
  if (!resolution) throw new InputError('internal: nothing resolved to install');
  const version = resolution.version;

  let goRoot = await findCached(toolCache, version, platform, arch);
  let outcome: Omit<InstallOutcome, 'installed' | 'goRoot'> = {
    version,
    toolchainCacheHit: true,
    sha256Verified: false
  };
  if (goRoot) {
    ctx.host.info(`Go ${version} found in the tool cache: ${goRoot}`);
  } else {
    const file = resolution.file;
    if (!file)
      throw new InputError(`Go ${version} is neither in the tool cache nor in the manifest at ${plan.manifestUrl}`);
    const url = joinUrl(inputs.downloadBaseUrl, file.filename);
    ctx.host.info(`Downloading ${url} (sha256 ${file.sha256 || 'none in the manifest'})`);
    const result = await installGo({
      version,
      file,
      url,
      headers: authHeaders(url, inputs.token, host.env.GITHUB_SERVER_URL, {
        baseUrl: inputs.downloadBaseUrl,
        token: inputs.goDownloadToken
      }),
      platform,
      arch,
      toolCache,
      temp,
      workspace,
      allowMissingChecksum: inputs.allowMissingChecksum,
      fastDisk: ctx.dirs.hosted,
      env: host.env,
      retry: retryFromEnv(host.env),
      consoleCodePage: consoleCodePage(platform, host.env)
    });
    for (const notice of result.notices) host.notice(notice);
    goRoot = result.goRoot;
    outcome = {
      version,
      toolchainCacheHit: result.cacheHit,
      archive: file.filename,
      url,
      sha256: result.sha256 ?? file.sha256,
      sha256Verified: !result.cacheHit && Boolean(file.sha256),
      downloadedBytes: result.bytes
    };
  }

  const { installed, goEnv } = await exportAndDescribe(ctx.host, goRoot, version, platform, plan.switching);
  return { ...outcome, goRoot, installed, goEnv };
}

/** verify mode: the go first on PATH is the subject; nothing is downloaded or exported. */
export async function findOnPath(ctx: RunContext, plan: Plan): Promise<InstallOutcome> {
  const goBin = await ctx.host.which(exeName(ctx.platform, 'go'));
  const expectedExact = plan.spec?.kind === 'exact' ? plan.spec.version : undefined;
  if (!goBin) {
    const installed: InstalledGo = {
      expected: expectedExact ?? '',
      expectedRoot: '',
      error: 'no go command on PATH (mode: verify installs nothing)'
    };
    return { version: expectedExact ?? '', goRoot: '', toolchainCacheHit: false, sha256Verified: false, installed };
  }
  const said = await askGo(goBin, ['GOVERSION', 'GOROOT', 'GOPATH', 'GOMODCACHE', 'GOCACHE'], ctx.host.env);
  const found = said.version ?? (said.env.GOVERSION ?? '').replace(/^go/, '');
  // A go on PATH is often a symlink into its GOROOT (/usr/bin/go -> /usr/lib/go-1.19/bin/go,
  // Homebrew): the tree is the one around the resolved binary. When that is a Go tree, a different
  // `go env GOROOT` (a stale GOROOT variable) is a mismatch; when it is not (an asdf or mise shim),
  // the go's own GOROOT is taken.
  const realBin = await realpath(goBin).catch(() => goBin);
  const tree = path.dirname(path.dirname(realBin));
  const isGoTree = await stat(path.join(tree, 'src', 'runtime')).then(
    (s) => s.isDirectory(),
    () => false
  );
  const goRoot = isGoTree ? tree : said.env.GOROOT || tree;
  const installed = await installedGo(said, expectedExact ?? found, goRoot, realBin);
  const goEnv = said.error ? undefined : said.env;
  return { version: found, goRoot, toolchainCacheHit: false, sha256Verified: false, installed, goEnv };
}
