/**
 * VersionSpec x releases (or versions found in the tool cache) -> one Go version. Pure and
 * deterministic: the newest candidate in Go's order wins, never "whatever happens to be cached".
 *
 * Rules (the same over the manifest and over the tool cache):
 * - exact: that release (1.20 and 1.20.0 are the same release)
 * - minor: newest stable release of that language version
 * - range: newest stable release whose semver spelling satisfies the node-semver range; when the
 *   range itself names a prerelease (>=1.21.0-rc.1), prereleases count too (includePrerelease)
 * - stable / latest: newest stable release
 * - oldstable: newest stable release of the newest stable language version below the newest one
 * - minimum: newest release of lang(minimum) that is >= minimum; stable only unless the minimum
 *   names a prerelease (go 1.28rc1 may resolve to 1.28rc2 while 1.28.0 does not exist yet)
 * Over the manifest only releases with an archive for the platform count; in the tool cache a
 * version is "stable" when it is not a prerelease.
 */
import semver from 'semver';
import { InputError } from '../errors.js';
import { type ManifestFile, type Platform, type Release } from '../go/types.js';
import { type VersionSpec } from './types.js';
import {
  canonicalRelease,
  compareGo,
  goToSemver,
  isPrerelease,
  isValidGo,
  lang,
  sameRelease,
  semverToGo
} from '../go/gover.js';
import { findArchive } from '../go/manifest.js';
import { newest } from '../go/releases.js';
import { goArch, goOs } from '../go/platform-names.js';

/** A version with its stability, the common ground of manifest releases and cached versions. */
interface Candidate {
  version: string;
  stable: boolean;
}

/**
 * True when the range as written names a prerelease (">=1.21.0-rc.1"). The written text counts, not
 * the desugared comparators: node-semver turns "^1.27" into ">=1.27.0-0 <2.0.0-0".
 */
function rangeNamesPrerelease(range: string): boolean {
  return /(?:^|[^0-9A-Za-z.])v?\d+\.\d+\.\d+-[0-9A-Za-z]/.test(range);
}

/** The newest candidate a non-exact spec selects. */
function select<T extends Candidate>(spec: Exclude<VersionSpec, { kind: 'exact' }>, list: T[]): T | undefined {
  const stable = list.filter((c) => c.stable);
  switch (spec.kind) {
    case 'minor': {
      const l = lang(spec.lang);
      return newest(stable.filter((c) => lang(c.version) === l));
    }
    case 'range': {
      const pre = rangeNamesPrerelease(spec.range);
      return newest(
        (pre ? list : stable).filter((c) => {
          const sv = goToSemver(c.version);
          return sv !== undefined && semver.satisfies(sv, spec.range, { includePrerelease: pre });
        })
      );
    }
    case 'alias': {
      const top = newest(stable);
      if (!top || spec.alias !== 'oldstable') return top;
      const topLang = lang(top.version);
      return newest(stable.filter((c) => compareGo(lang(c.version), topLang) < 0));
    }
    case 'minimum': {
      const l = lang(spec.minimum);
      const pool = isPrerelease(spec.minimum) ? list : stable;
      return newest(pool.filter((c) => lang(c.version) === l && compareGo(c.version, spec.minimum) >= 0));
    }
  }
}

function noMatchText(spec: Exclude<VersionSpec, { kind: 'exact' }>): string {
  switch (spec.kind) {
    case 'minor':
      return `no stable Go ${lang(spec.lang)}.x release`;
    case 'range':
      return `no Go release satisfies ${spec.range}`;
    case 'alias':
      return spec.alias === 'oldstable' ? 'no oldstable Go release' : 'no stable Go release';
    case 'minimum':
      return `no Go ${lang(spec.minimum)} release >= ${spec.minimum}`;
  }
}

/**
 * Picks the release and its archive for the platform. Errors (InputError): an exact version that is
 * not in the manifest (naming the newest release of its minor) or has no archive for the platform;
 * no release matching the spec (naming the platform, and a match that lacks only the archive).
 */
