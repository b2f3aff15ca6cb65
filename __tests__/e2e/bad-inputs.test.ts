/**
 * End to end: the bad-input catalogue. Every input and every version-file kind, each wrong in a
 * typical way. Each run must end with exit 1, exactly one `::error` line whose message names the
 * input or `file:line` (with the annotation's file/line set for file errors), no stack trace, and
 * a tool cache exactly as it was (it starts holding a complete Go 1.22.12).
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Mirror, startMirrorServing } from '../../scripts/test-support/mirror.mjs';
import { buildSyntheticToolchain, goScript } from '../../scripts/test-support/toolchains.mjs';
import { listTree, runAction, type RunResult } from '../../scripts/test-support/run-action.mjs';

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
    name: 'go.work: a module line (Go: unknown directive)',
    files: { 'go.work': 'go 1.22\nmodule example.com/x\nuse .\n', 'go.mod': GOMOD },
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
  mirror = await startMirrorServing({ version: CACHED, os: 'linux', arch: 'amd64', archive: tc });
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
    // the run still wrote its JSON report: the error, or (a file found by the scan) the finding
    const report = JSON.parse(readFileSync(r.outputs.report, 'utf8')) as {
      error: { message: string } | null;
      findings: { severity: string; file?: string }[];
    };
    if (report.error) expect(report.error.message).toContain(error.message);
    else expect(report.findings.filter((f) => f.severity === 'error').map((f) => f.file)).toEqual([error.file]);
  }
);

// ---------------------------------------------------------------------------------------------
// Hostile repositories: what a pull request from a fork can put in the workspace. The action
// must never read outside the workspace, never print what could be a secret, stay bounded, and
// let no file name start a workflow command. A fake secret sits in the action's environment (so
// in /proc/self/environ) and in a file outside the workspace; neither may appear in stdout,
// stderr, the job summary or the JSON report.

const ENV_SECRET = 'env-secret-5f1c0de5-not-for-logs';
const FILE_SECRET = 'file-secret-9a7b3c1d-not-for-logs';

interface HostileCase {
  name: string;
  /** builds the workspace (the secret file is at `secret`) */
  setup(ws: string, secret: string): void | Promise<void>;
  inputs?: Record<string, string>;
  exit: 0 | 1;
  /** a located finding or error the run must report: [level, file, line?] */
  reports: ['error' | 'warning', string, number?];
}

const link = (target: string, at: string): void => {
  mkdirSync(path.dirname(at), { recursive: true });
  symlinkSync(target, at);
};
const put = (at: string, text: string): void => {
  mkdirSync(path.dirname(at), { recursive: true });
  writeFileSync(at, text);
};
const WORKFLOW =
  'jobs:\n  t:\n    steps:\n      - uses: actions/setup-go@v5\n        with:\n          go-version: 1.22.3\n';
const ENVIRON = '/proc/self/environ';

/** go-version set: a refused file is a warning and the run goes on (exit 0). */
const WITH_VERSION = { 'go-version': CACHED };

