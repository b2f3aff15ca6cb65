// Shared setup of npm run bench (scripts/bench.mjs): the command line, the figures and the table
// they end in (with .bench/latest.json), and the fixtures the parts run against: a scratch folder,
// the loopback mirror with the fixture manifest and the vulnerability database, the example
// workspace, and the inputs every run of the action gets. Each part is a module beside this one
// exporting one async function of a BenchContext (or of the few fields it needs).
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DIST } from '../test-support/run-action.mjs';
import { startMirror } from '../test-support/mirror.mjs';
import { buildFixtureManifest } from '../test-support/manifest-fixture.mjs';
import { buildVulnDb } from '../test-support/vulndb-fixture.mjs';
import { HOST_GOARCH } from '../test-support/toolchains.mjs';
import { formatMs, table } from '../test-support/measure.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REAL_GO_DIR = '/usr/lib/go-1.19';
export const REAL_GO_VERSION = '1.19.8';
export const MiB = 1024 * 1024;
/** The parts `--only` defaults to. */
const ALL_PARTS = 'a,b,c,d,e,f,g,h,i,j,k';

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

/**
 * @typedef {object} BenchContext
 * @property {string} root            the repository
 * @property {(name: string) => string | undefined} flag   value of a command-line flag
 * @property {(name: string) => boolean} has       whether a switch (a flag without a value) is given
 * @property {Set<string>} only       parts to run
 * @property {string} dist            the bundle under test (--dist)
 * @property {string} node            node binary of the bundle processes (--node; default this one)
 * @property {string} nodeVersion     its `node --version`
 * @property {string} nodeNote        '' for this process's node, else `; node vX` for the notes
 * @property {number} warmRuns        --runs-warm
 * @property {string} scratch         temporary folder, removed at the end
 * @property {string} benchDir        .bench/ (kept: packed archives, latest.json)
 * @property {string} goos
 * @property {string} goarch
 * @property {boolean} hasRealGo      Debian's Go 1.19 is at REAL_GO_DIR
 * @property {Awaited<ReturnType<typeof startMirror>>} mirror
 * @property {(version: string, archive: { filename: string, path: string, sha256: string, size: number }) => void} publish
 *   serves the archive and lists it (alone) for `version` in the manifest
 * @property {Record<string, { os: string, arch: string, filename: string, sha256: string, size: number }[]>} manifestFiles
 * @property {Record<string, string>} baseInputs   the mirror as go.dev/dl and vuln.go.dev, on-mismatch warn
 * @property {string} hello           a copy of examples/hello
 * @property {{ warmGoRoot: string }} state        what one part leaves for a later one
 * @property {Figure[]} figures
 * @property {(f: Figure) => void} add
 * @property {(id: string, name: string, goal: string, note: string) => void} skip
 * @property {boolean} crashed
 */

/** The bench's command line. @param {string[]} argv */
function parseArgs(argv) {
  /** @param {string} name */
  const flag = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    flag,
    has: (/** @type {string} */ name) => argv.includes(name),
    dist: path.resolve(flag('--dist') ?? DEFAULT_DIST),
    node: path.resolve(flag('--node') ?? process.execPath),
    only: new Set((flag('--only') ?? ALL_PARTS).split(',').map((s) => s.trim())),
    warmRuns: Number(flag('--runs-warm') ?? 10)
  };
}

/**
 * Parses the command line, starts the mirror and builds the fixtures. Undefined (after printing
 * why) when the bundle is missing.
 * @param {string[]} argv
 * @returns {Promise<BenchContext | undefined>}
 */
