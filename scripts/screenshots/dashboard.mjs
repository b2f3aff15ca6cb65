#!/usr/bin/env node
// Writes docs/images/dashboard.png: the fleet dashboard of 20 repositories whose reports come from
// real runs of the bundled action (dist/index.js through scripts/test-support/run-action.mjs), one
// per job (two for a matrix job), against the local mirror (fixture manifest, synthetic
// toolchains, a small vulnerability database). The repositories differ the way a fleet does: Go
// 1.21 to 1.27, exact patch pins that are behind, a Dockerfile or a version file that cannot build
// the module (failing), a stale pin (drifting), a go-version that cannot be resolved (a run that
// stopped), a workspace, a matrix job. Each run's clock is set back a few hours or days (a
// --import hook that shifts Date), so the reports carry the ages of a real fleet; nothing in a
// report is edited. The dashboard is built by the CLI bundle (dist/cli.js dashboard) and shown in
// Debian's headless chromium: totals, charts and the first rows, light mode, 1400x1100, written
// as a 256-colour PNG (png8.mjs).
// Flags: --cli FILE (default dist/cli.js), --dist FILE (default dist/index.js), --out FILE
// (default docs/images/dashboard.png), --dark (the dark colour scheme), --keep (keep the scratch).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runAction, DEFAULT_DIST } from '../test-support/run-action.mjs';
import { startMirror } from '../test-support/mirror.mjs';
import { HOST_GOARCH, buildSyntheticToolchain } from '../test-support/toolchains.mjs';
import { buildFixtureManifest } from '../test-support/manifest-fixture.mjs';
import { buildVulnDb } from '../test-support/vulndb-fixture.mjs';
import { VULNS } from './pull-request-run.mjs';
import { launchChromium } from './github-page.mjs';
import { toPalettePng } from './png8.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const HOUR = 3_600_000;

const mod = (/** @type {string} */ name, /** @type {string[]} */ ...lines) =>
  `module example.com/${name}\n\n${lines.join('\n')}\n`;
const MAIN = 'package main\n\nfunc main() {}\n';

/**
 * @typedef {object} FleetRepo
 * @property {string} repository
 * @property {Record<string, string>} files
 * @property {string} [workflow]     default ci
 * @property {string} [job]          default test
 * @property {Record<string, string>[]} [legs]  inputs of each leg of one matrix run (default one run)
 * @property {number} hoursAgo       when its run was
 * @property {string} [installs]     the release the run installs (its toolchain is built), when
 *                                   not the go line's
 */

/** The fleet. Installed versions follow Go's rules from each go.mod (see the comments). @type {FleetRepo[]} */
export const FLEET = [
  // go 1.26.0 names a release: exactly it (behind, and GO-2099-0103); the image cannot build it
  {
    repository: 'acme/shop',
    files: {
      'go.mod': mod('shop', 'go 1.26.0'),
      'main.go': MAIN,
      Dockerfile: 'FROM golang:1.24-alpine AS build\nRUN go build .\n'
    },
    hoursAgo: 3,
    installs: '1.26.0'
  },
  { repository: 'acme/payments', files: { 'go.mod': mod('payments', 'go 1.27.0') }, hoursAgo: 5, installs: '1.27.0' },
  { repository: 'acme/ledger', files: { 'go.mod': mod('ledger', 'go 1.26') }, hoursAgo: 26, installs: '1.26.7' },
  {
    repository: 'acme/gateway',
    files: { 'go.mod': mod('gateway', 'go 1.25.0', '', 'toolchain go1.25.14') },
    hoursAgo: 50,
    installs: '1.25.14'
  },
  { repository: 'acme/search', files: { 'go.mod': mod('search', 'go 1.24.0') }, hoursAgo: 120, installs: '1.24.0' },
  // a .go-version older than the installed Go that still builds the module: drift
  {
    repository: 'acme/auth',
    files: { 'go.mod': mod('auth', 'go 1.26'), '.go-version': '1.26.1\n' },
    hoursAgo: 8,
    installs: '1.26.7'
  },
  // a matrix job: two legs of one run
  {
    repository: 'acme/billing',
    files: { 'go.mod': mod('billing', 'go 1.26.0') },
    legs: [{ 'go-version': '1.26' }, { 'go-version': '1.27' }],
    hoursAgo: 2
  },
  { repository: 'globex/api', files: { 'go.mod': mod('api', 'go 1.23') }, hoursAgo: 30, installs: '1.23.12' },
  { repository: 'globex/worker', files: { 'go.mod': mod('worker', 'go 1.22.0') }, hoursAgo: 200, installs: '1.22.0' },
  { repository: 'globex/cli', files: { 'go.mod': mod('cli', 'go 1.21') }, hoursAgo: 400, installs: '1.21.13' },
  { repository: 'globex/metrics', files: { 'go.mod': mod('metrics', 'go 1.27.0') }, hoursAgo: 1, installs: '1.27.0' },
  {
    repository: 'globex/metrics',
    workflow: 'lint',
    job: 'golangci',
    files: { 'go.mod': mod('metrics', 'go 1.27.0') },
    hoursAgo: 1,
    installs: '1.27.0'
  },
  // a go-version that no release satisfies: the run stops before the checks
  {
    repository: 'globex/store',
    files: { 'go.mod': mod('store', 'go 1.26') },
    legs: [{ 'go-version': '1.31' }],
    hoursAgo: 12
  },
  { repository: 'initech/tps', files: { 'go.mod': mod('tps', 'go 1.25.3') }, hoursAgo: 70, installs: '1.25.3' },
  { repository: 'initech/queue', files: { 'go.mod': mod('queue', 'go 1.26.4') }, hoursAgo: 20, installs: '1.26.4' },
  {
    repository: 'initech/proxy',
    files: { 'go.mod': mod('proxy', 'go 1.24'), Dockerfile: 'FROM golang:1.24\n' },
    hoursAgo: 96,
    installs: '1.24.13'
  },
  // a workspace: go.work's toolchain line decides
  {
    repository: 'initech/reports',
    files: {
      'go.work': 'go 1.26.0\n\ntoolchain go1.27.0\n\nuse (\n\t./api\n\t./jobs\n)\n',
      'api/go.mod': mod('reports/api', 'go 1.26.0'),
      'jobs/go.mod': mod('reports/jobs', 'go 1.25.0')
    },
    hoursAgo: 6,
    installs: '1.27.0'
  },
  // an image pinned to an older patch: drift
  {
    repository: 'initech/notify',
    files: { 'go.mod': mod('notify', 'go 1.26', '', 'toolchain go1.26.7'), Dockerfile: 'FROM golang:1.26.1-alpine\n' },
    hoursAgo: 40,
    installs: '1.26.7'
  },
  // consistency: exact makes drift an error
  {
    repository: 'umbrella/lab',
    files: { 'go.mod': mod('lab', 'go 1.27.0'), '.tool-versions': 'golang 1.26.7\n' },
    legs: [{ consistency: 'exact' }],
    hoursAgo: 4,
    installs: '1.27.0'
  },
  { repository: 'umbrella/hive', files: { 'go.mod': mod('hive', 'go 1.26') }, hoursAgo: 15, installs: '1.26.7' },
  { repository: 'umbrella/tracker', files: { 'go.mod': mod('tracker', 'go 1.25') }, hoursAgo: 160, installs: '1.25.14' }
];

