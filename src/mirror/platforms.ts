/**
 * The platforms a mirror holds: `--platforms os/arch,...` in Go's names (`windows/amd64`), the
 * default set, and the Platform each one stands for (the shape plan/resolve.ts and go/manifest.ts
 * take). Pure.
 */
import { UsageError } from '../cli/args.js';
import type { Platform } from '../go/types.js';
import { goArch, toNodeArch } from '../go/platform-names.js';

export interface MirrorPlatform {
  /** Go's os/arch as the manifest spells them: "linux/amd64", "windows/386" */
  name: string;
  goos: string;
  goarch: string;
  /** the same platform in Node's names (win32/x64), for the manifest and resolution code */
  platform: Platform;
}

/** What a mirror holds without --platforms: the machines most teams run Go on. */
export const DEFAULT_PLATFORMS: readonly string[] = ['linux/amd64', 'linux/arm64', 'windows/amd64', 'darwin/arm64'];

/** Go's os name -> Node's. */
const OSES: Record<string, string> = { linux: 'linux', darwin: 'darwin', windows: 'win32', freebsd: 'freebsd' };

const ARCHES = 'amd64, arm64, 386, armv6l, ppc64le or s390x';

/** One `os/arch` (Go names; Node's x64/ia32 are accepted too) -> a MirrorPlatform, else a UsageError. */
export function parsePlatform(text: string, flag = '--platforms'): MirrorPlatform {
  const t = text.trim();
  const m = /^([^/\s]+)\/([^/\s]+)$/.exec(t);
  if (!m) throw new UsageError(`${flag}: "${t}" is not os/arch (expected e.g. windows/amd64)`);
  const goos = m[1].toLowerCase();
  const os = OSES[goos];
  if (!os) {
    throw new UsageError(`${flag}: "${t}" names the unknown os "${m[1]}" (expected linux, darwin, windows or freebsd)`);
  }
  const arch = toNodeArch(m[2]);
  if (!arch) throw new UsageError(`${flag}: "${t}" names the unknown arch "${m[2]}" (expected ${ARCHES})`);
  const platform = { os, arch };
  const ga = goArch(platform);
  return { name: `${goos}/${ga}`, goos, goarch: ga, platform };
}

/**
 * The platforms of --platforms (each value a comma-separated list; the flag may repeat), in the
 * order given without repeats; the default set when there is none.
 */
export function parsePlatforms(values: readonly string[], flag = '--platforms'): MirrorPlatform[] {
  const items = values.flatMap((v) => v.split(',')).map((s) => s.trim());
  if (values.length > 0 && items.every((s) => s === '')) {
    throw new UsageError(`${flag}: no platform given (expected e.g. linux/amd64,windows/amd64)`);
  }
  const out: MirrorPlatform[] = [];
  for (const item of values.length > 0 ? items.filter((s) => s !== '') : DEFAULT_PLATFORMS) {
    const p = parsePlatform(item, flag);
    if (!out.some((o) => o.name === p.name)) out.push(p);
  }
  return out;
}
