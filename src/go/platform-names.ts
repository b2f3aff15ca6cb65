/**
 * Names of a platform in the three vocabularies the action meets: Node's (process.platform /
 * process.arch), Go's (GOOS / GOARCH as the release manifest spells them) and the tool cache's
 * folder names (as actions/setup-go writes them). Pure.
 */
import path from 'node:path';
import { InputError } from '../errors.js';
import archNames from './arch-names.json' with { type: 'json' };
import { type Platform } from './types.js';

const GO_OS: Record<string, string> = {
  linux: 'linux',
  darwin: 'darwin',
  win32: 'windows',
  windows: 'windows',
  freebsd: 'freebsd'
};

/** Any accepted spelling (Node's, Go's, common aliases) -> Node's process.arch name (arch-names.json). */
const NODE_ARCH: Record<string, string> = archNames.nodeArch;

/** Node's arch name -> the manifest's arch name (arch-names.json). */
const GO_ARCH: Record<string, string> = archNames.goArch;

const ARCH_LIST = 'x64, x86, arm64, arm, amd64, 386, ppc64le, s390x';

/** Node's process.arch name for any accepted spelling ("amd64" -> "x64"), or undefined. */
export function toNodeArch(arch: string): string | undefined {
  return NODE_ARCH[arch.trim().toLowerCase()];
}

function nodeArch(arch: string): string {
  const a = toNodeArch(arch);
  if (!a) throw new InputError(`unsupported architecture "${arch}" (expected one of ${ARCH_LIST})`);
  return a;
}

/** Go's GOOS for the platform: 'linux', 'darwin', 'windows', 'freebsd'. Other systems: InputError. */
export function goOs(p: Platform): string {
  const os = GO_OS[p.os];
  if (!os) throw new InputError(`unsupported operating system "${p.os}" (expected linux, darwin, win32 or freebsd)`);
  return os;
}

/** Go's arch name as the manifest spells it: x64 -> amd64, ia32/x86 -> 386, arm -> armv6l, ppc64 -> ppc64le. */
export function goArch(p: Platform): string {
  return GO_ARCH[nodeArch(p.arch)];
}

/** 'zip' on Windows, 'tar.gz' elsewhere (the archive kinds of the official downloads). */
export function archiveExt(p: Platform): 'zip' | 'tar.gz' {
  return goOs(p) === 'windows' ? 'zip' : 'tar.gz';
}

/** The file name of an executable: exeName(p, 'go') is 'go.exe' on Windows, 'go' elsewhere. */
export function exeName(p: Platform, name: string): string {
  return goOs(p) === 'windows' ? `${name}.exe` : name;
}

/** The go command of a Go tree: <goRoot>/bin/go, or <goRoot>\bin\go.exe on Windows. */
export function goBinaryIn(p: Platform, goRoot: string): string {
  return (goOs(p) === 'windows' ? path.win32 : path.posix).join(goRoot, 'bin', exeName(p, 'go'));
}

/**
 * The arch folder of the tool cache (`<tool cache>/go/<version>/<arch>`). actions/setup-go uses
 * the `architecture` input or os.arch() verbatim, so a runner-default install lands in Node's names
 * ('x64', 'arm64', 'ia32', 'arm'); Go spellings are mapped to those (amd64 -> x64, 386 -> ia32) so
 * the same Go is found whichever spelling the workflow uses.
 */
export function toolCacheArch(p: Pick<Platform, 'arch'>): string {
  return nodeArch(p.arch);
}

/**
 * The `architecture` input: '' (the runner's own) -> undefined; x64, x86, arm64, arm, amd64, 386,
 * aarch64, ppc64le, s390x (any case) -> Node's arch name. Unknown -> InputError naming the input.
 */
export function normalizeArchitectureInput(s: string): string | undefined {
  const v = s.trim();
  if (v === '') return undefined;
  const a = NODE_ARCH[v.toLowerCase()];
  if (!a)
    throw new InputError(`"${v}" is not a supported architecture (expected one of ${ARCH_LIST})`, {
      input: 'architecture'
    });
  return a;
}
