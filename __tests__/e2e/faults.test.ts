/**
 * End to end: network faults on the archive, the release manifest and the vulnerability database.
 *
 * Each case gets its own mirror (so faults never leak between cases), its own tool cache (seeded
 * with one complete older install) and its own RUNNER_TEMP; the cases run three at a time in
 * beforeAll and are asserted one by one below. Tries are counted in the mirror's request log.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startMirror, type Mirror } from '../../scripts/test-support/mirror.mjs';
import { buildFixtureManifest } from '../../scripts/test-support/manifest-fixture.mjs';
import { buildSyntheticToolchain, goScript } from '../../scripts/test-support/toolchains.mjs';
import { buildVulnDb } from '../../scripts/test-support/vulndb-fixture.mjs';
import { listTree, runAction, type RunResult } from '../../scripts/test-support/run-action.mjs';

const VERSION = '1.22.12';
const ARCH = 'x64';
const ARCHIVE = `go${VERSION}.linux-amd64.tar.gz`;
const MANIFEST_PATH = '/?mode=json&include=all';
const VULN_INDEX = '/vuln/index/modules.json';

type Target = 'archive' | 'manifest' | 'vulndb';
type FaultSpec = Parameters<Mirror['setFault']>[1];

interface Case {
  name: string;
  target: Target;
  fault: FaultSpec;
  /** exit 0 (installed) or exit 1 (refused, tool cache unchanged) */
  ok: boolean;
  /** requests the mirror saw for the target */
  tries: number;
  /** the run must not end before this (Retry-After honoured) */
  minMs?: number;
}

const CASES: Case[] = [
  {
    name: 'archive: connection dropped once',
    target: 'archive',
    fault: { kind: 'drop', times: 1 },
    ok: true,
    tries: 2
  },
  { name: 'archive: connection dropped always', target: 'archive', fault: { kind: 'drop' }, ok: false, tries: 3 },
  { name: 'archive: stalled once', target: 'archive', fault: { kind: 'stall', times: 1 }, ok: true, tries: 2 },
  { name: 'archive: stalled always', target: 'archive', fault: { kind: 'stall' }, ok: false, tries: 3 },
  { name: 'archive: truncated once', target: 'archive', fault: { kind: 'truncate', times: 1 }, ok: true, tries: 2 },
  { name: 'archive: truncated always', target: 'archive', fault: { kind: 'truncate' }, ok: false, tries: 3 },
  {
    name: 'archive: 500 twice then 200',
    target: 'archive',
    fault: { kind: 'status', code: 500, times: 2 },
    ok: true,
    tries: 3
  },
  { name: 'archive: 503 always', target: 'archive', fault: { kind: 'status', code: 503 }, ok: false, tries: 3 },
  {
    name: 'archive: 429 Retry-After 1 then 200',
    target: 'archive',
    fault: { kind: '429', retryAfter: 1, times: 1 },
    ok: true,
    tries: 2,
    minMs: 1000
  },
  { name: 'archive: 404', target: 'archive', fault: { kind: 'status', code: 404 }, ok: false, tries: 1 },
  { name: 'archive: 403', target: 'archive', fault: { kind: 'status', code: 403 }, ok: false, tries: 1 },
  {
    name: 'archive: corrupt body (sha256 mismatch) is not retried',
    target: 'archive',
    fault: 'corrupt',
    ok: false,
    tries: 1
  },
  { name: 'archive: redirect then 200', target: 'archive', fault: { kind: 'redirect', times: 1 }, ok: true, tries: 2 },
  {
    name: 'manifest: connection dropped once',
    target: 'manifest',
    fault: { kind: 'drop', times: 1 },
    ok: true,
    tries: 2
  },
  {
    name: 'manifest: stalled twice then OK',
    target: 'manifest',
    fault: { kind: 'stall', times: 2 },
    ok: true,
    tries: 3
  },
  { name: 'manifest: truncated once', target: 'manifest', fault: { kind: 'truncate', times: 1 }, ok: true, tries: 2 },
  { name: 'manifest: truncated always', target: 'manifest', fault: { kind: 'truncate' }, ok: false, tries: 3 },
  {
    name: 'manifest: 500 then 200',
    target: 'manifest',
    fault: { kind: 'status', code: 500, times: 1 },
    ok: true,
    tries: 2
  },
  { name: 'manifest: 500 always', target: 'manifest', fault: { kind: 'status', code: 500 }, ok: false, tries: 3 },
  {
    name: 'manifest: 429 Retry-After 1 then 200',
    target: 'manifest',
    fault: { kind: '429', retryAfter: 1, times: 1 },
    ok: true,
    tries: 2,
    minMs: 1000
  },
  {
    name: 'manifest: 429 Retry-After beyond the 60 s budget',
    target: 'manifest',
    fault: { kind: '429', retryAfter: 120 },
    ok: false,
    tries: 1
  },
  { name: 'manifest: 404', target: 'manifest', fault: { kind: 'status', code: 404 }, ok: false, tries: 1 },
  { name: 'vulndb: 500 then 200', target: 'vulndb', fault: { kind: 'status', code: 500, times: 1 }, ok: true, tries: 2 }
];

