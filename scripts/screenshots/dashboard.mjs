#!/usr/bin/env node
// Writes docs/images/dashboard.png for the README: the fleet dashboard of a generated fleet
// (scripts/test-support/fleet.mjs, a fixed seed and time, so the image only changes when the page
// does), built by the CLI bundle and shown in Debian's headless chromium: the totals, the charts
// and the first rows, light mode, 1400x1100. Flags: --cli FILE (default dist/cli.js),
// --out FILE (default docs/images/dashboard.png), --dark (the dark colour scheme).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { generateFleet } from '../test-support/fleet.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const flag = (/** @type {string} */ name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const cli = path.resolve(flag('--cli') ?? path.join(root, 'dist', 'cli.js'));
const file = path.resolve(flag('--out') ?? path.join(root, 'docs', 'images', 'dashboard.png'));
const CHROMIUM = '/usr/bin/chromium';
const NOW = Date.parse('2026-06-01T12:00:00Z');

if (!existsSync(cli)) {
  console.error(`screenshots: ${cli} is missing. Build it first: npm run build`);
  process.exit(1);
}
if (!existsSync(CHROMIUM)) {
  console.error(`screenshots: ${CHROMIUM} is missing (apt-get install chromium)`);
  process.exit(1);
}
const dir = mkdtempSync(path.join(os.tmpdir(), 'setup-go-enforced-screenshot-'));
try {
  generateFleet({ dir: path.join(dir, 'reports'), reports: 240, seed: 7, now: NOW });
  execFileSync(process.execPath, [cli, 'dashboard', path.join(dir, 'reports'), '--out', path.join(dir, 'out')], {
    env: { ...process.env, SOURCE_DATE_EPOCH: String(NOW / 1000) },
    stdio: ['ignore', 'ignore', 'inherit']
  });
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
    const page = await browser.newPage({
      viewport: { width: 1400, height: 1100 },
      colorScheme: args.includes('--dark') ? 'dark' : 'light'
    });
    await page.goto(`${pathToFileURL(path.join(dir, 'out', 'index.html')).href}#sort=vulns`);
    await page.waitForSelector('html[data-ready="true"]');
    mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file });
  } finally {
    await browser.close();
  }
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
