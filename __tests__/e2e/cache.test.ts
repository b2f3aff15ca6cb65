/**
 * Module and build caching end to end: the bundled main step, a real `go build` (Debian's Go 1.19.8)
 * of a module whose dependency comes from a file:// GOPROXY, then the bundled post step with the
 * state the main step saved, as the runner does; the real @actions/cache talks to a stand-in of the
 * cache service on 127.0.0.1 (scripts/test-support/cache-service.mjs). Jobs share one HOME path, as hosted
 * runners do, and start with empty caches.
 */
import { execFile } from 'node:child_process';
import {
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startMirrorServing, type Mirror } from '../../scripts/test-support/mirror.mjs';
import { packRealGo } from '../../scripts/test-support/toolchains.mjs';
import { startCacheService } from '../../scripts/test-support/cache-service.mjs';
import { buildGoProxy, writeApp, DEP_MODULE } from '../../scripts/test-support/goproxy.mjs';
import { DEFAULT_POST, goJobEnv, runJob, userIds } from '../../scripts/test-support/cache-job.mjs';
import { runAction, type RunResult } from '../../scripts/test-support/run-action.mjs';
import type { RunReport } from '../../src/report/json-report.js';
import { TempRoot } from './drop-in-helpers.js';

const execFileAsync = promisify(execFile);
const REAL_GO = '/usr/lib/go-1.19';
const VERSION = '1.19.8';
const PACK_CACHE = path.join(os.tmpdir(), 'setup-go-enforced-fixtures');
const VERSIONS = ['v1.0.0', 'v1.1.0', 'v1.2.0'];

const missing = existsSync(path.join(REAL_GO, 'bin', 'go'))
  ? undefined
  : `${REAL_GO} is not installed (apt-get install golang-1.19-go)`;

type Job = Awaited<ReturnType<typeof runJob>> & { compiled: string[]; report: RunReport };

function warningsAndErrors(r: RunResult | undefined): string[] {
  return (r?.annotations ?? []).filter((a) => a.level !== 'notice').map((a) => `${a.level}: ${a.message}`);
}