/** The releases a matrix leg's go-version resolves to. */
const LEG_INSTALLS = { 1.26: '1.26.7', 1.27: '1.27.0' };

/** @param {string} s */
const hex = (s) => createHash('sha256').update(s).digest('hex');

/**
 * Runs the fleet and writes its reports under dir/<owner>/<name>/<workflow>-<job>[-<leg>]/report.json.
 * @param {{ dir: string, scratch: string, dist?: string, now: number }} o
 * @returns {Promise<string[]>} the report files
 */
export async function runFleet({ dir, scratch, dist = DEFAULT_DIST, now }) {
  const goos = { win32: 'windows', darwin: 'darwin' }[/** @type {string} */ (process.platform)] ?? 'linux';
  const versions = new Set([...FLEET.map((r) => r.installs).filter(Boolean), ...Object.values(LEG_INSTALLS)]);
  const mirror = await startMirror();
  try {
    /** @type {Record<string, any[]>} */
    const files = {};
    for (const version of /** @type {string[]} */ ([...versions])) {
      const a = await buildSyntheticToolchain({
        version,
        os: /** @type {'linux'} */ (goos),
        arch: HOST_GOARCH,
        outDir: path.join(scratch, 'archives')
      });
      mirror.addFile(a.filename, a.path);
      files[version] = [{ os: goos, arch: HOST_GOARCH, filename: a.filename, sha256: a.sha256, size: a.size }];
    }
    mirror.setManifest(buildFixtureManifest({ files }));
    mirror.setVulnDir((await buildVulnDb(path.join(scratch, 'vulndb'), VULNS)).dir);
    // the run's clock, set back by SCREENSHOT_CLOCK_OFFSET_MS
    const hook = path.join(scratch, 'clock.mjs');
    writeFileSync(
      hook,
      [
        'const offset = Number(process.env.SCREENSHOT_CLOCK_OFFSET_MS) || 0;',
        'const Real = Date;',
        'class Shifted extends Real {',
        '  constructor(...a) { if (a.length === 0) super(Real.now() - offset); else super(...a); }',
        '  static now() { return Real.now() - offset; }',
        '}',
        'globalThis.Date = Shifted;',
        ''
      ].join('\n')
    );

    /** @type {{ repo: FleetRepo, inputs: Record<string, string>, leg: number, runId: string }[]} */
    const jobs = [];
    FLEET.forEach((repo, k) => {
      const runId = String(19_600_000_000 + k * 7919);
      (repo.legs ?? [{}]).forEach((inputs, leg) => jobs.push({ repo, inputs, leg, runId }));
    });
    /** @type {string[]} */
    const reports = [];
    const one = async (/** @type {(typeof jobs)[number]} */ j) => {
      const workflow = j.repo.workflow ?? 'ci';
      const job = j.repo.job ?? 'test';
      const key = `${j.repo.repository}/${workflow}-${job}${(j.repo.legs?.length ?? 1) > 1 ? `-${j.leg}` : ''}`;
      const work = path.join(scratch, 'runs', key);
      const workspace = path.join(work, 'workspace');
      for (const [rel, text] of Object.entries(j.repo.files)) {
        mkdirSync(path.dirname(path.join(workspace, rel)), { recursive: true });
        writeFileSync(path.join(workspace, rel), text);
      }
      const r = await runAction({
        distPath: dist,
        workspace,
        toolCache: path.join(work, 'toolcache'),
        temp: path.join(work, 'temp'),
        nodeArgs: ['--import', pathToFileURL(hook).href],
        inputs: {
          'go-download-base-url': mirror.url,
          'vulndb-url': `${mirror.url}/vuln`,
          cache: 'false',
          ...j.inputs
        },
        env: {
          SCREENSHOT_CLOCK_OFFSET_MS: String(Math.max(0, Date.now() - (now - j.repo.hoursAgo * HOUR))),
          GITHUB_REPOSITORY: j.repo.repository,
          GITHUB_REPOSITORY_OWNER: j.repo.repository.split('/')[0],
          GITHUB_WORKFLOW: workflow,
          GITHUB_JOB: job,
          GITHUB_RUN_ID: j.runId,
          GITHUB_RUN_ATTEMPT: '1',
          GITHUB_REF: 'refs/heads/main',
          GITHUB_SHA: hex(j.repo.repository).slice(0, 40),
          GITHUB_EVENT_NAME: 'push',
          ImageOS: 'ubuntu24'
        }
      });
      if (r.signal || (r.code !== 0 && r.code !== 1) || !r.outputs.report || !existsSync(r.outputs.report)) {
        throw new Error(`${key}: the action did not write its report (code ${r.code}):\n${r.stderr}`);
      }
      const out = path.join(dir, key, 'report.json');
      mkdirSync(path.dirname(out), { recursive: true });
      cpSync(r.outputs.report, out);
      reports.push(out);
    };
    // four at a time
    const queue = [...jobs];
    await Promise.all(
      [...Array(4)].map(async () => {
        for (let j = queue.shift(); j; j = queue.shift()) await one(j);
      })
    );
    return reports.sort();
  } finally {
    await mirror.close();
  }
}

