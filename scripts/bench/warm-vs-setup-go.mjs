// Bench part (k): the warm run side by side with actions/setup-go v7, in one paired run. Both are
// whole node processes launched as the runner launches them (run-action.mjs: action.yml defaults,
// INPUT_* variables, fresh GITHUB_* files), in the same environment (a job's HOME, no Go setting
// inherited, no cache service) and on the same tool cache, where the real Go 1.19.8 (a synthetic
// one without /usr/lib/go-1.19) is installed as RUNNER_TOOL_CACHE/go/1.19.8/x64 + x64.complete:
// the layout both actions share. Inputs: go-version 1.19.8 and cache false for both; ours gets
// the loopback mirror besides, standing in for go.dev/dl and vuln.go.dev, and every other default
// (on-mismatch fail too), so its checks run, the vulnerability database included: the real warm
// run. setup-go v7 finds the version with tc.find and runs `go env GOPATH`, `go version` and
// `go env`. Each run must end with exit 0 and report Go 1.19.8 taken from the tool cache.
// --no-extra-ca-certs runs both (and the bare node) without this machine's NODE_EXTRA_CA_CERTS,
// as a hosted runner does: Node 20 reads that file at every start (about 55 ms here).
//
// The runs rotate between setup-go-enforced, setup-go v7, setup-go-enforced with
// `checks: vulnerabilities: off`, and a bare `node -e ""` (the order turns every round), so load
// on the machine hits them alike; each round also makes one run of each action with the peak-RSS
// preload (not timed). Median of --runs-paired (default 10). Goal: ours <= 0.6x setup-go's.
//
// setup-go's committed dist/setup/index.js, action.yml and matchers.json come from a snapshot of
// github.com/actions/setup-go (--setup-go <git dir or checkout>, or SETUP_GO_SNAPSHOT, as part f):
// of a git directory, the tag v7 when it has one (what `uses: actions/setup-go@v7` runs), else
// HEAD; --setup-go-ref <ref> picks another.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runAction } from '../test-support/run-action.mjs';
import { goJobEnv } from '../test-support/cache-job.mjs';
import { buildSyntheticToolchain, packRealGo } from '../test-support/toolchains.mjs';
import { median, timeCommand, formatBytes, formatMs } from '../test-support/measure.mjs';
import { DEFAULT_SNAPSHOT, extractSetupGo } from './cache.mjs';
import { MiB, REAL_GO_DIR, REAL_GO_VERSION, expectOk } from './context.mjs';

const RATIO_GOAL = 0.6;

/** The ref of a git snapshot to read: v7 when tagged, else HEAD (a checkout: ignored). @param {string} snapshot */
function defaultRef(snapshot) {
  try {
    execFileSync('git', [`--git-dir=${snapshot}`, 'rev-parse', '--verify', '-q', 'v7^{commit}'], { stdio: 'ignore' });
    return 'v7';
  } catch {
    return 'HEAD';
  }
}

/** @param {string} snapshot @param {string} ref */
function commitOf(snapshot, ref) {
  try {
    return execFileSync('git', [`--git-dir=${snapshot}`, 'rev-parse', '--short', `${ref}^{commit}`], {
      stdio: ['ignore', 'pipe', 'ignore']
    })
      .toString()
      .trim();
  } catch {
    return '';
  }
}

