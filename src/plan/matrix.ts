/**
 * The `matrix`, `minimal` and `latest` outputs. Pure: computed from the go line and the manifest's
 * releases.
 */
import { InputError } from '../errors.js';
import type { ModFile, Platform, Release } from '../go/types.js';
import { mainGoVersion } from '../go/modfile.js';
import { compareGo, isPrerelease, isValidGo, lang } from '../go/gover.js';
import { newest, newestPatch, oldest, stableLangs, supportedMinors, usable } from '../go/releases.js';

export type MatrixRange = 'all' | 'supported' | 'minimal-and-latest';
const RANGES: readonly string[] = ['all', 'supported', 'minimal-and-latest'];

export interface MatrixOutputs {
  /** ascending Go versions for strategy.matrix */
  matrix: string[];
  /** the oldest stable release that satisfies the go line, as Go would pick it (go 1.22 -> 1.22.0) */
  minimal: string;
  /** the newest stable release */
  latest: string;
}

/**
 * matrix: the newest stable patch of every minor from lang(goLine) up to the newest stable minor,
 * ascending, keeping only those that satisfy the go line (go 1.21.3 keeps 1.21.13, never 1.21.2);
 * a go line naming a prerelease of a minor with no stable release yet adds that minor's newest
 * prerelease. `supported` keeps the entries of the two newest stable minors (and such prereleases);
 * `minimal-and-latest` is [minimal, latest] deduplicated, latest only when it satisfies the go line.
 * With `p`, only releases with an archive for the platform count.
 */
export function computeMatrix(goLine: string, releases: Release[], range: MatrixRange, p?: Platform): MatrixOutputs {
  if (!RANGES.includes(range)) {
    throw new InputError(`"${range}" is not valid (expected one of ${RANGES.join(', ')})`, { input: 'matrix-range' });
  }
  if (!isValidGo(goLine))
    throw new InputError(`go line "${goLine}" is not a Go version (expected e.g. 1.22 or 1.22.3)`);
  const pool = usable(releases, p);
  const stable = pool.filter((r) => r.stable);
  const latestRel = newest(stable);
  if (!latestRel)
    throw new InputError('the Go release manifest lists no stable release' + (p ? ' for this platform' : ''));
  const latest = latestRel.version;
  const goLang = lang(goLine);
  const satisfies = (v: string): boolean => compareGo(v, goLine) >= 0;

  const matrix = stableLangs(pool)
    .filter((l) => compareGo(l, goLang) >= 0)
    .map((l) => newestPatch(l, pool) as string)
    .filter(satisfies);
  if (isPrerelease(goLine) && newestPatch(goLang, pool) === undefined) {
    const pre = newest(pool.filter((r) => lang(r.version) === goLang && satisfies(r.version)));
    if (pre) matrix.push(pre.version);
  }
  matrix.sort(compareGo);

  const atOrAbove = pool.filter((r) => satisfies(r.version));
  const minimalRel =
    oldest(atOrAbove.filter((r) => r.stable && lang(r.version) === goLang)) ??
    oldest(atOrAbove.filter((r) => r.stable)) ??
    oldest(atOrAbove);
  if (!minimalRel) {
    throw new InputError(`go line ${goLine}: no Go release in the manifest satisfies it (newest stable: ${latest})`);
  }
  const minimal = minimalRel.version;

  let list = matrix;
  if (range === 'supported') {
    const floor = supportedMinors(pool).at(-1) as string;
    list = matrix.filter((v) => compareGo(lang(v), floor) >= 0);
  } else if (range === 'minimal-and-latest') {
    list = satisfies(latest) && latest !== minimal ? [minimal, latest] : [minimal];
    list.sort(compareGo);
  }
  return { matrix: list, minimal, latest };
}

/** The matrix outputs of a run as the report holds them. */
export interface PlannedMatrix {
  matrix: string[];
  minimal?: string;
  latest?: string;
  /** the matrix-range input */
  range: string;
}

/**
 * The matrix outputs of a run, whenever the manifest was read: from the main module's go line (or
 * the checked Go's language version without one). A go line no release satisfies yet (go 1.99)
 * leaves them empty with a warning that says why: the go-directive check reports it at its line.
 */
export function planMatrix(
  root: ModFile | undefined,
  version: string,
  releases: Release[] | undefined,
  range: MatrixRange,
  p: Platform
): { matrix?: PlannedMatrix; warning?: string } {
  if (!releases) return {};
  const goLine = root ? mainGoVersion(root) : version ? lang(version) : undefined;
  if (!goLine) return {};
  try {
    const m = computeMatrix(goLine, releases, range, p);
    return { matrix: { matrix: m.matrix, minimal: m.minimal, latest: m.latest, range } };
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    const where = root ? `${root.path}${root.go ? `:${root.go.line}` : ''}: ` : '';
    return { warning: `matrix, minimal and latest are not set: ${where}${err.message}` };
  }
}
