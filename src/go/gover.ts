/**
 * Go toolchain version semantics, exactly as Go's own src/internal/gover:
 * parsing of `MAJOR[.MINOR[.PATCH]][KIND[N]]`, Go's total order, language vs release.
 * Numbers stay decimal strings so huge numbers never overflow.
 * Pure functions only.
 */

/**
 * The spelling of a version in a go line (golang.org/x/mod/modfile GoVersionRE) and in version
 * files: 1.22, 1.22.3, 1.21rc1, 1.21.3rc1. `go 1`, `v1.22` and `1.22.x` do not match.
 */
export const GO_VERSION_RE = /^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$/;

export interface GoVersion {
  major: string;
  /** decimal or "" */
  minor: string;
  /** decimal or "" (absent; for minor < 21 without kind it is "0") */
  patch: string;
  /** "" | "alpha" | "beta" | "rc" (any run of lowercase letters) */
  kind: string;
  /** decimal or "" */
  pre: string;
}

const ZERO: GoVersion = { major: '', minor: '', patch: '', kind: '', pre: '' };

function isZero(v: GoVersion): boolean {
  return v.major === '' && v.minor === '' && v.patch === '' && v.kind === '' && v.pre === '';
}

/** Leading decimal number without unnecessary leading zero. */
function cutInt(x: string): [string, string] | undefined {
  let i = 0;
  while (i < x.length && x.charCodeAt(i) >= 48 && x.charCodeAt(i) <= 57) i++;
  if (i === 0 || (x[0] === '0' && i !== 1)) return undefined;
  return [x.slice(0, i), x.slice(i)];
}

function parsePreRelease(x: string): [string, string] | undefined {
  let i = 0;
  while (i < x.length && (x[i] < '0' || x[i] > '9')) {
    if (x[i] < 'a' || x[i] > 'z') return undefined;
    i++;
  }
  if (i === 0) return undefined;
  const kind = x.slice(0, i);
  const rest = x.slice(i);
  if (rest === '') return [kind, ''];
  const n = cutInt(rest);
  if (!n || n[1] !== '') return undefined;
  return [kind, n[0]];
}

/** Parses a Go version ("1.21.3", "1.21rc1", "1.20"); returns undefined when malformed. */
export function parseGoVersion(x: string): GoVersion | undefined {
  const v = parseLoose(x);
  return isZero(v) ? undefined : v;
}

function parseLoose(input: string): GoVersion {
  const v: GoVersion = { ...ZERO };
  const maj = cutInt(input);
  if (!maj) return ZERO;
  let x: string;
  [v.major, x] = maj;
  if (x === '') {
    v.minor = '0';
    v.patch = '0';
    return v;
  }
  if (x[0] !== '.') return ZERO;
  const min = cutInt(x.slice(1));
  if (!min) return ZERO;
  [v.minor, x] = min;
  if (x === '') {
    if (cmpInt(v.minor, '21') < 0) v.patch = '0';
    return v;
  }
  if (x[0] === '.') {
    const pat = cutInt(x.slice(1));
    if (!pat) return ZERO;
    [v.patch, x] = pat;
    if (x !== '') {
      const pre = parsePreRelease(x);
      if (!pre) return ZERO;
      [v.kind, v.pre] = pre;
    }
    return v;
  }
  const pre = parsePreRelease(x);
  if (!pre) return ZERO;
  [v.kind, v.pre] = pre;
  return v;
}

/** Compares decimal strings as numbers. */
function cmpInt(x: string, y: string): number {
  if (x === y) return 0;
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : 1;
}

function cmpStr(x: string, y: string): number {
  return x === y ? 0 : x < y ? -1 : 1;
}

/**
 * Go's order: -1, 0, +1. Malformed versions sort below every valid one and equal each other.
 * `1.21 < 1.21rc1 < 1.21.0`, `1.20 == 1.20.0`, `1.21.3rc1 < 1.21.3`.
 */
export function compareGo(x: string, y: string): number {
  const vx = parseLoose(x);
  const vy = parseLoose(y);
  let c = cmpInt(vx.major, vy.major);
  if (c !== 0) return c;
  c = cmpInt(vx.minor, vy.minor);
  if (c !== 0) return c;
  c = cmpInt(vx.patch, vy.patch);
  if (c !== 0) return c;
  c = cmpStr(vx.kind, vy.kind);
  if (c !== 0) {
    // For a patch release: alpha < beta < rc < "" (Go's quirk: looks at x's patch only).
    if (vx.patch !== '') {
      if (vx.kind === '') c = 1;
      else if (vy.kind === '') c = -1;
    }
    return c;
  }
  return cmpInt(vx.pre, vy.pre);
}