if (missing) {
  test.skip(`caching end to end: skipped because ${missing}`, () => undefined);
} else {
  describe(`caching end to end (real @actions/cache, stand-in service, real Go ${VERSION})`, () => {
    const root = new TempRoot('e2e-cache-');
    let mirror: Mirror;
    let service: Awaited<ReturnType<typeof startCacheService>>;
    let proxy: Awaited<ReturnType<typeof buildGoProxy>>;
    let toolCache: string;
    let ws: string;
    let home: string;
    let jobs = 0;

    /** Empties a cache folder (Go makes module folders read-only). */
    async function wipe(dir: string): Promise<void> {
      if (existsSync(dir)) await execFileAsync('chmod', ['-R', 'u+w', dir]);
      rmSync(dir, { recursive: true, force: true });
    }

    /** One job: main, `go build -x`, post. `user` runs all of it as that user. */
    async function job(opts: {
      env?: Record<string, string | null>;
      inputs?: Record<string, string>;
      user?: string;
      home?: string;
      workspace?: string;
      toolCache?: string;
      build?: boolean;
      /** what the job builds (default: the app, -o <temp>/app .) */
      goBuild?: string[];
    }): Promise<Job> {
      const n = ++jobs;
      const temp = root.sub(`temp-${n}`);
      const ids = opts.user ? await userIds(opts.user) : undefined;
      if (ids) chownSync(temp, ids.uid, ids.gid);
      const jobHome = opts.home ?? home;
      const jobWs = opts.workspace ?? ws;
      let compiled: string[] = [];
      const r = await runJob({
        workspace: jobWs,
        toolCache: opts.toolCache ?? toolCache,
        temp,
        user: opts.user,
        inputs: { 'go-download-base-url': mirror.url, checks: 'vulnerabilities: off', ...opts.inputs },
        env: {
          ...goJobEnv({ home: jobHome, goproxy: proxy.url, run: n }),
          ...service.env,
          ...opts.env
        },
        steps: async (env) => {
          if (opts.build === false) return;
          const out = path.join(temp, 'app');
          const b = await execFileAsync('go', ['build', '-x', ...(opts.goBuild ?? ['-o', out, '.'])], {
            cwd: jobWs,
            env,
            encoding: 'utf8',
            timeout: 180_000,
            ...(ids ? { uid: ids.uid, gid: ids.gid } : {})
          });
          compiled = [...b.stderr.matchAll(/\/compile .* -p (\S+) /g)].map((m) => m[1]);
          if (opts.goBuild) return;
          const run = await execFileAsync(out, [], { encoding: 'utf8' });
          expect(run.stdout).toMatch(/^dep v1\.\d\.0 \d+/);
        }
      });
      if (r.main.code !== 0) throw new Error(`main failed:\n${r.main.stdout}\n${r.main.stderr}`);
      const report = JSON.parse(readFileSync(r.main.outputs.report, 'utf8')) as RunReport;
      return { ...r, compiled, report };
    }

    /** Names in a saved entry's archive. */
    async function archiveNames(key: string, zstd = true): Promise<string[]> {
      const blob = service.blob(key);
      if (!blob) throw new Error(`no entry ${key}`);
      const file = path.join(root.dir, `entry-${Date.now()}.tar`);
      writeFileSync(file, blob);
      const args = zstd ? ['--use-compress-program', 'unzstd', '-tf', file] : ['-tzf', file];
      const { stdout } = await execFileAsync('tar', args, { encoding: 'utf8', maxBuffer: 64 << 20 });
      return stdout.split('\n').filter(Boolean);
    }

    const keys = () => service.entries().map((e) => e.key);
    /** the first modules and build entries saved (job 1's) */
    const firstMod = () => keys().find((k) => k.startsWith('setup-go-enforced-mod-'));
    const firstBuild = () => keys().find((k) => k.startsWith('setup-go-enforced-build-'));

    beforeAll(async () => {
      const packed = await packRealGo({ srcDir: REAL_GO, version: VERSION, outDir: PACK_CACHE });
      mirror = await startMirrorServing({
        version: VERSION,
        upTo: VERSION,
        os: 'linux',
        arch: 'amd64',
        archive: packed
      });
      service = await startCacheService();
      proxy = await buildGoProxy(root.sub('proxy'), VERSIONS);
      toolCache = root.sub('toolcache');
      ws = root.sub('ws');
      home = root.sub('home');
      await writeApp(ws, 'v1.0.0', proxy.sums);
    }, 240_000);

    afterAll(async () => {
      await mirror?.close();
      await service?.close();
      await execFileAsync('chmod', ['-R', 'u+w', root.dir]).catch(() => undefined);
      root.cleanup();
    });

    let first: Job;
    test('job 1: both entries miss; after the build, the post step saves a modules and a build entry', async () => {
      first = await job({});
      expect(first.main.outputs['cache-hit']).toBe('false');
      expect(first.main.outputs['cache-matched-key']).toBe('');
      expect(first.report.cache).toMatchObject({
        status: 'restored',
        save: true,
        dependencyFiles: ['go.sum'],
        modules: { result: 'miss', path: path.join(home, 'go', 'pkg', 'mod') },
        build: { result: 'miss', path: path.join(home, '.cache', 'go-build') }
      });
      expect(first.compiled).toEqual(expect.arrayContaining([DEP_MODULE]));
      expect(first.post?.code).toBe(0);
      expect(warningsAndErrors(first.post)).toEqual([]);
      const saved = keys();
      expect(saved).toHaveLength(2);
      // saved at once: in either order
      expect(saved.sort()).toEqual(
        [`${first.report.cache!.build!.key}-run${jobs}-1`, first.report.cache!.modules!.key].sort()
      );
      expect(first.post?.summary).toMatch(/### Cache saved/);
    }, 300_000);

    test('job 2: same HOME, empty caches, the proxy gone: builds from the cache alone, compiles nothing, saves nothing', async () => {
      await wipe(path.join(home, 'go'));
      await wipe(path.join(home, '.cache'));
      const r = await job({ env: { GOPROXY: 'off' } });
      expect(r.main.outputs['cache-hit']).toBe('true');
      expect(r.main.outputs['cache-matched-key']).toBe(firstMod());
      expect(r.report.cache?.modules).toMatchObject({ result: 'exact', matchedKey: firstMod() });
      expect(r.report.cache?.build).toMatchObject({ result: 'exact', matchedKey: firstBuild() });
      expect(r.report.cache?.modules?.bytes).toBeGreaterThan(0);
      expect(r.report.cache?.build?.files).toBeGreaterThan(0);
      expect(r.compiled).toEqual([]);
      expect(warningsAndErrors(r.main)).toEqual([]);
      expect(r.post?.code).toBe(0);
      expect(warningsAndErrors(r.post)).toEqual([]);
      expect(keys()).toHaveLength(2);
      expect(r.main.summary).toMatch(/### Cache[\s\S]*\| modules \| exact \|/);
    }, 300_000);

    test('a matrix job that finishes second: its post finds the keys taken, says so in a notice, uploads nothing', async () => {
      // The post step of job 1 again, with its state: both keys exist now.
      const before = service.requests.length;
      const state: Record<string, string> = {};
      for (const [k, v] of Object.entries(first.main.state)) state[`STATE_${k}`] = v;
      // Make both entries look changed, so the post step wants to save them.
      await wipe(path.join(home, '.cache'));
      await wipe(path.join(home, 'go'));
      await job({ build: true });
      const post = await runAction({
        distPath: DEFAULT_POST,
        workspace: ws,
        toolCache,
        temp: root.sub('temp-race'),
        inputs: {},
        env: { HOME: home, ...service.env, ...state, GITHUB_RUN_ID: 'run1', GITHUB_RUN_ATTEMPT: '1' }
      });
      expect(post.code).toBe(0);
      expect(warningsAndErrors(post)).toEqual([]);
      const notices = post.annotations.filter((a) => a.level === 'notice').map((a) => a.message);
      expect(notices).toEqual([
        expect.stringContaining('another job saved this key first'),
        expect.stringContaining('another job saved this key first')
      ]);
      const racing = service.requests.slice(before);
      expect(racing.filter((q) => q.method === 'PUT')).toHaveLength(0);
    }, 300_000);

    test('job 3: a dependency bump restores the older entries (partial) and saves new entries without the old version', async () => {
      const n = keys().length;
      await wipe(path.join(home, 'go'));
      await wipe(path.join(home, '.cache'));
      await writeApp(ws, 'v1.1.0', proxy.sums);
      const r = await job({});
      expect(r.main.outputs['cache-hit']).toBe('false');
      expect(r.report.cache?.modules).toMatchObject({ result: 'partial', matchedKey: firstMod() });
      expect(r.report.cache?.build?.result).toBe('partial');
      expect(r.main.outputs['cache-matched-key']).toBe(firstMod());
      expect(r.compiled).toEqual(expect.arrayContaining([DEP_MODULE]));
      expect(r.post?.code).toBe(0);
      expect(warningsAndErrors(r.post)).toEqual([]);
      // The post step saves both entries at once: in either order.
      const added = keys().slice(n);
      const modKey = r.report.cache!.modules!.key;
      expect(added).toHaveLength(2);
      expect(added).toEqual(expect.arrayContaining([modKey, expect.stringContaining(r.report.cache!.build!.key)]));
      // The saved module entry holds v1.1.0 only: v1.0.0 (restored, no longer in go.sum) was left out.
      const names = await archiveNames(modKey);
      expect(names.some((n) => n.includes(`${DEP_MODULE}@v1.1.0/`))).toBe(true);
      expect(names.some((n) => n.includes('@v1.0.0'))).toBe(false);
      expect(names.some((n) => n.endsWith('/@v/v1.0.0.zip'))).toBe(false);
      // ... and the module cache on disk still has it (nothing deleted, only left out of the entry).
      expect(existsSync(path.join(home, 'go', 'pkg', 'mod', `${DEP_MODULE}@v1.0.0`))).toBe(true);
    }, 300_000);

    test('without zstd: gzip entries, separate from the zstd ones; a second job without zstd hits them', async () => {
      const bin = root.sub('bin-no-zstd');
      for (const tool of ['tar', 'gzip', 'sh', 'chmod', 'rm', 'id']) {
        const { stdout } = await execFileAsync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
        symlinkSync(stdout.trim(), path.join(bin, tool));
      }
      const env = { PATH: bin };
      const n = keys().length;
      await wipe(path.join(home, 'go'));
      await wipe(path.join(home, '.cache'));
      const a = await job({ env });
      // The zstd entries of the same keys are invisible without zstd: a miss.
      expect(a.report.cache?.modules?.result).toBe('miss');
      expect(a.post?.code).toBe(0);
      expect(warningsAndErrors(a.post)).toEqual([]);
      const gzAll = service.entries().slice(n);
      expect(gzAll).toHaveLength(2);
      const gz = gzAll.filter((e) => e.key === a.report.cache!.modules!.key);
      expect(gz).toHaveLength(1);
      expect(gz[0].version).not.toBe(service.entries().find((e) => e.key === gz[0].key)!.version);
      expect((await archiveNames(gz[0].key, false)).length).toBeGreaterThan(0);

      await wipe(path.join(home, 'go'));
      await wipe(path.join(home, '.cache'));
      const b = await job({ env: { ...env, GOPROXY: 'off' } });
      expect(b.main.outputs['cache-hit']).toBe('true');
      expect(b.report.cache?.build?.result).toBe('exact');
      expect(b.compiled).toEqual([]);
    }, 300_000);

    test('the cache service down: warnings at most, exit 0, the job builds; the post step exits 0', async () => {
      await wipe(path.join(home, 'go'));
      await wipe(path.join(home, '.cache'));
      const down = await startCacheService();
      const url = down.env.ACTIONS_RESULTS_URL;
      await down.close();
      const r = await job({ env: { ACTIONS_RESULTS_URL: url } });
      expect(r.main.code).toBe(0);
      expect(r.main.errors).toEqual([]);
      expect(r.report.cache?.modules).toMatchObject({
        result: 'failed',
        message: expect.stringContaining('ECONNREFUSED')
      });
      expect(r.report.cache?.build?.result).toBe('failed');
      expect(r.main.outputs['cache-hit']).toBe('false');
      expect(warningsAndErrors(r.main)).toEqual([expect.stringMatching(/^warning: cache: restore failed/)]);
      expect(r.post?.code).toBe(0);
      expect(r.post?.errors).toEqual([]);
    }, 300_000);

    test.each([
      ['an input error', { 'go-version': 'bogus' }],
      ['a failed download', { 'go-version': '1.22.3', 'go-download-base-url': 'http://127.0.0.1:9/' }]
    ])(
      'a run that stops before its restore (%s) ends with exit 1: the idle cache worker does not hold the process',
      async (_name, inputs) => {
        const r = await runAction({
          workspace: ws,
          toolCache,
          temp: root.sub(`temp-stopped-${inputs['go-version']}`),
          inputs,
          timeoutMs: 60_000,
          env: { HOME: home, ...service.env, SETUP_GO_HTTP_TIMEOUT_MS: '2000', GO_DOWNLOAD_BASE_URL: null }
        });
        expect(r.timedOut).toBe(false);
        expect(r.code).toBe(1);
        expect(r.errors).toHaveLength(1);
      },
      120_000
    );

    test('no runtime token: one warning, exit 0, nothing restored', async () => {
      const r = await job({ env: { ACTIONS_RUNTIME_TOKEN: null }, build: false });
      expect(r.main.code).toBe(0);
      expect(r.main.errors).toEqual([]);
      expect(r.report.cache?.modules?.result).toBe('failed');
      expect(warningsAndErrors(r.main)).toEqual([expect.stringMatching(/^warning: cache: restore failed/)]);
      expect(r.post?.code).toBe(0);
      expect(r.post?.errors).toEqual([]);
    }, 300_000);

    test('as a non-root user, over a module cache that already has (read-only) files: restored, no "File exists"', async () => {
      const { uid, gid } = await userIds('nobody');
      const base = root.sub('nobody');
      const nhome = path.join(base, 'home');
      const nws = path.join(base, 'ws');
      const ntc = path.join(base, 'toolcache');
      mkdirSync(nhome, { recursive: true });
      cpSync(ws, nws, { recursive: true });
      cpSync(toolCache, ntc, { recursive: true });
      await execFileAsync('chmod', ['755', root.dir, base]);
      await execFileAsync('chmod', ['-R', 'a+rX', proxy.dir]);
      await execFileAsync('chown', ['-R', `${uid}:${gid}`, nhome, nws, ntc]);
      const as = { user: 'nobody', home: nhome, workspace: nws, toolCache: ntc };
      const a = await job(as);
      expect(a.post?.code).toBe(0);
      expect(warningsAndErrors(a.post)).toEqual([]);
      // Job 2 of this user: the module cache still holds job 1's files (as when setup runs twice,
      // or a step downloaded modules before it); only the build cache is empty.
      await execFileAsync('rm', ['-rf', path.join(nhome, '.cache')]);
      expect(readdirSync(path.join(nhome, 'go', 'pkg', 'mod', path.dirname(DEP_MODULE)))).toEqual([
        expect.stringMatching(/^dep@v1\.\d\.0$/)
      ]);
      const b = await job({ ...as, env: { GOPROXY: 'off' } });
      expect(warningsAndErrors(b.main)).toEqual([]);
      expect(b.report.cache?.modules?.result).toBe('exact');
      expect(b.report.cache?.build?.result).toBe('exact');
      expect(b.compiled).toEqual([]);
      expect(b.post?.code).toBe(0);
    }, 300_000);
    test('two jobs of one run (lint builds a little, test a lot) keep a build entry each; next run the test job restores its own', async () => {
      const run = 900;
      const inRun = (name: string, n: number) => ({ GITHUB_JOB: name, GITHUB_RUN_ID: `run${n}` });
      const clean = async () => {
        await wipe(path.join(home, '.cache'));
      };
      await clean();
      // One run: the lint job finishes (and saves) first, as it usually does.
      // -trimpath: build actions no earlier job of this suite ran, so the lint job has entries to save
      const lint = await job({ env: inRun('lint', run), goBuild: ['-trimpath', DEP_MODULE] });
      await clean();
      const test1 = await job({ env: inRun('test', run) });
      expect(lint.post?.code).toBe(0);
      expect(test1.post?.code).toBe(0);
      const buildKeysOfRun = keys().filter((k) => k.includes('-build-') && k.endsWith(`-run${run}-1`));
      expect(buildKeysOfRun).toEqual([expect.stringContaining('-lint~'), expect.stringContaining('-test~')]);
      // The next run: the test job restores its own entry and compiles nothing.
      await clean();
      const test2 = await job({ env: inRun('test', run + 1) });
      expect(test2.report.cache?.build).toMatchObject({
        result: 'exact',
        matchedKey: expect.stringContaining('-test~')
      });
      expect(test2.compiled).toEqual([]);
      // ... and a matrix leg with a cache-key-suffix keeps its own entry too.
      await clean();
      const race = await job({ env: inRun('test', run + 2), inputs: { 'cache-key-suffix': 'race' } });
      expect(race.report.cache?.build?.key).toContain('-test+race~');
      expect(race.report.cache?.build?.result).toBe('partial');
    }, 600_000);
  });
}
