// Bench part (b): the warm run, exact version already in the tool cache: wall time and peak RSS of
// the whole node process (median of --runs-warm, default 10), against a bare `node -e ""` start on
// the same machine. The real Go 1.19.8 when part (a) published it, else a synthetic toolchain. The
// inputs are the bench's base inputs (the loopback mirror, on-mismatch warn) and the go-version;
// everything else is action.yml's default. Leaves the go-root for part (d)'s verify scan.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runAction } from '../test-support/run-action.mjs';
import { buildSyntheticToolchain } from '../test-support/toolchains.mjs';
import { median, timeCommand, formatBytes, formatMs } from '../test-support/measure.mjs';
import { MiB, REAL_GO_VERSION, expectOk } from './context.mjs';

/** @param {import('./context.mjs').BenchContext} ctx */
export async function benchWarm(ctx) {
  const { add, scratch, warmRuns: runs } = ctx;
  let kind = 'real';
  if (!ctx.hasRealGo || !ctx.manifestFiles[REAL_GO_VERSION]) {
    kind = 'synthetic';
    const synthetic = await buildSyntheticToolchain({
      version: REAL_GO_VERSION,
      os: /** @type {'linux'} */ (ctx.goos),
      arch: ctx.goarch,
      outDir: path.join(scratch, 'archives')
    });
    ctx.publish(REAL_GO_VERSION, synthetic);
  }
  const toolCache = mkdtempSync(path.join(scratch, 'tc-warm-'));
  const inputs = { ...ctx.baseInputs, 'go-version': REAL_GO_VERSION };
  const common = { inputs, workspace: ctx.hello, toolCache, distPath: ctx.dist, node: ctx.node };
  const prime = await runAction({ ...common, timeoutMs: 600_000 });
  expectOk(prime, 'priming run');
  ctx.state.warmGoRoot = prime.outputs['go-root'] ?? '';
  const preload = pathToFileURL(path.join(ctx.root, 'scripts', 'test-support', 'measure.mjs')).href;
  /** @type {number[]} */
  const wall = [];
  /** @type {number[]} */
  const rss = [];
  for (let i = 0; i < runs; i++) {
    const rssFile = path.join(scratch, `rss-${i}.txt`);
    const r = await runAction({ ...common, nodeArgs: ['--import', preload], env: { BENCH_RSS_FILE: rssFile } });
    expectOk(r, `warm run ${i + 1}`);
    if (r.outputs['toolchain-cache-hit'] !== 'true')
      throw new Error(`warm run ${i + 1}: toolchain-cache-hit=${r.outputs['toolchain-cache-hit']}`);
    wall.push(r.durationMs);
    if (existsSync(rssFile)) rss.push(Number(readFileSync(rssFile, 'utf8')));
  }
  const mWall = median(wall);
  // Baseline: a bare node process in the same environment (this machine sets
  // NODE_EXTRA_CA_CERTS, which alone costs every node start about 70 ms).
  const bare = [];
  for (let i = 0; i < runs; i++) bare.push((await timeCommand(ctx.node, ['-e', ''])).durationMs);
  const mBare = median(bare);
  add({
    id: 'node-start',
    name: 'bare `node -e ""` start, same machine',
    value: mBare,
    unit: 'ms',
    display: formatMs(mBare),
    goal: '-',
    pass: null,
    note: `median of ${runs}; NODE_EXTRA_CA_CERTS ${process.env.NODE_EXTRA_CA_CERTS ? 'set' : 'unset'}${ctx.nodeNote}`
  });
  add({
    id: 'warm-over-node',
    name: 'warm run minus bare node start',
    value: mWall - mBare,
    unit: 'ms',
    display: formatMs(mWall - mBare),
    goal: '-',
    pass: null,
    note: 'what the action itself costs'
  });
  add({
    id: 'warm-wall',
    name: `warm run (${kind} Go ${REAL_GO_VERSION} cached), wall time`,
    value: mWall,
    unit: 'ms',
    display: formatMs(mWall),
    goal: '<= 150 ms',
    pass: mWall <= 150,
    note: `median of ${runs}; min ${formatMs(Math.min(...wall))}, max ${formatMs(Math.max(...wall))}${ctx.nodeNote}`
  });
  if (rss.length > 0) {
    const peak = Math.max(...rss);
    add({
      id: 'warm-rss',
      name: 'warm run, peak RSS of node',
      value: peak / MiB,
      unit: 'MiB',
      display: formatBytes(peak),
      goal: '<= 60 MiB',
      pass: peak <= 60 * MiB,
      note: `max of ${rss.length}; median ${formatBytes(median(rss))}${ctx.nodeNote}`
    });
  } else {
    add({
      id: 'warm-rss',
      name: 'warm run, peak RSS of node',
      value: null,
      unit: 'MiB',
      display: 'n/a',
      goal: '<= 60 MiB',
      pass: false,
      note: 'the preload wrote no figure'
    });
  }
}
