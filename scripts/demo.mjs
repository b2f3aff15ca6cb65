#!/usr/bin/env node
// npm run demo: runs the bundled action (dist/index.js) twice on a copy of examples/monorepo
// against a local mirror of go.dev/dl and vuln.go.dev. No network and no installed Go needed:
// the toolchain is a small synthetic archive whose `go` answers `version` and `env`.
//
// Exit 0 when the action behaved as the demo expects (first run downloads and installs the
// version the workspace asks for, second run is a tool-cache hit without any archive request;
// findings are fine). Exit 1 with a message when dist/index.js is missing or the action crashed.
// Flags: --keep (keep the temp folders), --example <name> (another folder of examples/),
// --dist <file> (another bundle than dist/index.js).
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAction, DEFAULT_DIST } from './test-support/run-action.mjs';
import { startMirror } from './test-support/mirror.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const exampleArg = args.indexOf('--example');
const example = exampleArg >= 0 ? args[exampleArg + 1] : 'monorepo';
const distArg = args.indexOf('--dist');
const dist = distArg >= 0 ? path.resolve(args[distArg + 1]) : DEFAULT_DIST;
/** The release each example resolves to (go.work toolchain go1.22.12; go.mod go 1.19 -> newest 1.19.x). */
const EXAMPLE_VERSIONS = { monorepo: '1.22.12', hello: '1.19.13' };

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`\ndemo: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  }
);

async function main() {
  if (!existsSync(dist)) {
    console.error(`demo: ${path.relative(root, dist)} is missing. Build it first: npm run build`);
    return 1;
  }
  const version = EXAMPLE_VERSIONS[/** @type {keyof typeof EXAMPLE_VERSIONS} */ (example)];
  const exampleDir = path.join(root, 'examples', example);
  if (!version || !existsSync(exampleDir)) {
    console.error(`demo: unknown example "${example}"; expected one of ${Object.keys(EXAMPLE_VERSIONS).join(', ')}`);
    return 1;
  }

  const { HOST_GOARCH, buildSyntheticToolchain } = await importHelper('toolchains.mjs');
  const { buildFixtureManifest } = await importHelper('manifest-fixture.mjs');
  const { buildVulnDb } = await importHelper('vulndb-fixture.mjs');

  const scratch = mkdtempSync(path.join(os.tmpdir(), 'setup-go-enforced-demo-'));
  const mirror = await startMirror();
  try {
    const goos = { win32: 'windows', darwin: 'darwin' }[/** @type {string} */ (process.platform)] ?? 'linux';
    const goarch = HOST_GOARCH;
    const archive = await buildSyntheticToolchain({
      version,
      os: /** @type {'linux'} */ (goos),
      arch: goarch,
      outDir: path.join(scratch, 'archives')
    });
    mirror.addFile(archive.filename, archive.path);
    // The fixture manifest, whose entry for this release carries the real sha256 and size.
    const manifest = buildFixtureManifest({
      files: {
        [version]: [{ os: goos, arch: goarch, filename: archive.filename, sha256: archive.sha256, size: archive.size }]
      }
    });
    mirror.setManifest(manifest);
    const vuln = await buildVulnDb(path.join(scratch, 'vulndb'));
    mirror.setVulnDir(vuln.dir);

    const workspace = path.join(scratch, 'workspace');
    cpSync(exampleDir, workspace, { recursive: true });
    const toolCache = path.join(scratch, 'toolcache');
    const inputs = { 'go-download-base-url': mirror.url, 'vulndb-url': `${mirror.url}/vuln` };

    heading(`setup-go-enforced demo: examples/${example} (wants Go ${version}, ${goos}/${goarch})`);
    console.log(
      `mirror        ${mirror.url}  (manifest of ${Array.isArray(manifest) ? manifest.length : '?'} releases, archive ${archive.filename}, ${archive.size} bytes)`
    );
    console.log(`workspace     ${workspace}`);
    console.log(`tool cache    ${toolCache}`);
    console.log(`inputs        ${JSON.stringify(inputs)}`);

    heading('Run 1: cold tool cache');
    const first = await runAction({ inputs, workspace, toolCache, temp: path.join(scratch, 'temp1'), distPath: dist });
    const firstArchiveRequests =
      mirror.requestsFor(`/${archive.filename}`).length + mirror.requestsFor(`/_redirect/${archive.filename}`).length;
    printRun(first, mirror.requests);

    mirror.clearRequests();
    heading('Run 2: same tool cache (expect a cache hit and no archive request)');
    const second = await runAction({ inputs, workspace, toolCache, temp: path.join(scratch, 'temp2'), distPath: dist });
    const secondArchiveRequests = mirror.requestsFor(`/${archive.filename}`).length;
    printRun(second, mirror.requests);

    heading('Verdict');
    const problems = [
      ...expectRun('run 1', first, version),
      ...expectRun('run 2', second, version),
      ...(first.outputs['toolchain-cache-hit'] === 'false'
        ? []
        : [`run 1: toolchain-cache-hit is "${first.outputs['toolchain-cache-hit']}", expected false`]),
      ...(firstArchiveRequests === 1 ? [] : [`run 1: ${firstArchiveRequests} archive requests, expected 1`]),
      ...(second.outputs['toolchain-cache-hit'] === 'true'
        ? []
        : [`run 2: toolchain-cache-hit is "${second.outputs['toolchain-cache-hit']}", expected true`]),
      ...(secondArchiveRequests === 0 ? [] : [`run 2: ${secondArchiveRequests} archive requests, expected none`])
    ];
    if (problems.length > 0) {
      for (const p of problems) console.log(`FAIL  ${p}`);
      console.log('\nThe action did not behave as the demo expects (see stderr and annotations above).');
      return 1;
    }
    console.log(
      `ok    run 1 installed Go ${first.outputs['go-version']} from the mirror (sha256 verified), exit ${first.code}, ${ms(first.durationMs)}`
    );
    console.log(
      `ok    run 2 reused the tool cache with no archive request, exit ${second.code}, ${ms(second.durationMs)}`
    );
    const errors = first.errors.length;
    console.log(
      errors === 0
        ? 'ok    the workspace agrees with the installed Go (warnings, if any, are listed above)'
        : `note  ${errors} error finding(s) failed the step (exit 1): that is the enforcement at work; on-mismatch: warn would report them as warnings`
    );
    return 0;
  } finally {
    await mirror.close();
    if (keep) console.log(`\n(kept ${scratch})`);
    else rmSync(scratch, { recursive: true, force: true });
  }
}

/** @param {string} name */
async function importHelper(name) {
  const file = path.join(root, 'scripts', 'test-support', name);
  if (!existsSync(file)) throw new Error(`scripts/test-support/${name} is missing`);
  return import(new URL(`./test-support/${name}`, import.meta.url).href);
}

/**
 * What a run must show whatever the findings: it ended by itself with 0 or 1 and set the outputs.
 * @param {string} label
 * @param {import('./test-support/run-action.mjs').RunResult} r
 * @param {string} version
 */
function expectRun(label, r, version) {
  /** @type {string[]} */
  const out = [];
  if (r.signal || (r.code !== 0 && r.code !== 1))
    out.push(`${label}: the action crashed (code ${r.code}, signal ${r.signal})`);
  if (r.outputs['go-version'] !== version)
    out.push(`${label}: output go-version is "${r.outputs['go-version'] ?? ''}", expected "${version}"`);
  if (!r.outputs['go-root']) out.push(`${label}: no go-root output`);
  if (/^\s+at .+:\d+:\d+\)?$/m.test(r.stderr)) out.push(`${label}: a stack trace on stderr`);
  return out;
}

/**
 * @param {import('./test-support/run-action.mjs').RunResult} r
 * @param {import('./test-support/mirror.mjs').MirrorRequest[]} requests
 */
function printRun(r, requests) {
  console.log(`exit code     ${r.code}${r.signal ? ` (signal ${r.signal})` : ''} in ${ms(r.durationMs)}`);
  sub('Log (stdout without workflow commands)');
  const log = r.stdout.split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('::'));
  console.log(log.length ? indent(log.join('\n')) : '  (empty)');
  sub('Outputs');
  for (const [k, v] of Object.entries(r.outputs))
    console.log(`  ${k.padEnd(20)} ${v.includes('\n') ? v.replace(/\n/g, '\n' + ' '.repeat(23)) : v}`);
  sub('PATH entries added (GITHUB_PATH)');
  for (const p of r.path) console.log(`  ${p}`);
  if (r.path.length === 0) console.log('  (none)');
  sub('Environment exported (GITHUB_ENV)');
  for (const [k, v] of Object.entries(r.env)) console.log(`  ${k}=${v}`);
  if (Object.keys(r.env).length === 0) console.log('  (none)');
  sub('Annotations');
  for (const a of r.annotations) {
    const where = a.file ? ` ${a.file}${a.line ? `:${a.line}` : ''}` : '';
    console.log(`  ${a.level.toUpperCase().padEnd(7)}${where}  ${a.message}`);
  }
  if (r.annotations.length === 0) console.log('  (none)');
  sub('Mirror requests');
  for (const q of requests) console.log(`  ${q.method} ${q.path} -> ${q.status}`);
  if (requests.length === 0) console.log('  (none)');
  sub('Job summary (GITHUB_STEP_SUMMARY)');
  console.log(r.summary.trim() ? indent(r.summary.trim()) : '  (empty)');
  if (r.stderr.trim()) {
    sub('stderr');
    console.log(indent(r.stderr.trim()));
  }
}

/** @param {string} s */
function heading(s) {
  console.log(`\n=== ${s} ${'='.repeat(Math.max(3, 96 - s.length))}`);
}

/** @param {string} s */
function sub(s) {
  console.log(`\n--- ${s}`);
}

/** @param {string} s */
function indent(s) {
  return s.replace(/^/gm, '  ');
}

/** @param {number} n */
function ms(n) {
  return `${Math.round(n)} ms`;
}
