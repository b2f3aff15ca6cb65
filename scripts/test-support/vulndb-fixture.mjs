// A small Go vulnerability database (the layout of https://vuln.go.dev) built on disk for tests,
// end-to-end runs and the demo: `<dir>/index/modules.json` plus `<dir>/ID/<id>.json` OSV entries.
// Serve the folder over HTTP (scripts/test-support/mirror.mjs `vulnDir`) or point vulndb-url at file://.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import semver from 'semver';

/**
 * @typedef {object} OsvEntry  the parts of an OSV entry the Go database writes
 * @property {string} id
 * @property {string} [modified]
 * @property {string} [published]
 * @property {string[]} [aliases]
 * @property {string} [summary]
 * @property {string} [details]
 * @property {string} [withdrawn]
 * @property {{ package: { name: string, ecosystem: string },
 *   ranges?: { type: string, events: Record<string, string>[] }[],
 *   ecosystem_specific?: { imports?: { path: string, symbols?: string[] }[] } }[]} affected
 * @property {{ url?: string }} [database_specific]
 */

/**
 * @typedef {object} EntrySpec  a short way to write one entry
 * @property {string} id
 * @property {string[]} [aliases]
 * @property {string} [summary]
 * @property {string} [module]     'stdlib' (default), 'toolchain', or any module path
 * @property {(string | undefined)[][]} ranges  [introduced, fixed?] pairs in semver ('0' = from
 *   the beginning, '1.22.0-0' = from the start of the 1.22 line); a missing fixed = not fixed
 * @property {string[]} [packages] import paths (default: none listed)
 * @property {string} [modified]
 * @property {string} [withdrawn]
 */

/**
 * Builds an OSV entry from a short spec.
 * @param {EntrySpec} spec
 * @returns {OsvEntry}
 */
export function osvEntry(spec) {
  /** @type {Record<string, string>[]} */
  const events = [];
  for (const [introduced, fixed] of spec.ranges) {
    events.push({ introduced: introduced ?? '0' });
    if (fixed) events.push({ fixed });
  }
  const module = spec.module ?? 'stdlib';
  const modified = spec.modified ?? '2024-06-01T00:00:00Z';
  return {
    schema_version: '1.3.1',
    id: spec.id,
    modified,
    published: modified,
    aliases: spec.aliases ?? [],
    summary: spec.summary ?? `Fixture vulnerability ${spec.id}`,
    details: `${spec.summary ?? spec.id} (details).`,
    ...(spec.withdrawn ? { withdrawn: spec.withdrawn } : {}),
    affected: [
      {
        package: { name: module, ecosystem: 'Go' },
        ranges: [{ type: 'SEMVER', events }],
        ecosystem_specific: { imports: (spec.packages ?? []).map((p) => ({ path: p, symbols: [] })) }
      }
    ],
    database_specific: { url: `https://pkg.go.dev/vuln/${spec.id}` }
  };
}

/**
 * The newest fix of one affected block's ranges, "" when none or when the vulnerability is
 * re-introduced after it: what the Go database writes as `fixed` in index/modules.json
 * (golang.org/x/vulndb internal/osvutils LatestFixed).
 * @param {{ type: string, events: Record<string, string>[] }[]} ranges
 */
export function latestFixed(ranges) {
  let latest = '';
  const before = (/** @type {string} */ a, /** @type {string} */ b) => a === '' || semver.compare(a, b) < 0;
  for (const r of ranges) {
    if (r.type !== 'SEMVER') continue;
    for (const e of r.events) if (e.fixed && before(latest, e.fixed)) latest = e.fixed;
    for (const e of r.events) {
      if (e.introduced && e.introduced !== '0' && before(latest, e.introduced)) {
        latest = '';
        break;
      }
    }
  }
  return latest;
}

/**
 * The index (modules.json) of a set of entries: one row per affected block, as the database does.
 * @param {OsvEntry[]} entries
 * @returns {{ path: string, vulns: { id: string, modified: string, fixed?: string }[] }[]}
 */
export function modulesIndex(entries) {
  /** @type {Map<string, { id: string, modified: string, fixed?: string }[]>} */
  const modules = new Map();
  for (const e of entries) {
    for (const a of e.affected) {
      const name = a.package.name;
      if (!modules.has(name)) modules.set(name, []);
      const fixed = latestFixed(a.ranges ?? []);
      modules
        .get(name)
        ?.push({ id: e.id, modified: e.modified ?? '2024-06-01T00:00:00Z', ...(fixed ? { fixed } : {}) });
    }
  }
  return [...modules].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([p, vulns]) => ({ path: p, vulns }));
}

/**
 * Writes `<dir>/index/modules.json` and `<dir>/ID/<id>.json` (also `<dir>/index/db.json`).
 * Entries may be OSV objects or EntrySpecs (anything with `ranges` as pairs).
 * @param {string} dir
 * @param {(OsvEntry | EntrySpec)[]} [entries]  default: DEFAULT_VULN_ENTRIES
 * @param {{ index?: unknown }} [opts]  `index` replaces the computed modules.json (for bad data)
 * @returns {Promise<{ dir: string, fileUrl: string, ids: string[] }>}
 */
export async function buildVulnDb(dir, entries = DEFAULT_VULN_ENTRIES, opts = {}) {
  const osv = entries.map((e) =>
    'affected' in e ? /** @type {OsvEntry} */ (e) : osvEntry(/** @type {EntrySpec} */ (e))
  );
  await fsp.mkdir(path.join(dir, 'index'), { recursive: true });
  await fsp.mkdir(path.join(dir, 'ID'), { recursive: true });
  const index = opts.index ?? modulesIndex(osv);
  await fsp.writeFile(path.join(dir, 'index', 'modules.json'), JSON.stringify(index));
  const modified =
    osv
      .map((e) => e.modified ?? '')
      .sort()
      .at(-1) ?? '';
  await fsp.writeFile(path.join(dir, 'index', 'db.json'), JSON.stringify({ modified }));
  for (const e of osv) await fsp.writeFile(path.join(dir, 'ID', `${e.id}.json`), JSON.stringify(e, null, 1));
  return { dir, fileUrl: pathToFileURL(dir).href, ids: osv.map((e) => e.id) };
}

