/**
 * The cache section of the JSON report and the job summary, and the cache stage's decisions that
 * need no service: skipped without a cache service, nothing to save without state or with
 * cache-save false.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryHost } from '../../src/hosts/host.js';
import type { ReportCache } from '../../src/report/json-report.js';
import { renderCacheSaveSummary, renderSummary } from '../../src/report/summary.js';
import { restoreCaches } from '../../src/cache/restore.js';
import { saveCaches } from '../../src/cache/save.js';
import { encodeState, STATE_NAME } from '../../src/cache/state.js';
import { sampleReport } from '../report/report-fixture.js';
import { runContext } from '../run-context-fixture.js';
import type { InstallOutcome } from '../../src/install/stage.js';

const cache: ReportCache = {
  status: 'restored',
  reason: 'n/a',
  save: true,
  dependencyFiles: ['go.sum'],
  modules: {
    path: '/home/runner/go/pkg/mod',
    key: 'setup-go-enforced-mod-Linux-abc',
    restoreKeys: ['setup-go-enforced-mod-Linux-'],
    result: 'partial',
    matchedKey: 'setup-go-enforced-mod-Linux-old',
    files: 120,
    bytes: 3 * 1024 * 1024,
    message: 'n/a'
  },
  build: {
    path: '/home/runner/.cache/go-build',
    key: 'setup-go-enforced-build-Linux-x64-go1.22.12-abc',
    restoreKeys: ['setup-go-enforced-build-Linux-x64-go1.22.12-abc-', 'setup-go-enforced-build-Linux-x64-go1.22.12-'],
    result: 'miss',
    files: 1,
    bytes: 1,
    matchedKey: 'k',
    message: 'n/a'
  },
  ms: 812
};

describe('report section', () => {
  test('docs/report-schema.md documents every field of the cache section', () => {
    const doc = readFileSync(new URL('../../docs/report-schema.md', import.meta.url), 'utf8');
    const documented = new Set([...doc.matchAll(/^\|\s*`([^`]+)`/gm)].map((m) => m[1]));
    const missing: string[] = [];
    const visit = (o: unknown, prefix: string): void => {
      if (o === null || typeof o !== 'object' || Array.isArray(o)) return;
      for (const [k, v] of Object.entries(o)) {
        const name = `${prefix}.${k}`;
        if (!documented.has(name)) missing.push(name);
        visit(v, name);
      }
    };
    const r = sampleReport({ cache });
    expect(r.cache).toEqual(cache);
    visit(r.cache, 'cache');
    expect(missing).toEqual([]);
  });

  test('no cache section when caching was off: null', () => {
    expect(sampleReport().cache).toBeNull();
  });

  test('the summary says what each entry restored, the matched key, the size and the time', () => {
    const md = renderSummary(sampleReport({ cache }));
    expect(md).toContain('### Cache');
    expect(md).toMatch(
      /\| modules \| partial \| setup-go-enforced-mod-Linux-old \| 3\.0 MiB \(120 files\) \| \/home\/runner\/go\/pkg\/mod \|/
    );
    expect(md).toMatch(/\| build \| miss \|/);
    expect(md).toContain('812 ms');
    const skipped = renderSummary(sampleReport({ cache: { ...cache, status: 'skipped', reason: 'no cache service' } }));
    expect(skipped).toContain('Not restored: no cache service.');
  });

  test('the post summary lists what was saved', () => {
    const md = renderCacheSaveSummary([
      { entry: 'modules', outcome: 'saved', key: 'k1', detail: 'saved', bytes: 2048 },
      { entry: 'build', outcome: 'unchanged', key: 'k2', detail: 'nothing new' }
    ]);
    expect(md).toMatch(/\| modules \| saved \| k1 \| 2\.0 KiB \| saved \|/);
    expect(md).toMatch(/\| build \| unchanged \| k2 \| — \| nothing new \|/);
  });
});

describe('cache stage without a service', () => {
  /** The installed Go the restore is for: one that cannot be run. */
  const installed: InstallOutcome = {
    version: '1.22.12',
    goRoot: '/nonexistent',
    toolchainCacheHit: true,
    sha256Verified: false,
    installed: { expected: '1.22.12', expectedRoot: '/nonexistent' }
  };
  const ctx = (env: NodeJS.ProcessEnv, raw: Record<string, string> = {}) => {
    const c = runContext({ env, raw, dirs: { hosted: true } });
    return { host: c.host, ctx: c };
  };

  test('cache: false restores nothing and says nothing', async () => {
    const { host, ctx: c } = ctx({}, { cache: 'false' });
    expect(await restoreCaches(c, installed)).toBeUndefined();
    expect(host.record.log).toEqual([]);
  });

  test('no cache service: one warning, skipped, cache-hit false, no state for the post step', async () => {
    const { host, ctx: c } = ctx({});
    const out = await restoreCaches(c, installed);
    expect(out?.outputs).toEqual({ 'cache-hit': 'false', 'cache-matched-key': '' });
    expect(out?.report).toMatchObject({ status: 'skipped', modules: null, build: null });
    expect(host.record.log.filter((l) => l.level === 'warning')).toHaveLength(1);
    expect(host.record.state).toEqual({});
    expect(host.record.failed).toBe(false);
  });

  test('a go that cannot be run: a warning, never a failure', async () => {
    const { host, ctx: c } = ctx({ ACTIONS_CACHE_URL: 'http://127.0.0.1:9/' });
    const out = await restoreCaches(c, installed);
    expect(out?.report.status).toBe('skipped');
    expect(host.record.log.filter((l) => l.level === 'warning')).toHaveLength(1);
    expect(host.record.failed).toBe(false);
  });

  test('post: no state, or cache-save false, saves nothing', async () => {
    const none = memoryHost();
    expect(await saveCaches(none)).toEqual([]);
    const off = memoryHost();
    off.saveState(
      STATE_NAME,
      encodeState({
        v: 1,
        save: false,
        since: 0,
        workspace: '/ws',
        runnerOs: 'Linux',
        dependencyFiles: [],
        modules: { path: '/m', saveKey: 'k', result: 'miss' }
      })
    );
    expect(await saveCaches(off)).toEqual([]);
    expect(off.record.log.map((l) => l.level)).toEqual(['info']);
  });

  test('post: a runner cache mode that permits no saves (read) saves nothing, without a warning', async () => {
    const modules = mkdtempSync(path.join(os.tmpdir(), 'mode-read-'));
    writeFileSync(path.join(modules, 'x'), 'x');
    try {
      const host = memoryHost({ ACTIONS_CACHE_MODE: 'read', ACTIONS_CACHE_URL: 'http://127.0.0.1:9/' });
      host.saveState(
        STATE_NAME,
        encodeState({
          v: 1,
          save: true,
          since: 0,
          workspace: modules,
          runnerOs: 'Linux',
          dependencyFiles: [],
          modules: { path: modules, saveKey: 'k', result: 'miss' }
        })
      );
      expect(await saveCaches(host)).toEqual([]);
      expect(host.record.log.map((l) => l.level)).toEqual(['info']);
      expect(readdirSync(modules)).toEqual(['x']);
    } finally {
      rmSync(modules, { recursive: true, force: true });
    }
  });
});
