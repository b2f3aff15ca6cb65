/**
 * End to end: jobs that install at the same moment into ONE shared RUNNER_TOOL_CACHE (self-hosted
 * runners). Real processes of the bundle, each with its own RUNNER_TEMP and GITHUB_* files.
 *
 * The mirror delays every archive response by 1.5 s, so all jobs are inside the install at the
 * same time: without the install lock each would download and unpack its own copy.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startMirror, type Mirror } from '../../scripts/test-support/mirror.mjs';
import { buildFixtureManifest } from '../../scripts/test-support/manifest-fixture.mjs';
import { buildSyntheticToolchain } from '../../scripts/test-support/toolchains.mjs';
import { listTree, spawnAction, type RunResult } from '../../scripts/test-support/run-action.mjs';

const ARCH = 'x64';
const VERSIONS = ['1.22.12', '1.21.13'] as const;
const archiveName = (v: string) => `go${v}.linux-amd64.tar.gz`;

let root: string;
let mirror: Mirror;
let workspace: string;
/** per version: the tree and the `go` script of the archive, extracted by plain tar */
const reference = new Map<string, { tree: string[]; goScript: string }>();

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'sge-e2e-concurrency-'));
  const files: Record<string, { os: string; arch: string; filename: string; sha256: string; size: number }[]> = {};
  const built: { name: string; path: string }[] = [];
  for (const v of VERSIONS) {
    const tc = await buildSyntheticToolchain({
      version: v,
      os: 'linux',
      arch: 'amd64',
      outDir: path.join(root, 'archives')
    });
    files[v] = [{ os: 'linux', arch: 'amd64', filename: tc.filename, sha256: tc.sha256, size: tc.size }];
    built.push({ name: tc.filename, path: tc.path });
    const ref = path.join(root, `ref-${v}`);
    mkdirSync(ref);
    execFileSync('tar', ['-xzf', tc.path, '-C', ref]);
    reference.set(v, {
      tree: listTree(path.join(ref, 'go')),
      goScript: readFileSync(path.join(ref, 'go', 'bin', 'go'), 'utf8')
    });
  }
  mirror = await startMirror({ manifest: buildFixtureManifest({ files }) });
  for (const b of built) {
    mirror.addFile(b.name, b.path);
    mirror.setFault(`/${b.name}`, { kind: 'delay', ms: 1500 });
  }
  workspace = path.join(root, 'ws');
  mkdirSync(workspace);
  writeFileSync(path.join(workspace, 'go.mod'), 'module example.com/x\n\ngo 1.21\n');
});

