#!/usr/bin/env node
// npm run bench: performance figures of the bundled action against their goals.
//   (a) cold install of the real Go 1.19.8 archive from a loopback mirror vs `curl | tar xz`
//   (b) warm run (exact version cached): wall time and peak RSS of the node process
//   (c) bundle size of dist/index.js
//   (d) scan of a generated 5,000-module monorepo (mode plan, and verify when a Go is at hand)
//   (e) the property tests with PROPERTY_RUNS=20000
//   (f) caching side by side with actions/setup-go v7 (scripts/bench/cache.mjs; --setup-go <snapshot>)
//   (g) the Windows install under Wine: cold with 7-Zip and in process, warm (Wine figures)
//   (h) the crash suite run 20 times in a row (--crash-runs N): failed runs, goal 0
//   (i) the fleet dashboard of 10,000 generated reports, and its page in Chromium (scripts/bench/dashboard.mjs)
//   (j) setup-go-enforced mirror of N archives vs curl -sS -o one after another (--mirror-files N)
// Prints a table, writes .bench/latest.json. Exit 0 unless something crashed (a missed goal is
// not a crash). Flags: --dist <file>, --only a,b,... (parts to run), --runs-warm N, --runs-cache N,
// --setup-go <snapshot of actions/setup-go> (part f), --crash-runs N (part h).
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runAction, DEFAULT_DIST } from './test-support/run-action.mjs';
import { startMirror } from './test-support/mirror.mjs';
import { median, timeCommand, formatBytes, formatMs, table } from './test-support/measure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (/** @type {string} */ name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dist = path.resolve(flag('--dist') ?? DEFAULT_DIST);
const only = new Set((flag('--only') ?? 'a,b,c,d,e,f,g,h,i,j').split(',').map((s) => s.trim()));
const WARM_RUNS = Number(flag('--runs-warm') ?? 10);
const CRASH_RUNS = Number(flag('--crash-runs') ?? 20);
const COLD_RUNS = 3;
const REAL_GO_DIR = '/usr/lib/go-1.19';
const REAL_GO_VERSION = '1.19.8';
const MiB = 1024 * 1024;

/**
 * @typedef {object} Figure
 * @property {string} id
 * @property {string} name
 * @property {number | null} value      in `unit`
 * @property {string} unit
 * @property {string} display
 * @property {string} goal
 * @property {boolean | null} pass      null: no goal, or skipped
 * @property {string} [note]
 */
/** @type {Figure[]} */
const figures = [];
let crashed = false;

const goos = { win32: 'windows', darwin: 'darwin' }[/** @type {string} */ (process.platform)] ?? 'linux';

