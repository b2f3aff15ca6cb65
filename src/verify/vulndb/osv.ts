/**
 * Whether one OSV entry of the Go vulnerability database affects a Go version, and which release
 * fixes it. Go versions are compared in the database's semver spelling (`1.22.3`, `1.22.0-rc.1`,
 * `1.22.0-0` floors a minor line) with node-semver's `compare` (prereleases included). Pure.
 */
import semver from 'semver';
import type { VulnMatch } from '../facts.js';
import { goToSemver, semverToGo } from '../../go/gover.js';
import { isObject } from '../../json.js';
import { GO_MODULES } from './urls.js';

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
