/**
 * The dashboard page in a real headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core), opened over file:// as a user opens it from disk. The pages come from the CLI
 * bundle (SETUP_GO_ENFORCED_CLI, else dist/cli.js) on generated fleets (scripts/test-support/
 * fleet.mjs): the totals, sorting by mouse and keyboard, the filter, the URL hash, a row's
 * findings, no request but the file itself, no markup of a report ever run, JavaScript off, and
 * screenshots of a small and a 10,000-repository fleet (kept in
 * <tmp>/setup-go-enforced-dashboard-screenshots/ for people to look at).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { HOSTILE, generateFleet } from '../../scripts/test-support/fleet.mjs';
import { sortGo } from '../../src/go/gover.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic'
];
const CLI = path.resolve(process.env.SETUP_GO_ENFORCED_CLI ?? path.join('dist', 'cli.js'));
const NOW = Date.parse('2026-06-01T12:00:00Z');
const SHOTS = path.join(os.tmpdir(), 'setup-go-enforced-dashboard-screenshots');

type Fleet = ReturnType<typeof generateFleet>;
type TruthRow = Fleet['truth']['rows'][number];

let root: string;
let browser: Browser;
let small: { fleet: Fleet; url: string };
let large: { fleet: Fleet; url: string };

async function build(name: string, opts: Parameters<typeof generateFleet>[0]): Promise<{ fleet: Fleet; url: string }> {
  const fleet = generateFleet(opts);
  const out = path.join(root, `${name}-out`);
  await promisify(execFile)(process.execPath, [CLI, 'dashboard', opts.dir, '--out', out], {
    env: { ...process.env, SOURCE_DATE_EPOCH: String(NOW / 1000) },
    maxBuffer: 16 << 20
  });
  return { fleet, url: pathToFileURL(path.join(out, 'index.html')).href };
}

/** A page that may fetch nothing but `url`: every other request is recorded and aborted. */
async function open(
  url: string,
  opts: { hash?: string; javaScriptEnabled?: boolean; colorScheme?: 'light' | 'dark' } = {}
): Promise<{ page: Page; context: BrowserContext; requests: string[]; problems: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    colorScheme: opts.colorScheme ?? 'light'
  });
  const requests: string[] = [];
  const problems: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  await context.route('**/*', (route) =>
    route.request().url().split('#')[0] === url ? route.continue() : route.abort('blockedbyclient')
  );
  const page = await context.newPage();
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  await page.goto(url + (opts.hash ?? ''));
  if (opts.javaScriptEnabled !== false) await page.waitForSelector('html[data-ready="true"]', { timeout: 60_000 });
  return { page, context, requests, problems };
}

const num = (n: number) => n.toLocaleString('en-US');

function flatRows(fleet: Fleet) {
  return fleet.truth.rows.flatMap((r: TruthRow) =>
    r.legs.map((l) => ({ ...l, repository: r.repository, key: `${r.repository}\u0000${r.workflow}\u0000${r.job}` }))
  );
}

