/**
 * Facts about a list of releases (the manifest) that planning and the checks both use: the newest
 * and oldest in Go's order, the stable language versions, the supported minors, a minor's newest
 * patch. Pure.
 */
import type { Platform, Release } from './types.js';
import { compareGo, lang } from './gover.js';
import { findArchive } from './manifest.js';

/** The newest item by version in Go's order (the first of equals). */
export function newest<T extends { version: string }>(list: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const c of list) if (!best || compareGo(c.version, best.version) > 0) best = c;
  return best;
}

/** The oldest item by version in Go's order (the first of equals). */
export function oldest<T extends { version: string }>(list: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const c of list) if (!best || compareGo(c.version, best.version) < 0) best = c;
  return best;
}

/** The releases with an archive for `p` (all of them without a platform). */
export function usable(releases: Release[], p?: Platform): Release[] {
  return p ? releases.filter((r) => findArchive(r, p) !== undefined) : releases;
}

/** Language versions of the stable releases, newest first. */
export function stableLangs(releases: Release[]): string[] {
  const langs = [...new Set(releases.filter((r) => r.stable).map((r) => lang(r.version)))];
  return langs.sort((a, b) => compareGo(b, a));
}

/** The two newest stable language versions (the supported minors), newest first: ['1.27', '1.26']. */
export function supportedMinors(releases: Release[]): string[] {
  return stableLangs(releases).slice(0, 2);
}

/** The newest stable release of a language version ('1.22' -> '1.22.12'), optionally with an archive for `p`. */
export function newestPatch(goLang: string, releases: Release[], p?: Platform): string | undefined {
  const l = lang(goLang);
  return newest(usable(releases, p).filter((r) => r.stable && lang(r.version) === l))?.version;
}
