/**
 * Go vulnerability database (https://vuln.go.dev) client and pure matching.
 *
 * Layout read: `<base>/index/modules.json` (`[{path, vulns: [{id, modified, fixed}]}]`) and
 * `<base>/ID/<id>.json` (an OSV entry). Only the modules `stdlib` and `toolchain` matter here.
 * Go versions are compared in the database's semver spelling (`1.22.3`, `1.22.0-rc.1`,
 * `1.22.0-0` floors a minor line) with node-semver's `compare` (prereleases included).
 *
 * No fs/http here: the caller injects `fetchJson` (which also reads file:// URLs).
 */
import semver from 'semver';
import { InputError } from '../errors.js';
import { type VulnFacts, type VulnMatch } from '../model.js';
import { goToSemver, semverToGo } from '../go/gover.js';

/** The module paths of the standard library and the go command in the database. */
export const GO_MODULES: readonly string[] = ['stdlib', 'toolchain'];

const DEFAULT_CONCURRENCY = 8;
const DEFAULT_TIMEOUT_MS = 20_000;

/**
 * Validates the `vulndb-url` input: http://, https:// or file://, trailing slashes removed.
 * A query or fragment is refused (paths are appended to the base).
 */
export function parseVulnDbUrl(text: string): string {
  const raw = text.trim();
  const bad = (): InputError =>
    new InputError(`"${text}" is not an http(s):// or file:// URL`, { input: 'vulndb-url' });
  if (!/^(https?|file):\/\//i.test(raw)) throw bad();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw bad();
  }
  if (url.protocol !== 'file:' && url.hostname === '') throw bad();
  if (url.search !== '' || url.hash !== '' || raw.includes('?') || raw.includes('#')) {
    throw new InputError(`"${text}" must be a base URL without ?query or #fragment`, { input: 'vulndb-url' });
  }
  let base = raw;
  while (base.endsWith('/') && !/^[a-z]+:\/\/\/?$/i.test(base)) base = base.slice(0, -1);
  return base;
}

/** `<base>/index/modules.json` */
export function indexUrl(baseUrl: string): string {
  return `${baseUrl}/index/modules.json`;
}

/** `<base>/ID/<id>.json` */
export function entryUrl(baseUrl: string, id: string): string {
  return `${baseUrl}/ID/${id}.json`;
}

// ---------------------------------------------------------------------------------------------
// Pure matching of one OSV entry

type Bound = { version: string; kind: 'fixed' | 'last_affected' } | undefined;

/** One affected interval: `start <= v < end` (or `<= end` for last_affected); no end = open. */
interface Interval {
  start: string;
  end: Bound;
}

interface Block {
  module: string;
  intervals: Interval[];
  fixed: string[];
  packages: string[];
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** semver compare where the OSV "0" is below everything. */
function cmp(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '0') return -1;
  if (b === '0') return 1;
  return semver.compare(a, b);
}

function contains(iv: Interval, v: string): boolean {
  if (cmp(v, iv.start) < 0) return false;
  if (!iv.end) return true;
  return iv.end.kind === 'fixed' ? cmp(v, iv.end.version) < 0 : cmp(v, iv.end.version) <= 0;
}

/** Event list of one SEMVER range -> intervals (events sorted by version, stable). */
function intervalsOf(events: unknown, where: string): { intervals: Interval[]; fixed: string[] } {
  if (!Array.isArray(events)) throw new Error(`${where}: ranges[].events is not a list`);
  const evs: { kind: 'introduced' | 'fixed' | 'last_affected' | 'limit'; version: string }[] = [];
  for (const e of events) {
    if (!isObject(e)) throw new Error(`${where}: an event is not an object`);
    const keys = (['introduced', 'fixed', 'last_affected', 'limit'] as const).filter((k) => k in e);
    if (keys.length !== 1)
      throw new Error(`${where}: an event must have exactly one of introduced, fixed, last_affected, limit`);
    const kind = keys[0];
    const raw = e[kind];
    if (typeof raw !== 'string') throw new Error(`${where}: event ${kind} is not a string`);
    const version = raw === '0' && kind === 'introduced' ? '0' : semver.valid(raw);
    if (!version) throw new Error(`${where}: event ${kind} "${raw}" is not a semver version`);
    evs.push({ kind, version });
  }
  const sorted = evs.map((e, i) => ({ e, i })).sort((a, b) => cmp(a.e.version, b.e.version) || a.i - b.i);
  const intervals: Interval[] = [];
  const fixed: string[] = [];
  let start: string | undefined;
  for (const { e } of sorted) {
    if (e.kind === 'introduced') {
      if (start === undefined) start = e.version;
    } else if (e.kind === 'fixed' || e.kind === 'last_affected') {
      if (e.kind === 'fixed') fixed.push(e.version);
      if (start !== undefined) intervals.push({ start, end: { version: e.version, kind: e.kind } });
      start = undefined;
    }
  }
  if (start !== undefined) intervals.push({ start, end: undefined });
  return { intervals, fixed };
}

