/**
 * Install: put the resolved Go in the tool cache (or take it from there), or in verify mode find
 * the go on PATH; then export GOROOT, GOTOOLCHAIN=local and PATH for later steps.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { which } from '@actions/io';
import { InputError } from '../errors.js';
import { type EnvironmentBefore, type InstalledGo, type Platform } from '../model.js';
import type { Inputs } from '../inputs/inputs.js';
import type { Plan } from './plan-stage.js';
import { findCached, installGo } from '../install/installer.js';
import { authHeaders, joinUrl } from '../edge/http.js';
import { timeoutFromSetting } from '../edge/retry.js';
import { consoleCodePage } from '../edge/platform.js';
import { askGo, type GoSelfReport } from '../edge/go-exec.js';
import { exeName } from '../go/platform-names.js';
import type { Host } from '../host.js';

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
}

export interface InstallContext {
  host: Host;
  inputs: Inputs;
  platform: Platform;
  arch: string;
  toolCache: string;
  temp: string;
  workspace: string;
  /** a GitHub-hosted runner: on Windows the tree goes to the fast disk (as setup-go does) */
  hosted: boolean;
}

/** The Go environment as found, before this step changes anything. */
export async function environmentBefore(env: NodeJS.ProcessEnv, platform: Platform): Promise<EnvironmentBefore> {
  const before: EnvironmentBefore = { GOROOT: env.GOROOT, GOTOOLCHAIN: env.GOTOOLCHAIN, GOFLAGS: env.GOFLAGS };
  const found = await which(exeName(platform, 'go'), false).catch(() => '');
  if (found) {
    const said = await askGo(found, [], env);
    before.previousGo = { path: found, version: said.version };
  }
  return before;
}

/**
 * Exports GOROOT, GOTOOLCHAIN=local and PATH (GOPATH/bin, then <root>/bin in front of it) for later
 * steps, then reads what the go under `goRoot` says about itself with that environment.
 */
async function exportAndDescribe(
  host: Host,
  goRoot: string,
  expected: string,
  platform: Platform
): Promise<InstalledGo> {
  host.exportVariable('GOROOT', goRoot);
  host.exportVariable('GOTOOLCHAIN', 'local');
  const goBin = path.join(goRoot, 'bin', exeName(platform, 'go'));
  const said = await askGo(goBin, ['GOVERSION', 'GOROOT', 'GOPATH'], host.env);
  const gopath = said.env.GOPATH?.split(path.delimiter)[0];
  if (gopath) host.addPath(path.join(gopath, 'bin'));
  host.addPath(path.join(goRoot, 'bin'));
  const onPath = await which(exeName(platform, 'go'), false).catch(() => '');
  return installedGo(said, expected, goRoot, onPath);
}

/** What a go said about itself, against what was expected of it. */
function installedGo(said: GoSelfReport, expected: string, expectedRoot: string, goOnPath: string): InstalledGo {
  return {
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

export async function install(ctx: InstallContext, plan: Plan): Promise<InstallOutcome> {
  const { inputs, platform, arch, toolCache, temp, workspace, host } = ctx;
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
      headers: authHeaders(url, inputs.token, host.env.GITHUB_SERVER_URL),
      platform,
      arch,
      toolCache,
      temp,
      workspace,
      allowMissingChecksum: inputs.allowMissingChecksum,
      fastDisk: ctx.hosted,
      env: host.env,
      retry: { timeoutMs: timeoutFromSetting(host.env.SETUP_GO_HTTP_TIMEOUT_MS) },
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

  const installed = await exportAndDescribe(ctx.host, goRoot, version, platform);
  return { ...outcome, goRoot, installed };
}

/** verify mode: the go first on PATH is the subject; nothing is downloaded or exported. */
export async function findOnPath(ctx: InstallContext, plan: Plan): Promise<InstallOutcome> {
  const goBin = await which(exeName(ctx.platform, 'go'), false).catch(() => '');
  const expectedExact = plan.spec?.kind === 'exact' ? plan.spec.version : undefined;
  if (!goBin) {
    const installed: InstalledGo = {
      expected: expectedExact ?? '',
      expectedRoot: '',
      error: 'no go command on PATH (mode: verify installs nothing)'
    };
    return { version: expectedExact ?? '', goRoot: '', toolchainCacheHit: false, sha256Verified: false, installed };
  }
  const said = await askGo(goBin, ['GOVERSION', 'GOROOT'], ctx.host.env);
  const found = said.version ?? (said.env.GOVERSION ?? '').replace(/^go/, '');
  // A go on PATH is often a symlink into its GOROOT (/usr/bin/go -> /usr/lib/go-1.19/bin/go,
  // Homebrew): `go env GOROOT` names the real tree, so compare against the resolved path.
  const realBin = await realpath(goBin).catch(() => goBin);
  const goRoot = said.env.GOROOT || path.dirname(path.dirname(realBin));
  const installed = installedGo(said, expectedExact ?? found, goRoot, realBin);
  return { version: found, goRoot, toolchainCacheHit: false, sha256Verified: false, installed };
}
