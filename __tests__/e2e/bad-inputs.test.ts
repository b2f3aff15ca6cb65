/**
 * End to end: the bad-input catalogue. Every input and every version-file kind, each wrong in a
 * typical way. Each run must end with exit 1, exactly one `::error` line whose message names the
 * input or `file:line` (with the annotation's file/line set for file errors), no stack trace, and
 * a tool cache exactly as it was (it starts holding a complete Go 1.22.12).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startMirror, type Mirror } from '../../scripts/lib/mirror.mjs';
import { buildFixtureManifest } from '../../scripts/lib/manifest-fixture.mjs';
import { buildSyntheticToolchain, goScript } from '../../scripts/lib/toolchains.mjs';
import { listTree, runAction, type RunResult } from '../../scripts/lib/run-action.mjs';

const CACHED = '1.22.12';
const ARCH = 'x64';
const GOMOD = 'module example.com/x\n\ngo 1.22\n';

/** A workspace file: text, or a symlink to `link`. */
type FileSpec = string | { link: string };

interface BadCase {
  name: string;
  inputs?: Record<string, string>;
  /** workspace files (default: a valid go.mod) */
  files?: Record<string, FileSpec>;
  env?: Record<string, string>;
  /** the message must contain this (the input name or file:line) */
  mentions: string;
  /** annotation file and line, for file errors */
  file?: string;
  line?: number;
}

/** Stand-ins for mirrors whose manifest is broken (filled in beforeAll). */
const dirs = { notJson: '', wrongShape: '' };