export async function openBench(argv) {
  const { flag, has, dist, node, only, warmRuns } = parseArgs(argv);
  if (!existsSync(dist)) {
    console.error(`bench: ${path.relative(ROOT, dist)} is missing. Build it first: npm run build`);
    return undefined;
  }
  const goos = { win32: 'windows', darwin: 'darwin' }[/** @type {string} */ (process.platform)] ?? 'linux';
  const goarch = HOST_GOARCH;
  const nodeVersion = node === process.execPath ? process.version : execFileSync(node, ['--version']).toString().trim();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'setup-go-enforced-bench-'));
  const benchDir = path.join(ROOT, '.bench');
  mkdirSync(benchDir, { recursive: true });
  const mirror = await startMirror();
  /** @type {BenchContext['manifestFiles']} */
  const manifestFiles = {};
  mirror.setManifest(buildFixtureManifest());
  const vuln = await buildVulnDb(path.join(scratch, 'vulndb'));
  mirror.setVulnDir(vuln.dir);
  const hello = path.join(scratch, 'hello');
  cpSync(path.join(ROOT, 'examples', 'hello'), hello, { recursive: true });
  /** @type {BenchContext} */
  const ctx = {
    root: ROOT,
    flag,
    has,
    only,
    dist,
    node,
    nodeVersion,
    nodeNote: node === process.execPath ? '' : `; node ${nodeVersion}`,
    warmRuns,
    scratch,
    benchDir,
    goos,
    goarch,
    hasRealGo: existsSync(path.join(REAL_GO_DIR, 'bin', 'go')),
    mirror,
    manifestFiles,
    publish: (version, archive) => {
      mirror.addFile(archive.filename, archive.path);
      manifestFiles[version] = [
        { os: goos, arch: goarch, filename: archive.filename, sha256: archive.sha256, size: archive.size }
      ];
      mirror.setManifest(buildFixtureManifest({ files: manifestFiles }));
    },
    baseInputs: { 'go-download-base-url': mirror.url, 'vulndb-url': `${mirror.url}/vuln`, 'on-mismatch': 'warn' },
    hello,
    state: { warmGoRoot: '' },
    figures: [],
    add: (f) => {
      ctx.figures.push(f);
      console.log(
        `    ${f.name}: ${f.display}${f.goal !== '-' ? ` (goal ${f.goal}: ${f.pass ? 'pass' : 'FAIL'})` : ''}`
      );
    },
    skip: (id, name, goal, note) => {
      ctx.figures.push({ id, name, value: null, unit: '', display: 'skipped', goal, pass: null, note });
    },
    crashed: false
  };
  console.log(
    `setup-go-enforced bench: ${path.relative(ROOT, dist)}, node ${process.version}${
      ctx.nodeNote ? ` (bundles under ${nodeVersion}, ${node})` : ''
    }, ${os.cpus().length} CPUs, ${goos}/${goarch}`
  );
  return ctx;
}

/**
 * Runs one part; an exception marks the bench as crashed but the other parts still run.
 * @param {BenchContext} ctx @param {string} id @param {() => Promise<void>} fn
 */
export async function runPart(ctx, id, fn) {
  const t0 = Date.now();
  try {
    await fn();
  } catch (err) {
    ctx.crashed = true;
    const message = err instanceof Error ? err.message : String(err);
    console.error(`(${id}) crashed: ${message}`);
    ctx.figures.push({
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

/** Stops the mirror and removes the scratch folder. @param {BenchContext} ctx */
export async function closeBench(ctx) {
  await ctx.mirror.close();
  rmSync(ctx.scratch, { recursive: true, force: true });
}

/** Prints the table of figures and writes .bench/latest.json. @param {BenchContext} ctx */
export function finishBench(ctx) {
  console.log('');
  console.log(
    table(
      ['figure', 'value', 'goal', 'result', 'note'],
      ctx.figures.map((f) => [
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
    platform: `${ctx.goos}/${ctx.goarch}`,
    cpus: os.cpus().length,
    dist: path.relative(ROOT, ctx.dist),
    figures: ctx.figures
  };
  const file = path.join(ctx.benchDir, 'latest.json');
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  console.log(`\nwrote ${path.relative(ROOT, file)}`);
}

/**
 * A run the bench relies on must end by itself with exit 0 (on-mismatch is warn).
 * @param {import('../test-support/run-action.mjs').RunResult} r
 * @param {string} label
 */
export function expectOk(r, label) {
  if (r.code === 0 && !r.signal) return;
  throw new Error(
    `${label}: the action exited ${r.code}${r.signal ? ` (${r.signal})` : ''}: ${r.errors.join('; ') || r.stderr.trim().split('\n').slice(-3).join(' | ')}`
  );
}
