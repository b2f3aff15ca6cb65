/**
 * End to end: `setup-go-enforced mirror DIR` through the CLI bundle as a child process
 * (SETUP_GO_ENFORCED_CLI, default dist/cli.js), with the local test mirror (scripts/test-support/mirror.mjs)
 * as the upstream serving synthetic toolchains for three platforms (Windows ones are zips). The
 * mirror it builds is then used for real: the action (dist/index.js) installs from it over file://
 * and over a plain static HTTP server (written here: files from DIR, 404 for anything else, the
 * query string ignored, so `?mode=json` is absent and the action reads `/index.json`), for a range
 * and an exact version, and `setup-go-enforced use` installs from it. Then the safety properties:
 * a tampered upstream archive is refused without a trace; a run killed at each named stage
 * (a test hook: scripts/test-support/pause-hook.mjs) leaves the previous mirror valid and the next run completes it;
 * a second run downloads nothing; two runs at once take turns; --prune keeps what --repo needs;
 * the vulnerability database copy answers as the upstream database does; the token goes to the
 * upstream only.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { buildFixtureManifest } from '../../scripts/test-support/manifest-fixture.mjs';
import { startMirror } from '../../scripts/test-support/mirror.mjs';
import { HOST_GOARCH, buildSyntheticToolchain } from '../../scripts/test-support/toolchains.mjs';
import { DEFAULT_VULN_EXPECTED, buildVulnDb } from '../../scripts/test-support/vulndb-fixture.mjs';
import { MIRROR_POINTS as MIRROR_PAUSE_STAGES } from '../../src/test-points.js';
import { pauseFile } from '../../scripts/test-support/pause-hook.mjs';

type MirrorPauseStage = (typeof MIRROR_PAUSE_STAGES)[number];
/** The test entry that installs the pause hook. */
const HOOK = path.resolve('scripts', 'test-support', 'pause-hook.mjs');
import { TempRoot, expectExit, makeWorkspace, run as runTheAction, type Built } from './drop-in-helpers.js';

type Mirror = Awaited<ReturnType<typeof startMirror>>;

const CLI = process.env.SETUP_GO_ENFORCED_CLI || path.resolve('dist', 'cli.js');
const LINUX = `linux/${HOST_GOARCH}`;
const PLATFORMS = [LINUX, 'darwin/arm64', 'windows/amd64'];
/** the fixture's supported releases (its newest two minors) */
const VERSIONS = ['1.26.7', '1.27.0'];
/** also served for linux: the vulnerability fixture's version, and a repository's pin */
const EXTRA = '1.22.3';
const ARCHIVE = /^\/go\d[^/]*\.(tar\.gz|zip)$/;

const root = new TempRoot('e2e-mirror-');
let upstream: Mirror;
let manifest: ReturnType<typeof buildFixtureManifest>;
/** every built archive by file name */
const built = new Map<string, Built>();
let vulnDir: string;

const fileName = (v: string, p: string) =>
  `go${v}.${p.replace('/', '-')}.${p.startsWith('windows/') ? 'zip' : 'tar.gz'}`;

beforeAll(async () => {
  const out = root.sub('archives');
  const files: Record<string, { os: string; arch: string; filename: string; sha256: string; size: number }[]> = {};
  const add = async (version: string, platform: string) => {
    const [os, arch] = platform.split('/') as ['linux' | 'darwin' | 'windows', string];
    const b = await buildSyntheticToolchain({ version, os, arch, outDir: out });
    built.set(b.filename, b);
    (files[version] ??= []).push({ os, arch, filename: b.filename, sha256: b.sha256, size: b.size });
  };
  for (const v of VERSIONS) for (const p of PLATFORMS) await add(v, p);
  await add(EXTRA, LINUX);
  manifest = buildFixtureManifest({ files });
  vulnDir = (await buildVulnDb(root.sub('vulndb'))).dir;
  upstream = await startMirror({ manifest, vulnDir });
  for (const b of built.values()) upstream.addFile(b.filename, b.path);
}, 120_000);

afterAll(async () => {
  await upstream?.close();
  root.cleanup();
});

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a CLI run: this process's without runner variables, HOME under the temp root. */
function cliEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, HOME: path.join(root.dir, 'home'), ...extra })) {
    if (v === undefined || /^(GITHUB_|INPUT_|RUNNER_|ACTIONS_|GO_DOWNLOAD_)/.test(k)) continue;
    env[k] = v;
  }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

