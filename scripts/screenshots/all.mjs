#!/usr/bin/env node
// npm run screenshots: every image of the documentation, from real runs of the bundled action
// (dist/index.js, dist/cli.js; build them first), rendered in Debian's headless chromium:
//   docs/images/summary-failing.png, annotations.png, audit-comment.png  (pull-request.mjs)
//   docs/images/dashboard.png                                           (dashboard.mjs)
// Prints each file with its size, warns when one is over 300 KB, exits 1 when something failed.
// Flags: --out DIR (default docs/images).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DIST } from '../test-support/run-action.mjs';
import { launchChromium } from './github-page.mjs';
import { writePullRequestImages } from './pull-request.mjs';
import { writeDashboardImage } from './dashboard.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const outArg = args.indexOf('--out');
const outDir = outArg >= 0 ? path.resolve(args[outArg + 1]) : path.join(root, 'docs', 'images');
const MAX_BYTES = 300_000;

async function main() {
  for (const f of [DEFAULT_DIST, path.join(root, 'dist', 'cli.js')]) {
    if (!existsSync(f)) {
      console.error(`screenshots: ${path.relative(root, f)} is missing. Build it first: npm run build`);
      return 1;
    }
  }
  const started = Date.now();
  const browser = await launchChromium();
  try {
    const shots = [
      ...(await writePullRequestImages({ outDir, browser })),
      await writeDashboardImage({ file: path.join(outDir, 'dashboard.png'), browser })
    ];
    let big = 0;
    for (const s of shots) {
      const over = s.bytes > MAX_BYTES;
      if (over) big++;
      console.log(
        `wrote ${path.relative(process.cwd(), s.file)}  ${s.width}x${s.height}  ${Math.round(s.bytes / 1024)} KiB${over ? '  (over 300 KB)' : ''}`
      );
    }
    console.log(`screenshots: ${shots.length} images in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (big > 0) console.warn(`screenshots: ${big} image(s) over 300 KB`);
    return 0;
  } finally {
    await browser.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (err) => {
    console.error(`screenshots: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  }
);
