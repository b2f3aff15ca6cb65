// Bench part (d): the scan and checks of a generated 5,000-module monorepo, the whole process:
// mode plan (median of 3), and mode verify with the Go that part (b) installed on PATH (median
// of 3; only when part (b) ran). A verify run may exit 1 (findings), never crash.
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { runAction } from '../test-support/run-action.mjs';
import { generateMonorepo } from '../test-support/monorepo.mjs';
import { median, formatMs } from '../test-support/measure.mjs';
import { REAL_GO_VERSION, expectOk } from './context.mjs';

const RUNS = 3;

/** @param {import('./context.mjs').BenchContext} ctx */
export async function benchMonorepoScan(ctx) {
  const { add, scratch } = ctx;
  const repo = path.join(scratch, 'monorepo');
  const gen = await generateMonorepo(repo, { modules: 5000 });
  console.log(
    `(d) generated ${gen.modules.length} modules (${gen.dockerfiles.length} Dockerfiles, ${gen.skipped.length} go.mod files out of scope)`
  );
  const toolCache = mkdtempSync(path.join(scratch, 'tc-scan-'));
  const common = { workspace: repo, toolCache, distPath: ctx.dist, node: ctx.node, timeoutMs: 600_000 };
  /** @type {number[]} */
  const planMs = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await runAction({ ...common, inputs: { ...ctx.baseInputs, mode: 'plan' } });
    expectOk(r, `plan run ${i + 1}`);
    planMs.push(r.durationMs);
  }
  const p = median(planMs);
  add({
    id: 'scan-plan',
    name: '5,000-module monorepo, mode plan',
    value: p,
    unit: 'ms',
    display: formatMs(p),
    goal: '-',
    pass: null,
    note: `median of ${RUNS}${ctx.nodeNote}`
  });
  const goRoot = ctx.state.warmGoRoot;
  if (!goRoot) return;
  /** @type {number[]} */
  const verifyMs = [];
  const env = {
    PATH: `${path.join(goRoot, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    GOROOT: null
  };
  for (let i = 0; i < RUNS; i++) {
    const r = await runAction({ ...common, inputs: { ...ctx.baseInputs, mode: 'verify' }, env });
    if (r.signal || (r.code !== 0 && r.code !== 1))
      throw new Error(`verify run ${i + 1} crashed: code ${r.code}, signal ${r.signal}\n${r.stderr}`);
    verifyMs.push(r.durationMs);
  }
  const v = median(verifyMs);
  add({
    id: 'scan-verify',
    name: '5,000-module monorepo, mode verify',
    value: v,
    unit: 'ms',
    display: formatMs(v),
    goal: '-',
    pass: null,
    note: `median of ${RUNS}, Go ${REAL_GO_VERSION} on PATH${ctx.nodeNote}`
  });
}
