/**
 * The index of the Go vulnerability database (`/index/modules.json`): its rows for the standard
 * library and the go command, and which entries can affect a version (only those are read). Pure.
 */
import semver from 'semver';
import { goToSemver } from '../../go/gover.js';
import { isObject } from '../../json.js';
import { GO_MODULES } from './urls.js';

/** A row of `/index/modules.json` for one Go module. */
export interface IndexRow {
  module: string;
  id: string;
  /** newest fix of that affected block ("" when none or re-introduced after it) */
  fixed: string;
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Validates the index and returns its rows for `stdlib` and `toolchain`; throws a one-line Error. */
export function goIndexRows(index: unknown): IndexRow[] {
  const shape = 'is not a vulnerability index (expected [{path, vulns: [{id, fixed}]}])';
  if (!Array.isArray(index)) throw new Error(shape);
  const rows: IndexRow[] = [];
  for (const m of index) {
    if (!isObject(m) || typeof m.path !== 'string' || !Array.isArray(m.vulns)) throw new Error(shape);
    if (!GO_MODULES.includes(m.path)) continue;
    for (const e of m.vulns) {
      if (!isObject(e) || typeof e.id !== 'string') throw new Error(shape);
      if (!ID_PATTERN.test(e.id)) throw new Error(`lists an invalid vulnerability id "${e.id.slice(0, 40)}"`);
      const fixed = e.fixed === undefined || e.fixed === null ? '' : e.fixed;
      if (typeof fixed !== 'string') throw new Error(shape);
      rows.push({ module: m.path, id: e.id, fixed });
    }
  }
  return rows;
}

/**
 * The ids whose entries must be read to match `version`, and how many were skipped.
 *
 * An id is skipped only when EVERY index row for it (one per affected block, stdlib and
 * toolchain) has a `fixed` and the version is >= it. That is safe because the database writes, per
 * affected block, the newest fix over all its lines and writes "" when the vulnerability was
 * re-introduced after that fix (golang.org/x/vulndb osvutils.LatestFixed): every interval of the
 * block then ends at or below `fixed`, so no version >= `fixed` is inside one. A newer line's fix
 * does not skip an older installed line: 1.21.10 < 1.22.4 is fetched and matched exactly.
 * (Not covered: a block that re-introduces at exactly its newest fix - meaningless data.)
 */
export function idsToFetch(rows: readonly IndexRow[], version: string): { ids: string[]; skipped: number } {
  const v = goToSemver(version);
  const byId = new Map<string, boolean>();
  for (const r of rows) {
    const fixed = r.fixed === '' ? null : semver.valid(r.fixed);
    const safe = v !== undefined && fixed !== null && semver.compare(v, fixed) >= 0;
    byId.set(r.id, (byId.get(r.id) ?? true) && safe);
  }
  const ids = [...byId].filter(([, skip]) => !skip).map(([id]) => id);
  return { ids: ids.sort(compareIds), skipped: byId.size - ids.length };
}

/** Orders ids like GO-2024-2887 < GO-2024-10000 (numbers compared as numbers). */
export function compareIds(a: string, b: string): number {
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    if (i % 2 === 1) {
      const nx = x.replace(/^0+(?=\d)/, '');
      const ny = y.replace(/^0+(?=\d)/, '');
      if (nx.length !== ny.length) return nx.length < ny.length ? -1 : 1;
      if (nx !== ny) return nx < ny ? -1 : 1;
    }
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}
