import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { VulnFacts } from '../../../src/verify/facts.js';
import { loadVulnFacts } from '../../../src/verify/vulndb/load.js';
import { buildVulnDb, DEFAULT_VULN_EXPECTED } from '../../../scripts/test-support/vulndb-fixture.mjs';
import { deadPort, serveDir, testFetchJson, type VulnServer } from './vuln-server.js';
import { fetchJson } from '../../../src/system/http.js';

type FetchJson = (url: string) => Promise<unknown>;

let dir: string;
let server: VulnServer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vulndb-'));
  await buildVulnDb(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  server = await serveDir(dir);
});
afterEach(async () => {
  await server.close();
});

/** The matches as id -> { fixedInMinor, newestFix } (null when absent), like DEFAULT_VULN_EXPECTED. */
function summarize(facts: VulnFacts): Record<string, { fixedInMinor: string | null; newestFix: string | null }> {
  if (facts.status !== 'checked') throw new Error(`expected checked, got ${JSON.stringify(facts)}`);
  return Object.fromEntries(
    facts.matches.map((m) => [m.id, { fixedInMinor: m.fixedInMinor ?? null, newestFix: m.newestFix ?? null }])
  );
}

function unknownReason(facts: VulnFacts): string {
  if (facts.status !== 'unknown') throw new Error(`expected unknown, got ${JSON.stringify(facts)}`);
  return facts.reason;
}

// The action's own HTTP fetcher, and a minimal one of the test.
const actionFetch: FetchJson = (u: string) => fetchJson(u, { what: 'vulnerability database' });
const fetchers: [string, FetchJson][] = [
  ['test fetchJson', testFetchJson],
  ['system/http fetchJson', actionFetch]
];

describe.each(fetchers)('loadVulnFacts over HTTP with %s', (_name, fetchJson) => {
  test.each(Object.keys(DEFAULT_VULN_EXPECTED))('default database at %s', async (version) => {
    const facts = await loadVulnFacts(version, { baseUrl: server.url, fetchJson });
    expect(summarize(facts)).toEqual(DEFAULT_VULN_EXPECTED[version]);
  });

  test('a file:// folder gives the same answer', async () => {
    const facts = await loadVulnFacts('1.22.3', { baseUrl: pathToFileURL(dir).href, fetchJson });
    expect(summarize(facts)).toEqual(DEFAULT_VULN_EXPECTED['1.22.3']);
  });

  test('an index that is not JSON -> unknown naming the URL', async () => {
    server.overrides.set('/index/modules.json', { body: '<html>not json</html>' });
    const reason = unknownReason(await loadVulnFacts('1.22.3', { baseUrl: server.url, fetchJson }));
    expect(reason).toContain(`${server.url}/index/modules.json`);
    expect(reason).not.toContain('\n');
  });
});

describe('loadVulnFacts: requests', () => {
  test.each<[string, string[]]>([
    // 0003 (fixed 1.22.2) and 0004 (fixed 1.21.5) are skipped via the index; 0005 is golang.org/x/net
    [
      '1.22.3',
      ['GO-2024-2887', 'GO-2024-2888', 'GO-2024-2963', 'GO-2099-0001', 'GO-2099-0002', 'GO-2099-0006', 'GO-2099-0007']
    ],
    // the 1.22 line's fix of 0003 (1.22.2) does not skip it for 1.21.10
    [
      '1.21.10',
      [
        'GO-2024-2887',
        'GO-2024-2888',
        'GO-2024-2963',
        'GO-2099-0001',
        'GO-2099-0002',
        'GO-2099-0003',
        'GO-2099-0006',
        'GO-2099-0007'
      ]
    ]
  ])('at %s: the index once, then only the stdlib/toolchain entries needed', async (version, ids) => {
    const facts = await loadVulnFacts(version, { baseUrl: server.url, fetchJson: testFetchJson });
    expect(server.requests[0]).toBe('/index/modules.json');
    expect(server.requests.slice(1).sort()).toEqual(ids.map((id) => `/ID/${id}.json`));
    expect(facts.status === 'checked' && facts.entriesRead).toBe(ids.length);
  });

  test.each([1, 3, 8])('concurrency %d: that many entries in flight at once, no more', async (concurrency) => {
    server.delayMs = 150;
    const facts = await loadVulnFacts('1.22.3', { baseUrl: server.url, fetchJson: testFetchJson, concurrency });
    expect(facts.status).toBe('checked');
    expect(server.maxInFlight).toBe(Math.min(concurrency, 7));
  });

  test('default concurrency reads entries in parallel', async () => {
    server.delayMs = 300;
    const started = Date.now();
    const facts = await loadVulnFacts('1.22.3', { baseUrl: server.url, fetchJson: testFetchJson });
    expect(facts.status).toBe('checked');
    expect(server.maxInFlight).toBe(7);
    // index + one round of 7 entries, not 7 rounds
    expect(Date.now() - started).toBeLessThan(300 * 7);
  });

  test('matches are sorted by id', async () => {
    const facts = await loadVulnFacts('1.22.3', { baseUrl: server.url, fetchJson: testFetchJson, concurrency: 8 });
    const ids = facts.status === 'checked' ? facts.matches.map((m) => m.id) : [];
    expect(ids).toEqual(Object.keys(DEFAULT_VULN_EXPECTED['1.22.3']).sort());
  });
});

