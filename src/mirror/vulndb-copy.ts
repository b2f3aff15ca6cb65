/**
 * Copies the Go vulnerability database's standard library and go command part into DIR/vulndb
 * (edge: HTTP, file://, the file system): the upstream index cut to stdlib and toolchain
 * (vulndb-plan.ts), every entry it names that the copy lacks or that changed (`modified`), then
 * `index/db.json` when the upstream has one, and the index last: a reader of the copy sees the old
 * index or the new one, each with all its entries in place. Entries the new index no longer names
 * are returned as stale (removed with --prune, after the listing).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import pLimit from 'p-limit';
import type { Platform } from '../go/types.js';
import { HttpError, fetchJson } from '../system/http.js';
import { retryFromEnv } from '../system/retry.js';
import { isObject } from '../json.js';
import { entryUrl, indexUrl } from '../verify/vulndb/urls.js';
import { fileNames } from './dir-state.js';
import { staleVulnEntries } from './prune.js';
import { writeFileAtomic } from './transfer.js';
import {
  VULN_DB_INFO,
  VULN_ENTRIES,
  VULN_INDEX,
  entriesToFetch,
  entryFile,
  goOnlyIndex,
  type GoIndex
} from './vulndb-plan.js';

export interface VulnCopyOptions {
  /** DIR/vulndb */
  dir: string;
  /** the database to copy (parsed vulndb-url: no trailing slash) */
  base: string;
  env: NodeJS.ProcessEnv;
  jobs: number;
  platform: Platform;
}

export interface VulnCopyResult {
  entries: number;
  fetched: number;
  kept: number;
  /** absolute paths of the entries the new index no longer names */
  stale: string[];
  problems: string[];
}

async function readCopiedIndex(dir: string): Promise<GoIndex | undefined> {
  try {
    return goOnlyIndex(JSON.parse(await fs.readFile(path.join(dir, VULN_INDEX), 'utf8')));
  } catch {
    return undefined;
  }
}

export async function copyVulnDb(o: VulnCopyOptions): Promise<VulnCopyResult> {
  const retry = retryFromEnv(o.env);
  const get = (url: string) => fetchJson(url, { what: 'the Go vulnerability database', retry });
  const iUrl = indexUrl(o.base);
  const result: VulnCopyResult = { entries: 0, fetched: 0, kept: 0, stale: [], problems: [] };
  let upstream: GoIndex;
  try {
    upstream = goOnlyIndex(await get(iUrl));
  } catch (e) {
    const msg = (e as Error).message;
    result.problems.push(msg.includes(iUrl) ? msg : `${iUrl} ${msg}`);
    return result;
  }
  const entriesDir = path.join(o.dir, VULN_ENTRIES);
  const present = new Set(
    (await fileNames(entriesDir)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length))
  );
  const copied = await readCopiedIndex(o.dir);
  const ids = entriesToFetch(upstream, copied, present);
  const limit = pLimit(Math.max(1, o.jobs));
  await Promise.all(
    ids.map((id) =>
      limit(async () => {
        const url = entryUrl(o.base, id);
        try {
          const osv = await get(url);
          if (!isObject(osv) || osv.id !== id) throw new Error(`${url} is not the OSV entry ${id}`);
          await writeFileAtomic(path.join(entriesDir, entryFile(id)), `${JSON.stringify(osv)}\n`, o.platform);
          result.fetched++;
        } catch (e) {
          result.problems.push((e as Error).message.split('\n')[0]);
        }
      })
    )
  );
  result.entries = upstream.modified.size;
  result.kept = result.entries - ids.length;
  if (result.problems.length > 0) return result;
  try {
    const info = await get(`${o.base}/${VULN_DB_INFO}`);
    await writeFileAtomic(path.join(o.dir, VULN_DB_INFO), `${JSON.stringify(info)}\n`, o.platform);
  } catch (e) {
    if (!(e instanceof HttpError && e.status === 404)) {
      result.problems.push((e as Error).message.split('\n')[0]);
      return result;
    }
  }
  await writeFileAtomic(path.join(o.dir, VULN_INDEX), `${JSON.stringify(upstream.modules)}\n`, o.platform);
  result.stale = staleVulnEntries(await fileNames(entriesDir), new Set(upstream.modified.keys())).map((f) =>
    path.join(entriesDir, f)
  );
  return result;
}