afterAll(async () => {
  await mirror?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Starts one job per entry of `versions` at the same moment; all share `toolCache`. */
async function runJobs(versions: string[], toolCache: string): Promise<RunResult[]> {
  const jobs = versions.map((v, i) =>
    spawnAction({
      inputs: { 'go-version': v, 'go-download-base-url': mirror.url, checks: 'vulnerabilities: off' },
      workspace,
      toolCache,
      temp: path.join(root, `temp-${path.basename(toolCache)}-${i}`),
      timeoutMs: 90_000
    })
  );
  return Promise.all(jobs.map((j) => j.result));
}

/** Names in the tool cache's version folder: only the tree and its marker may remain. */
function versionFolder(toolCache: string, v: string): string[] {
  return readdirSync(path.join(toolCache, 'go', v)).sort();
}

function expectIntactTree(goRoot: string, v: string): void {
  const ref = reference.get(v)!;
  expect(listTree(goRoot)).toEqual(ref.tree);
  expect(readFileSync(path.join(goRoot, 'bin', 'go'), 'utf8')).toBe(ref.goScript);
  expect(readFileSync(path.join(goRoot, 'VERSION'), 'utf8').split('\n')[0]).toBe(`go${v}`);
}

describe('8 jobs install the same version into one shared tool cache at the same moment', () => {
  let results: RunResult[];
  let toolCache: string;
  let archiveRequests: number;
  /** arrival times (ms) of the requests, by path */
  const arrivals: { path: string; at: number }[] = [];
  const v = VERSIONS[0];

  beforeAll(async () => {
    toolCache = path.join(root, 'shared-cache-a');
    mirror.clearRequests();
    // time-stamp each request as the mirror logs it
    const log = mirror.requests;
    const push = log.push.bind(log);
    log.push = (...items) => {
      for (const r of items) arrivals.push({ path: r.path, at: Date.now() });
      return push(...items);
    };
    try {
      results = await runJobs(Array(8).fill(v), toolCache);
    } finally {
      log.push = push;
    }
    archiveRequests = mirror.requestsFor(`/${archiveName(v)}`).length;
  }, 120_000);

  test('all 8 jobs exit 0 without errors', () => {
    expect(results.map((r) => r.code)).toEqual(Array(8).fill(0));
    expect(results.flatMap((r) => r.errors)).toEqual([]);
  });

  test('all report the same go-root and go-version', () => {
    const goRoot = path.join(toolCache, 'go', v, ARCH);
    expect(new Set(results.map((r) => r.outputs['go-root']))).toEqual(new Set([goRoot]));
    expect(new Set(results.map((r) => r.outputs['go-version']))).toEqual(new Set([v]));
  });

  test('all 8 jobs were planning or installing while the first download was still running', () => {
    // The archive answer is delayed 1.5 s: every job fetched the manifest before that download could
    // have finished, so each then met an incomplete install (not a finished one found by luck).
    const archiveAt = arrivals.find((a) => a.path === `/${archiveName(v)}`)!.at;
    const manifestAts = arrivals.filter((a) => a.path.startsWith('/?mode=json')).map((a) => a.at);
    expect(manifestAts).toHaveLength(8);
    expect(Math.max(...manifestAts)).toBeLessThan(archiveAt + 1500);
  });

  test('the archive was downloaded once: one job installed, the 7 others waited on the lock and found it complete', () => {
    expect(archiveRequests).toBe(1);
    expect(results.filter((r) => r.outputs['toolchain-cache-hit'] === 'false')).toHaveLength(1);
    expect(results.filter((r) => r.outputs['toolchain-cache-hit'] === 'true')).toHaveLength(7);
  });

  test('the tool cache holds one intact tree and its marker, no staging folder, lock or take-over dir', () => {
    expect(readdirSync(path.join(toolCache, 'go'))).toEqual([v]);
    expect(versionFolder(toolCache, v)).toEqual([ARCH, `${ARCH}.complete`]);
    expectIntactTree(path.join(toolCache, 'go', v, ARCH), v);
  });
});

describe('two different versions at once (two jobs each) do not disturb each other', () => {
  let results: RunResult[];
  let toolCache: string;

  beforeAll(async () => {
    toolCache = path.join(root, 'shared-cache-b');
    mirror.clearRequests();
    results = await runJobs([VERSIONS[0], VERSIONS[1], VERSIONS[0], VERSIONS[1]], toolCache);
  }, 120_000);

  test('all exit 0 and each reports its own version and go-root', () => {
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    results.forEach((r, i) => {
      const v = VERSIONS[i % 2];
      expect(r.outputs['go-version']).toBe(v);
      expect(r.outputs['go-root']).toBe(path.join(toolCache, 'go', v, ARCH));
    });
  });

  test('each version was downloaded once and both trees are intact', () => {
    for (const v of VERSIONS) {
      expect(mirror.requestsFor(`/${archiveName(v)}`)).toHaveLength(1);
      expect(versionFolder(toolCache, v)).toEqual([ARCH, `${ARCH}.complete`]);
      expectIntactTree(path.join(toolCache, 'go', v, ARCH), v);
    }
    expect(readdirSync(path.join(toolCache, 'go')).sort()).toEqual([...VERSIONS].sort());
  });
});