interface Outcome {
  result: RunResult;
  /** statuses of the target's requests (and of the redirect target), in order */
  statuses: number[];
  before: string[];
  after: string[];
  /** the archive was requested this often (to prove a failed manifest stops before it) */
  archiveRequests: number;
}

let root: string;
let archivePath: string;
let archiveSha: string;
let archiveSize: number;
let expectedTree: string[];
let workspace: string;
let vulnDir: string;
const outcomes = new Map<string, Outcome>();

/** A tool cache that already holds a complete Go 1.21.13 (tree + marker). */
function seededToolCache(dir: string): string {
  const tc = path.join(dir, 'toolcache');
  const goRoot = path.join(tc, 'go', '1.21.13', ARCH);
  mkdirSync(path.join(goRoot, 'bin'), { recursive: true });
  writeFileSync(path.join(goRoot, 'VERSION'), 'go1.21.13\ntime 2026-01-01T00:00:00Z\n');
  writeFileSync(path.join(goRoot, 'bin', 'go'), goScript({ version: '1.21.13', goos: 'linux', goarch: 'amd64' }), {
    mode: 0o755
  });
  writeFileSync(`${goRoot}.complete`, '');
  return tc;
}

function isStall(f: FaultSpec): boolean {
  return f === 'stall' || (typeof f === 'object' && f !== null && f.kind === 'stall');
}

function targetPath(t: Target): string {
  return t === 'archive' ? `/${ARCHIVE}` : t === 'manifest' ? MANIFEST_PATH : VULN_INDEX;
}

async function runCase(c: Case, index: number): Promise<Outcome> {
  const dir = mkdtempSync(path.join(root, `case${index}-`));
  const manifest = buildFixtureManifest({
    files: { [VERSION]: [{ os: 'linux', arch: 'amd64', filename: ARCHIVE, sha256: archiveSha, size: archiveSize }] }
  });
  const mirror = await startMirror({ manifest, vulnDir });
  try {
    mirror.addFile(ARCHIVE, archivePath);
    // The fault key: the archive path, the manifest's path ("/" matches it without the query),
    // the vulnerability index.
    mirror.setFault(c.target === 'manifest' ? '/' : targetPath(c.target), c.fault);
    const toolCache = seededToolCache(dir);
    const before = listTree(toolCache);
    const result = await runAction({
      inputs: {
        'go-version': VERSION,
        'go-download-base-url': mirror.url,
        ...(c.target === 'vulndb' ? { 'vulndb-url': `${mirror.url}/vuln` } : { checks: 'vulnerabilities: off' })
      },
      workspace,
      toolCache,
      temp: path.join(dir, 'temp'),
      // a short idle timeout for the stall cases only (elsewhere a busy machine must not time out)
      env: isStall(c.fault) ? { SETUP_GO_HTTP_TIMEOUT_MS: '1500' } : {},
      timeoutMs: 90_000
    });
    const own = mirror.requests.filter(
      (r) => r.path === targetPath(c.target) || r.path.startsWith(`/_redirect${targetPath(c.target)}`)
    );
    return {
      result,
      statuses: own.map((r) => r.status),
      before,
      after: listTree(toolCache),
      archiveRequests: mirror.requestsFor(`/${ARCHIVE}`).filter((q) => q.path === `/${ARCHIVE}`).length
    };
  } finally {
    await mirror.close();
  }
}