const HOSTILE: HostileCase[] = [
  // links to /proc/self/environ and to a secret outside the workspace, as every file kind
  {
    name: '.go-version -> /proc/self/environ, as go-version-file',
    setup: (ws) => link(ENVIRON, path.join(ws, '.go-version')),
    inputs: { 'go-version-file': '.go-version' },
    exit: 1,
    reports: ['error', 'input go-version-file']
  },
  {
    name: '.go-version -> /proc/self/environ, found by the scan',
    setup: (ws) => link(ENVIRON, path.join(ws, '.go-version')),
    inputs: WITH_VERSION,
    exit: 0,
    reports: ['warning', '.go-version']
  },
  {
    name: '.go-version -> a secret outside',
    setup: (ws, secret) => link(secret, path.join(ws, '.go-version')),
    inputs: WITH_VERSION,
    exit: 0,
    reports: ['warning', '.go-version']
  },
  {
    name: 'go.mod -> /proc/self/environ, the version source',
    setup: (ws) => link(ENVIRON, path.join(ws, 'go.mod')),
    exit: 1,
    reports: ['error', 'go.mod']
  },
  {
    name: 'go.mod -> a secret outside',
    setup: (ws, secret) => link(secret, path.join(ws, 'go.mod')),
    inputs: WITH_VERSION,
    exit: 0,
    reports: ['warning', 'go.mod']
  },
  {
    name: 'submodule go.mod -> /proc/self/environ',
    setup: (ws) => {
      put(path.join(ws, 'go.mod'), GOMOD);
      link(ENVIRON, path.join(ws, 'svc/go.mod'));
    },
    exit: 0,
    reports: ['warning', 'svc/go.mod']
  },
  {
    name: 'go.work -> a secret outside',
    setup: (ws, secret) => {
      put(path.join(ws, 'go.mod'), GOMOD);
      link(secret, path.join(ws, 'go.work'));
    },
    exit: 1,
    reports: ['error', 'go.work']
  },
  {
    name: 'Dockerfile -> /proc/self/environ',
    setup: (ws) => {
      put(path.join(ws, 'go.mod'), GOMOD);
      link(ENVIRON, path.join(ws, 'deploy/Dockerfile'));
    },
    exit: 0,
    reports: ['warning', 'deploy/Dockerfile']
  },
  {
    name: 'workflow -> a secret outside',
    setup: (ws, secret) => {
      put(path.join(ws, 'go.mod'), GOMOD);
      link(secret, path.join(ws, '.github/workflows/ci.yml'));
    },
    exit: 0,
    reports: ['warning', '.github/workflows/ci.yml']
  },
  // the rest of the list
  {
    name: 'go.work use path leaving the workspace',
    setup: (ws) => {
      put(path.join(ws, 'go.mod'), GOMOD);
      put(path.join(ws, 'go.work'), 'go 1.22\n\nuse (\n\t.\n\t../../etc\n)\n');
    },
    exit: 0,
    reports: ['warning', 'go.work', 5]
  },
  {
    name: 'a 50 MiB go.mod',
    setup: (ws) => {
      put(path.join(ws, 'go.mod'), GOMOD);
      put(path.join(ws, 'big/go.mod'), `module big\n\ngo 1.22\n${'// x\n'.repeat(10 * 1024 * 1024)}`);
    },
    exit: 0,
    reports: ['warning', 'big/go.mod']
  },
  {
    name: 'a FIFO named go.mod (nobody writes to it)',
    setup: (ws) => {
      put(path.join(ws, 'go.mod'), GOMOD);
      mkdirSync(path.join(ws, 'svc'));
      execFileSync('mkfifo', [path.join(ws, 'svc/go.mod')]);
    },
    exit: 0,
    reports: ['warning', 'svc/go.mod']
  },
  {
    name: 'a YAML alias bomb as a workflow',
    setup: (ws) => {
      put(path.join(ws, 'go.mod'), GOMOD);
      put(path.join(ws, '.github/workflows/bomb.yml'), aliasBomb() + WORKFLOW);
    },
    exit: 0,
    reports: ['warning', '.github/workflows/bomb.yml']
  },
  {
    name: '10,000 nested folders',
    setup: async (ws) => {
      put(path.join(ws, 'go.mod'), GOMOD);
      await nest(ws, 10_000);
    },
    exit: 0,
    reports: ['warning', 'd/'.repeat(64) + 'd']
  },
  {
    name: 'a symlink loop as go.mod (Go cannot read it either)',
    setup: (ws) => {
      put(path.join(ws, 'go.mod'), GOMOD);
      link('b/go.mod', path.join(ws, 'a/go.mod'));
      link('../a/go.mod', path.join(ws, 'b/go.mod'));
    },
    exit: 1,
    reports: ['error', 'a/go.mod']
  },
  {
    name: 'a folder loop (not followed)',
    setup: (ws) => {
      put(path.join(ws, 'go.mod'), GOMOD);
      put(path.join(ws, 'loop/go.mod'), 'module loop\n\ngo 1.99\n');
      link('..', path.join(ws, 'loop/up'));
    },
    exit: 1,
    reports: ['error', 'loop/go.mod', 3]
  },
  {
    name: 'file and folder names with newlines and ::',
    setup: (ws) => {
      put(path.join(ws, 'go.mod'), GOMOD);
      put(path.join(ws, 'x\n::error::pwned-folder\n/go.mod'), 'module x\n\ngo 1.99\n');
      put(path.join(ws, 'Dockerfile.\n::error file=evil::pwned-file'), 'FROM golang:1.10\n');
    },
    exit: 1,
    reports: ['error', 'x\n::error::pwned-folder\n/go.mod', 3]
  }
];