/**
 * The default set, centred on Go 1.22.3 (also 1.21.10 and 1.23rc1, see DEFAULT_VULN_EXPECTED). GO-2024-* entries follow the real
 * database; GO-2099-* are invented for the fixture.
 * @type {EntrySpec[]}
 */
export const DEFAULT_VULN_ENTRIES = [
  {
    id: 'GO-2024-2887',
    aliases: ['CVE-2024-24790'],
    summary: 'Unexpected behavior from Is methods for IPv4-mapped IPv6 addresses in net/netip',
    ranges: [
      ['0', '1.21.11'],
      ['1.22.0-0', '1.22.4']
    ],
    packages: ['net/netip']
  },
  {
    id: 'GO-2024-2888',
    aliases: ['CVE-2024-24789'],
    summary: 'Mishandling of corrupt central directory record in archive/zip',
    ranges: [
      ['0', '1.21.11'],
      ['1.22.0-0', '1.22.4']
    ],
    packages: ['archive/zip']
  },
  {
    id: 'GO-2024-2963',
    aliases: ['CVE-2024-24791'],
    summary: 'Denial of service due to improper 100-continue handling in net/http',
    ranges: [
      ['0', '1.21.12'],
      ['1.22.0-0', '1.22.5']
    ],
    packages: ['net/http']
  },
  {
    // fixed only in the next minor: "no fix in 1.22: upgrade to 1.23.0"; 1.21 never affected
    id: 'GO-2099-0001',
    aliases: ['CVE-2099-0001'],
    summary: 'Fixture: flaw introduced in 1.22, fixed only in 1.23.0',
    ranges: [['1.22.0-0', '1.23.0']],
    packages: ['encoding/gob']
  },
  {
    // the go command
    id: 'GO-2099-0002',
    aliases: ['CVE-2099-0002'],
    summary: 'Fixture: go command runs code from a module cache path',
    module: 'toolchain',
    ranges: [
      ['0', '1.21.12'],
      ['1.22.0-0', '1.22.5']
    ],
    packages: ['cmd/go']
  },
  {
    // fixed before 1.22.3 (and in 1.21.9): not affecting either default version
    id: 'GO-2099-0003',
    summary: 'Fixture: fixed in 1.21.9 and 1.22.2',
    ranges: [
      ['0', '1.21.9'],
      ['1.22.0-0', '1.22.2']
    ],
    packages: ['crypto/x509']
  },
  {
    // only old lines; its index `fixed` (1.21.5) lets a 1.22.3 check skip reading it
    id: 'GO-2099-0004',
    summary: 'Fixture: old lines only',
    ranges: [
      ['0', '1.20.12'],
      ['1.21.0-0', '1.21.5']
    ],
    packages: ['html/template']
  },
  {
    // another module: never read
    id: 'GO-2099-0005',
    aliases: ['CVE-2099-0005'],
    summary: 'Fixture: golang.org/x/net HTTP/2 flaw',
    module: 'golang.org/x/net',
    ranges: [['0', '0.23.0']],
    packages: ['golang.org/x/net/http2']
  },
  {
    // a prerelease range: only 1.23rc1 is affected
    id: 'GO-2099-0006',
    summary: 'Fixture: regression in 1.23rc1, fixed in 1.23rc2',
    ranges: [['1.23.0-rc.1', '1.23.0-rc.2']],
    packages: ['os']
  },
  {
    // introduced in 1.22.2, no fix yet: "no fix released yet"
    id: 'GO-2099-0007',
    summary: 'Fixture: unfixed flaw since 1.22.2',
    ranges: [['1.22.2']],
    packages: ['net/mail']
  }
];

/**
 * What the default set reports, by installed version: id -> first fix in the installed minor
 * (Go spelling), `null` when there is none in that minor (with newestFix, if any).
 * @type {Record<string, Record<string, { fixedInMinor: string | null, newestFix: string | null }>>}
 */
export const DEFAULT_VULN_EXPECTED = {
  '1.22.3': {
    'GO-2024-2887': { fixedInMinor: '1.22.4', newestFix: '1.22.4' },
    'GO-2024-2888': { fixedInMinor: '1.22.4', newestFix: '1.22.4' },
    'GO-2024-2963': { fixedInMinor: '1.22.5', newestFix: '1.22.5' },
    'GO-2099-0001': { fixedInMinor: null, newestFix: '1.23.0' },
    'GO-2099-0002': { fixedInMinor: '1.22.5', newestFix: '1.22.5' },
    'GO-2099-0007': { fixedInMinor: null, newestFix: null }
  },
  '1.21.10': {
    'GO-2024-2887': { fixedInMinor: '1.21.11', newestFix: '1.22.4' },
    'GO-2024-2888': { fixedInMinor: '1.21.11', newestFix: '1.22.4' },
    'GO-2024-2963': { fixedInMinor: '1.21.12', newestFix: '1.22.5' },
    'GO-2099-0002': { fixedInMinor: '1.21.12', newestFix: '1.22.5' }
  },
  '1.23rc1': {
    'GO-2099-0001': { fixedInMinor: '1.23.0', newestFix: '1.23.0' },
    'GO-2099-0006': { fixedInMinor: '1.23rc2', newestFix: '1.23rc2' },
    'GO-2099-0007': { fixedInMinor: null, newestFix: null }
  }
};
