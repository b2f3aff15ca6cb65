/**
 * Reads the vulnerability database for one Go version: the index, then in parallel (bounded, with
 * an overall timeout) only the entries that can affect it, and matches each. No fs/http here: the
 * caller injects `fetchJson` (which also reads file:// URLs). Never throws: an unreachable or
 * malformed database is the status `unknown` with a reason.
 */
import type { VulnFacts, VulnMatch } from '../facts.js';
import { goToSemver } from '../../go/gover.js';
import { isObject } from '../../json.js';
import { entryUrl, indexUrl } from './urls.js';
import { matchOsvEntry } from './osv.js';
import { compareIds, goIndexRows, idsToFetch, type IndexRow } from './index-rows.js';
import pLimit from 'p-limit';

const DEFAULT_CONCURRENCY = 8;
const DEFAULT_TIMEOUT_MS = 20_000;

export interface LoadVulnOptions {
  /** parsed `vulndb-url` (see parseBaseUrl in url.ts) */
  baseUrl: string;
  /** GET + JSON.parse; http(s):// and file:// (the shared edge/http fetchJson) */
  fetchJson: (url: string) => Promise<unknown>;
  /** entries read at once (default 8) */
  concurrency?: number;
  /** overall time limit in ms (default 20000) */
  timeoutMs?: number;
}

function firstLineOf(e: unknown): string {
  // duck-typed: errors may come from another realm (node core, vm contexts)
  const message = typeof e === 'object' && e !== null ? (e as { message?: unknown }).message : undefined;
  const msg = typeof message === 'string' ? message : String(e);
  return (msg.split(/\r?\n/).find((l) => l.trim() !== '') ?? 'unknown error').trim();
}

class Stop extends Error {}

/**
 * Reads the index and the entries needed (in parallel, bounded, within an overall timeout) and
 * matches them against `version`. Never throws: any failure gives `{ status: 'unknown', reason }`.
 */
export async function loadVulnFacts(version: string, opts: LoadVulnOptions): Promise<VulnFacts> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? DEFAULT_CONCURRENCY));
  const state = { stopped: false };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<VulnFacts>((resolve) => {
    timer = setTimeout(() => {
      state.stopped = true;
      const secs = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 100) / 10} s` : `${timeoutMs} ms`;
      resolve({ status: 'unknown', reason: `no complete answer from ${opts.baseUrl} within ${secs}` });
    }, timeoutMs);
  });
  try {
    return await Promise.race([timeout, load(version, opts, concurrency, state)]);
  } finally {
    clearTimeout(timer);
    state.stopped = true;
  }
}

async function load(
  version: string,
  opts: LoadVulnOptions,
  concurrency: number,
  state: { stopped: boolean }
): Promise<VulnFacts> {
  try {
    if (!goToSemver(version)) return { status: 'unknown', reason: `"${version}" is not a Go version` };
    const iUrl = indexUrl(opts.baseUrl);
    const index = await read(opts, iUrl);
    let rows: IndexRow[];
    try {
      rows = goIndexRows(index);
    } catch (e) {
      throw new Error(`${iUrl} ${firstLineOf(e)}`);
    }
    const { ids } = idsToFetch(rows, version);
    const matches: VulnMatch[] = [];
    let entriesRead = 0;
    const limit = pLimit(Math.max(1, concurrency));
    const readEntry = async (id: string): Promise<void> => {
      if (state.stopped) throw new Stop();
      const url = entryUrl(opts.baseUrl, id);
      const osv = await read(opts, url);
      if (state.stopped) throw new Stop();
      let m: VulnMatch | undefined;
      try {
        if (!isObject(osv) || osv.id !== id) throw new Error(`is not the OSV entry ${id}`);
        m = matchOsvEntry(osv, version);
      } catch (e) {
        throw new Error(`${url}: ${firstLineOf(e)}`);
      }
      entriesRead++;
      if (m) matches.push(m);
    };
    try {
      await Promise.all(ids.map((id) => limit(() => readEntry(id))));
    } catch (e) {
      state.stopped = true; // the queued reads stop before their request
      limit.clearQueue();
      throw e;
    }
    matches.sort((a, b) => compareIds(a.id, b.id));
    return { status: 'checked', matches, entriesRead };
  } catch (e) {
    return { status: 'unknown', reason: firstLineOf(e) };
  }
}

async function read(opts: LoadVulnOptions, url: string): Promise<unknown> {
  try {
    return await opts.fetchJson(url);
  } catch (e) {
    const msg = firstLineOf(e);
    throw new Error(msg.includes(url) ? msg : `cannot read ${url}: ${msg}`);
  }
}