function aliasBomb(): string {
  const names = 'abcdefghij';
  let text = `${names[0]}: &${names[0]} ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n`;
  for (let i = 1; i < names.length; i++) {
    text += `${names[i]}: &${names[i]} [${Array(10)
      .fill(`*${names[i - 1]}`)
      .join(',')}]\n`;
  }
  return text;
}

/** `depth` nested folders d/d/d/... (deeper than PATH_MAX, so created relative, 100 at a time). */
async function nest(ws: string, depth: number): Promise<void> {
  const step = 100;
  await promisify(execFile)('bash', [
    '-c',
    `cd "$1" && p=$(printf 'd/%.0s' $(seq ${step})) && for i in $(seq ${depth / step}); do mkdir -p "$p" && cd "$p" || exit 1; done`,
    'nest',
    ws
  ]);
}

describe('hostile repositories (pull requests from forks)', () => {
  const runs = new Map<string, { r: RunResult; report: string }>();
  let hostileRoot: string;

  beforeAll(async () => {
    hostileRoot = mkdtempSync(path.join(os.tmpdir(), 'sge-e2e-hostile-repos-'));
    const secret = path.join(hostileRoot, 'runner-credentials.txt');
    writeFileSync(secret, `${FILE_SECRET}\n`);
    // Every workspace first (the deep tree takes a while), then the runs, three at a time.
    for (const [i, c] of HOSTILE.entries()) {
      const ws = path.join(hostileRoot, `case${i}`, 'ws');
      mkdirSync(ws, { recursive: true });
      await c.setup(ws, secret);
    }
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < HOSTILE.length) {
        const i = next++;
        const c = HOSTILE[i];
        const dir = path.join(hostileRoot, `case${i}`);
        const ws = path.join(dir, 'ws');
        const r = await runAction({
          inputs: { 'go-download-base-url': mirror.url, checks: 'vulnerabilities: off', ...(c.inputs ?? {}) },
          workspace: ws,
          toolCache: seededToolCache(dir),
          temp: path.join(dir, 'temp'),
          env: { SGE_FAKE_SECRET: ENV_SECRET },
          timeoutMs: 30_000
        });
        const reportFile = r.outputs.report ?? path.join(dir, 'temp', 'setup-go-enforced', 'report.json');
        runs.set(c.name, { r, report: readFileSync(reportFile, 'utf8') });
      }
    };
    await Promise.all([worker(), worker(), worker()]);
  }, 150_000);

  afterAll(() => {
    // GNU rm removes trees deeper than PATH_MAX; Node's rm does not
    if (hostileRoot) execFileSync('rm', ['-rf', hostileRoot]);
  });

  test.each(HOSTILE.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { r, report } = runs.get(c.name)!;
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(c.exit);
    for (const text of [r.stdout, r.stderr, r.summary, report]) {
      expect(text).not.toContain(ENV_SECRET);
      expect(text).not.toContain(FILE_SECRET);
    }
    // no line of stdout is a workflow command that a file name or file content wrote
    expect(r.stdout).not.toMatch(/^\s*::error::pwned/m);
    expect(r.stdout).not.toMatch(/^\s*::error file=evil/m);
    for (const a of r.annotations) expect(a.message).not.toMatch(/\n/);
    // the report is valid JSON and names the file (or input) the case is about
    const parsed = JSON.parse(report) as {
      findings: { severity: string; file?: string; line?: number }[];
      error: { file?: string; input?: string; line?: number } | null;
    };
    const [level, file, line] = c.reports;
    const places = [
      ...parsed.findings.filter((f) => f.severity === level).map((f) => ({ file: f.file, line: f.line })),
      ...(parsed.error && level === 'error'
        ? [{ file: parsed.error.file ?? `input ${parsed.error.input}`, line: parsed.error.line }]
        : [])
    ];
    expect(places).toContainEqual(line === undefined ? expect.objectContaining({ file }) : { file, line });
  });
});
