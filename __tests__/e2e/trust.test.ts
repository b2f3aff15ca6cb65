/**
 * Trust on real runners (issue 17): what a new user's runner looks like must not make the action
 * fail a job for nothing. A tool cache reached through a symbolic link (self-hosted runners with
 * the tool cache on a bigger disk; macOS /tmp -> /private/tmp) with the real Go 1.19.8, which
 * reports its GOROOT with symbolic links resolved, one job and six at once; GOTOOLCHAIN as the job
 * sets it (toolchain-switching); go env outputs; tool modfiles (*.mod); GOROOT for Go before 1.9.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { startMirror, startMirrorServing, type Mirror } from '../../scripts/test-support/mirror.mjs';
import { goScript, packRealGo } from '../../scripts/test-support/toolchains.mjs';
import { addToolchainModule } from '../../scripts/test-support/goproxy.mjs';
import { goJobEnv, runJob } from '../../scripts/test-support/cache-job.mjs';
import { envForNextStep } from '../../scripts/test-support/run-action.mjs';
import {
  TempRoot,
  buildToolchains,
  expectExit,
  makeWorkspace,
  manifestFor,
  run,
  type Built,
  type RunResult
} from './drop-in-helpers.js';

const execFileAsync = promisify(execFile);
const REAL_GO = '/usr/lib/go-1.19';
const VERSION = '1.19.8';
const PACK_CACHE = path.join(os.tmpdir(), 'setup-go-enforced-fixtures');

describe(`a tool cache reached through a symbolic link, real Go ${VERSION}`, () => {
  const root = new TempRoot('e2e-trust-');
  let mirror: Mirror;

  beforeAll(async () => {
    if (!existsSync(path.join(REAL_GO, 'bin', 'go')))
      throw new Error(`${REAL_GO} is missing: apt-get install golang-1.19-go`);
    const packed = await packRealGo({ srcDir: REAL_GO, version: VERSION, outDir: PACK_CACHE });
    mirror = await startMirrorServing({ version: VERSION, upTo: VERSION, os: 'linux', arch: 'amd64', archive: packed });
  }, 240_000);

  afterAll(async () => {
    await mirror?.close();
    root.cleanup();
  });

  /** <root>/real-N, and <root>/link-N -> real-N: the tool cache is given as the link. */
  function linkedToolCache(): { link: string; real: string } {
    const real = root.sub('real');
    const link = path.join(root.dir, `link-${path.basename(real)}`);
    symlinkSync(real, link);
    return { link, real };
  }

  const ws = () => makeWorkspace(root, { 'go.mod': 'module example.com/hello\n\ngo 1.19\n' });

  test('RUNNER_TOOL_CACHE is a symbolic link: installed, no error, go-root as given', async () => {
    const { link } = linkedToolCache();
    const r = await run(root, {
      inputs: { 'go-download-base-url': mirror.url, cache: 'false' },
      workspace: ws(),
      toolCache: link,
      timeoutMs: 180_000
    });
    expectExit(r, 0);
    expect(r.errors).toEqual([]);
    expect(r.outputs['go-root']).toBe(path.join(link, 'go', VERSION, 'x64'));
    expect(r.outputs.consistent).toBe('true');
  }, 240_000);

  test('a folder above the tool cache is a symbolic link (macOS /tmp -> /private/tmp): no error', async () => {
    const { link } = linkedToolCache();
    const toolCache = path.join(link, 'hostedtoolcache');
    mkdirSync(toolCache);
    const r = await run(root, {
      inputs: { 'go-download-base-url': mirror.url, cache: 'false' },
      workspace: ws(),
      toolCache,
      timeoutMs: 180_000
    });
    expectExit(r, 0);
    expect(r.errors).toEqual([]);
  }, 240_000);

  test('the post step lists a toolchain the go command downloaded during the job (GOTOOLCHAIN=auto)', async () => {
    // A local GOPROXY serving golang.org/toolchain@v0.0.1-go1.23.0.linux-amd64 (a synthetic Go
    // tree), downloaded for real by Go 1.19.8 into the job's module cache, where Go 1.21+ unpacks
    // the toolchains it switches to.
    const proxy = root.sub('proxy');
    const tcVersion = await addToolchainModule(proxy, {
      version: '1.23.0',
      goos: 'linux',
      goarch: 'amd64',
      files: { 'bin/go': goScript({ version: '1.23.0', goos: 'linux', goarch: 'amd64' }), VERSION: 'go1.23.0\n' }
    });
    const home = root.sub('home');
    const workspace = ws();
    const job = await runJob({
      workspace,
      toolCache: root.sub('tc'),
      temp: root.sub('temp'),
      inputs: {
        'go-download-base-url': mirror.url,
        cache: 'false',
        checks: 'vulnerabilities: off',
        'toolchain-switching': 'auto'
      },
      env: { ...goJobEnv({ home, goproxy: pathToFileURL(proxy).href, run: 1 }), GOFLAGS: '-modcacherw' },
      steps: async (env) => {
        expect(env.GOTOOLCHAIN).toBe('auto');
        await execFileAsync('go', ['mod', 'download', `golang.org/toolchain@${tcVersion}`], {
          cwd: workspace,
          env,
          timeout: 120_000
        });
      }
    });
    expect(job.main.code).toBe(0);
    expect(existsSync(path.join(home, 'go', 'pkg', 'mod', 'golang.org', `toolchain@${tcVersion}`))).toBe(true);
    expect(job.post?.code).toBe(0);
    const warnings = (job.post?.annotations ?? []).filter((a) => a.level === 'warning').map((a) => a.message);
    expect(warnings).toEqual([
      expect.stringContaining('the go command downloaded go1.23.0 (linux/amd64) during this job (GOTOOLCHAIN=auto)')
    ]);
    expect(job.post?.summary).toMatch(
      /### Toolchains downloaded during the job[\s\S]*\| drift \| the go command downloaded go1\.23\.0/
    );
    // A job that downloads nothing lists nothing.
    const quiet = await runJob({
      workspace,
      toolCache: root.sub('tc'),
      temp: root.sub('temp'),
      inputs: { 'go-download-base-url': mirror.url, cache: 'false', checks: 'vulnerabilities: off' },
      env: goJobEnv({ home, goproxy: 'off', run: 2 })
    });
    expect(quiet.post?.code).toBe(0);
    expect((quiet.post?.annotations ?? []).filter((a) => a.level === 'warning')).toEqual([]);
  }, 240_000);

  test('six jobs at once through one symbolic link to one tool cache: six pass', async () => {
    const { link } = linkedToolCache();
    const workspace = ws();
    const runs = await Promise.all(
      Array.from({ length: 6 }, () =>
        run(root, {
          inputs: { 'go-download-base-url': mirror.url, cache: 'false' },
          workspace,
          toolCache: link,
          timeoutMs: 230_000
        })
      )
    );
    expect(runs.map((r) => [r.code, r.errors])).toEqual(Array(6).fill([0, []]));
    // one download: the others waited for the install lock and took the installed tree
    expect(runs.filter((r) => r.outputs['toolchain-cache-hit'] === 'false')).toHaveLength(1);
  }, 240_000);
});

