/**
 * Tool cache layout, compatible with actions/setup-go and @actions/tool-cache (pure):
 *
 *   <toolCache>/go/<cacheVersion>/<arch>            the Go tree (GOROOT)
 *   <toolCache>/go/<cacheVersion>/<arch>.complete   marker, written last
 *   <toolCache>/go/<cacheVersion>/<arch>.lock       install lock (see lock.ts)
 *   <installParent>/<arch>.staging-<pid>-<nonce>    extraction folder, beside the destination
 *
 * `cacheVersion` is setup-go's semver spelling (`makeSemver`): "1.22.3", "1.20" -> "1.20.0",
 * "1.21rc1" -> "1.21.0-rc.1". On Windows, when the tool cache is on another drive than
 * RUNNER_TEMP / GITHUB_WORKSPACE (the fast disk of hosted runners), the tree lives on the fast
 * drive at the same path and the tool cache folder is a junction to it, as setup-go does.
 */
import * as path from 'node:path';
import { parseGoVersion, semverToGo } from '../go/gover.js';
import { InputError } from '../errors.js';
import { type Platform } from '../go/types.js';
import { toolCacheArch } from '../go/platform-names.js';

/** The tool's folder name in the tool cache (same as setup-go). */
export const TOOL_NAME = 'go';

/** path.win32 for Windows, path.posix otherwise, so callers can compute Windows paths anywhere. */
export function pathFor(platform: Platform): path.PlatformPath {
  return platform.os === 'win32' ? path.win32 : path.posix;
}

/**
 * setup-go's tool cache folder for a Go release: "1.22.3" -> "1.22.3", "1.20" -> "1.20.0",
 * "1.21rc1" -> "1.21.0-rc.1", "1.8.5beta1" -> "1.8.5-beta.1". A leading "go" is accepted.
 * A language version without a patch ("1.21") names no release and is refused.
 */
export function cacheVersionFolder(version: string): string {
  const v = version.startsWith('go') ? version.slice(2) : version;
  const g = parseGoVersion(v);
  if (!g) throw new InputError(`"${version}" is not a Go version (expected e.g. 1.22.3, 1.21rc1, 1.20)`);
  if (g.patch === '' && g.kind === '') {
    throw new InputError(`"${version}" is a language version, not a release (expected e.g. ${v}.0)`);
  }
  const base = `${g.major}.${g.minor || '0'}.${g.patch || '0'}`;
  if (!g.kind) return base;
  return g.pre ? `${base}-${g.kind}.${g.pre}` : `${base}-${g.kind}`;
}

/**
 * Inverse of cacheVersionFolder, in Go's spelling: "1.21.0-rc.1" -> "1.21rc1", "1.20.0" -> "1.20",
 * "1.22.3" -> "1.22.3". Undefined for folder names that are no Go release.
 */
export function versionFromCacheFolder(folder: string): string | undefined {
  return semverToGo(folder);
}

export interface LayoutRequest {
  platform: Platform;
  /** RUNNER_TOOL_CACHE */
  toolCache: string;
  /** RUNNER_TEMP */
  temp: string;
  /** GITHUB_WORKSPACE */
  workspace?: string;
  /** Go spelling: "1.22.3", "1.21rc1", "1.20" */
  version: string;
  /** node-style arch ("x64"); Go names are mapped */
  arch: string;
  /** unique part of the staging folder name; default "0-0" (callers pass pid and a random nonce) */
  pid?: number;
  nonce?: string;
  /** allow the Windows fast-disk placement (default true) */
  fastDisk?: boolean;
}

export interface InstallLayout {
  /** <toolCache>/go/<cacheVersion>/<arch>: the GOROOT as seen through the tool cache */
  toolDir: string;
  /** <toolDir>.complete */
  marker: string;
  /** <toolDir>.lock */
  lockDir: string;
  /** <toolCache>/go/<cacheVersion> */
  versionDir: string;
  /** <toolCache>/go */
  toolRoot: string;
  /** where the real tree goes: toolDir, or its mirror on the Windows fast drive */
  installDir: string;
  /** fresh extraction folder beside installDir (same filesystem: the final move is a rename) */
  stagingDir: string;
  /** present when installDir != toolDir: make `from` (toolDir) a junction to `to` (installDir) */
  link?: { from: string; to: string };
}

