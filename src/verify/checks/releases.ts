/**
 * Release-list helpers for the support checks (private equivalents of plan/matrix.ts helpers, so
 * the checks do not depend on the plan module).
 */
import type { Release } from '../../model.js';
import { compareGo, isPrerelease, lang } from '../../go/gover.js';

/** Stable minors (language versions) of the manifest, newest first. */
export function stableMinors(releases: readonly Release[]): string[] {
  const set = new Set<string>();
  for (const r of releases) if (r.stable && !isPrerelease(r.version)) set.add(lang(r.version));
  return [...set].sort((a, b) => compareGo(b, a));
}

/** The two newest stable minors: the ones that get fixes. */
export function supportedMinorsOf(releases: readonly Release[]): string[] {
  return stableMinors(releases).slice(0, 2);
}

/**
 * The newest release of a language version: stable ones only, unless the minor has no stable
 * release yet (then its newest prerelease).
 */
export function newestOfMinor(minor: string, releases: readonly Release[]): string | undefined {
  let stable: string | undefined;
  let any: string | undefined;
  for (const r of releases) {
    if (lang(r.version) !== minor) continue;
    if (any === undefined || compareGo(r.version, any) > 0) any = r.version;
    if (r.stable && !isPrerelease(r.version) && (stable === undefined || compareGo(r.version, stable) > 0)) {
      stable = r.version;
    }
  }
  return stable ?? any;
}