describe('loadVulnFacts: failures give unknown, never a throw', () => {
  test('unreachable server', async () => {
    const base = `http://127.0.0.1:${await deadPort()}`;
    const reason = unknownReason(await loadVulnFacts('1.22.3', { baseUrl: base, fetchJson: testFetchJson }));
    expect(reason).toBe(`cannot read ${base}/index/modules.json: connect ECONNREFUSED 127.0.0.1:${base.split(':')[2]}`);
  });

  test('a missing file:// folder', async () => {
    const base = pathToFileURL(path.join(dir, 'nope')).href;
    const reason = unknownReason(await loadVulnFacts('1.22.3', { baseUrl: base, fetchJson: testFetchJson }));
    expect(reason).toContain(`${base}/index/modules.json`);
  });

  test.each<[string, string, string]>([
    ['index of the wrong shape', '/index/modules.json', '{"stdlib": []}'],
    ['entry that is not JSON', '/ID/GO-2024-2963.json', 'oops'],
    ['entry of another id', '/ID/GO-2024-2963.json', '{"id": "GO-2024-2887", "affected": []}'],
    [
      'malformed entry',
      '/ID/GO-2024-2963.json',
      '{"id": "GO-2024-2963", "affected": [{"package": {"name": "stdlib"}, "ranges": [{"type": "SEMVER", "events": [{"fixed": "x"}]}]}]}'
    ]
  ])('%s -> unknown naming the URL', async (_name, p, body) => {
    server.overrides.set(p, { body });
    const reason = unknownReason(await loadVulnFacts('1.22.3', { baseUrl: server.url, fetchJson: testFetchJson }));
    expect(reason).toContain(`${server.url}${p}`);
    expect(reason).not.toContain('\n');
  });

  test('an entry answering 404 stops further requests', async () => {
    server.overrides.set('/ID/GO-2024-2887.json', { status: 404, body: 'not found' });
    const facts = await loadVulnFacts('1.22.3', { baseUrl: server.url, fetchJson: testFetchJson, concurrency: 1 });
    expect(unknownReason(facts)).toContain('/ID/GO-2024-2887.json');
    expect(server.requests).toEqual(['/index/modules.json', '/ID/GO-2024-2887.json']);
  });

  test.each(['/index/modules.json', '/ID/GO-2099-0002.json'])('no answer from %s within the timeout', async (p) => {
    server.overrides.set(p, 'hang');
    const started = Date.now();
    const facts = await loadVulnFacts('1.22.3', { baseUrl: server.url, fetchJson: testFetchJson, timeoutMs: 400 });
    expect(unknownReason(facts)).toMatch(/within 400 ms/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  test('a rejection that is not an Error, over several lines -> its first line', async () => {
    const facts = await loadVulnFacts('1.22.3', {
      baseUrl: 'https://db.invalid',
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the case under test
      fetchJson: () => Promise.reject('socket hang up\nsecond line')
    });
    expect(unknownReason(facts)).toBe('cannot read https://db.invalid/index/modules.json: socket hang up');
  });

  test('an invalid installed version', async () => {
    const facts = await loadVulnFacts('banana', { baseUrl: server.url, fetchJson: testFetchJson });
    expect(unknownReason(facts)).toContain('banana');
    expect(server.requests).toEqual([]);
  });
});
