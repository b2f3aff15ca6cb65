// Caching, side by side with actions/setup-go v7 (npm run bench, part f). Both run as a runner
// runs them (main step, the job's `go build`, post step with the saved state) against the same
// stand-in of the cache service, the same real Go 1.19.8 from a loopback mirror, and the same
// module with a dependency from a file:// GOPROXY. Every job starts with empty caches (a fresh
// hosted runner) and the same HOME path.
//
// setup-go's committed bundles (dist/setup/index.js, dist/cache-save/index.js) are read from a
// snapshot of github.com/actions/setup-go (a git directory or a checkout): --setup-go <path> or
// SETUP_GO_SNAPSHOT; without one, the comparison figures are skipped with a message. Nothing of
// it is part of this project.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { startMirrorServing } from '../test-support/mirror.mjs';
import { buildVulnDb } from '../test-support/vulndb-fixture.mjs';
import { packRealGo } from '../test-support/toolchains.mjs';
import { startCacheService } from '../test-support/cache-service.mjs';
import { buildGoProxy, writeApp } from '../test-support/goproxy.mjs';
import { goJobEnv, runJob, DEFAULT_POST } from '../test-support/cache-job.mjs';
import { median, formatBytes, formatMs } from '../test-support/measure.mjs';

const execFileAsync = promisify(execFile);
const REAL_GO_DIR = '/usr/lib/go-1.19';
const GO_VERSION = '1.19.8';
const BUMPS = 5;
const DEP_VERSIONS = Array.from({ length: BUMPS + 1 }, (_, i) => `v1.${i}.0`);
/** where the search tool's `fetch` leaves the snapshot on this machine */
export const DEFAULT_SNAPSHOT = '/work/.mirror/actions+setup-go/repo';

/**
 * Extracts setup-go's bundles, action.yml and matchers.json from a snapshot into `dir`.
 * @param {string} snapshot  a git directory (bare or .git) or a checkout
 * @param {string} dir
 * @param {string} [ref]     of a git directory: the commit or tag to read (default HEAD)
 * @returns {{ dist: string, post: string, actionYml: string, version: string } | string}  or why not
 */
export function extractSetupGo(snapshot, dir, ref = 'HEAD') {
  const files = [
    'dist/setup/index.js',
    'dist/setup/package.json',
    'dist/cache-save/index.js',
    'dist/cache-save/package.json',
    'action.yml',
    'matchers.json',
    'package.json'
  ];
  if (!existsSync(snapshot)) return `no snapshot of actions/setup-go at ${snapshot}`;
  const isCheckout = existsSync(path.join(snapshot, 'dist', 'setup', 'index.js'));
  for (const f of files) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    try {
      const text = isCheckout
        ? readFileSync(path.join(snapshot, f))
        : execFileSync('git', [`--git-dir=${snapshot}`, 'show', `${ref}:${f}`], {
            maxBuffer: 64 << 20,
            stdio: ['ignore', 'pipe', 'ignore']
          });
      writeFileSync(path.join(dir, f), text);
    } catch {
      return `${snapshot} has no ${f}`;
    }
  }
  const version = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version ?? '?';
  if (!String(version).startsWith('7.')) return `the snapshot at ${snapshot} is setup-go ${version}, not v7`;
  return {
    dist: path.join(dir, 'dist', 'setup', 'index.js'),
    post: path.join(dir, 'dist', 'cache-save', 'index.js'),
    actionYml: path.join(dir, 'action.yml'),
    version
  };
}

/**
 * @param {{
 *   dist: string,
 *   scratch: string,
 *   benchDir: string,
 *   snapshot?: string,
 *   runs?: number,
 *   add: (f: import('./context.mjs').Figure) => void,
 *   skip: (id: string, name: string, goal: string, note: string) => void
 * }} o
 */