function blocksOf(osv: Record<string, unknown>, id: string): Block[] {
  const affected = osv.affected;
  if (!Array.isArray(affected)) throw new Error(`vulnerability ${id}: "affected" is not a list`);
  const blocks: Block[] = [];
  for (const a of affected) {
    if (!isObject(a)) throw new Error(`vulnerability ${id}: an "affected" item is not an object`);
    const pkg = a.package;
    const name = isObject(pkg) ? pkg.name : undefined;
    if (typeof name !== 'string') throw new Error(`vulnerability ${id}: affected[].package.name is missing`);
    if (!GO_MODULES.includes(name)) continue;
    const where = `vulnerability ${id} (${name})`;
    const ranges = a.ranges ?? [];
    if (!Array.isArray(ranges)) throw new Error(`${where}: "ranges" is not a list`);
    const block: Block = { module: name, intervals: [], fixed: [], packages: [] };
    for (const r of ranges) {
      if (!isObject(r)) throw new Error(`${where}: a range is not an object`);
      if (r.type !== 'SEMVER') continue;
      const { intervals, fixed } = intervalsOf(r.events, where);
      block.intervals.push(...intervals);
      block.fixed.push(...fixed);
    }
    const spec = a.ecosystem_specific;
    const imports = isObject(spec) && Array.isArray(spec.imports) ? spec.imports : [];
    for (const imp of imports) {
      if (isObject(imp) && typeof imp.path === 'string' && !block.packages.includes(imp.path))
        block.packages.push(imp.path);
    }
    blocks.push(block);
  }
  return blocks;
}

/**
 * The first version >= `from` that no interval contains, following fixes forward; undefined when
 * an open interval (or a last_affected end, whose successor is unknown) contains it.
 */
function firstUnaffected(from: string, intervals: Interval[]): string | undefined {
  let v = from;
  for (let guard = 0; guard <= intervals.length; guard++) {
    const hits = intervals.filter((iv) => contains(iv, v));
    if (hits.length === 0) return v;
    let next = v;
    for (const iv of hits) {
      if (!iv.end || iv.end.kind !== 'fixed') return undefined;
      if (cmp(iv.end.version, next) > 0) next = iv.end.version;
    }
    v = next;
  }
  return undefined;
}

const majorMinor = (s: string): string => `${semver.major(s)}.${semver.minor(s)}`;

/**
 * Does this OSV entry affect Go `version` (Go spelling: "1.22.3", "1.22rc1")?
 * Only `stdlib` and `toolchain` blocks and SEMVER ranges count; a withdrawn entry never matches.
 * `fixedInMinor` is the first release of the installed minor line that is no longer affected;
 * `newestFix` the newest fixed release (undefined when nothing newer than the version is fixed).
 * Throws a one-line Error naming the id when the entry is malformed.
 */
export function matchOsvEntry(osv: unknown, version: string): VulnMatch | undefined {
  const v = goToSemver(version);
  if (!v) throw new Error(`"${version}" is not a Go version`);
  if (!isObject(osv)) throw new Error('vulnerability entry is not a JSON object');
  const id = osv.id;
  if (typeof id !== 'string' || id === '') throw new Error('vulnerability entry has no "id"');
  if (osv.withdrawn !== undefined && osv.withdrawn !== null && osv.withdrawn !== '') return undefined;

  const blocks = blocksOf(osv, id);
  const hit = blocks.filter((b) => b.intervals.some((iv) => contains(iv, v)));
  if (hit.length === 0) return undefined;

  const intervals = blocks.flatMap((b) => b.intervals);
  const firstFixed = firstUnaffected(v, intervals);
  let newestFix: string | undefined;
  if (firstFixed !== undefined) {
    const newest = blocks.flatMap((b) => b.fixed).reduce((a, b) => (cmp(a, b) >= 0 ? a : b), firstFixed);
    newestFix = firstUnaffected(newest, intervals);
  }
  const fixedInMinor = firstFixed !== undefined && majorMinor(firstFixed) === majorMinor(v) ? firstFixed : undefined;

  const aliases = Array.isArray(osv.aliases) ? osv.aliases.filter((a): a is string => typeof a === 'string') : [];
  const packages: string[] = [];
  for (const b of hit) for (const p of b.packages) if (!packages.includes(p)) packages.push(p);
  return {
    id,
    aliases,
    summary: summaryOf(osv),
    module: hit[0].module,
    packages,
    ...(fixedInMinor ? { fixedInMinor: toGo(fixedInMinor) } : {}),
    ...(newestFix ? { newestFix: toGo(newestFix) } : {}),
    url: `https://pkg.go.dev/vuln/${id}`
  };
}

/** Go spelling of a database version; a minor's floor "1.22.0-0" reads as its language "1.22". */
function toGo(s: string): string {
  const floor = /^(\d+)\.(\d+)\.0-0$/.exec(s);
  if (floor) return `${floor[1]}.${floor[2]}`;
  return semverToGo(s) ?? s;
}

/** The summary, else the first line of the details, on one line. */
function summaryOf(osv: Record<string, unknown>): string {
  const text =
    typeof osv.summary === 'string' && osv.summary.trim() !== ''
      ? osv.summary
      : typeof osv.details === 'string'
        ? (osv.details.trim().split(/\r?\n/)[0] ?? '')
        : '';
  return text.replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// Index: which entries to read

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

// ---------------------------------------------------------------------------------------------
// Loader

export interface LoadVulnOptions {
  /** parsed `vulndb-url` (see parseVulnDbUrl) */
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
    const queue = [...ids];
    const worker = async (): Promise<void> => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
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
      }
    };
    const workers = Array.from({ length: Math.min(concurrency, queue.length) }, worker);
    try {
      await Promise.all(workers);
    } catch (e) {
      state.stopped = true; // the other workers stop before their next request
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