/** Runs `fn` over `items` with at most `limit` at once. */
async function pool<T>(items: T[], limit: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'sge-e2e-faults-'));
  const tc = await buildSyntheticToolchain({
    version: VERSION,
    os: 'linux',
    arch: 'amd64',
    outDir: path.join(root, 'archives')
  });
  archivePath = tc.path;
  archiveSha = tc.sha256;
  archiveSize = tc.size;
  const ref = path.join(root, 'reference');
  mkdirSync(ref);
  execFileSync('tar', ['-xzf', archivePath, '-C', ref]);
  expectedTree = listTree(path.join(ref, 'go'));
  workspace = path.join(root, 'ws');
  mkdirSync(workspace);
  writeFileSync(path.join(workspace, 'go.mod'), 'module example.com/x\n\ngo 1.22\n');
  vulnDir = path.join(root, 'vulndb');
  await buildVulnDb(vulnDir, []);
  await pool(CASES, 3, async (c, i) => {
    outcomes.set(c.name, await runCase(c, i));
  });
}, 120_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

const okCases = CASES.filter((c) => c.ok);
const failCases = CASES.filter((c) => !c.ok);

describe('faults that clear up: the install succeeds after retrying', () => {
  test.each(okCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const o = outcomes.get(c.name)!;
    const r = o.result;
    expect(r.stdout + r.stderr).not.toMatch(/^\s+at /m);
    expect(r.errors).toEqual([]);
    expect(r.code).toBe(0);
    expect(o.statuses).toHaveLength(c.tries);
    expect(o.statuses[o.statuses.length - 1]).toBe(200);
    const goRoot = path.join(r.toolCache, 'go', VERSION, ARCH);
    expect(r.outputs['go-root']).toBe(goRoot);
    expect(r.outputs['go-version']).toBe(VERSION);
    expect(r.outputs['toolchain-cache-hit']).toBe('false');
    // one intact tree, the marker, no staging or lock leftovers; the older install untouched
    expect(listTree(goRoot)).toEqual(expectedTree);
    expect(readdirSync(path.dirname(goRoot)).sort()).toEqual([ARCH, `${ARCH}.complete`]);
    expect(o.after.filter((l) => l.startsWith('go/1.21.13'))).toEqual(
      o.before.filter((l) => l.startsWith('go/1.21.13'))
    );
    if (c.minMs) expect(r.durationMs).toBeGreaterThanOrEqual(c.minMs);
  });
});

describe('faults that persist (or are final): exit 1, one error, tool cache unchanged', () => {
  test.each(failCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const o = outcomes.get(c.name)!;
    const r = o.result;
    expect(r.code).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain(c.target === 'archive' ? ARCHIVE : 'manifest');
    expect(r.stdout + r.stderr).not.toMatch(/^\s+at /m);
    expect(o.statuses).toHaveLength(c.tries);
    expect(o.after).toEqual(o.before);
    expect(r.outputs['go-root']).toBeUndefined();
    expect(r.env.GOROOT).toBeUndefined();
    // a manifest that cannot be read stops the run before any download (a 404 listing means a
    // mirror without one: only <archive>.sha256 is asked for, and its absence refuses the archive)
    if (c.target === 'manifest') expect(o.archiveRequests).toBe(0);
    // bounded: 3 tries with backoff, far below the 60 s budget
    expect(r.durationMs).toBeLessThan(60_000);
  });
});

test('nothing is left in RUNNER_TEMP by a failed download', () => {
  for (const c of failCases) {
    const temp = outcomes.get(c.name)!.result.temp;
    const leftovers = existsSync(temp) ? readdirSync(temp).filter((n) => /\.(tar\.gz|zip)$|staging/.test(n)) : [];
    expect({ case: c.name, leftovers }).toEqual({ case: c.name, leftovers: [] });
  }
});
