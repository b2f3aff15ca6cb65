/**
 * The copy of the Go vulnerability database a mirror holds (`--vulndb`): the index
 * (`index/modules.json`) cut to the rows of the standard library and the go command (the modules
 * the action reads, verify/vulndb/urls.ts GO_MODULES; rows validated by index-rows.ts), and the
 * `ID/<id>.json` entries those rows name: the layout `vulndb-url` reads (verify/vulndb/load.ts),
 * over file:// and HTTP alike. An entry is fetched again only when its rows' `modified` changed.
 * Pure.
 */
import { isObject } from '../json.js';
import { goIndexRows } from '../verify/vulndb/index-rows.js';
import { GO_MODULES } from '../verify/vulndb/urls.js';

/** Paths below the copy's folder: what load.ts requests, and the database's own db.json. */
export const VULN_INDEX = 'index/modules.json';
export const VULN_DB_INFO = 'index/db.json';
export const VULN_ENTRIES = 'ID';

export interface GoIndex {
  /** the index as the copy writes it: the upstream's module objects for stdlib and toolchain */
  modules: unknown[];
  /** per id, the `modified` of its rows (joined, for a vulnerability in both modules) */
  modified: Map<string, string>;
}

/**
 * The stdlib and toolchain part of an index; throws a one-line Error when it is not an index
 * (goIndexRows' checks: the shape, and ids that are safe file names).
 */
export function goOnlyIndex(index: unknown): GoIndex {
  goIndexRows(index);
  const modules = (index as unknown[]).filter((m) => isObject(m) && GO_MODULES.includes(m.path as string));
  const parts = new Map<string, string[]>();
  for (const m of modules as { vulns: unknown[] }[]) {
    for (const v of m.vulns as Record<string, unknown>[]) {
      const id = v.id as string;
      const list = parts.get(id) ?? [];
      list.push(typeof v.modified === 'string' ? v.modified : '');
      parts.set(id, list);
    }
  }
  const modified = new Map([...parts].map(([id, list]) => [id, list.sort().join(' ')]));
  return { modules, modified };
}

/**
 * The ids to fetch: every id of the upstream's index unless the copy already has its entry and
 * its copied rows say the same `modified`.
 */
export function entriesToFetch(upstream: GoIndex, copied: GoIndex | undefined, present: ReadonlySet<string>): string[] {
  return [...upstream.modified]
    .filter(([id, modified]) => !(present.has(id) && copied?.modified.get(id) === modified && modified !== ''))
    .map(([id]) => id)
    .sort();
}

/** The file of an entry below ID/. */
export function entryFile(id: string): string {
  return `${id}.json`;
}