const loadavg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** @param {import('./context.mjs').BenchContext} ctx */
export async function benchWarmVsSetupGo(ctx) {
  const { add, skip, scratch } = ctx;
  const runs = Number(ctx.flag('--runs-paired') ?? 10);
  const snapshot = ctx.flag('--setup-go') ?? process.env.SETUP_GO_SNAPSHOT ?? DEFAULT_SNAPSHOT;
  const ref = ctx.flag('--setup-go-ref') ?? defaultRef(snapshot);
  const extracted = extractSetupGo(snapshot, mkdtempSync(path.join(scratch, 'setup-go-v7-')), ref);
  if (typeof extracted === 'string') {
    console.log(
      `(k) skipped: ${extracted}. Fetch a snapshot of github.com/actions/setup-go and pass --setup-go <git dir or checkout> (or SETUP_GO_SNAPSHOT).`
    );
    skip('warm-paired-ratio', 'warm run, ratio to setup-go v7 (paired)', `<= ${RATIO_GOAL}x`, extracted);
    return;
  }
  const commit = commitOf(snapshot, ref);
  const theirsName = `actions/setup-go ${extracted.version}${commit ? ` (${ref}, ${commit})` : ''}`;
  console.log(`(k) ${theirsName}, ${path.relative(ctx.root, ctx.dist)} under node ${ctx.nodeVersion}`);

  let kind = 'real';
  if (ctx.hasRealGo) {
    ctx.publish(
      REAL_GO_VERSION,
      await packRealGo({ srcDir: REAL_GO_DIR, version: REAL_GO_VERSION, outDir: ctx.benchDir })
    );
  } else {
    kind = 'synthetic';
    ctx.publish(
      REAL_GO_VERSION,
      await buildSyntheticToolchain({
        version: REAL_GO_VERSION,
        os: /** @type {'linux'} */ (ctx.goos),
        arch: ctx.goarch,
        outDir: path.join(scratch, 'archives-k')
      })
    );
  }
  const toolCache = mkdtempSync(path.join(scratch, 'tc-paired-'));
  const home = path.join(scratch, 'home-paired');
  mkdirSync(home, { recursive: true });
  // The mirror as go.dev/dl and vuln.go.dev; everything else action.yml's default (on-mismatch
  // fail included: the checks find nothing that fails a run here).
  const { 'on-mismatch': _onMismatch, ...mirrorInputs } = ctx.baseInputs;
  const oursInputs = { ...mirrorInputs, 'go-version': REAL_GO_VERSION, cache: 'false' };
  // --no-extra-ca-certs: without this machine's NODE_EXTRA_CA_CERTS, as on a hosted runner (Node 20
  // reads the file at every start; the runs here talk plain http to the loopback mirror).
  const noExtraCa = ctx.has('--no-extra-ca-certs');
  const caNote = noExtraCa ? '; without NODE_EXTRA_CA_CERTS' : '';
  /** @param {number} n */
  const env = (n) => ({
    ...goJobEnv({ home, goproxy: 'off', run: n }),
    ...(noExtraCa ? { NODE_EXTRA_CA_CERTS: null } : {})
  });
  /** What every step gets; RUNNER_TEMP is a fresh folder per step, as on the runner. */
  const common = () => ({
    workspace: ctx.hello,
    toolCache,
    node: ctx.node,
    temp: mkdtempSync(path.join(scratch, 'temp-k-'))
  });

  console.log(`(k) installing the ${kind} Go ${REAL_GO_VERSION} into the tool cache (a cold run of ours)...`);
  const prime = await runAction({
    ...common(),
    inputs: oursInputs,
    distPath: ctx.dist,
    env: env(0),
    timeoutMs: 600_000
  });
  expectOk(prime, 'priming run');
  const nodeArch = process.arch;
  const marker = path.join(toolCache, 'go', REAL_GO_VERSION, `${nodeArch}.complete`);
  if (!existsSync(marker)) throw new Error(`the priming run left no ${path.relative(toolCache, marker)}`);
  const cachedRoot = path.join(toolCache, 'go', REAL_GO_VERSION, nodeArch);

  const preload = pathToFileURL(path.join(ctx.root, 'scripts', 'test-support', 'measure.mjs')).href;
  /**
   * @typedef {{ name: string, wall: number[], rss: number[], timings: Record<string, number>[], ratios: number[],
   *   run: (n: number, extra?: object) => Promise<import('../test-support/run-action.mjs').RunResult> }} Variant
   */
  /** @param {string} label @param {import('../test-support/run-action.mjs').RunResult} r @param {Variant} v */
  const checkOurs = (label, r, v) => {
    expectOk(r, label);
    if (r.outputs['toolchain-cache-hit'] !== 'true' || r.outputs['go-version'] !== REAL_GO_VERSION)
      throw new Error(
        `${label}: toolchain-cache-hit=${r.outputs['toolchain-cache-hit']}, go-version=${r.outputs['go-version']}`
      );
    const report = r.outputs.report;
    if (report && existsSync(report)) {
      const t = JSON.parse(readFileSync(report, 'utf8')).timings;
      if (t) v.timings.push(t);
    }
  };
  /** @param {string} label @param {import('../test-support/run-action.mjs').RunResult} r */
  const checkTheirs = (label, r) => {
    if (r.code !== 0 || r.signal || r.errors.length > 0)
      throw new Error(`${label}: setup-go exited ${r.code}: ${r.errors.join('; ') || r.stderr.slice(-300)}`);
    if (!r.stdout.includes(`Found in cache @ ${cachedRoot}`) || r.outputs['go-version'] !== REAL_GO_VERSION)
      throw new Error(
        `${label}: setup-go did not take Go ${REAL_GO_VERSION} from the tool cache (go-version=${r.outputs['go-version']})`
      );
  };
  /** @type {Variant} */
  const ours = {
    name: 'setup-go-enforced',
    wall: [],
    rss: [],
    timings: [],
    ratios: [],
    run: (n, extra = {}) =>
      runAction({ ...common(), inputs: oursInputs, distPath: ctx.dist, env: { ...env(n), ...extra } })
  };
  /** @type {Variant} */
  const oursVulnOff = {
    name: 'setup-go-enforced, vulnerabilities: off',
    wall: [],
    rss: [],
    timings: [],
    ratios: [],
    run: (n, extra = {}) =>
      runAction({
        ...common(),
        inputs: { ...oursInputs, checks: 'vulnerabilities: off' },
        distPath: ctx.dist,
        env: { ...env(n), ...extra }
      })
  };
  /** @type {Variant} */
  const theirs = {
    name: theirsName,
    wall: [],
    rss: [],
    timings: [],
    ratios: [],
    run: (n, extra = {}) =>
      runAction({
        ...common(),
        inputs: { 'go-version': REAL_GO_VERSION, cache: 'false' },
        distPath: extracted.dist,
        actionYml: extracted.actionYml,
        env: { ...env(n), ...extra }
      })
  };
  /** @type {number[]} */
  const bare = [];
  const bareEnv = { ...process.env, HOME: home };
  if (noExtraCa) delete bareEnv.NODE_EXTRA_CA_CERTS;
  const loadBefore = loadavg();
  console.log(`(k) ${runs} rounds (load average ${loadBefore})...`);
  let n = 0;
  for (let i = 0; i < runs; i++) {
    const order = [ours, theirs, oursVulnOff, undefined];
    // turn the order every round: each variant runs first, second, ... alike
    for (let k = 0; k < i % order.length; k++) order.push(/** @type {Variant} */ (order.shift()));
    for (const v of order) {
      if (!v) {
        bare.push((await timeCommand(ctx.node, ['-e', ''], { env: bareEnv })).durationMs);
        continue;
      }
      const label = `${v.name} run ${i + 1}`;
      const r = await v.run(++n);
      if (v === theirs) checkTheirs(label, r);
      else checkOurs(label, r, v);
      v.wall.push(r.durationMs);
    }
    // Peak RSS, with the preload (its runs are not timed).
    for (const v of [ours, theirs]) {
      const rssFile = path.join(scratch, `rss-k-${i}-${v === ours ? 'ours' : 'theirs'}.txt`);
      const r = await runAction({
        ...common(),
        ...(v === ours
          ? { inputs: oursInputs, distPath: ctx.dist }
          : {
              inputs: { 'go-version': REAL_GO_VERSION, cache: 'false' },
              distPath: extracted.dist,
              actionYml: extracted.actionYml
            }),
        nodeArgs: ['--import', preload],
        env: { ...env(++n), BENCH_RSS_FILE: rssFile }
      });
      if (r.code !== 0) throw new Error(`${v.name} RSS run ${i + 1} exited ${r.code}`);
      if (existsSync(rssFile)) v.rss.push(Number(readFileSync(rssFile, 'utf8')));
    }
    ours.ratios.push(ours.wall[i] / theirs.wall[i]);
    oursVulnOff.ratios.push(oursVulnOff.wall[i] / theirs.wall[i]);
  }
  const loadAfter = loadavg();
  const mOurs = median(ours.wall);
  const mTheirs = median(theirs.wall);
  const mOff = median(oursVulnOff.wall);
  const mBare = median(bare);
  const ratio = mOurs / mTheirs;
  const spread = (/** @type {number[]} */ xs) => `min ${formatMs(Math.min(...xs))}, max ${formatMs(Math.max(...xs))}`;
  /** @param {Record<string, number>[]} ts */
  const timingNote = (ts) => {
    if (ts.length === 0) return '';
    const keys = Object.keys(ts[0]);
    return `; report timings (median): ${keys.map((k) => `${k} ${formatMs(median(ts.map((t) => t[k] ?? 0)))}`).join(', ')}`;
  };
  const rssNote = (/** @type {Variant} */ v) =>
    v.rss.length > 0 ? `; peak RSS median ${formatBytes(median(v.rss))}, max ${formatBytes(Math.max(...v.rss))}` : '';
  console.log(
    `    ours ${ours.wall.map(formatMs).join(', ')}\n    setup-go ${theirs.wall.map(formatMs).join(', ')}\n    ours, vulnerabilities off ${oursVulnOff.wall.map(formatMs).join(', ')}\n    bare node ${bare.map(formatMs).join(', ')}`
  );
  add({
    id: 'warm-paired',
    name: `warm run (${kind} Go ${REAL_GO_VERSION} cached, cache: false), setup-go-enforced, every check`,
    value: mOurs,
    unit: 'ms',
    display: formatMs(mOurs),
    goal: '-',
    pass: null,
    note: `median of ${runs}; ${spread(ours.wall)}${ctx.nodeNote}${timingNote(ours.timings)}`
  });
  add({
    id: 'warm-paired-setup-go',
    name: `same, ${theirsName}`,
    value: mTheirs,
    unit: 'ms',
    display: formatMs(mTheirs),
    goal: '-',
    pass: null,
    note: `median of ${runs}; ${spread(theirs.wall)}; ${formatBytes(readFileSync(extracted.dist).length)} bundle`
  });
  add({
    id: 'warm-paired-ratio',
    name: 'warm run, ratio to setup-go v7 (paired, alternating)',
    value: ratio,
    unit: 'x',
    display: `${ratio.toFixed(2)}x`,
    goal: `<= ${RATIO_GOAL}x`,
    pass: ratio <= RATIO_GOAL,
    note: `median of per-round ratios ${median(ours.ratios).toFixed(2)}x; with vulnerabilities: off ${formatMs(mOff)}, ${(mOff / mTheirs).toFixed(2)}x; load average ${loadBefore} -> ${loadAfter}${ctx.nodeNote}${caNote}`
  });
  add({
    id: 'warm-paired-vuln-off',
    name: 'same, setup-go-enforced with checks: vulnerabilities: off',
    value: mOff,
    unit: 'ms',
    display: formatMs(mOff),
    goal: '-',
    pass: null,
    note: `median of ${runs}; ${spread(oursVulnOff.wall)}${timingNote(oursVulnOff.timings)}`
  });
  add({
    id: 'warm-paired-node-start',
    name: 'bare `node -e ""` start, in the same rounds',
    value: mBare,
    unit: 'ms',
    display: formatMs(mBare),
    goal: '-',
    pass: null,
    note: `median of ${runs}; setup-go-enforced minus it ${formatMs(mOurs - mBare)}, setup-go minus it ${formatMs(mTheirs - mBare)}${ctx.nodeNote}${caNote}`
  });
  for (const v of [ours, theirs]) {
    const isOurs = v === ours;
    add({
      id: isOurs ? 'warm-paired-rss' : 'warm-paired-rss-setup-go',
      name: `warm run, peak RSS of node, ${isOurs ? 'setup-go-enforced' : 'actions/setup-go v7'}`,
      value: v.rss.length > 0 ? median(v.rss) / MiB : null,
      unit: 'MiB',
      display: v.rss.length > 0 ? formatBytes(median(v.rss)) : 'n/a',
      goal: '-',
      pass: null,
      note: v.rss.length > 0 ? `median of ${v.rss.length}${rssNote(v)}` : 'the preload wrote no figure'
    });
  }
}
