/**
 * End to end (bundled dist/index.js): `mode: verify` checks the REAL Go found on PATH (Debian's
 * Go 1.19.8 in /usr/lib/go-1.19) against the repository, downloads nothing and exports nothing.
 * The local mirror serves only the manifest (for the support and patch checks).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startMirror } from '../../scripts/test-support/mirror.mjs';
import { buildFixtureManifest } from '../../scripts/test-support/manifest-fixture.mjs';
import { runAction, listTree } from '../../scripts/test-support/run-action.mjs';

type Mirror = Awaited<ReturnType<typeof startMirror>>;
type RunResult = Awaited<ReturnType<typeof runAction>>;

const REAL_GO_BIN = '/usr/lib/go-1.19/bin';
const REAL_GO = path.join(REAL_GO_BIN, 'go');
const haveRealGo = existsSync(REAL_GO);
if (!haveRealGo) console.warn(`${REAL_GO} is missing: install golang-1.19-go (CI does) to run the verify-mode tests`);
const describeReal = haveRealGo ? describe : describe.skip;

/** A PATH without any other go, with the real Go first. */
function pathWithRealGo(): string {
  const rest = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((d) => d !== '' && !existsSync(path.join(d, 'go')));
  return [REAL_GO_BIN, ...rest].join(path.delimiter);
}

/** Archive file names of the manifest (anything but the manifest itself). */
function archiveRequests(mirror: Mirror): string[] {
  return mirror.requests.map((q) => q.path).filter((p) => /\.(tar\.gz|zip|msi|pkg)$/.test(p));
}

describeReal('mode: verify against the real Go 1.19.8 on PATH', () => {
  let root: string;
  let mirror: Mirror;
  let goRoot: string;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'e2e-verify-'));
    mirror = await startMirror({ manifest: buildFixtureManifest() });
    goRoot = execFileSync(REAL_GO, ['env', 'GOROOT'], {
      encoding: 'utf8',
      env: { ...process.env, GOROOT: '', GOTOOLCHAIN: 'local', GOFLAGS: '' }
    }).trim();
  });

  afterAll(async () => {
    await mirror?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  /** `go build` with the real Go 1.19.8 in `ws` (throws with its stderr when it fails). */
  function realBuild(ws: string): void {
    execFileSync(REAL_GO, ['build', '-o', os.devNull, '.'], {
      cwd: ws,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        GOTOOLCHAIN: 'local',
        GOFLAGS: '',
        GOROOT: '',
        HOME: root,
        GOCACHE: path.join(root, 'gocache')
      }
    });
  }

  function verify(goLine: string): Promise<RunResult> {
    const ws = mkdtempSync(path.join(root, 'ws-'));
    writeFileSync(path.join(ws, 'go.mod'), `module example.com/verify\n\ngo ${goLine}\n`);
    return runAction({
      inputs: { mode: 'verify', 'go-download-base-url': mirror.url, checks: 'vulnerabilities: off' },
      env: { PATH: pathWithRealGo(), GOROOT: undefined, GOTOOLCHAIN: undefined, GOFLAGS: undefined, GOWORK: undefined },
      workspace: ws,
      toolCache: mkdtempSync(path.join(root, 'tc-')),
      temp: mkdtempSync(path.join(root, 'temp-'))
    });
  }

  test.each([
    ['1.21.0', 'cannot parse'],
    ['1.21rc1', 'cannot parse']
  ])('go.mod "go %s", which Go 1.19.8 cannot parse: exit 1, a go-directive break on go.mod:3', async (goLine, why) => {
    mirror.clearRequests();
    const r = await verify(goLine);
    expect(r.code).toBe(1);
    expect(r.outputs.consistent).toBe('false');
    expect(r.outputs['go-version']).toBe('1.19.8');
    const errors = r.annotations.filter((a) => a.level === 'error');
    expect(errors).toEqual([expect.objectContaining({ file: 'go.mod', line: 3 })]);
    expect(errors[0].message).toContain(`go ${goLine}`);
    expect(errors[0].message).toContain(why);
    const report = JSON.parse(readFileSync(r.outputs.report, 'utf8'));
    expect(report.mode).toBe('verify');
    expect(report.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([
      expect.objectContaining({ check: 'go-directive', kind: 'break', file: 'go.mod', line: 3 })
    ]);
    expect(archiveRequests(mirror)).toEqual([]);
    expect(r.path).toEqual([]);
    expect(r.env).toEqual({});
    // and the real Go agrees: it cannot build the module
    writeFileSync(path.join(r.workspace, 'main.go'), 'package main\n\nfunc main() {}\n');
    expect(() => realBuild(r.workspace)).toThrow(/invalid go version/);
  });

  test.each(['1.20', '1.22'])(
    'go.mod "go %s", newer than Go 1.19.8, which builds it anyway (advisory before 1.21): exit 0, drift warning',
    async (goLine) => {
      const r = await verify(goLine);
      expect(r.code).toBe(0);
      expect(r.errors).toEqual([]);
      expect(r.outputs.consistent).toBe('true');
      const warnings = r.annotations.filter((a) => a.level === 'warning' && a.file === 'go.mod');
      expect(warnings).toEqual([expect.objectContaining({ line: 3, message: expect.stringContaining('advisory') })]);
      // and the real Go agrees: it builds the module
      writeFileSync(path.join(r.workspace, 'main.go'), 'package main\n\nfunc main() {}\n');
      realBuild(r.workspace);
    }
  );

  test('go.mod "go 1.19": exit 0, the found Go is reported, nothing is downloaded or exported', async () => {
    mirror.clearRequests();
    const r = await verify('1.19');
    expect(r.code).toBe(0);
    expect(r.errors).toEqual([]);
    expect(r.outputs.consistent).toBe('true');
    expect(r.outputs['go-version']).toBe('1.19.8');
    expect(r.outputs['go-root']).toBe(goRoot);
    expect(r.outputs['toolchain-cache-hit']).toBe('false');
    // nothing downloaded, nothing put in the tool cache, nothing exported
    expect(archiveRequests(mirror)).toEqual([]);
    expect(listTree(r.toolCache)).toEqual([]);
    expect(r.path).toEqual([]);
    expect(r.env).toEqual({});
    const report = JSON.parse(readFileSync(r.outputs.report, 'utf8'));
    const checks = report.checks as { id: string; status: string }[];
    expect(checks.find((c) => c.id === 'installed-version')?.status).toBe('pass');
    expect(checks.find((c) => c.id === 'go-directive')?.status).toBe('pass');
    expect(report.resolution).toMatchObject({
      version: '1.19.8',
      goRoot,
      toolchainCacheHit: false,
      sha256Verified: false
    });
    // 1.19 is out of support and 1.19.8 is not its newest patch: warnings, not errors
    expect(report.findings.map((f: { check: string }) => f.check).sort()).toEqual([
      'latest-patch',
      'supported-release'
    ]);
  });
});