export function isValidGo(x: string): boolean {
  return !isZero(parseLoose(x));
}

/** The same release in Go's order: "1.20" and "1.20.0" are one release; "1.21" (language) is not "1.21.0". */
export function sameRelease(a: string, b: string): boolean {
  return a === b || (isValidGo(a) && isValidGo(b) && compareGo(a, b) === 0);
}

/** The language version of a release: lang("1.22.3") == "1.22", lang("1.21rc1") == "1.21". */
export function lang(x: string): string {
  const v = parseLoose(x);
  if (v.minor === '' || (v.major === '1' && v.minor === '0')) return v.major;
  return `${v.major}.${v.minor}`;
}

/** Sorts ascending in Go's order (returns a new array). */
export function sortGo(versions: readonly string[]): string[] {
  return [...versions].sort(compareGo);
}

/** True for prereleases (alpha, beta, rc). */
export function isPrerelease(x: string): boolean {
  const v = parseLoose(x);
  return v.kind !== '';
}

/**
 * The version named by a toolchain name: "go1.22.3" -> "1.22.3", "go1.22.1-custom" -> "1.22.1",
 * "gccgo-go1.21" style "-go" prefixes too. Returns undefined when not a valid toolchain name.
 */
export function fromToolchain(name: string): string | undefined {
  if (/[\\/]/.test(name)) return undefined;
  let v: string;
  if (name.startsWith('go')) v = name.slice(2);
  else {
    const i = name.indexOf('-go');
    if (i < 0) return undefined;
    v = name.slice(i + 3);
  }
  const cut = v.search(/[ \t-]/);
  if (cut >= 0) v = v.slice(0, cut);
  return isValidGo(v) ? v : undefined;
}

/**
 * Maps a Go version to semver as the Go vulnerability database and node-semver expect:
 * "1.22.3" -> "1.22.3", "1.21rc1" -> "1.21.0-rc.1", "1.20" -> "1.20.0", "1.21" -> "1.21.0-0"
 * (a language version floors its minor line), "1.21.3rc1" -> "1.21.3-rc.1".
 */
export function goToSemver(x: string): string | undefined {
  const v = parseLoose(x);
  if (isZero(v)) return undefined;
  const minor = v.minor || '0';
  if (v.kind) {
    const pre = v.pre ? `${v.kind}.${v.pre}` : v.kind;
    return `${v.major}.${minor}.${v.patch || '0'}-${pre}`;
  }
  if (v.patch === '') return `${v.major}.${minor}.0-0`;
  return `${v.major}.${minor}.${v.patch}`;
}

/**
 * Maps a semver string (as written by users or the vulnerability database) back to Go's spelling:
 * "1.21.0-rc.1" -> "1.21rc1", "1.20.0" -> "1.20", "1.22.3" -> "1.22.3", "1.21.0" -> "1.21.0".
 * Returns undefined when the semver has no Go equivalent.
 */
export function semverToGo(s: string): string | undefined {
  const m = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([a-z]+)\.?(0|[1-9]\d*)?)?$/.exec(s);
  if (!m) return undefined;
  const [, major, minor, patch, kind, pre] = m;
  if (kind) {
    const tail = `${kind}${pre ?? ''}`;
    const base = patch === '0' ? `${major}.${minor}` : `${major}.${minor}.${patch}`;
    return isValidGo(base + tail) ? base + tail : undefined;
  }
  // Before 1.21 the first release of a minor has no ".0" (go1.20, not go1.20.0).
  if (patch === '0' && major === '1' && cmpInt(minor, '21') < 0) return `${major}.${minor}`;
  return `${major}.${minor}.${patch}`;
}

/** Go's own name for a release: canonical "1.20" for "1.20.0" (pre-1.21 first releases). */
export function canonicalRelease(x: string): string {
  const v = parseLoose(x);
  if (isZero(v)) return x;
  if (v.major === '1' && cmpInt(v.minor, '21') < 0 && v.patch === '0' && v.kind === '') return `1.${v.minor}`;
  return x;
}