const CASES: BadCase[] = [
  // go-version
  { name: 'go-version 1.22.x.y', inputs: { 'go-version': '1.22.x.y' }, mentions: 'input go-version' },
  {
    name: 'go-version go1.21x (Go syntax, no such release)',
    inputs: { 'go-version': 'go1.21x' },
    mentions: 'input go-version'
  },
  { name: 'go-version banana', inputs: { 'go-version': 'banana' }, mentions: 'input go-version' },
  { name: 'go-version 1.99.0 (unknown release)', inputs: { 'go-version': '1.99.0' }, mentions: 'input go-version' },
  { name: 'go-version >=1.40 (no release matches)', inputs: { 'go-version': '>=1.40' }, mentions: 'input go-version' },
  { name: 'go-version 1..2', inputs: { 'go-version': '1..2' }, mentions: 'input go-version' },
  // go-version-file
  { name: 'go-version-file missing', inputs: { 'go-version-file': 'nope/go.mod' }, mentions: 'input go-version-file' },
  {
    name: 'go-version-file is a folder',
    inputs: { 'go-version-file': 'sub' },
    files: { 'sub/x.txt': 'x' },
    mentions: 'input go-version-file'
  },
  // go.mod (the default source)
  {
    name: 'go.mod: go 1.21.x',
    files: { 'go.mod': 'module x\n\ngo 1.21.x\n' },
    mentions: 'go.mod:3',
    file: 'go.mod',
    line: 3
  },
  {
    name: 'go.mod: duplicate go line',
    files: { 'go.mod': 'module x\n\ngo 1.21\ngo 1.22\n' },
    mentions: 'go.mod:4',
    file: 'go.mod',
    line: 4
  },
  {
    name: 'go.mod: go ( block',
    files: { 'go.mod': 'module x\n\ngo (\n\t1.22\n)\n' },
    mentions: 'go.mod:3',
    file: 'go.mod',
    line: 3
  },
  {
    name: 'go.mod: /* comment',
    files: { 'go.mod': 'module x\n\ngo 1.22 /* no such comments\n' },
    mentions: 'go.mod:3',
    file: 'go.mod',
    line: 3
  },
  {
    name: 'go.mod: toolchain without go prefix',
    files: { 'go.mod': 'module x\n\ngo 1.22\ntoolchain 1.22.3\n' },
    mentions: 'go.mod:4',
    file: 'go.mod',
    line: 4
  },
  {
    name: 'go.mod: toolchain gobanana',
    files: { 'go.mod': 'module x\n\ngo 1.21\ntoolchain gobanana\n' },
    mentions: 'go.mod:4',
    file: 'go.mod',
    line: 4
  },
  {
    name: 'go.mod: toolchain of an unknown release',
    files: { 'go.mod': 'module x\n\ngo 1.21\ntoolchain go1.99.1\n' },
    mentions: 'go.mod:4',
    file: 'go.mod',
    line: 4
  },
  { name: 'go.mod: is a folder', files: { 'go.mod/x': 'x' }, mentions: 'go.mod', file: 'go.mod' },
  { name: 'go.mod: symlink loop', files: { 'go.mod': { link: 'go.mod' } }, mentions: 'go.mod', file: 'go.mod' },
  {
    name: 'go.mod via go-version-file: go 1.2.3.4',
    inputs: { 'go-version-file': 'svc/go.mod' },
    files: { 'svc/go.mod': 'module y\n\ngo 1.2.3.4\n' },
    mentions: 'svc/go.mod:3',
    file: 'svc/go.mod',
    line: 3
  },
  // go.work
  {
    name: 'go.work: unterminated use block',
    files: { 'go.work': 'go 1.22\nuse (\n', 'go.mod': GOMOD },
    mentions: 'go.work:2',
    file: 'go.work',
    line: 2
  },
  {
    name: 'go.work: go banana',
    files: { 'go.work': 'go banana\n', 'go.mod': GOMOD },
    mentions: 'go.work:1',
    file: 'go.work',
    line: 1
  },
  // .go-version, .tool-versions, mise.toml
  {
    name: '.go-version: garbage',
    inputs: { 'go-version-file': '.go-version' },
    files: { '.go-version': 'banana\n' },
    mentions: '.go-version:1',
    file: '.go-version',
    line: 1
  },
  {
    name: '.go-version: empty',
    inputs: { 'go-version-file': '.go-version' },
    files: { '.go-version': '\n' },
    mentions: '.go-version',
    file: '.go-version'
  },
  {
    name: '.tool-versions: bad golang version',
    inputs: { 'go-version-file': '.tool-versions' },
    files: { '.tool-versions': 'nodejs 20.1.0\ngolang 1.22.x.y\n' },
    mentions: '.tool-versions:2',
    file: '.tool-versions',
    line: 2
  },
  {
    name: '.tool-versions: no golang line',
    inputs: { 'go-version-file': '.tool-versions' },
    files: { '.tool-versions': 'nodejs 20.1.0\n' },
    mentions: '.tool-versions',
    file: '.tool-versions'
  },
  {
    name: 'mise.toml: go = "banana"',
    inputs: { 'go-version-file': 'mise.toml' },
    files: { 'mise.toml': '[tools]\ngo = "banana"\n' },
    mentions: 'mise.toml:2',
    file: 'mise.toml',
    line: 2
  },
  // files found by the scan (sub-modules, Dockerfiles)
  {
    name: 'sub-module go.mod: go 1.x',
    inputs: { 'go-version': CACHED },
    files: { 'go.mod': GOMOD, 'svc/go.mod': 'module y\n\ngo 1.x\n' },
    mentions: 'svc/go.mod:3',
    file: 'svc/go.mod',
    line: 3
  },
  {
    name: 'sub-module go.mod: broken symlink',
    inputs: { 'go-version': CACHED },
    files: { 'go.mod': GOMOD, 'svc/go.mod': { link: 'nowhere' } },
    mentions: 'svc/go.mod',
    file: 'svc/go.mod'
  },
  {
    name: 'Dockerfile in scope that cannot be read (broken symlink)',
    inputs: { 'go-version': CACHED },
    files: { 'go.mod': GOMOD, 'deploy/Dockerfile': { link: 'missing' } },
    mentions: 'deploy/Dockerfile',
    file: 'deploy/Dockerfile'
  },
  // the other inputs
  {
    name: 'architecture sparc',
    inputs: { 'go-version': CACHED, architecture: 'sparc' },
    mentions: 'input architecture'
  },
  {
    name: 'go-download-base-url ftp://x',
    inputs: { 'go-version': CACHED, 'go-download-base-url': 'ftp://x' },
    mentions: 'input go-download-base-url'
  },
  {
    name: 'go-download-base-url "not a url"',
    inputs: { 'go-version': CACHED, 'go-download-base-url': 'not a url' },
    mentions: 'input go-download-base-url'
  },
  {
    name: 'env GO_DOWNLOAD_BASE_URL gopher://x',
    inputs: { 'go-version': CACHED, 'go-download-base-url': '' },
    env: { GO_DOWNLOAD_BASE_URL: 'gopher://x' },
    mentions: 'GO_DOWNLOAD_BASE_URL'
  },
  // the manifest of the mirror named by go-download-base-url (1.21: nothing cached to fall back to):
  // the message names that URL
  { name: 'manifest is not JSON', inputs: { 'go-version': '1.21' }, mentions: 'mirror-not-json' },
  { name: 'manifest has the wrong shape', inputs: { 'go-version': '1.21' }, mentions: 'mirror-wrong-shape' },
  { name: 'check-latest yes', inputs: { 'go-version': CACHED, 'check-latest': 'yes' }, mentions: 'input check-latest' },
  { name: 'cache maybe', inputs: { 'go-version': CACHED, cache: 'maybe' }, mentions: 'input cache' },
  { name: 'mode deploy', inputs: { 'go-version': CACHED, mode: 'deploy' }, mentions: 'input mode' },
  { name: 'checks bogus: error', inputs: { 'go-version': CACHED, checks: 'bogus: error' }, mentions: 'input checks' },
  {
    name: 'checks go-directive: fatal',
    inputs: { 'go-version': CACHED, checks: 'go-directive: fatal' },
    mentions: 'input checks'
  },
  {
    name: 'on-mismatch explode',
    inputs: { 'go-version': CACHED, 'on-mismatch': 'explode' },
    mentions: 'input on-mismatch'
  },
  {
    name: 'matrix-range some',
    inputs: { 'go-version': CACHED, 'matrix-range': 'some' },
    mentions: 'input matrix-range'
  },
  {
    name: 'vulndb-url ftp://x',
    inputs: { 'go-version': CACHED, checks: '', 'vulndb-url': 'ftp://x' },
    mentions: 'input vulndb-url'
  },
  {
    name: 'allow-missing-checksum sure',
    inputs: { 'go-version': CACHED, 'allow-missing-checksum': 'sure' },
    mentions: 'input allow-missing-checksum'
  },
  { name: 'no go.mod, no go.work, no inputs', files: {}, mentions: 'input go-version' }
];