/**
 * Runs the fleet, builds its dashboard and writes the image.
 * @param {{ file?: string, cli?: string, dist?: string, dark?: boolean, keep?: boolean, browser?: import('playwright-core').Browser }} [o]
 * @returns {Promise<{ file: string, bytes: number, width: number, height: number }>}
 */
export async function writeDashboardImage(o = {}) {
  const cli = o.cli ?? path.join(root, 'dist', 'cli.js');
  const file = o.file ?? path.join(root, 'docs', 'images', 'dashboard.png');
  if (!existsSync(cli)) throw new Error(`${cli} is missing. Build it first: npm run build`);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'setup-go-enforced-screenshot-'));
  const browser = o.browser ?? (await launchChromium());
  try {
    // whole minutes, so the ages read as a fleet's do
    const now = Math.floor(Date.now() / 60_000) * 60_000;
    await runFleet({ dir: path.join(scratch, 'reports'), scratch, dist: o.dist, now });
    execFileSync(
      process.execPath,
      [cli, 'dashboard', path.join(scratch, 'reports'), '--out', path.join(scratch, 'out')],
      {
        env: { ...process.env, SOURCE_DATE_EPOCH: String(now / 1000) },
        stdio: ['ignore', 'ignore', 'inherit']
      }
    );
    const ctx = await browser.newContext({
      viewport: { width: 1400, height: 1100 },
      colorScheme: o.dark ? 'dark' : 'light'
    });
    try {
      const page = await ctx.newPage();
      await page.goto(`${pathToFileURL(path.join(scratch, 'out', 'index.html')).href}#sort=vulns`);
      await page.waitForSelector('html[data-ready="true"]');
      mkdirSync(path.dirname(file), { recursive: true });
      await page.screenshot({ path: file });
      toPalettePng(file);
    } finally {
      await ctx.close();
    }
    return { file, bytes: statSync(file).size, width: 1400, height: 1100 };
  } finally {
    if (!o.browser) await browser.close();
    if (o.keep) console.log(`(kept ${scratch})`);
    else rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const flag = (/** @type {string} */ name) => {
    const i = args.indexOf(name);
    return i >= 0 ? path.resolve(args[i + 1]) : undefined;
  };
  writeDashboardImage({
    file: flag('--out'),
    cli: flag('--cli'),
    dist: flag('--dist'),
    dark: args.includes('--dark'),
    keep: args.includes('--keep')
  }).then(
    (s) =>
      console.log(
        `wrote ${path.relative(process.cwd(), s.file)} (${s.width}x${s.height}, ${Math.round(s.bytes / 1024)} KiB)`
      ),
    (err) => {
      console.error(`screenshots: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      process.exitCode = 1;
    }
  );
}