main().then(
  () => process.exit(crashed ? 1 : 0),
  (err) => {
    console.error(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  }
);

async function main() {
  if (!existsSync(dist)) {
    console.error(`bench: ${path.relative(root, dist)} is missing. Build it first: npm run build`);
    crashed = true;
    return;
  }
  const { HOST_GOARCH: goarch, buildSyntheticToolchain, packRealGo } = await import('./test-support/toolchains.mjs');
  const { buildFixtureManifest } = await import('./test-support/manifest-fixture.mjs');
  const { buildVulnDb } = await import('./test-support/vulndb-fixture.mjs');

  const scratch = mkdtempSync(path.join(os.tmpdir(), 'setup-go-enforced-bench-'));
  const benchDir = path.join(root, '.bench');
  mkdirSync(benchDir, { recursive: true });
  const mirror = await startMirror();
  /** @type {Record<string, { os: string, arch: string, filename: string, sha256: string, size: number }[]>} */
  const manifestFiles = {};
  /** @param {string} version @param {{ filename: string, path: string, sha256: string, size: number }} archive */
  const publish = (version, archive) => {
    mirror.addFile(archive.filename, archive.path);
    manifestFiles[version] = [
      { os: goos, arch: goarch, filename: archive.filename, sha256: archive.sha256, size: archive.size }
    ];
    mirror.setManifest(buildFixtureManifest({ files: manifestFiles }));
  };
  mirror.setManifest(buildFixtureManifest());
  const vuln = await buildVulnDb(path.join(scratch, 'vulndb'));
  mirror.setVulnDir(vuln.dir);
  const baseInputs = { 'go-download-base-url': mirror.url, 'vulndb-url': `${mirror.url}/vuln`, 'on-mismatch': 'warn' };
  const hello = path.join(scratch, 'hello');
  cpSync(path.join(root, 'examples', 'hello'), hello, { recursive: true });

  const hasRealGo = existsSync(path.join(REAL_GO_DIR, 'bin', 'go'));
  /** go-root of a warm install, for the verify-mode scan. */
  let warmGoRoot = '';

  console.log(
    `setup-go-enforced bench: ${path.relative(root, dist)}, node ${process.version}, ${os.cpus().length} CPUs, ${goos}/${goarch}`
  );
  try {
    // (a) Cold install of the real archive vs curl | tar xz.
    if (only.has('a')) {
      await part('a', async () => {
        if (!hasRealGo) {
          console.log(`(a) skipped: ${REAL_GO_DIR} is missing. Install it with: sudo apt-get install golang-1.19-go`);
          skip('cold-install', `cold install of Go ${REAL_GO_VERSION}`, '<= 1.15x curl|tar', `${REAL_GO_DIR} missing`);
          return;
        }
        console.log(`(a) packing ${REAL_GO_DIR} as an official-style archive (cached in .bench/)...`);
        const real = await packRealGo({ srcDir: REAL_GO_DIR, version: REAL_GO_VERSION, outDir: benchDir });
        publish(REAL_GO_VERSION, real);
        const url = `${mirror.url}/${real.filename}`;
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
            inputs: { ...baseInputs, 'go-version': REAL_GO_VERSION },
            workspace: hello,
            toolCache,
            distPath: dist,
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
          note: `median of ${COLD_RUNS}`
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
      });
    }

    // (b) Warm run: exact version already in the tool cache.
    if (only.has('b')) {
      await part('b', async () => {
        let kind = 'real';
        if (!hasRealGo || !manifestFiles[REAL_GO_VERSION]) {
          kind = 'synthetic';
          const synthetic = await buildSyntheticToolchain({
            version: REAL_GO_VERSION,
            os: /** @type {'linux'} */ (goos),
            arch: goarch,
            outDir: path.join(scratch, 'archives')
          });
          publish(REAL_GO_VERSION, synthetic);
        }
        const toolCache = mkdtempSync(path.join(scratch, 'tc-warm-'));
        const inputs = { ...baseInputs, 'go-version': REAL_GO_VERSION };
        const prime = await runAction({ inputs, workspace: hello, toolCache, distPath: dist, timeoutMs: 600_000 });
        expectOk(prime, 'priming run');
        warmGoRoot = prime.outputs['go-root'] ?? '';
        const preload = pathToFileURL(path.join(root, 'scripts', 'test-support', 'measure.mjs')).href;
        /** @type {number[]} */
        const wall = [];
        /** @type {number[]} */
        const rss = [];
        for (let i = 0; i < WARM_RUNS; i++) {
          const rssFile = path.join(scratch, `rss-${i}.txt`);
          const r = await runAction({
            inputs,
            workspace: hello,
            toolCache,
            distPath: dist,
            nodeArgs: ['--import', preload],
            env: { BENCH_RSS_FILE: rssFile }
          });
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
        for (let i = 0; i < WARM_RUNS; i++) bare.push((await timeCommand(process.execPath, ['-e', ''])).durationMs);
        const mBare = median(bare);
        add({
          id: 'node-start',
          name: 'bare `node -e ""` start, same machine',
          value: mBare,
          unit: 'ms',
          display: formatMs(mBare),
          goal: '-',
          pass: null,
          note: `median of ${WARM_RUNS}; NODE_EXTRA_CA_CERTS ${process.env.NODE_EXTRA_CA_CERTS ? 'set' : 'unset'}`
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
          note: `median of ${WARM_RUNS}; min ${formatMs(Math.min(...wall))}, max ${formatMs(Math.max(...wall))}`
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
            note: `max of ${rss.length}; median ${formatBytes(median(rss))}`
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
      });
    }

    // (c) Bundle size.
    if (only.has('c')) {
      await part('c', async () => {
        const size = statSync(dist).size;
        add({
          id: 'bundle-size',
          name: `bundle size ${path.relative(root, dist)}`,
          value: size / MiB,
          unit: 'MiB',
          display: formatBytes(size),
          goal: '<= 1.5 MB',
          pass: size <= 1_500_000
        });
      });
    }

    // (d) Scan of a generated 5,000-module monorepo.
    if (only.has('d')) {
      await part('d', async () => {
        const { generateMonorepo } = await import('./test-support/monorepo.mjs');
        const repo = path.join(scratch, 'monorepo');
        const gen = await generateMonorepo(repo, { modules: 5000 });
        console.log(
          `(d) generated ${gen.modules.length} modules (${gen.dockerfiles.length} Dockerfiles, ${gen.skipped.length} go.mod files out of scope)`
        );
        const toolCache = mkdtempSync(path.join(scratch, 'tc-scan-'));
        /** @type {number[]} */
        const planMs = [];
        for (let i = 0; i < 3; i++) {
          const r = await runAction({
            inputs: { ...baseInputs, mode: 'plan' },
            workspace: repo,
            toolCache,
            distPath: dist,
            timeoutMs: 600_000
          });
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
          note: 'median of 3'
        });
        if (warmGoRoot) {
          /** @type {number[]} */
          const verifyMs = [];
          const env = {
            PATH: `${path.join(warmGoRoot, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
            GOROOT: null
          };
          for (let i = 0; i < 3; i++) {
            const r = await runAction({
              inputs: { ...baseInputs, mode: 'verify' },
              workspace: repo,
              toolCache,
              distPath: dist,
              env,
              timeoutMs: 600_000
            });
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
            note: `median of 3, Go ${REAL_GO_VERSION} on PATH`
          });
        }
      });
    }

    // (e) Property tests with many runs.
    if (only.has('e')) {
      await part('e', async () => {
        const dir = path.join(root, '__tests__', 'go');
        const files = existsSync(dir)
          ? readdirSync(dir)
              .filter((f) => f.endsWith('.property.test.ts'))
              .map((f) => path.join('__tests__', 'go', f))
          : [];
        if (files.length === 0) {
          skip('property-tests', 'property tests, PROPERTY_RUNS=20000', 'pass', 'no __tests__/go/*.property.test.ts');
          return;
        }
        console.log(`(e) jest ${files.join(' ')} with PROPERTY_RUNS=20000...`);
        const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
        const r = await timeCommand(
          process.execPath,
          ['--experimental-vm-modules', jest, '--testTimeout=1800000', '--runTestsByPath', ...files],
          {
            cwd: root,
            env: { ...process.env, PROPERTY_RUNS: '20000' },
            timeoutMs: 30 * 60_000
          }
        );
        const summary = /Tests:\s+(.*)/.exec(r.stderr)?.[1]?.trim() ?? '';
        if (r.code !== 0) console.log(r.stderr.split('\n').slice(-40).join('\n'));
        add({
          id: 'property-tests',
          name: `property tests (${files.length} files), PROPERTY_RUNS=20000`,
          value: r.durationMs,
          unit: 'ms',
          display: formatMs(r.durationMs),
          goal: 'pass',
          pass: r.code === 0,
          note: summary || `exit ${r.code}`
        });
      });
    }
    // (f) Caching, side by side with actions/setup-go v7.
    if (only.has('f')) {
      await part('f', async () => {
        const { benchCache } = await import('./bench/cache.mjs');
        const runs = Number(flag('--runs-cache') ?? 7);
        await benchCache({ dist, scratch, benchDir, snapshot: flag('--setup-go'), runs, add, skip });
      });
    }

    // (g) The Windows install under Wine.
    if (only.has('g')) {
      await part('g', async () => {
        const { benchWindowsUnderWine } = await import('./bench/windows-wine.mjs');
        await benchWindowsUnderWine({ dist, add, skip });
      });
    }

    // (h) The crash suite, many times in a row.
    if (only.has('h')) {
      await part('h', async () => {
        console.log(`(h) the crash suite ${CRASH_RUNS} times in a row...`);
        const { benchCrashSuiteRepeated } = await import('./bench/crash-repeat.mjs');
        await benchCrashSuiteRepeated({ root, runs: CRASH_RUNS, add, skip });
      });
    }

    // (i) The fleet dashboard.
    if (only.has('i')) {
      await part('i', async () => {
        console.log('(i) the fleet dashboard of 10,000 generated reports...');
        const { benchDashboard } = await import('./bench/dashboard.mjs');
        await benchDashboard({ root, cli: path.join(path.dirname(dist), 'cli.js'), scratch, add, skip });
      });
    }

    // (j) setup-go-enforced mirror against curl of the same files one after another.
    if (only.has('j')) {
      await part('j', async () => {
        const { benchMirror } = await import('./bench/mirror.mjs');
        await benchMirror({
          cli: path.join(path.dirname(dist), 'cli.js'),
          cacheDir: benchDir,
          scratch,
          files: Number(flag('--mirror-files') ?? 8),
          add,
          skip
        });
      });
    }
  } finally {
    await mirror.close();
    rmSync(scratch, { recursive: true, force: true });
  }

  console.log('');
  console.log(
    table(
      ['figure', 'value', 'goal', 'result', 'note'],
      figures.map((f) => [
        f.name,
        f.display,
        f.goal,
        f.pass === null ? (f.display === 'skipped' ? 'skip' : '-') : f.pass ? 'PASS' : 'FAIL',
        f.note ?? ''
      ])
    )
  );
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${goos}/${goarch}`,
    cpus: os.cpus().length,
    dist: path.relative(root, dist),
    figures
  };
  writeFileSync(path.join(benchDir, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(`\nwrote ${path.relative(root, path.join(benchDir, 'latest.json'))}`);
}

/** @param {Figure} f */
function add(f) {
  figures.push(f);
  console.log(`    ${f.name}: ${f.display}${f.goal !== '-' ? ` (goal ${f.goal}: ${f.pass ? 'pass' : 'FAIL'})` : ''}`);
}

/** @param {string} id @param {string} name @param {string} goal @param {string} note */
function skip(id, name, goal, note) {
  figures.push({ id, name, value: null, unit: '', display: 'skipped', goal, pass: null, note });
}

/** Runs one part; an exception marks the bench as crashed but the other parts still run. @param {string} id @param {() => Promise<void>} fn */
async function part(id, fn) {
  const t0 = Date.now();
  try {
    await fn();
  } catch (err) {
    crashed = true;
    const message = err instanceof Error ? err.message : String(err);
    console.error(`(${id}) crashed: ${message}`);
    figures.push({
      id: `part-${id}`,
      name: `part (${id})`,
      value: null,
      unit: '',
      display: 'error',
      goal: '-',
      pass: false,
      note: message.split('\n')[0]
    });
  }
  console.log(`(${id}) done in ${formatMs(Date.now() - t0)}`);
}

/**
 * A run the bench relies on must end by itself with exit 0 (on-mismatch is warn).
 * @param {import('./test-support/run-action.mjs').RunResult} r
 * @param {string} label
 */
function expectOk(r, label) {
  if (r.code === 0 && !r.signal) return;
  throw new Error(
    `${label}: the action exited ${r.code}${r.signal ? ` (${r.signal})` : ''}: ${r.errors.join('; ') || r.stderr.trim().split('\n').slice(-3).join(' | ')}`
  );
}