let root: string;
let mirror: Mirror;
const results = new Map<string, { result: RunResult; before: string[]; after: string[] }>();

/** A tool cache holding a complete Go 1.22.12 (tree + marker). */
function seededToolCache(dir: string): string {
  const tc = path.join(dir, 'toolcache');
  const goRoot = path.join(tc, 'go', CACHED, ARCH);
  mkdirSync(path.join(goRoot, 'bin'), { recursive: true });
  writeFileSync(path.join(goRoot, 'VERSION'), `go${CACHED}\ntime 2026-01-01T00:00:00Z\n`);
  writeFileSync(path.join(goRoot, 'bin', 'go'), goScript({ version: CACHED, goos: 'linux', goarch: 'amd64' }), {
    mode: 0o755
  });
  writeFileSync(`${goRoot}.complete`, '');
  return tc;
}

function writeWorkspace(ws: string, files: Record<string, FileSpec>): void {
  mkdirSync(ws, { recursive: true });
  for (const [rel, spec] of Object.entries(files)) {
    const abs = path.join(ws, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    if (typeof spec === 'string') writeFileSync(abs, spec);
    else symlinkSync(spec.link, abs);
  }
}

function baseUrlFor(c: BadCase): string {
  if (c.name === 'manifest is not JSON') return `file://${dirs.notJson}`;
  if (c.name === 'manifest has the wrong shape') return `file://${dirs.wrongShape}`;
  return mirror.url;
}

async function runCase(c: BadCase, i: number): Promise<void> {
  const dir = path.join(root, `case${i}`);
  const ws = path.join(dir, 'ws');
  writeWorkspace(ws, c.files ?? { 'go.mod': GOMOD });
  const toolCache = seededToolCache(dir);
  const before = listTree(toolCache);
  const result = await runAction({
    inputs: { 'go-download-base-url': baseUrlFor(c), checks: 'vulnerabilities: off', ...(c.inputs ?? {}) },
    workspace: ws,
    toolCache,
    temp: path.join(dir, 'temp'),
    env: c.env,
    timeoutMs: 60_000
  });
  results.set(c.name, { result, before, after: listTree(toolCache) });
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'sge-e2e-bad-inputs-'));
  const tc = await buildSyntheticToolchain({
    version: CACHED,
    os: 'linux',
    arch: 'amd64',
    outDir: path.join(root, 'archives')
  });
  mirror = await startMirror({
    manifest: buildFixtureManifest({
      files: { [CACHED]: [{ os: 'linux', arch: 'amd64', filename: tc.filename, sha256: tc.sha256, size: tc.size }] }
    })
  });
  mirror.addFile(tc.filename, tc.path);
  dirs.notJson = path.join(root, 'mirror-not-json');
  dirs.wrongShape = path.join(root, 'mirror-wrong-shape');
  mkdirSync(dirs.notJson);
  mkdirSync(dirs.wrongShape);
  writeFileSync(path.join(dirs.notJson, 'manifest.json'), '<html>502 Bad Gateway</html>\n');
  writeFileSync(path.join(dirs.wrongShape, 'manifest.json'), '{"releases": 3}\n');
  let next = 0;
  const worker = async () => {
    while (next < CASES.length) {
      const i = next++;
      await runCase(CASES[i], i);
    }
  };
  await Promise.all([worker(), worker(), worker()]);
}, 150_000);

afterAll(async () => {
  await mirror?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

test('the catalogue covers at least 30 bad inputs', () => {
  expect(CASES.length).toBeGreaterThanOrEqual(30);
  expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
});

test.each(CASES.map((c) => [c.name, c] as const))(
  '%s: exit 1, one error naming it, no stack, tool cache unchanged',
  (_name, c) => {
    const { result: r, before, after } = results.get(c.name)!;
    expect(r.code).toBe(1);
    // exactly one ::error line, as the runner sees it
    expect(r.stdout.split(/\r?\n/).filter((l) => l.startsWith('::error'))).toHaveLength(1);
    expect(r.errors).toHaveLength(1);
    const error = r.annotations.find((a) => a.level === 'error')!;
    // the input in the message, or the file:line the annotation points at
    const where = error.file ? `${error.file}${error.line ? `:${error.line}` : ''}` : '';
    expect(`${where} ${error.message}`).toContain(c.mentions);
    if (c.file !== undefined) expect(error.file).toBe(c.file);
    if (c.line !== undefined) expect(error.line).toBe(c.line);
    expect(r.stdout + r.stderr).not.toMatch(/^\s+at /m);
    expect(after).toEqual(before);
  }
);
