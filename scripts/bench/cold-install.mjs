// Bench part (a): cold install of the real Go 1.19.8 archive (Debian's /usr/lib/go-1.19 packed as an
// official-style tar.gz, cached in .bench/) from the loopback mirror, against `curl | tar xz` of
// the same URL. Runs alternate; median of 3 each. Goal: the action within 1.15x of curl | tar.
// Publishes the real archive on the mirror, so later parts install the real Go too.
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runAction } from '../test-support/run-action.mjs';
import { packRealGo } from '../test-support/toolchains.mjs';
import { median, timeCommand, formatBytes, formatMs } from '../test-support/measure.mjs';
import { REAL_GO_DIR, REAL_GO_VERSION, expectOk } from './context.mjs';

const COLD_RUNS = 3;

/** @param {import('./context.mjs').BenchContext} ctx */
export async function benchColdInstall(ctx) {
  const { add, skip, scratch } = ctx;
  if (!ctx.hasRealGo) {
    console.log(`(a) skipped: ${REAL_GO_DIR} is missing. Install it with: sudo apt-get install golang-1.19-go`);
    skip('cold-install', `cold install of Go ${REAL_GO_VERSION}`, '<= 1.15x curl|tar', `${REAL_GO_DIR} missing`);
    return;
  }
  console.log(`(a) packing ${REAL_GO_DIR} as an official-style archive (cached in .bench/)...`);
  const real = await packRealGo({ srcDir: REAL_GO_DIR, version: REAL_GO_VERSION, outDir: ctx.benchDir });
  ctx.publish(REAL_GO_VERSION, real);
  const url = `${ctx.mirror.url}/${real.filename}`;
  /** @param {string} dest */
  const curlTar = (dest) =>
    timeCommand('sh', ['-c', 'curl -sf "$URL" | tar xz -C "$DEST"'], {
      env: { ...process.env, URL: url, DEST: dest }
    });
  // Warm the page cache once so neither side pays for the first read of the archive.
  const warm = mkdtempSync(path.join(scratch, 'curl-'));
  const w = await curlTar(warm);
  rmSync(warm, { recursive: true, force: true });
  if (w.code !== 0) throw new Error(`curl | tar failed: ${w.stderr.trim()}`);
  /** @type {number[]} */
  const actionMs = [];
  /** @type {number[]} */
  const curlMs = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const toolCache = mkdtempSync(path.join(scratch, 'tc-cold-'));
    const r = await runAction({
      inputs: { ...ctx.baseInputs, 'go-version': REAL_GO_VERSION },
      workspace: ctx.hello,
      toolCache,
      distPath: ctx.dist,
      node: ctx.node,
      timeoutMs: 600_000
    });
    expectOk(r, `cold run ${i + 1}`);
    if (r.outputs['toolchain-cache-hit'] !== 'false')
      throw new Error(`cold run ${i + 1}: toolchain-cache-hit=${r.outputs['toolchain-cache-hit']}`);
    actionMs.push(r.durationMs);
    rmSync(toolCache, { recursive: true, force: true });
    const dest = mkdtempSync(path.join(scratch, 'curl-'));
    const c = await curlTar(dest);
    if (c.code !== 0) throw new Error(`curl | tar failed: ${c.stderr.trim()}`);
    curlMs.push(c.durationMs);
    rmSync(dest, { recursive: true, force: true });
  }
  const a = median(actionMs);
  const c = median(curlMs);
  const ratio = a / c;
  console.log(`    action ${actionMs.map(formatMs).join(', ')}; curl|tar ${curlMs.map(formatMs).join(', ')}`);
  add({
    id: 'cold-install-action',
    name: `cold install Go ${REAL_GO_VERSION} (${formatBytes(real.size)}), action`,
    value: a,
    unit: 'ms',
    display: formatMs(a),
    goal: '-',
    pass: null,
    note: `median of ${COLD_RUNS}${ctx.nodeNote}`
  });
  add({
    id: 'cold-install-curl',
    name: 'same archive, curl | tar xz',
    value: c,
    unit: 'ms',
    display: formatMs(c),
    goal: '-',
    pass: null,
    note: `median of ${COLD_RUNS}`
  });
  add({
    id: 'cold-install-ratio',
    name: 'cold install ratio action / curl|tar',
    value: ratio,
    unit: 'x',
    display: `${ratio.toFixed(2)}x`,
    goal: '<= 1.15x',
    pass: ratio <= 1.15
  });
}