export async function benchCache(o) {
  const { add, skip } = o;
  if (!existsSync(path.join(REAL_GO_DIR, 'bin', 'go'))) {
    console.log(`(f) skipped: ${REAL_GO_DIR} is missing. Install it with: sudo apt-get install golang-1.19-go`);
    skip('cache', 'caching side by side with setup-go v7', '-', `${REAL_GO_DIR} missing`);
    return;
  }
  const runs = o.runs ?? 5;
  const post = path.join(path.dirname(o.dist), 'post', 'index.js');
  const ours = {
    name: 'setup-go-enforced',
    dist: o.dist,
    post: existsSync(post) ? post : DEFAULT_POST,
    actionYml: undefined
  };
  const snapshot = o.snapshot ?? process.env.SETUP_GO_SNAPSHOT ?? DEFAULT_SNAPSHOT;
  const extracted = extractSetupGo(snapshot, mkdtempSync(path.join(o.scratch, 'setup-go-v7-')));
  /** @type {{ name: string, dist: string, post: string, actionYml?: string } | undefined} */
  let theirs;
  if (typeof extracted === 'string') {
    console.log(
      `(f) setup-go v7 comparison skipped: ${extracted}. Fetch a snapshot of github.com/actions/setup-go and pass --setup-go <git dir or checkout> (or SETUP_GO_SNAPSHOT).`
    );
  } else {
    theirs = { name: `actions/setup-go ${extracted.version}`, ...extracted };
    console.log(`(f) comparing with actions/setup-go ${extracted.version} from ${snapshot}`);
  }

  const root = mkdtempSync(path.join(o.scratch, 'cache-'));
  const packed = await packRealGo({ srcDir: REAL_GO_DIR, version: GO_VERSION, outDir: o.benchDir });
  const mirror = await startMirrorServing({
    version: GO_VERSION,
    upTo: GO_VERSION,
    os: 'linux',
    arch: 'amd64',
    archive: packed
  });
  mirror.setVulnDir((await buildVulnDb(path.join(root, 'vulndb'))).dir);
  const proxy = await buildGoProxy(path.join(root, 'proxy'), DEP_VERSIONS, { files: 24, funcs: 80 });
  const ws = path.join(root, 'ws');
  const home = path.join(root, 'home');
  const toolCache = path.join(root, 'toolcache');
  mkdirSync(toolCache, { recursive: true });
  let n = 0;

  /** A fresh runner: empty caches under the same HOME path. */
  const freshHome = async () => {
    if (existsSync(home)) await execFileAsync('chmod', ['-R', 'u+w', home]);
    rmSync(home, { recursive: true, force: true });
    mkdirSync(home, { recursive: true });
  };

  /**
   * @param {typeof ours} tool
   * @param {Awaited<ReturnType<typeof startCacheService>>} service
   * @param {{ build?: boolean, proxy?: boolean }} opts
   */
  const job = async (tool, service, opts) => {
    await freshHome();
    const temp = path.join(root, `temp-${++n}`);
    mkdirSync(temp, { recursive: true });
    const r = await runJob({
      workspace: ws,
      toolCache,
      temp,
      dist: tool.dist,
      post: tool.post,
      actionYml: tool.actionYml,
      timeoutMs: 600_000,
      inputs: { 'go-version': GO_VERSION, 'go-download-base-url': mirror.url, 'vulndb-url': `${mirror.url}/vuln` },
      env: {
        ...goJobEnv({ home, goproxy: opts.proxy === false ? 'off' : proxy.url, run: n }),
        ...service.env
      },
      steps: opts.build
        ? async (env) => {
            await execFileAsync('go', ['build', '-o', path.join(temp, 'app'), '.'], { cwd: ws, env, timeout: 600_000 });
          }
        : undefined
    });
    if (r.main.code !== 0 || r.post?.code !== 0) {
      throw new Error(
        `${tool.name} job ${n} failed (main ${r.main.code}, post ${r.post?.code}): ${r.main.errors.join('; ')}`
      );
    }
    const restored = /Cache restored from key|Cache hit for/.test(r.main.stdout);
    return { ...r, restored, total: r.main.durationMs + (r.post?.durationMs ?? 0) };
  };

  /** @type {Record<string, any>} */
  const results = {};
  const tools = /** @type {(typeof ours)[]} */ ([ours, theirs].filter(Boolean));
  /** @type {Map<string, Awaited<ReturnType<typeof startCacheService>>>} */
  const services = new Map();
  try {
    await writeApp(ws, DEP_VERSIONS[0], proxy.sums);
    for (const tool of tools) {
      services.set(tool.name, await startCacheService());
      results[tool.name] = { warm: [], second: [], restoreMs: [], buildMs: [], bumpsRestored: 0 };
      console.log(`(f) ${tool.name}: priming (install Go ${GO_VERSION}, first job saves its caches)...`);
      await job(tool, /** @type {any} */ (services.get(tool.name)), { build: true });
    }
    // The timed runs alternate between the two actions, so a busy machine slows both alike.
    // Warm: exact version cached, exact cache hit, main and post with nothing in between.
    console.log(`(f) warm runs (${runs} each, alternating)...`);
    for (let i = 0; i < runs; i++) {
      for (const tool of tools) {
        results[tool.name].warm.push((await job(tool, /** @type {any} */ (services.get(tool.name)), {})).total);
      }
    }
    // Second job: empty caches, proxy gone; restore plus go build.
    console.log('(f) second jobs (restore + build, alternating)...');
    for (let i = 0; i < Math.max(3, Math.ceil(runs / 2)); i++) {
      for (const tool of tools) {
        const r = await job(tool, /** @type {any} */ (services.get(tool.name)), { build: true, proxy: false });
        const res = results[tool.name];
        res.second.push(r.main.durationMs + r.stepsMs);
        res.restoreMs.push(r.main.durationMs);
        res.buildMs.push(r.stepsMs);
      }
    }
    for (const tool of tools) {
      const service = /** @type {Awaited<ReturnType<typeof startCacheService>>} */ (services.get(tool.name));
      const res = results[tool.name];
      // Five bumps of the dependency, each job on a fresh runner.
      console.log(`(f) ${tool.name}: ${BUMPS} dependency bumps, then a fresh cache for the final go.sum...`);
      for (let b = 1; b <= BUMPS; b++) {
        await writeApp(ws, DEP_VERSIONS[b], proxy.sums);
        const r = await job(tool, service, { build: true });
        if (r.restored) res.bumpsRestored++;
      }
      res.afterBumps = service.entries().slice(-2);
      // A fresh cache for the final go.sum: a new service, one job.
      const fresh = await startCacheService();
      await job(tool, fresh, { build: true });
      res.fresh = fresh.entries();
      await fresh.close();
      await writeApp(ws, DEP_VERSIONS[0], proxy.sums);
    }
  } finally {
    for (const s of services.values()) await s.close();
    await mirror.close();
    if (existsSync(root)) await execFileAsync('chmod', ['-R', 'u+w', root]).catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  }

  const o1 = results[ours.name];
  const t1 = theirs ? results[theirs.name] : undefined;
  const warmOurs = median(o1.warm);
  add({
    id: 'cache-warm',
    name: 'warm run with cache (exact hit), main + post, setup-go-enforced',
    value: warmOurs,
    unit: 'ms',
    display: formatMs(warmOurs),
    goal: '-',
    pass: null,
    note: `median of ${runs}: ${o1.warm.map(formatMs).join(', ')}`
  });
  if (t1) {
    const warmTheirs = median(t1.warm);
    add({
      id: 'cache-warm-setup-go',
      name: 'same, actions/setup-go v7 main + post',
      value: warmTheirs,
      unit: 'ms',
      display: formatMs(warmTheirs),
      goal: '-',
      pass: null,
      note: `median of ${runs}: ${t1.warm.map(formatMs).join(', ')}`
    });
    add({
      id: 'cache-warm-ratio',
      name: 'warm run with cache, ratio to setup-go v7',
      value: warmOurs / warmTheirs,
      unit: 'x',
      display: `${(warmOurs / warmTheirs).toFixed(2)}x`,
      goal: '<= 0.6x',
      pass: warmOurs / warmTheirs <= 0.6
    });
  } else skip('cache-warm-ratio', 'warm run with cache, ratio to setup-go v7', '<= 0.6x', 'no setup-go v7 snapshot');

  const secondOurs = median(o1.second);
  add({
    id: 'cache-second-job',
    name: 'second job (empty caches, no proxy): restore + go build, setup-go-enforced',
    value: secondOurs,
    unit: 'ms',
    display: formatMs(secondOurs),
    goal: '-',
    pass: null,
    note: `median of ${o1.second.length}; main step ${formatMs(median(o1.restoreMs))}, go build ${formatMs(median(o1.buildMs))}`
  });
  if (t1) {
    const secondTheirs = median(t1.second);
    add({
      id: 'cache-second-job-setup-go',
      name: 'same, actions/setup-go v7',
      value: secondTheirs,
      unit: 'ms',
      display: formatMs(secondTheirs),
      goal: '-',
      pass: null,
      note: `median of ${t1.second.length}; main step ${formatMs(median(t1.restoreMs))}, go build ${formatMs(median(t1.buildMs))}`
    });
    add({
      id: 'cache-second-job-ratio',
      name: 'second job restore + build, ratio to setup-go v7',
      value: secondOurs / secondTheirs,
      unit: 'x',
      display: `${(secondOurs / secondTheirs).toFixed(2)}x`,
      goal: '<= 1.0x',
      pass: secondOurs / secondTheirs <= 1.0
    });
  } else
    skip(
      'cache-second-job-ratio',
      'second job restore + build, ratio to setup-go v7',
      '<= 1.0x',
      'no setup-go v7 snapshot'
    );

  const modAfter = o1.afterBumps.find((/** @type {{ key: string }} */ e) => e.key.includes('-mod-'));
  const modFresh = o1.fresh.find((/** @type {{ key: string }} */ e) => e.key.includes('-mod-'));
  const buildAfter = o1.afterBumps.find((/** @type {{ key: string }} */ e) => e.key.includes('-build-'));
  const buildFresh = o1.fresh.find((/** @type {{ key: string }} */ e) => e.key.includes('-build-'));
  const ratio = modAfter.size / modFresh.size;
  add({
    id: 'cache-bumps-bytes',
    name: `module entry saved after ${BUMPS} bumps / fresh download of the final go.sum`,
    value: ratio,
    unit: 'x',
    display: `${ratio.toFixed(2)}x`,
    goal: '<= 1.1x',
    pass: ratio <= 1.1,
    note: `${formatBytes(modAfter.size)} vs ${formatBytes(modFresh.size)}; build entry ${formatBytes(buildAfter.size)} vs fresh ${formatBytes(buildFresh.size)}${
      t1
        ? `; setup-go's one entry ${formatBytes(t1.afterBumps.at(-1).size)} vs fresh ${formatBytes(t1.fresh.at(-1).size)}`
        : ''
    }`
  });
  add({
    id: 'cache-bumps-restored',
    name: `bumped jobs that restored something (of ${BUMPS})`,
    value: o1.bumpsRestored,
    unit: 'jobs',
    display: `${o1.bumpsRestored}/${BUMPS}`,
    goal: `${BUMPS}/${BUMPS}`,
    pass: o1.bumpsRestored === BUMPS,
    note: t1 ? `actions/setup-go v7: ${t1.bumpsRestored}/${BUMPS}` : 'setup-go v7 not measured'
  });
  const postSize = statSync(ours.post).size;
  add({
    id: 'post-bundle-size',
    name: 'post bundle dist/post/index.js (no @actions/cache, no @actions/core)',
    value: postSize / (1024 * 1024),
    unit: 'MiB',
    display: formatBytes(postSize),
    goal: '-',
    pass: null
  });
  const worker = path.join(path.dirname(o.dist), 'cache-worker', 'index.js');
  if (existsSync(worker)) {
    const workerSize = statSync(worker).size;
    add({
      id: 'cache-worker-bundle-size',
      name: 'cache worker dist/cache-worker/index.js (@actions/cache, on its own thread)',
      value: workerSize / (1024 * 1024),
      unit: 'MiB',
      display: formatBytes(workerSize),
      goal: '-',
      pass: null
    });
  }
}
