// Bench part: `setup-go-enforced dashboard` on 10,000 generated reports (scripts/test-support/
// fleet.mjs), through the CLI bundle as a child process: wall time (median of `runs`) and peak RSS
// (the measure.mjs preload), with the size of what it wrote. When Debian's chromium is at hand,
// also the page in a headless browser: open until the first rows show, and a sort of every row.
// Goals: 10,000 reports in 10 s and 512 MiB; the page ready in 3 s and a sort in 1 s.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateFleet } from '../test-support/fleet.mjs';
import { formatBytes, formatMs, median, timeCommand } from '../test-support/measure.mjs';

const CHROMIUM = '/usr/bin/chromium';
const MiB = 1024 * 1024;
const GOALS = { wallMs: 10_000, rss: 512 * MiB, openMs: 3_000, sortMs: 1_000 };

/**
 * @param {{
 *   root: string,
 *   cli: string,
 *   scratch: string,
 *   reports?: number,
 *   runs?: number,
 *   add: (f: import('./context.mjs').Figure) => void,
 *   skip: (id: string, name: string, goal: string, note: string) => void
 * }} ctx
 */
export async function benchDashboard(ctx) {
  const reports = ctx.reports ?? 10_000;
  const runs = ctx.runs ?? 3;
  const name = `dashboard of ${reports.toLocaleString('en-US')} reports`;
  if (!existsSync(ctx.cli)) {
    console.log(`    skipped: ${ctx.cli} is missing (npm run build)`);
    ctx.skip('dashboard-time', `${name}: wall time`, `<= ${formatMs(GOALS.wallMs)}`, `${ctx.cli} missing`);
    return;
  }
  const dir = mkdtempSync(path.join(ctx.scratch, 'fleet-'));
  try {
    const t0 = Date.now();
    const fleet = generateFleet({ dir: path.join(dir, 'reports'), reports, seed: 42, now: Date.now() });
    console.log(`    generated ${fleet.files.length} files in ${formatMs(Date.now() - t0)}`);
    const preload = pathToFileURL(path.join(ctx.root, 'scripts', 'test-support', 'measure.mjs')).href;
    const out = path.join(dir, 'out');
    /** @type {number[]} */
    const wall = [];
    /** @type {number[]} */
    const rss = [];
    for (let i = 0; i < runs; i++) {
      const rssFile = path.join(dir, `rss-${i}.txt`);
      const r = await timeCommand(
        process.execPath,
        ['--import', preload, ctx.cli, 'dashboard', path.join(dir, 'reports'), '--out', out],
        { env: { ...process.env, BENCH_RSS_FILE: rssFile }, timeoutMs: 300_000 }
      );
      if (r.code !== 0) throw new Error(`dashboard run ${i + 1} exited ${r.code}: ${r.stderr.trim().split('\n')[0]}`);
      wall.push(r.durationMs);
      if (existsSync(rssFile)) rss.push(Number(readFileSync(rssFile, 'utf8')));
      console.log(`    run ${i + 1}: ${formatMs(r.durationMs)}`);
    }
    const sizes = ['index.html', 'dashboard.md', 'dashboard.json']
      .map((f) => `${f} ${formatBytes(statSync(path.join(out, f)).size)}`)
      .join(', ');
    const mWall = median(wall);
    ctx.add({
      id: 'dashboard-time',
      name: `${name}: wall time`,
      value: mWall,
      unit: 'ms',
      display: formatMs(mWall),
      goal: `<= ${formatMs(GOALS.wallMs)}`,
      pass: mWall <= GOALS.wallMs,
      note: `median of ${runs}; ${sizes}`
    });
    const peak = rss.length > 0 ? Math.max(...rss) : null;
    ctx.add({
      id: 'dashboard-rss',
      name: `${name}: peak RSS`,
      value: peak,
      unit: 'bytes',
      display: peak === null ? 'unknown' : formatBytes(peak),
      goal: `<= ${formatBytes(GOALS.rss)}`,
      pass: peak === null ? null : peak <= GOALS.rss,
      note: `max of ${rss.length} runs`
    });
    await benchPage(ctx, pathToFileURL(path.join(out, 'index.html')).href, name);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The page in Chromium: until the first rows show, then a sort by installed Go. */
async function benchPage(ctx, url, name) {
  if (!existsSync(CHROMIUM)) {
    console.log(`    page skipped: ${CHROMIUM} is missing (apt-get install chromium)`);
    ctx.skip('dashboard-page-open', `${name}: page ready`, `<= ${formatMs(GOALS.openMs)}`, `${CHROMIUM} missing`);
    return;
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic'
    ]
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const t0 = Date.now();
    await page.goto(url);
    await page.waitForSelector('html[data-ready="true"]', { timeout: 120_000 });
    const openMs = Date.now() - t0;
    const t1 = Date.now();
    await page.click('th[data-sort="installed"] button');
    await page.waitForSelector('th[data-sort="installed"][aria-sort="ascending"]');
    const sortMs = Date.now() - t1;
    const rows = await page.textContent('#count');
    ctx.add({
      id: 'dashboard-page-open',
      name: `${name}: page ready in Chromium`,
      value: openMs,
      unit: 'ms',
      display: formatMs(openMs),
      goal: `<= ${formatMs(GOALS.openMs)}`,
      pass: openMs <= GOALS.openMs,
      note: rows ?? ''
    });
    ctx.add({
      id: 'dashboard-page-sort',
      name: `${name}: sort every row`,
      value: sortMs,
      unit: 'ms',
      display: formatMs(sortMs),
      goal: `<= ${formatMs(GOALS.sortMs)}`,
      pass: sortMs <= GOALS.sortMs,
      note: 'by installed Go, click to the rows shown'
    });
  } finally {
    await browser.close();
  }
}
