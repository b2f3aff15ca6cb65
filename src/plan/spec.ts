/**
 * The `go-version` input (and versions read from version files) -> VersionSpec. Pure.
 *
 * Accepted, as actions/setup-go accepts them but with Go's own version names understood:
 * - exact releases: 1.22.3, go1.22.3, v1.22.3, 1.21rc1, 1.18beta2, 1.20.0 (-> 1.20), go1.20 (Go's own
 *   name of the release 1.20; plain 1.20 is the minor, as in actions/setup-go), and node-semver
 *   spellings of prereleases 1.21.0-rc.1 (-> 1.21rc1), 1.22.0-beta.1 (-> 1.22beta1)
 * - minors (newest stable patch): 1.22, 1.22.x, 1.22.*, 1.20 (as in actions/setup-go: newest 1.20.x)
 * - node-semver ranges: ^1.21, ~1.21.3, >=1.21 <1.23, 1.x, 1, *
 * - aliases (any case): stable, oldstable, latest
 */
import semver from 'semver';
import { InputError } from '../errors.js';
import { type VersionSpec } from './types.js';
import { canonicalRelease, compareGo, isValidGo, semverToGo } from '../go/gover.js';

const ALIASES = ['stable', 'oldstable', 'latest'] as const;
const MINOR = /^(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const RELEASE = /^\d+\.\d+(\.\d+)?([a-z]+\d*)?$/;
const MINOR_WILDCARD = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.[xX*]$/;

/** Drops a leading "go" or "v" when a digit follows ("go1.22" -> "1.22"; "golang" stays). */
function stripPrefix(x: string): string {
  const m = /^(?:go|v)(?=\d)/.exec(x);
  return m ? x.slice(m[0].length) : x;
}

/** The spec the text names, or undefined when it is not a version, range or alias. */
export function tryParseVersionSpec(text: string): VersionSpec | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const alias = t.toLowerCase();
  if ((ALIASES as readonly string[]).includes(alias))
    return { kind: 'alias', alias: alias as (typeof ALIASES)[number] };

  const v = stripPrefix(t);
  // Go's toolchain name of a first release before 1.21 (go1.20, go1.19) names exactly that release.
  if (/^go\d/.test(t) && MINOR.test(v) && isValidGo(v) && compareGo(v, '1.21') < 0) {
    return { kind: 'exact', version: canonicalRelease(v) };
  }
  if (MINOR.test(v)) return { kind: 'minor', lang: v };
  const wild = MINOR_WILDCARD.exec(v);
  if (wild) return { kind: 'minor', lang: `${wild[1]}.${wild[2]}` };
  // A Go release name with a patch or a prerelease (a bare major like "1" is a semver range below).
  if (RELEASE.test(v) && isValidGo(v)) return { kind: 'exact', version: canonicalRelease(v) };
  // node-semver spelling of one release: 1.21.0-rc.1 -> 1.21rc1.
  if (semver.valid(v) !== null) {
    const go = semverToGo(v);
    if (go !== undefined) return { kind: 'exact', version: go };
    return undefined;
  }
  if (semver.validRange(t) !== null) return { kind: 'range', range: t };
  return undefined;
}

/**
 * Parses a version spec; malformed text -> InputError naming the input:
 * `input go-version: "<text>" is not a Go version, range or alias (expected e.g. 1.22, ...)`.
 */
export function parseVersionSpec(text: string, inputName: string): VersionSpec {
  const spec = tryParseVersionSpec(text);
  if (!spec) {
    throw new InputError(
      `"${text.trim()}" is not a Go version, range or alias (expected e.g. 1.22, 1.22.3, 1.21rc1, ^1.21, stable)`,
      { input: inputName }
    );
  }
  return spec;
}
