#!/usr/bin/env node
// npm run bench: performance figures of the bundled action against their goals. Each part is a
// module in scripts/bench/ (the shared setup, figures and table: scripts/bench/context.mjs):
//   (a) cold install of the real Go 1.19.8 archive from a loopback mirror vs `curl | tar xz` (cold-install.mjs)
//   (b) warm run (exact version cached): wall time and peak RSS of the node process (warm.mjs)
//   (c) bundle size of dist/index.js (bundle-size.mjs)
//   (d) scan of a generated 5,000-module monorepo, mode plan, and verify after (b) (monorepo-scan.mjs)
//   (e) the property tests with PROPERTY_RUNS=20000 (property-tests.mjs)
//   (f) caching side by side with actions/setup-go v7 (cache.mjs; --setup-go <snapshot>)
//   (g) the Windows install under Wine: cold with 7-Zip and in process, warm (windows-wine.mjs)
//   (h) the crash suite run 20 times in a row (--crash-runs N): failed runs, goal 0 (crash-repeat.mjs)
//   (i) the fleet dashboard of 10,000 generated reports, and its page in Chromium (dashboard.mjs)
//   (j) setup-go-enforced mirror of N archives vs curl -sS -o one after another (mirror.mjs; --mirror-files N)
//   (k) warm run (cache: false) paired with actions/setup-go v7's, alternating (warm-vs-setup-go.mjs;
//       --setup-go <snapshot>, --setup-go-ref <ref>, --runs-paired N, --no-extra-ca-certs)
// Prints a table, writes .bench/latest.json. Exit 0 unless something crashed (a missed goal is
// not a crash). Flags: --dist <file>, --only a,b,... (parts to run), --node <node binary> (runs the
// bundle processes of a, b, d and k under it; default this node), --runs-warm N, --runs-cache N,
// --runs-paired N, --setup-go <snapshot of actions/setup-go> (parts f, k), --crash-runs N (part h).
import path from 'node:path';
import { closeBench, finishBench, openBench, runPart } from './bench/context.mjs';

/** @typedef {import('./bench/context.mjs').Figure} Figure */
/** @typedef {import('./bench/context.mjs').BenchContext} BenchContext */

/** The parts in the order they run; each loads its module only when asked for. @type {[string, (ctx: BenchContext) => Promise<void>][]} */
const PARTS = [
  ['a', async (ctx) => (await import('./bench/cold-install.mjs')).benchColdInstall(ctx)],
  ['b', async (ctx) => (await import('./bench/warm.mjs')).benchWarm(ctx)],
  ['c', async (ctx) => (await import('./bench/bundle-size.mjs')).benchBundleSize(ctx)],
  ['d', async (ctx) => (await import('./bench/monorepo-scan.mjs')).benchMonorepoScan(ctx)],
  ['e', async (ctx) => (await import('./bench/property-tests.mjs')).benchPropertyTests(ctx)],
  [
    'f',
    async (ctx) =>
      (await import('./bench/cache.mjs')).benchCache({
        dist: ctx.dist,
        scratch: ctx.scratch,
        benchDir: ctx.benchDir,
        snapshot: ctx.flag('--setup-go'),
        runs: Number(ctx.flag('--runs-cache') ?? 7),
        add: ctx.add,
        skip: ctx.skip
      })
  ],
  [
    'g',
    async ({ dist, add, skip }) => (await import('./bench/windows-wine.mjs')).benchWindowsUnderWine({ dist, add, skip })
  ],
  [
    'h',
    async (ctx) => {
      const runs = Number(ctx.flag('--crash-runs') ?? 20);
      console.log(`(h) the crash suite ${runs} times in a row...`);
      const { root, add, skip } = ctx;
      await (await import('./bench/crash-repeat.mjs')).benchCrashSuiteRepeated({ root, runs, add, skip });
    }
  ],
  [
    'i',
    async (ctx) => {
      console.log('(i) the fleet dashboard of 10,000 generated reports...');
      const cli = path.join(path.dirname(ctx.dist), 'cli.js');
      const { root, scratch, add, skip } = ctx;
      await (await import('./bench/dashboard.mjs')).benchDashboard({ root, cli, scratch, add, skip });
    }
  ],
  [
    'j',
    async (ctx) =>
      (await import('./bench/mirror.mjs')).benchMirror({
        cli: path.join(path.dirname(ctx.dist), 'cli.js'),
        cacheDir: ctx.benchDir,
        scratch: ctx.scratch,
        files: Number(ctx.flag('--mirror-files') ?? 8),
        add: ctx.add,
        skip: ctx.skip
      })
  ],
  ['k', async (ctx) => (await import('./bench/warm-vs-setup-go.mjs')).benchWarmVsSetupGo(ctx)]
];

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (err) => {
    console.error(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  }
);

/** @returns {Promise<boolean>} false when something crashed */
async function main() {
  const ctx = await openBench(process.argv.slice(2));
  if (!ctx) return false;
  try {
    for (const [id, run] of PARTS) if (ctx.only.has(id)) await runPart(ctx, id, () => run(ctx));
  } finally {
    await closeBench(ctx);
  }
  finishBench(ctx);
  return !ctx.crashed;
}
