// Bench part (g): the Windows install under Wine. Windows node.exe runs the bundle and installs the
// real Windows Go 1.19.8 (cross-built, ~160 MiB zip, 13,618 entries) from a loopback mirror:
// cold with 7-Zip (npm 7zip-bin's 7za.exe on PATH) and cold with the in-process extractor (no
// 7-Zip, no tar.exe), then warm (cache hit). Wine is not Windows: these are Wine figures, for
// comparing the two extractors and runs of this project with each other, not a Windows runner's.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median, formatMs } from '../test-support/measure.mjs';
import { startMirrorServing } from '../test-support/mirror.mjs';
import { runActionUnderWine } from '../test-support/wine-action.mjs';
import { prepareWine, runWindows, winPath, wineMissingReason } from '../test-support/wine.mjs';

/**
 * @param {{ dist: string, add: (f: import('./context.mjs').Figure) => void, skip: (id: string, name: string, goal: string, note: string) => void, coldRuns?: number, warmRuns?: number }} ctx
 */
export async function benchWindowsUnderWine(ctx) {
  const missing = wineMissingReason();
  if (missing) {
    console.log(`(g) skipped: ${missing}`);
    ctx.skip('wine-cold-7z', 'Wine: cold install, 7-Zip', '-', missing);
    return;
  }
  const coldRuns = ctx.coldRuns ?? 3;
  const warmRuns = ctx.warmRuns ?? 5;
  console.log('(g) preparing Wine (cached after the first run)...');
  const w = await prepareWine({ log: (l) => console.log(`    ${l}`) });
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'sge-bench-wine-'));
  const mirror = await startMirrorServing({
    version: '1.19.8',
    upTo: '1.19.8',
    os: 'windows',
    arch: 'amd64',
    archive: w.goZip
  });
  const sevenZipDir = path.join(scratch, '7-zip');
  mkdirSync(sevenZipDir);
  cpSync(w.sevenZip, path.join(sevenZipDir, '7z.exe'));
  const ws = path.join(scratch, 'ws');
  mkdirSync(ws);
  writeFileSync(path.join(ws, 'go.mod'), 'module example.com/hello\r\n\r\ngo 1.19\r\n');
  const inputs = { 'go-download-base-url': mirror.url, checks: 'vulnerabilities: off' };
  /** @param {string} toolCache @param {string[]} winePath */
  const once = async (toolCache, winePath) => {
    mkdirSync(toolCache, { recursive: true });
    const r = await runActionUnderWine(w, {
      workspace: winPath(ws),
      toolCache: winPath(toolCache),
      temp: winPath(path.join(scratch, 'temp')),
      hosted: false,
      winePath,
      inputs,
      distPath: ctx.dist,
      timeoutMs: 600_000
    });
    if (r.code !== 0)
      throw new Error(`the action under Wine exited ${r.code}: ${r.errors.join('; ') || r.stderr.slice(-500)}`);
    return r;
  };
  try {
    /** @type {number[]} */
    const bare = [];
    for (let i = 0; i < warmRuns; i++) bare.push((await runWindows(w, w.nodeExe, ['-e', ''])).durationMs);
    const mBare = median(bare);
    ctx.add({
      id: 'wine-node-start',
      name: 'Wine: bare node.exe start',
      value: mBare,
      unit: 'ms',
      display: formatMs(mBare),
      goal: '-',
      pass: null,
      note: `median of ${warmRuns}`
    });

    for (const [id, label, winePath] of /** @type {const} */ ([
      ['wine-cold-7z', '7-Zip (7za.exe)', [winPath(sevenZipDir)]],
      ['wine-cold-inprocess', 'in-process extractor', []]
    ])) {
      /** @type {number[]} */
      const ms = [];
      for (let i = 0; i < coldRuns; i++) {
        const tc = path.join(scratch, `tc-${id}-${i}`);
        const r = await once(tc, [...winePath]);
        if (r.outputs['toolchain-cache-hit'] !== 'false') throw new Error(`${id} run ${i + 1} was a cache hit`);
        ms.push(r.durationMs);
        rmSync(tc, { recursive: true, force: true });
      }
      const m = median(ms);
      console.log(`    ${label}: ${ms.map(formatMs).join(', ')}`);
      ctx.add({
        id,
        name: `Wine: cold install Go 1.19.8 windows zip, ${label}`,
        value: m,
        unit: 'ms',
        display: formatMs(m),
        goal: '-',
        pass: null,
        note: `median of ${coldRuns}; Wine, not a Windows runner`
      });
    }

    const tc = path.join(scratch, 'tc-warm');
    await once(tc, []);
    /** @type {number[]} */
    const warm = [];
    for (let i = 0; i < warmRuns; i++) {
      const r = await once(tc, []);
      if (r.outputs['toolchain-cache-hit'] !== 'true') throw new Error(`warm run ${i + 1} was not a cache hit`);
      warm.push(r.durationMs);
    }
    const mw = median(warm);
    ctx.add({
      id: 'wine-warm',
      name: 'Wine: warm run (cached), node.exe',
      value: mw,
      unit: 'ms',
      display: formatMs(mw),
      goal: '-',
      pass: null,
      note: `median of ${warmRuns}; Wine, not a Windows runner`
    });
  } finally {
    await mirror.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