async function firstRepositories(page: Page, n: number): Promise<string[]> {
  return page.$$eval('#rows-body tr.row .expand', (bs, k) => bs.slice(0, k).map((b) => b.textContent ?? ''), n);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the browser tests need Debian's chromium (apt-get install chromium)`);
  }
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build it (npm run build) or set SETUP_GO_ENFORCED_CLI`);
  root = mkdtempSync(path.join(os.tmpdir(), 'e2e-dashboard-browser-'));
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  small = await build('small', { dir: path.join(root, 'small'), reports: 60, seed: 21, now: NOW });
  large = await build('large', {
    dir: path.join(root, 'large'),
    repositories: 10_000,
    seed: 22,
    now: NOW,
    extras: false
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('a small fleet', () => {
  test('the totals are the fleet', async () => {
    const { page, context, requests, problems } = await open(small.url);
    const t = small.fleet.truth.totals;
    const totals = await page.$$eval('#totals li', (lis) =>
      Object.fromEntries(lis.map((li) => [li.getAttribute('data-total'), li.querySelector('.n')?.textContent]))
    );
    expect(totals).toEqual({
      repositories: num(t.repositories),
      supported: num(t.supported),
      behind: num(t.behindOnPatches),
      vulnerable: num(t.vulnerable),
      failing: num(t.failing),
      drifting: num(t.drifting)
    });
    expect(await page.textContent('#count')).toBe(`${num(t.rows)} of ${num(t.rows)} rows`);
    expect(requests).toEqual([small.url]);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('a header sorts (click and keyboard, aria-sort), the state goes into the hash and back', async () => {
    const { page, context } = await open(small.url);
    const rows = flatRows(small.fleet);
    const byVulns = [...rows].sort((a, b) => b.vulns - a.vulns || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    await page.click('th[data-sort="vulns"] button');
    expect(await page.getAttribute('th[data-sort="vulns"]', 'aria-sort')).toBe('descending');
    expect(await page.getAttribute('th[data-sort="repository"]', 'aria-sort')).toBe('none');
    expect(await firstRepositories(page, 8)).toEqual(byVulns.slice(0, 8).map((r) => r.repository));
    expect(new URL(page.url()).hash).toBe('#sort=vulns');

    // the keyboard: focus the Age header's button, Enter sorts, Enter again reverses
    await page.focus('th[data-sort="age"] button');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('th[data-sort="age"]', 'aria-sort')).toBe('descending');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('th[data-sort="age"]', 'aria-sort')).toBe('ascending');
    const newest = [...small.fleet.truth.rows].sort((a, b) => a.ageSeconds - b.ageSeconds)[0];
    expect((await firstRepositories(page, 1))[0]).toBe(newest.repository);
    expect(new URL(page.url()).hash).toBe('#sort=age&dir=asc');
    await context.close();

    // a shared link opens the same view
    const shared = await open(small.url, { hash: '#sort=vulns&q=acme' });
    expect(await shared.page.getAttribute('th[data-sort="vulns"]', 'aria-sort')).toBe('descending');
    expect(await shared.page.inputValue('#filter')).toBe('acme');
    const acme = byVulns.filter((r) => r.repository.startsWith('acme/'));
    expect(await firstRepositories(shared.page, 5)).toEqual(acme.slice(0, 5).map((r) => r.repository));
    await shared.context.close();
  });

  test('the filter: words and a state show the right rows', async () => {
    const { page, context } = await open(small.url);
    const rows = flatRows(small.fleet);
    const failing = rows.filter((r) => r.errorCount > 0 || r.stopped);
    await page.selectOption('#show', 'failing');
    expect(await page.textContent('#count')).toBe(`${num(failing.length)} of ${num(rows.length)} rows`);
    expect((await firstRepositories(page, 100)).sort()).toEqual(failing.map((r) => r.repository).sort());
    await page.selectOption('#show', '');
    const one = rows[7].repository;
    await page.fill('#filter', one.toUpperCase());
    expect(await firstRepositories(page, 100)).toEqual(
      rows.filter((r) => r.repository === one).map((r) => r.repository)
    );
    expect(new URL(page.url()).hash).toBe(`#q=${encodeURIComponent(one.toUpperCase()).replace(/%20/g, '+')}`);
    await page.fill('#filter', 'no such repository anywhere');
    expect(await page.$$('#rows-body tr')).toHaveLength(0);
    expect(await page.textContent('#count')).toBe(`0 of ${num(rows.length)} rows`);
    await context.close();
  });

  test('a row opens its findings (check, kind, severity, file:line, message)', async () => {
    const { page, context } = await open(small.url, { hash: '#show=drifting' });
    const button = page.locator('#rows-body tr.row .expand').first();
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    await button.click();
    const opened = page.locator('#rows-body tr.row .expand').first();
    expect(await opened.getAttribute('aria-expanded')).toBe('true');
    const detail = page.locator(`#${(await opened.getAttribute('aria-controls')) ?? 'none'}`);
    const cells = await detail
      .locator('table.findings tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) =>
          Array.from(tr.children as ArrayLike<{ textContent: string | null }>).map((td) => td.textContent)
        )
      );
    expect(cells).toContainEqual([
      'version-files',
      'drift',
      'warning',
      '.go-version:1',
      expect.stringMatching(/^\.go-version states Go 1\.\d+, older than the 1\.\d+\.\d+ installed here$/)
    ]);
    expect(await detail.locator('dt', { hasText: 'report' }).count()).toBe(1);
    await opened.click();
    expect(await page.locator('#rows-body tr.detail').count()).toBe(0);
    await context.close();
  });

  test('markup in a report is shown as text and never runs', async () => {
    const { page, context, requests, problems } = await open(small.url, { hash: '#q=evil' });
    const button = page.locator('#rows-body tr.row .expand');
    expect(await button.count()).toBe(1);
    expect(await button.textContent()).toBe(HOSTILE.repository);
    await button.click();
    const messages = await page.locator('#rows-body tr.detail table.findings td').allTextContents();
    expect(
      messages.some((m) => m.includes('<script>window.__pwned=3</script><img src=x onerror=window.__pwned=4>'))
    ).toBe(true);
    expect(messages).toContain(`${HOSTILE.file}:3`);
    // the run link of the hostile report was javascript:, so there is none
    expect(await page.locator('#rows-body tr.row td.run a').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.locator('#rows-body img, #rows-body svg, #rows-body script').count()).toBe(0);
    expect(problems).toEqual([]);
    expect(requests).toEqual([small.url]);
    await context.close();
  });

  test('without JavaScript: the totals, the charts and a note', async () => {
    const { page, context } = await open(small.url, { javaScriptEnabled: false });
    expect(await page.textContent('[data-total="repositories"] .n')).toBe(num(small.fleet.truth.totals.repositories));
    expect(await page.isVisible('#noscript-note')).toBe(true);
    expect(await page.isVisible('#table-ui')).toBe(false);
    expect(await page.isVisible('#chart-installed svg')).toBe(true);
    await context.close();
  });

  test('light and dark: the colours follow prefers-color-scheme; screenshots', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const { page, context } = await open(small.url, { colorScheme: scheme });
      const bg = await page.evaluate('getComputedStyle(document.body).backgroundColor');
      expect(bg).toBe(scheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(13, 17, 23)');
      const file = path.join(SHOTS, `small-${scheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
      await context.close();
    }
  });
});

describe('a fleet of 10,000 repositories', () => {
  test('opens, pages, sorts and filters within generous bounds; screenshot', async () => {
    const t0 = Date.now();
    const { page, context, requests, problems } = await open(large.url);
    const opened = Date.now() - t0;
    const t = large.fleet.truth.totals;
    expect(t.repositories).toBe(10_000);
    expect(await page.textContent('[data-total="repositories"] .n')).toBe('10,000');
    expect(await page.textContent('#count')).toBe(`${num(t.rows)} of ${num(t.rows)} rows, showing 1–100`);
    expect(await page.locator('#rows-body tr.row').count()).toBe(100);
    expect(await page.textContent('#page-label')).toBe(`page 1 of ${Math.ceil(t.rows / 100)}`);
    await page.click('#next');
    expect(await page.textContent('#count')).toBe(`${num(t.rows)} of ${num(t.rows)} rows, showing 101–200`);

    const t1 = Date.now();
    await page.click('th[data-sort="installed"] button');
    expect(await page.getAttribute('th[data-sort="installed"]', 'aria-sort')).toBe('ascending');
    const sorted = Date.now() - t1;
    // sorting goes back to page 1: the lowest installed Go first; rows without one go last
    const goColumn = async () =>
      (await page.$$eval('#rows-body tr.row td.installed', (tds) => tds.map((td) => td.textContent ?? ''))).map(
        (t) => t.split(' ')[0] // the version, without its "behind" tag
      );
    const firstGo = await goColumn();
    const installed = sortGo(
      flatRows(large.fleet)
        .map((r) => r.installed)
        .filter((v): v is string => v !== null)
    );
    expect(firstGo).toEqual(installed.slice(0, 100));
    await page.click('th[data-sort="installed"] button');
    expect(await page.getAttribute('th[data-sort="installed"]', 'aria-sort')).toBe('descending');
    const lastGo = await goColumn();
    expect(lastGo).toEqual(installed.reverse().slice(0, 100));
    await page.fill('#filter', 'failing drifting');
    const both = flatRows(large.fleet).filter((r) => (r.errorCount > 0 || r.stopped) && r.driftCount > 0);
    expect(await page.textContent('#count')).toMatch(new RegExp(`^${num(both.length)} of ${num(t.rows)} rows`));

    await page.fill('#filter', '');
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(SHOTS, 'large.png'), fullPage: false });
    expect(requests).toEqual([large.url]);
    expect(problems).toEqual([]);
    // generous bounds on a busy machine; the real targets are in the benchmark
    expect(opened).toBeLessThan(30_000);
    expect(sorted).toBeLessThan(10_000);
    await context.close();
  });
});