export function resolveSpec(
  spec: VersionSpec,
  releases: Release[],
  p: Platform
): { version: string; file: ManifestFile } {
  const platform = `${goOs(p)}/${goArch(p)}`;
  const usable = releases.flatMap((r) => {
    const file = findArchive(r, p);
    return file ? [{ version: r.version, stable: r.stable, file }] : [];
  });
  const newestStable = newest(releases.filter((r) => r.stable));
  const hintStable = newestStable ? `newest stable: ${newestStable.version}` : 'no stable release listed';

  if (spec.kind === 'exact') {
    const release = releases.find((r) => sameRelease(r.version, spec.version));
    if (!release) {
      const sameMinor = newest(releases.filter((r) => r.stable && lang(r.version) === lang(spec.version)));
      const hint = sameMinor ? `newest matching ${lang(spec.version)}.x: ${sameMinor.version}` : hintStable;
      throw new InputError(`Go ${spec.version} is not in the manifest (${hint})`);
    }
    const file = findArchive(release, p);
    if (!file) throw new InputError(`Go ${release.version} has no archive for ${platform} in the manifest`);
    return { version: release.version, file };
  }

  const hit = select(spec, usable);
  if (hit) return { version: hit.version, file: hit.file };
  const elsewhere = select(spec, releases);
  const why = elsewhere ? `Go ${elsewhere.version} matches but has no archive for ${platform}` : hintStable;
  throw new InputError(`${noMatchText(spec)} for ${platform} in the manifest (${why})`);
}

/** A tool cache folder name (Go spelling or setup-go's semver spelling) -> Go spelling, or undefined. */
export function cachedToGo(name: string): string | undefined {
  if (isValidGo(name)) return canonicalRelease(name);
  const go = semverToGo(name);
  return go === undefined ? undefined : canonicalRelease(go);
}

/**
 * The version a spec selects among versions in the tool cache (used when the manifest cannot be
 * fetched): same rules as resolveSpec, a version counting as stable when it is not a prerelease.
 * Accepts Go ("1.22.3", "1.21rc1") and setup-go semver ("1.22.3", "1.21.0-rc.1", "1.20.0") folder
 * names; returns Go spelling ("1.20", "1.21rc1"), or undefined when nothing cached matches.
 */
export function resolveFromCache(spec: VersionSpec, cachedVersions: string[]): string | undefined {
  const list: Candidate[] = cachedVersions.flatMap((name) => {
    const version = cachedToGo(name);
    return version === undefined ? [] : [{ version, stable: !isPrerelease(version) }];
  });
  if (spec.kind === 'exact') return list.find((c) => sameRelease(c.version, spec.version))?.version;
  return select(spec, list)?.version;
}

/**
 * Whether the manifest must be read: false only for an exact version that is already cached while
 * check-latest is off (then nothing is fetched at all).
 */
export function needsManifest(spec: VersionSpec, cachedVersions: string[], checkLatest: boolean): boolean {
  if (spec.kind !== 'exact' || checkLatest) return true;
  return resolveFromCache(spec, cachedVersions) === undefined;
}

/**
 * check-latest: a pin read from go.mod/go.work (a toolchain line, or a go line naming a release)
 * becomes a minimum of that pin, so it moves to the newest stable patch of its minor (go 1.22.3 ->
 * 1.22.12), never to another minor. Every other spec is unchanged: an exact go-version input or
 * version file stays exact (as in actions/setup-go), and minor/range/alias/minimum specs resolve to
 * the newest match anyway.
 */
export function applyCheckLatest(spec: VersionSpec, checkLatest: boolean, modFilePin: boolean): VersionSpec {
  if (!checkLatest || !modFilePin || spec.kind !== 'exact') return spec;
  return { kind: 'minimum', minimum: spec.version };
}