/** "C:" for "C:\\x" (upper-cased); undefined for relative or UNC paths. */
export function driveOf(p: string): string | undefined {
  const m = /^([a-zA-Z]):[\\/]/.exec(p);
  return m ? `${m[1].toUpperCase()}:` : undefined;
}

/**
 * The drive that should hold the tree on Windows, when it differs from the tool cache's drive:
 * RUNNER_TEMP's drive, else GITHUB_WORKSPACE's. Undefined when no other drive is in use.
 */
export function fastDrive(toolCache: string, temp: string, workspace?: string): string | undefined {
  const cacheDrive = driveOf(toolCache);
  if (!cacheDrive) return undefined;
  for (const p of [temp, workspace]) {
    const d = p ? driveOf(p) : undefined;
    if (d && d !== cacheDrive) return d;
  }
  return undefined;
}

/** Prefix of staging folder names for an arch: "x64.staging-". */
export function stagingPrefix(arch: string): string {
  return `${toolCacheArch({ arch })}.staging-`;
}

/** The pid encoded in a staging folder name, or undefined when the name is not one. */
export function stagingOwnerPid(name: string, arch: string): number | undefined {
  const prefix = stagingPrefix(arch);
  if (!name.startsWith(prefix)) return undefined;
  const m = /^(\d+)-[A-Za-z0-9]+$/.exec(name.slice(prefix.length));
  return m ? Number(m[1]) : undefined;
}

/** All paths of one install. */
export function installLayout(req: LayoutRequest): InstallLayout {
  const p = pathFor(req.platform);
  const arch = toolCacheArch({ arch: req.arch });
  const toolCache = p.normalize(req.toolCache);
  const toolRoot = p.join(toolCache, TOOL_NAME);
  const versionDir = p.join(toolRoot, cacheVersionFolder(req.version));
  const toolDir = p.join(versionDir, arch);

  let installDir = toolDir;
  let link: InstallLayout['link'];
  if (req.platform.os === 'win32' && req.fastDisk !== false) {
    const drive = fastDrive(toolCache, req.temp, req.workspace);
    if (drive) {
      installDir = drive + toolDir.slice(2);
      link = { from: toolDir, to: installDir };
    }
  }
  const unique = `${req.pid ?? 0}-${req.nonce ?? '0'}`;
  if (!/^\d+-[A-Za-z0-9]+$/.test(unique)) throw new InputError(`staging id "${unique}" must be <pid>-<alphanumeric>`);
  const stagingDir = p.join(p.dirname(installDir), `${stagingPrefix(arch)}${unique}`);
  return {
    toolDir,
    marker: `${toolDir}.complete`,
    lockDir: `${toolDir}.lock`,
    versionDir,
    toolRoot,
    installDir,
    stagingDir,
    ...(link ? { link } : {})
  };
}

/** `\\?\C:\x` -> `C:\x`, `\\?\UNC\server\share` -> `\\server\share` (Windows' long-path forms). */
export function withoutLongPathPrefix(p: string): string {
  if (/^\\\\\?\\UNC\\/i.test(p)) return `\\\\${p.slice(8)}`;
  if (/^\\\\[?.]\\/.test(p)) return p.slice(4);
  return p;
}

/**
 * The folders `mkdir -p dir` created, outermost first, given what fs.mkdir returned: the first
 * folder it created, or undefined when `dir` existed. Windows Node returns that folder in its
 * long-path form (`\\?\C:\...`); on Windows it is compared without that prefix and without regard
 * to case. When `first` is neither `dir` nor one of its parents, nothing is claimed, so a rollback
 * never removes a folder this run cannot prove it made.
 */
export function createdFolders(platform: Platform, dir: string, first: string | undefined): string[] {
  if (!first) return [];
  const p = pathFor(platform);
  const win = platform.os === 'win32';
  const key = (x: string) => {
    const n = p.normalize(win ? withoutLongPathPrefix(x) : x).replace(/[\\/]+$/, '');
    return win ? n.toLowerCase() : n;
  };
  const want = key(first);
  const out: string[] = [];
  for (let d = p.normalize(dir); ;) {
    out.unshift(d);
    if (key(d) === want) return out;
    const up = p.dirname(d);
    if (up === d) return [];
    d = up;
  }
}
