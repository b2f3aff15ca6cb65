#!/usr/bin/env node
// npm run demo:fleet: the fleet dashboard of a generated fleet. Writes ~300 reports of made-up
// repositories (scripts/test-support/fleet.mjs: Go 1.21-1.27, some unsupported, vulnerable,
// failing, drifting; a few schemaVersion 2 and junk files that the page lists as skipped) into a
// temp folder, runs the built CLI's `dashboard` on them, and prints where to open the page.
// Flags: --reports N (default 300), --seed N, --out DIR (default: next to the reports),
// --cli FILE (another bundle than dist/cli.js). Exit 1 when the bundle is missing or fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateFleet } from './test-support/fleet.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (/** @type {string} */ name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const cli = path.resolve(flag('--cli') ?? path.join(root, 'dist', 'cli.js'));
const reports = Number(flag('--reports') ?? 300);
const seed = Number(flag('--seed') ?? 1);

if (!existsSync(cli)) {
  console.error(`demo:fleet: ${path.relative(root, cli)} is missing. Build it first: npm run build`);
  process.exit(1);
}
if (!Number.isInteger(reports) || reports < 1) {
  console.error(`demo:fleet: --reports "${flag('--reports')}" is not a positive whole number`);
  process.exit(1);
}
const dir = mkdtempSync(path.join(os.tmpdir(), 'setup-go-enforced-demo-fleet-'));
const out = path.resolve(flag('--out') ?? path.join(dir, 'dashboard'));
const fleet = generateFleet({ dir: path.join(dir, 'reports'), reports, seed, now: Date.now() });
console.log(
  `generated ${fleet.reports} reports of ${fleet.truth.totals.repositories} repositories (and ${fleet.files.length - fleet.reports} other files) in ${path.join(dir, 'reports')}`
);
console.log(`$ setup-go-enforced dashboard ${path.join(dir, 'reports')} --out ${out}\n`);
const r = spawnSync(process.execPath, [cli, 'dashboard', path.join(dir, 'reports'), '--out', out], {
  stdio: 'inherit'
});
if (r.status !== 0) {
  console.error(`\ndemo:fleet: the dashboard command exited ${r.status ?? r.signal}`);
  process.exit(1);
}
console.log(
  `\nOpen the page in a browser (it needs no server and fetches nothing):\n  ${path.join(out, 'index.html')}`
);
console.log(`The issue body: ${path.join(out, 'dashboard.md')}; the data: ${path.join(out, 'dashboard.json')}`);
console.log(`Remove it all when done: rm -r ${dir}`);