describe('trust with synthetic toolchains: GOTOOLCHAIN as the job sets it, go env outputs, tool modfiles, Go 1.8', () => {
  const root = new TempRoot('e2e-trust-syn-');
  const VERSIONS = ['1.22.12', '1.23.4', '1.8.7'];
  let mirror: Mirror;
  let built: Map<string, Built>;

  beforeAll(async () => {
    built = await buildToolchains(root.sub('archives'), VERSIONS);
    mirror = await startMirror({ manifest: manifestFor(built) });
    for (const b of built.values()) mirror.addFile(b.filename, b.path);
  }, 120_000);

  afterAll(async () => {
    await mirror?.close();
    root.cleanup();
  });

  const install = (files: Record<string, string>, inputs: Record<string, string>, env: Record<string, string> = {}) =>
    run(root, {
      inputs: { 'go-download-base-url': mirror.url, cache: 'false', ...inputs },
      workspace: makeWorkspace(root, files),
      env
    });
  const findingsOf = (
    r: RunResult
  ): { check: string; kind: string; severity: string; message: string; file?: string }[] =>
    JSON.parse(readFileSync(r.outputs.report, 'utf8')).findings;

  test('a GOTOOLCHAIN the job set is kept (not overwritten with local), with an advice finding', async () => {
    const r = await install({ 'go.mod': 'module m\n\ngo 1.22.12\n' }, {}, { GOTOOLCHAIN: 'auto' });
    expectExit(r, 0);
    expect(r.env.GOTOOLCHAIN).toBeUndefined(); // nothing written to GITHUB_ENV: the job's own stays
    expect(findingsOf(r).filter((f) => f.check === 'environment')).toEqual([
      expect.objectContaining({
        check: 'environment',
        kind: 'advice',
        message: expect.stringContaining("GOTOOLCHAIN=auto from the job's environment is kept")
      })
    ]);
  });

  test('the toolchain-switching input wins over the job and is exported', async () => {
    const r = await install(
      { 'go.mod': 'module m\n\ngo 1.22.12\n' },
      { 'toolchain-switching': 'local' },
      { GOTOOLCHAIN: 'auto' }
    );
    expectExit(r, 0);
    expect(r.env.GOTOOLCHAIN).toBe('local');
    const none = await install({ 'go.mod': 'module m\n\ngo 1.22.12\n' }, {});
    expect(none.env.GOTOOLCHAIN).toBe('local'); // as actions/setup-go
  });

  test.each([
    ['local', 1, 'break', 'refuses a go line newer than itself'],
    ['auto', 0, 'drift', 'the go command downloads go1.23.4 and builds the module with it']
  ])('toolchain-switching: %s, a tools module on a newer go line -> exit %i, %s', async (mode, code, kind, text) => {
    const r = await install(
      { 'go.mod': 'module m\n\ngo 1.22.12\n', 'tools/go.mod': 'module m/tools\n\ngo 1.23.4\n' },
      { 'toolchain-switching': mode }
    );
    expectExit(r, code);
    expect(r.env.GOTOOLCHAIN).toBe(mode);
    const f = findingsOf(r).filter((x) => x.check === 'go-directive');
    expect(f).toEqual([
      expect.objectContaining({ kind, file: 'tools/go.mod', message: expect.stringContaining(text) })
    ]);
  });

  test('go-path, go-cache, go-mod-cache: go env of the installed Go (install), of the found Go (verify), empty (plan)', async () => {
    const home = path.join(root.dir, 'home');
    const r = await install({ 'go.mod': 'module m\n\ngo 1.22.12\n' }, {});
    expectExit(r, 0);
    expect(r.outputs).toMatchObject({
      'go-path': path.join(home, 'go'),
      'go-mod-cache': path.join(home, 'go', 'pkg', 'mod'),
      'go-cache': path.join(home, '.cache', 'go-build')
    });
    const next = envForNextStep(r, { PATH: '/usr/bin:/bin', HOME: home, GOPATH: '/custom/gopath' });
    const v = await run(root, {
      inputs: { mode: 'verify', 'go-download-base-url': mirror.url },
      workspace: makeWorkspace(root, { 'go.mod': 'module m\n\ngo 1.22.12\n' }),
      env: { PATH: next.PATH, GOPATH: '/custom/gopath' }
    });
    expect(v.outputs).toMatchObject({ 'go-path': '/custom/gopath', 'go-mod-cache': '/custom/gopath/pkg/mod' });
    const p = await install({ 'go.mod': 'module m\n\ngo 1.22.12\n' }, { mode: 'plan' });
    expect(p.outputs).toMatchObject({ 'go-path': '', 'go-cache': '', 'go-mod-cache': '' });
  });

  test.each(['go.tool.mod', 'golangci-lint.mod', 'vendor.mod'])(
    'go-version-file: %s (a tool modfile) is read as a go.mod',
    async (name) => {
      const r = await install(
        {
          [`tools/${name}`]:
            '// tools of the repository\nmodule example.com/tools\n\ngo 1.23.4\n\ntool example.com/x\n',
          'go.mod': 'module m\n\ngo 1.22\n'
        },
        { 'go-version-file': `tools/${name}` }
      );
      expectExit(r, 0);
      expect(r.outputs['go-version']).toBe('1.23.4');
      expect(r.outputs['resolved-from']).toBe(`tools/${name}:4 go 1.23.4`);
    }
  );

  test('the scan reads *.mod tool modfiles as module files: one on a newer go line is a break at its line', async () => {
    const r = await install(
      {
        'go.mod': 'module m\n\ngo 1.22.12\n',
        'tools/golangci-lint.mod': 'module m/tools\n\ngo 1.23.4\n',
        // not a Go module file (no module line, or not Go at all): not read as one, no finding
        'fortran/x.mod': '\u0000\u0001binary',
        'other/notes.mod': 'go 1.30\n'
      },
      {}
    );
    expectExit(r, 1);
    const f = findingsOf(r).filter((x) => x.check !== 'supported-release');
    expect(f).toEqual([
      expect.objectContaining({ check: 'go-directive', kind: 'break', file: 'tools/golangci-lint.mod' })
    ]);
    const report = JSON.parse(readFileSync(r.outputs.report, 'utf8'));
    expect(report.modules.map((m: { path: string }) => m.path)).toEqual(['go.mod', 'tools/golangci-lint.mod']);
  });

  test('Go before 1.9 gets GOROOT exported (it cannot find its own root)', async () => {
    const r = await install({ '.go-version': '1.8.7\n' }, { 'go-version-file': '.go-version' });
    expectExit(r, 0);
    expect(r.env.GOROOT).toBe(r.outputs['go-root']);
    const modern = await install({ 'go.mod': 'module m\n\ngo 1.22.12\n' }, {});
    expect(modern.env.GOROOT).toBeUndefined();
  });
});