function spawnCli(
  args: string[],
  opts: { env?: Record<string, string | undefined>; cwd?: string; hook?: boolean } = {}
) {
  const child = spawn(process.execPath, [...(opts.hook ? ['--import', HOOK] : []), CLI, ...args], {
    cwd: opts.cwd ?? root.dir,
    env: cliEnv(opts.env),
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  const result = new Promise<CliRun & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return Object.assign(child, { result });
}

function cli(args: string[], opts: { env?: Record<string, string | undefined>; cwd?: string } = {}): Promise<CliRun> {
  return spawnCli(args, opts).result;
}

/** `mirror DIR` from the test upstream, for the platforms given (default: the three). */
function mirror(dir: string, args: string[] = [], opts: { env?: Record<string, string | undefined> } = {}) {
  return cli(
    [
      'mirror',
      dir,
      '--from',
      upstream.url,
      ...(args.includes('--platforms') ? [] : ['--platforms', PLATFORMS.join(',')]),
      ...args
    ],
    opts
  );
}

function expectCode(r: CliRun, code: number): void {
  if (r.code !== code)
    throw new Error(`expected exit ${code}, got ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
}

/** Archive downloads the upstream served since its log was cleared, by file name. */
function archiveDownloads(): string[] {
  return upstream.requests
    .filter((r) => ARCHIVE.test(r.path) && r.status === 200)
    .map((r) => r.path.slice(1))
    .sort();
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

interface ListedFile {
  filename: string;
  os: string;
  arch: string;
  version: string;
  sha256: string;
  size: number;
  kind: string;
}

function listingOf(dir: string): { version: string; stable: boolean; files: ListedFile[] }[] {
  return JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8'));
}

/** Every file below `dir` whose name starts with `.tmp-`. */
function tempFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name.startsWith('.tmp-')) out.push(path.join(d, e.name));
    }
  };
  walk(dir);
  return out;
}

/**
 * The listing is valid for readers: index.json and manifest.json are the same bytes, and every
 * file they name is in DIR with that sha256 and size, its .sha256 beside it. Returns the names.
 */
function listedIntact(dir: string): string[] {
  expect(readFileSync(path.join(dir, 'manifest.json'), 'utf8')).toBe(
    readFileSync(path.join(dir, 'index.json'), 'utf8')
  );
  const files = listingOf(dir).flatMap((r) => r.files);
  for (const f of files) {
    const p = path.join(dir, f.filename);
    expect([f.filename, sha256(p), statSync(p).size]).toEqual([f.filename, f.sha256, f.size]);
    expect(readFileSync(`${p}.sha256`, 'utf8')).toBe(`${f.sha256}  ${f.filename}\n`);
  }
  return files.map((f) => f.filename).sort();
}

/** A complete mirror: the listing intact, and no temporary file or lock left. */
function complete(dir: string): string[] {
  expect(tempFiles(dir)).toEqual([]);
  expect(existsSync(path.join(dir, '.lock'))).toBe(false);
  return listedIntact(dir);
}

/** A plain static file server over DIR: files only, 404 for anything else, the query string ignored. */
async function startStatic(
  dir: string,
  rootAnswer: '404' | 'html'
): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '/');
    const pathname = new URL(req.url ?? '/', 'http://static.invalid').pathname;
    const file = path.resolve(dir, `.${decodeURIComponent(pathname)}`);
    const st = file === dir || file.startsWith(dir + path.sep) ? statSync(file, { throwIfNoEntry: false }) : undefined;
    if (st?.isFile()) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(st.size) });
      createReadStream(file).pipe(res);
    } else if (st?.isDirectory() && rootAnswer === 'html') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>Index of /</title><ul><li><a href="index.json">index.json</a></ul>\n');
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found\n');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  };
}

/** The action installing `goVersion` from `base`; returns the version it installed. */
async function actionInstalls(base: string, goVersion: string, extra: Record<string, string> = {}) {
  const ws = makeWorkspace(root, { 'go.mod': 'module x\n\ngo 1.22.0\n' });
  const r = await runTheAction(root, {
    inputs: { 'go-version': goVersion, 'go-download-base-url': base, ...extra },
    workspace: ws
  });
  expectExit(r, 0);
  return r;
}

describe('a mirror of two versions x three platforms, built from the local test mirror', () => {
  let dir: string;
  let first: CliRun;
  const want = VERSIONS.flatMap((v) => PLATFORMS.map((p) => fileName(v, p))).sort();

  beforeAll(async () => {
    dir = root.sub('mirror');
    upstream.clearRequests();
    first = await mirror(dir);
  }, 60_000);

  test('holds each archive, its .sha256, the listing as index.json and manifest.json, a README: exactly the mirrored files', () => {
    expectCode(first, 0);
    expect(first.stdout).toMatch(/: complete, 6 files of 2 releases \(go1\.27\.0, go1\.26\.7\)/);
    expect(first.stdout).toContain('added 6');
    expect(complete(dir)).toEqual(want);
    expect(archiveDownloads()).toEqual(want);
    // the listing: go.dev's shape, newest first, each file the upstream manifest's entry itself
    const listing = listingOf(dir);
    expect(listing.map((r) => [r.version, r.stable])).toEqual([
      ['go1.27.0', true],
      ['go1.26.7', true]
    ]);
    const upstreamEntry = (name: string) => manifest.flatMap((r) => r.files).find((f) => f.filename === name);
    for (const f of listing.flatMap((r) => r.files)) expect(f).toEqual(upstreamEntry(f.filename));
    const names = readdirSync(dir).sort();
    expect(names).toEqual(
      [
        ...want,
        ...want.map((n) => `${n}.sha256`),
        '.mirror-state.json',
        'README.md',
        'index.json',
        'manifest.json'
      ].sort()
    );
    const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
    expect(readme).toContain('6 files of 2 releases');
    expect(readme).toContain('go-download-base-url:');
    expect(readme).toContain('setup-go-enforced use 1.27');
  });

  const SERVERS: [string, 'file://' | '404' | 'html'][] = [
    ['over file://', 'file://'],
    ['over a static HTTP server (404 for /)', '404'],
    ['over a static HTTP server (an HTML page for /)', 'html']
  ];
  const SPECS: [string, string][] = [
    ['^1.26', '1.27.0'],
    ['>=1.26 <1.27', '1.26.7'],
    ['1.26.7', '1.26.7'],
    ['stable', '1.27.0']
  ];
  describe.each(SERVERS)('the action installs from it %s', (_how, kind) => {
    test.each(SPECS)('go-version %s -> %s', async (spec, version) => {
      const server = kind === 'file://' ? undefined : await startStatic(dir, kind);
      try {
        const base = server?.url ?? pathToFileURL(dir).href;
        const r = await actionInstalls(base, spec);
        expect(r.outputs['go-version']).toBe(version);
        if (server) {
          expect(server.requests).toEqual(
            expect.arrayContaining(['/?mode=json&include=all', '/index.json', `/${fileName(version, LINUX)}`])
          );
        }
      } finally {
        await server?.close();
      }
    });
  });

  test.each([['file://'], ['http']])(
    'setup-go-enforced use installs from it (%s); the printed lines put that Go first',
    async (kind) => {
      const server = kind === 'http' ? await startStatic(dir, '404') : undefined;
      try {
        const home = root.sub('home');
        const ws = makeWorkspace(root, { 'go.mod': 'module x\n\ngo 1.26.0\n' });
        const base = server?.url ?? pathToFileURL(dir).href;
        const r = await cli(['use', '1.26', '--go-download-base-url', base], {
          cwd: ws,
          env: { HOME: home, SETUP_GO_ENFORCED_HOME: path.join(home, '.sge') }
        });
        expectCode(r, 0);
        expect(r.stderr).toContain('go1.26.7 in ');
        const out = execFileSync('bash', ['-c', 'eval "$(cat)"; go version'], {
          input: r.stdout,
          encoding: 'utf8',
          env: { PATH: '/usr/bin:/bin', HOME: home }
        });
        expect(out.trim()).toBe(`go version go1.26.7 linux/${HOST_GOARCH}`);
      } finally {
        await server?.close();
      }
    }
  );

  test('a second run downloads nothing and changes nothing', async () => {
    const before = readFileSync(path.join(dir, 'index.json'), 'utf8');
    upstream.clearRequests();
    const again = await mirror(dir);
    expectCode(again, 0);
    expect(archiveDownloads()).toEqual([]);
    expect(again.stdout).toContain('added 0 (0 B downloaded');
    expect(again.stdout).toContain('kept 6');
    expect(readFileSync(path.join(dir, 'index.json'), 'utf8')).toBe(before);
    // --rehash reads every file again, and still downloads nothing
    const rehash = await mirror(dir, ['--rehash']);
    expectCode(rehash, 0);
    expect(archiveDownloads()).toEqual([]);
    expect(complete(dir)).toEqual(want);
  });
});

describe('a file changed upstream is downloaded again and replaces the old one', () => {
  afterEach(() => {
    upstream.setManifest(manifest);
    const b = built.get(fileName('1.26.7', LINUX))!;
    upstream.addFile(b.filename, b.path);
  });

  test('replaced 1; the new listing names the new bytes; the action installs them', async () => {
    const dir = root.sub('changed');
    const name = fileName('1.26.7', LINUX);
    expectCode(await mirror(dir, ['--versions', '1.26.7', '--platforms', LINUX]), 0);
    const [os, arch] = LINUX.split('/') as ['linux', string];
    const other = await buildSyntheticToolchain({
      version: '1.26.7',
      os,
      arch,
      outDir: root.sub('changed-archive'),
      extraFiles: [['CHANGED', 'rebuilt upstream\n']]
    });
    const t = JSON.parse(JSON.stringify(manifest)) as typeof manifest;
    for (const f of t.flatMap((r) => r.files))
      if (f.filename === name) Object.assign(f, { sha256: other.sha256, size: other.size });
    upstream.setManifest(t);
    upstream.addFile(name, other.path);
    upstream.clearRequests();
    const r = await mirror(dir, ['--versions', '1.26.7', '--platforms', LINUX]);
    expectCode(r, 0);
    expect(r.stdout).toContain('replaced 1');
    expect(archiveDownloads()).toEqual([name]);
    expect(complete(dir)).toEqual([name]);
    expect(sha256(path.join(dir, name))).toBe(other.sha256);
    const installed = await actionInstalls(pathToFileURL(dir).href, '1.26.7');
    expect(readFileSync(path.join(installed.outputs['go-root'], 'CHANGED'), 'utf8')).toBe('rebuilt upstream\n');
  });
});

describe('a tampered archive upstream (its manifest sha256 does not match) is refused, without a trace in DIR', () => {
  const bad = fileName('1.27.0', LINUX);
  afterEach(() => upstream.setManifest(manifest));

  function tamper() {
    const t = JSON.parse(JSON.stringify(manifest)) as typeof manifest;
    for (const f of t.flatMap((r) => r.files)) if (f.filename === bad) f.sha256 = 'f'.repeat(64);
    upstream.setManifest(t);
  }

  test.each([['an empty DIR'], ['a refresh of a mirror']])('%s', async (kind) => {
    const dir = root.sub('tampered');
    if (kind !== 'an empty DIR') expectCode(await mirror(dir, ['--versions', '1.26.7', '--platforms', LINUX]), 0);
    const listingBefore = existsSync(path.join(dir, 'index.json'))
      ? readFileSync(path.join(dir, 'index.json'), 'utf8')
      : undefined;
    tamper();
    const r = await mirror(dir, ['--versions', '1.26.7,1.27.0', '--platforms', `${LINUX},windows/amd64`]);
    expectCode(r, 1);
    expect(r.stderr).toMatch(
      new RegExp(`${bad.replace(/\./g, '\\.')}: sha256 mismatch: expected f{64}, got [0-9a-f]{64}`)
    );
    expect(r.stdout).toMatch(/incomplete, 1 problem; the previous mirror is unchanged/);
    // no trace: not the file, not a temporary file, not in a listing
    expect(existsSync(path.join(dir, bad))).toBe(false);
    expect(existsSync(path.join(dir, `${bad}.sha256`))).toBe(false);
    expect(tempFiles(dir)).toEqual([]);
    if (listingBefore === undefined) expect(existsSync(path.join(dir, 'index.json'))).toBe(false);
    else {
      expect(readFileSync(path.join(dir, 'index.json'), 'utf8')).toBe(listingBefore);
      expect(listedIntact(dir)).toEqual([fileName('1.26.7', LINUX)]);
    }
    expect(readdirSync(dir).filter((n) => n.includes('1.27.0') && n.includes('linux'))).toEqual([]);
    // once the upstream is right again, the next run completes and reuses what was verified
    upstream.setManifest(manifest);
    upstream.clearRequests();
    const next = await mirror(dir, ['--versions', '1.26.7,1.27.0', '--platforms', `${LINUX},windows/amd64`]);
    expectCode(next, 0);
    expect(archiveDownloads()).toEqual([bad]);
    expect(complete(dir)).toHaveLength(4);
  });
});

describe('a refresh killed at each named stage leaves the previous mirror valid; the next run completes it', () => {
  /** the files the refresh adds, and what the next run downloads after the kill (--jobs 1: one at a time) */
  const ADDED = PLATFORMS.map((p) => fileName('1.27.0', p)).sort();
  const NEXT_DOWNLOADS: Record<MirrorPauseStage, string[]> = {
    'mirror-mid-archive': ADDED,
    'mirror-before-listing': []
  };

  test.each(MIRROR_PAUSE_STAGES.map((s) => [s] as const))('killed at %s', async (stage) => {
    const dir = root.sub('killed');
    expectCode(await mirror(dir, ['--versions', '1.26.7']), 0);
    const before = readFileSync(path.join(dir, 'index.json'), 'utf8');
    const pauseDir = root.sub('pause');
    const child = spawnCli(
      [
        'mirror',
        dir,
        '--from',
        upstream.url,
        '--platforms',
        PLATFORMS.join(','),
        '--versions',
        '1.26.7,1.27.0',
        '--jobs',
        '1'
      ],
      {
        hook: true,
        env: { SETUP_GO_ENFORCED_TEST_PAUSE: stage, RUNNER_TEMP: pauseDir }
      }
    );
    const file = pauseFile(pauseDir, stage);
    const poller = setInterval(() => {
      if (existsSync(file) && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }, 20);
    let killed;
    try {
      killed = await child.result;
    } finally {
      clearInterval(poller);
    }
    expect(killed.signal).toBe('SIGKILL');
    // the previous mirror, untouched: the same listing, every file it names intact
    expect(readFileSync(path.join(dir, 'index.json'), 'utf8')).toBe(before);
    expect(listedIntact(dir)).toEqual(PLATFORMS.map((p) => fileName('1.26.7', p)).sort());
    expect(tempFiles(dir).length).toBe(stage === 'mirror-mid-archive' ? 1 : 0);
    // readers see the previous mirror: a range resolves within it
    const r = await actionInstalls(pathToFileURL(dir).href, '^1.26');
    expect(r.outputs['go-version']).toBe('1.26.7');
    // the next run takes over the dead run's lock, removes its leftovers and completes
    upstream.clearRequests();
    const next = await mirror(dir, ['--versions', '1.26.7,1.27.0']);
    expectCode(next, 0);
    expect(archiveDownloads()).toEqual(NEXT_DOWNLOADS[stage]);
    expect(complete(dir)).toEqual([...ADDED, ...PLATFORMS.map((p) => fileName('1.26.7', p))].sort());
    expect((await actionInstalls(pathToFileURL(dir).href, '^1.26')).outputs['go-version']).toBe('1.27.0');
  });
});

describe('two runs at once on one DIR take turns (the lock)', () => {
  const want = VERSIONS.flatMap((v) => PLATFORMS.map((p) => fileName(v, p))).sort();
  afterEach(() => {
    for (const n of want) upstream.setFault(`/${n}`, null);
  });

  test('both complete; each archive is downloaded once in all', async () => {
    const dir = root.sub('concurrent');
    for (const n of want) upstream.setFault(`/${n}`, { kind: 'delay', ms: 150 });
    upstream.clearRequests();
    const args = ['mirror', dir, '--from', upstream.url, '--platforms', PLATFORMS.join(',')];
    const [a, b] = await Promise.all([cli(args), cli(args)]);
    expectCode(a, 0);
    expectCode(b, 0);
    expect(archiveDownloads()).toEqual(want);
    expect([a.stdout, b.stdout].map((s) => /added (\d+)/.exec(s)?.[1]).sort()).toEqual(['0', '6']);
    expect(complete(dir)).toEqual(want);
  });
});

describe('--prune keeps what --repo needs and removes the rest', () => {
  test('without --prune the mirror accumulates; with it, exactly the selection and the repository', async () => {
    const dir = root.sub('prune');
    const f = (v: string) => fileName(v, LINUX);
    expectCode(await mirror(dir, ['--versions', `${EXTRA},1.26.7,1.27.0`, '--platforms', LINUX]), 0);
    writeFileSync(path.join(dir, 'CNAME'), 'go-mirror.example.com\n');
    const repo = makeWorkspace(root, { 'go.mod': `module x\n\ngo ${EXTRA}\n` });
    upstream.clearRequests();
    const keep = await mirror(dir, ['--versions', '1.27.0', '--repo', repo, '--platforms', LINUX]);
    expectCode(keep, 0);
    expect(complete(dir)).toEqual([f(EXTRA), f('1.26.7'), f('1.27.0')]);
    const pruned = await mirror(dir, ['--versions', '1.27.0', '--repo', repo, '--platforms', LINUX, '--prune']);
    expectCode(pruned, 0);
    expect(archiveDownloads()).toEqual([]);
    expect(pruned.stdout).toContain('removed 1');
    expect(complete(dir)).toEqual([f(EXTRA), f('1.27.0')]);
    expect(readdirSync(dir).filter((n) => n.startsWith('go1.26.7'))).toEqual([]);
    expect(readFileSync(path.join(dir, 'CNAME'), 'utf8')).toBe('go-mirror.example.com\n');
    // the repository installs from the pruned mirror, as its go.mod asks
    const r = await runTheAction(root, {
      inputs: { 'go-download-base-url': pathToFileURL(dir).href },
      workspace: repo
    });
    expectExit(r, 0);
    expect(r.outputs['go-version']).toBe(EXTRA);
  });
});

describe('--vulndb: a copy of the database that answers as the upstream one', () => {
  let dir: string;
  beforeAll(async () => {
    dir = root.sub('vulndb');
    expectCode(
      await mirror(dir, [
        '--versions',
        EXTRA,
        '--platforms',
        LINUX,
        '--vulndb',
        '--vulndb-url',
        `${upstream.url}/vuln`
      ]),
      0
    );
  }, 60_000);

  test('holds the index cut to stdlib and toolchain and exactly the entries it names', () => {
    const index = JSON.parse(readFileSync(path.join(dir, 'vulndb', 'index', 'modules.json'), 'utf8')) as {
      path: string;
      vulns: { id: string }[];
    }[];
    expect(index.map((m) => m.path)).toEqual(['stdlib', 'toolchain']);
    const ids = [...new Set(index.flatMap((m) => m.vulns.map((v) => v.id)))].sort();
    expect(ids).not.toContain('GO-2099-0005');
    expect(readdirSync(path.join(dir, 'vulndb', 'ID')).sort()).toEqual(ids.map((id) => `${id}.json`));
    expect(existsSync(path.join(dir, 'vulndb', 'index', 'db.json'))).toBe(true);
  });

  async function matches(vulndbUrl: string) {
    const r = await actionInstalls(pathToFileURL(dir).href, EXTRA, {
      'vulndb-url': vulndbUrl,
      checks: 'vulnerabilities: warning'
    });
    const report = JSON.parse(readFileSync(r.outputs.report, 'utf8')) as {
      vulnerabilities: { status: string; matches: { id: string; fixedInMinor?: string }[] };
    };
    expect(report.vulnerabilities.status).toBe('checked');
    return report.vulnerabilities.matches.map((m) => [m.id, m.fixedInMinor ?? null]);
  }

  test('the action reports the same vulnerabilities from the copy (file:// and HTTP) as from the upstream', async () => {
    const server = await startStatic(dir, '404');
    try {
      const fromUpstream = await matches(`${upstream.url}/vuln`);
      expect(fromUpstream.map(([id]) => id)).toEqual(Object.keys(DEFAULT_VULN_EXPECTED[EXTRA]));
      expect(await matches(pathToFileURL(path.join(dir, 'vulndb')).href)).toEqual(fromUpstream);
      expect(await matches(`${server.url}/vulndb`)).toEqual(fromUpstream);
    } finally {
      await server.close();
    }
  });

  test('a second run reads the index and fetches no entry', async () => {
    upstream.clearRequests();
    const r = await mirror(dir, [
      '--versions',
      EXTRA,
      '--platforms',
      LINUX,
      '--vulndb',
      '--vulndb-url',
      `${upstream.url}/vuln`
    ]);
    expectCode(r, 0);
    expect(upstream.requestsFor('/vuln/ID/')).toEqual([]);
    expect(upstream.requestsFor('/vuln/index/modules.json')).toHaveLength(1);
    expect(r.stdout).toMatch(/vulnerability database: 9 entries \(0 fetched, 9 kept, 0 removed\)/);
  });
});

describe('an upstream without a listing: exact versions by file name and <file>.sha256', () => {
  let files: Mirror;
  beforeAll(async () => {
    files = await startMirror({});
    for (const v of VERSIONS) {
      for (const p of [LINUX, 'windows/amd64']) {
        const b = built.get(fileName(v, p))!;
        files.addFile(b.filename, b.path);
        files.addContent(`${b.filename}.sha256`, `${b.sha256}\n`);
      }
    }
  });
  afterAll(() => files.close());

  test('an exact version is mirrored, verified against its .sha256, and listed with its size', async () => {
    const dir = root.sub('from-files');
    const r = await cli([
      'mirror',
      dir,
      '--from',
      files.url,
      '--versions',
      '1.26.7',
      '--platforms',
      `${LINUX},windows/amd64`
    ]);
    expectCode(r, 0);
    expect(complete(dir)).toEqual([fileName('1.26.7', LINUX), fileName('1.26.7', 'windows/amd64')].sort());
    expect((await actionInstalls(pathToFileURL(dir).href, '1.26')).outputs['go-version']).toBe('1.26.7');
  });

  test('a range cannot be resolved there: exit 2 naming the spec and --from', async () => {
    const r = await cli([
      'mirror',
      root.sub('from-files'),
      '--from',
      files.url,
      '--versions',
      '1.26',
      '--platforms',
      LINUX
    ]);
    expectCode(r, 2);
    expect(r.stderr).toMatch(
      /--versions: "1\.26" is not an exact version, and the upstream \(--from\) http:\/\/127\.0\.0\.1:\d+ has no version listing to resolve it/
    );
  });
});

describe('credentials: the go-download-token goes to the upstream only and never into DIR', () => {
  test.each([['--go-download-token'], ['GO_DOWNLOAD_TOKEN']])('%s', async (how) => {
    const dir = root.sub('token');
    upstream.clearRequests();
    const secret = 's3cret-token-value';
    const args = ['--versions', '1.26.7', '--platforms', LINUX, '--vulndb', '--vulndb-url', `${upstream.url}/vuln`];
    const r =
      how === 'GO_DOWNLOAD_TOKEN'
        ? await mirror(dir, args, { env: { GO_DOWNLOAD_TOKEN: secret } })
        : await mirror(dir, [...args, '--go-download-token', secret]);
    expectCode(r, 0);
    const auth = (p: string) =>
      upstream.requests.filter((q) => q.path.startsWith(p)).map((q) => q.headers.authorization);
    expect(auth('/?mode=json')).toEqual([`Bearer ${secret}`]);
    expect(auth(`/${fileName('1.26.7', LINUX)}`)).toEqual([`Bearer ${secret}`]);
    expect(auth('/vuln/').length).toBeGreaterThan(0);
    expect(auth('/vuln/').every((a) => a === undefined)).toBe(true);
    const grep = promisify(execFile)('grep', ['-rl', secret, dir]).then(
      (x) => x.stdout,
      (e: { code?: number; stdout?: string }) => (e.code === 1 ? '' : `grep failed: ${e.code}`)
    );
    expect(await grep).toBe('');
  });
});

describe('bad usage: exit 2, one line naming the flag, then the usage', () => {
  test.each<[string[], string]>([
    [['--platforms', 'windows-amd64'], '--platforms: "windows-amd64" is not os/arch (expected e.g. windows/amd64)'],
    [['--versions', 'banana'], '--versions: "banana" is not a Go version, range or alias'],
    [['--repo', 'no-such-folder'], '--repo: "no-such-folder" is not a folder']
  ])('%j', async (args, message) => {
    const r = await cli(['mirror', root.sub('bad'), ...args]);
    expectCode(r, 2);
    const [line, ...rest] = r.stderr.split('\n');
    expect(line).toContain(`setup-go-enforced mirror: ${message}`);
    expect(rest.join('\n')).toContain('mirror DIR');
  });
});
