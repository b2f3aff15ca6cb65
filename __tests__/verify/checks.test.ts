import type { Facts, InstalledGo, UseTarget } from '../../src/model.js';
import { checkInstalledVersion } from '../../src/verify/checks/installed-version.js';
import { checkEnvironment, environmentRecord } from '../../src/verify/checks/environment.js';
import { checkGoDirective } from '../../src/verify/checks/go-directive.js';
import { checkToolchainDirective } from '../../src/verify/checks/toolchain-directive.js';
import { checkWorkspace } from '../../src/verify/checks/workspace.js';
import { agreesAtPrecision, checkVersionFiles } from '../../src/verify/checks/version-files.js';
import { checkSupportedRelease } from '../../src/verify/checks/supported-release.js';
import { checkLatestPatch } from '../../src/verify/checks/latest-patch.js';
import { parseDockerfile } from '../../src/go/version-files.js';
import { decl, facts, mod, releases } from './facts-fixture.js';

const ROOT = '/opt/hostedtoolcache/go/1.22.12/x64';

describe('installed-version', () => {
  const base = facts().installed!;
  test.each<[string, Partial<InstalledGo>, number]>([
    ['all agree', {}, 0],
    ['go version differs', { goVersion: '1.21.5' }, 1],
    ['go env GOVERSION differs', { envGoVersion: '1.23.0' }, 1],
    ['both versions differ', { goVersion: '1.21.5', envGoVersion: '1.21.5' }, 2],
    ['go version unparsable', { goVersion: undefined, goVersionOutput: 'go version devel +abc' }, 1],
    ['GOROOT differs', { envGoRoot: '/usr/local/go' }, 1],
    ['GOROOT with trailing slash', { envGoRoot: `${ROOT}/` }, 0],
    ['go on PATH elsewhere', { goOnPath: '/usr/bin/go' }, 1],
    ['go on PATH deeper below root', { goOnPath: `${ROOT}/bin/x/go` }, 1],
    ['no go on PATH', { goOnPath: undefined }, 1],
    ['go could not run', { error: 'spawn ENOENT' }, 1]
  ])('%s -> %i errors', (_name, over, errors) => {
    const out = checkInstalledVersion(facts({ installed: { ...base, ...over } }));
    expect(out).toHaveLength(errors);
    expect(out.every((f) => f.severity === 'error' && f.check === 'installed-version')).toBe(true);
  });

  test('Windows paths compare case-insensitively with either separator', () => {
    const installed: InstalledGo = {
      expected: '1.22.12',
      expectedRoot: 'C:\\hostedtoolcache\\windows\\go\\1.22.12\\x64',
      goVersion: '1.22.12',
      envGoVersion: '1.22.12',
      envGoRoot: 'c:/hostedtoolcache/windows/go/1.22.12/x64/',
      goOnPath: 'C:\\hostedtoolcache\\windows\\go\\1.22.12\\x64\\bin\\go.exe'
    };
    expect(checkInstalledVersion(facts({ installed }))).toEqual([]);
  });

  test('1.20 and 1.20.0 name the same release', () => {
    const installed = { ...base, expected: '1.20', goVersion: '1.20.0', envGoVersion: '1.20' };
    expect(checkInstalledVersion(facts({ version: '1.20', installed }))).toEqual([]);
  });

  test('nothing without an installed Go', () => {
    expect(checkInstalledVersion(facts({ installed: undefined }))).toEqual([]);
  });
});

describe('environment', () => {
  test.each<[string, Facts['env'], string[]]>([
    ['clean', {}, []],
    ['GOROOT is the installed root', { GOROOT: `${ROOT}/` }, []],
    [
      'stale GOROOT',
      { GOROOT: '/opt/go-1.18', previousGo: { path: '/opt/go-1.18/bin/go', version: '1.18.1' } },
      ['GOROOT']
    ],
    ['GOTOOLCHAIN local', { GOTOOLCHAIN: 'local' }, []],
    ['GOTOOLCHAIN auto', { GOTOOLCHAIN: 'auto' }, ['GOTOOLCHAIN']],
    ['GOTOOLCHAIN pinned', { GOTOOLCHAIN: 'go1.23.0+auto' }, ['GOTOOLCHAIN']],
    ['GOFLAGS with -toolchain', { GOFLAGS: '-mod=mod -toolchain=go1.21.0' }, ['GOFLAGS']],
    ['GOFLAGS without it', { GOFLAGS: '-mod=mod -trimpath' }, []],
    ['GOFLAGS with a look-alike', { GOFLAGS: '-toolchainx=1' }, []],
    [
      'all three',
      { GOROOT: '/usr/lib/go', GOTOOLCHAIN: 'path', GOFLAGS: '--toolchain go1.2' },
      ['GOROOT', 'GOTOOLCHAIN', 'GOFLAGS']
    ]
  ])('%s', (_name, env, vars) => {
    const out = checkEnvironment(facts({ env }));
    expect(out.map((f) => f.message.split(' ')[0])).toEqual(vars);
    expect(out.every((f) => f.severity === 'warning')).toBe(true);
  });

  test('the stale GOROOT message names what it was, its Go, and the new root', () => {
    const [f] = checkEnvironment(
      facts({ env: { GOROOT: '/opt/go-1.18', previousGo: { path: '/opt/go-1.18/bin/go', version: '1.18.1' } } })
    );
    expect(f.message).toContain('/opt/go-1.18 (go1.18.1)');
    expect(f.message).toContain(ROOT);
  });

  test('verify mode changes nothing, so it does not claim to override GOTOOLCHAIN', () => {
    const [f] = checkEnvironment(facts({ mode: 'verify', env: { GOTOOLCHAIN: 'auto' } }));
    expect(f.message).toMatch(/^GOTOOLCHAIN is auto, .*mode verify changes nothing/);
    expect(f.message).not.toContain('set to local so');
  });

  test.each([
    [{ previousGo: { path: '/usr/local/go/bin/go', version: '1.21.5' } }, '1.21.5 (/usr/local/go/bin/go) -> 1.22.12'],
    [{}, 'no Go on PATH before this step -> 1.22.12']
  ])('record of the previous Go', (env, text) => {
    expect(environmentRecord(facts({ env }))).toContain(text);
  });
});

describe('go-directive (Go order)', () => {
  test.each<[string, string, boolean]>([
    ['1.22', '1.22.0', true],
    ['1.22', '1.22rc1', true],
    ['1.22', '1.21.13', false],
    ['1.22.3', '1.22.2', false],
    ['1.22.3', '1.22.3', true],
    ['1.22.3', '1.22.12', true],
    ['1.21rc1', '1.21.0', true],
    ['1.21rc2', '1.21rc1', false],
    ['1.21.0', '1.21rc2', false],
    ['1.20', '1.20', true],
    ['1.20', '1.20.0', true],
    ['1.20.1', '1.20', false],
    ['1.9', '1.10', true],
    ['1.100', '1.99.1', false],
    ['1.18', '1.19.8', true],
    ['1.21.0', '1.19.8', false]
  ])('go %s with Go %s -> satisfied %s', (goLine, version, ok) => {
    const out = checkGoDirective(
      facts({ version, workspace: { modules: [mod('svc/go.mod', goLine)], useTargets: [], declarations: [] } })
    );
    expect(out.length === 0).toBe(ok);
    if (!ok) expect(out[0]).toMatchObject({ check: 'go-directive', severity: 'error', file: 'svc/go.mod', line: 3 });
  });

  test('every module is checked; only the ones ahead fail', () => {
    const modules = [
      mod('go.work', '1.22'),
      mod('go.mod', '1.21'),
      mod('a/go.mod', '1.23'),
      mod('b/go.mod', '1.22.13')
    ];
    const out = checkGoDirective(facts({ workspace: { modules, useTargets: [], declarations: [] } }));
    expect(out.map((f) => f.file)).toEqual(['a/go.mod', 'b/go.mod']);
  });

  test.each([
    ['go.mod', '1.16'],
    ['tools/go.work', '1.18']
  ])('%s without a go line is a warning (Go assumes %s)', (path, assumed) => {
    const [f, ...rest] = checkGoDirective(
      facts({ workspace: { modules: [mod(path)], useTargets: [], declarations: [] } })
    );
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'warning', file: path });
    expect(f.message).toContain(assumed);
  });

  test('a version from the go-version input says the entry cannot build the module', () => {
    const f = facts({
      version: '1.21.13',
      request: { spec: { kind: 'minor', lang: '1.21' }, raw: '1.21', from: 'input go-version' },
      workspace: { modules: [mod('go.mod', '1.22')], useTargets: [], declarations: [] }
    });
    const [finding] = checkGoDirective(f);
    expect(finding.message).toBe(
      'go.mod:3: go 1.22 requires Go >= 1.22, but go-version 1.21.13 (e.g. a matrix entry) is installed: this entry cannot build the module'
    );
  });

  test('verify mode says the Go was found on PATH', () => {
    const f = facts({
      mode: 'verify',
      version: '1.19.8',
      workspace: { modules: [mod('go.mod', '1.21.0')], useTargets: [], declarations: [] }
    });
    expect(checkGoDirective(f)[0].message).toContain('1.19.8 is found on PATH');
  });
});

describe('toolchain-directive', () => {
  const rootWith = (go: string | undefined, toolchain: string | undefined) =>
    mod('go.mod', go, toolchain ? { toolchain: { value: toolchain, line: 5 } } : {});

  test.each<[string, string | undefined, string | undefined, string, string[]]>([
    ['no toolchain line', '1.22', undefined, '1.22.12', []],
    ['toolchain default', '1.22', 'default', '1.22.12', []],
    ['names the installed Go', '1.22', 'go1.22.12', '1.22.12', []],
    ['names another patch', '1.22', 'go1.22.3', '1.22.12', ['error']],
    ['names a newer Go', '1.22', 'go1.23.0', '1.22.12', ['error']],
    ['custom suffix ignored', '1.22', 'go1.22.12-custom', '1.22.12', []],
    ['rc names the installed rc', '1.23rc1', 'go1.23rc2', '1.23rc2', []],
    ['older than its go line', '1.22.5', 'go1.22.1', '1.22.5', ['warning', 'error']],
    ['go1.20 equals 1.20.0', '1.20', 'go1.20', '1.20.0', []]
  ])('%s', (_name, go, tc, version, severities) => {
    const root = rootWith(go, tc);
    const out = checkToolchainDirective(
      facts({ version, root, workspace: { modules: [root], useTargets: [], declarations: [] } })
    );
    expect(out.map((f) => f.severity)).toEqual(severities);
    for (const f of out) expect(f).toMatchObject({ file: 'go.mod', line: 5 });
  });

  test('toolchain lines of other modules are ignored', () => {
    const root = mod('go.mod', '1.22');
    const other = mod('svc/go.mod', '1.22', { toolchain: { value: 'go1.21.0', line: 5 } });
    expect(
      checkToolchainDirective(facts({ root, workspace: { modules: [root, other], useTargets: [], declarations: [] } }))
    ).toEqual([]);
  });

  test("the workspace's toolchain line counts when go.work is the root", () => {
    const root = mod('go.work', '1.22', { toolchain: { value: 'go1.22.3', line: 2 } });
    const out = checkToolchainDirective(facts({ root }));
    expect(out).toEqual([expect.objectContaining({ severity: 'error', file: 'go.work', line: 2 })]);
  });

  test.each<[string, string, string]>([
    ['check-latest moved the pin to a newer patch: warning', 'go1.22.3', 'warning'],
    ['a pin of another minor is still an error', 'go1.21.3', 'error']
  ])('%s', (_name, tc, severity) => {
    const root = mod('go.mod', '1.21', { toolchain: { value: tc, line: 5 } });
    const request = {
      spec: { kind: 'minimum' as const, minimum: tc.slice(2) },
      raw: `toolchain ${tc}`,
      from: `go.mod:5 toolchain ${tc}`
    };
    const out = checkToolchainDirective(facts({ root, request }));
    expect(out.map((f) => f.severity)).toEqual([severity]);
  });

  test('no root: nothing to check', () => {
    expect(checkToolchainDirective(facts({ root: undefined }))).toEqual([]);
  });
});

describe('workspace', () => {
  const target = (
    use: string,
    dir: string,
    exists: boolean,
    hasGoMod: boolean,
    line = 4,
    workFile = 'go.work'
  ): UseTarget => ({
    workFile,
    use,
    line,
    dir,
    exists,
    hasGoMod
  });

  test.each<[string, string | undefined, UseTarget[], Record<string, string>, string[]]>([
    [
      'all fine',
      '1.22',
      [target('./a', 'a', true, true), target('.', '.', true, true)],
      { 'a/go.mod': '1.22', 'go.mod': '1.21' },
      []
    ],
    ['missing folder', '1.22', [target('./gone', 'gone', false, false)], {}, ['go.work:4']],
    ['folder without go.mod', '1.22', [target('./docs', 'docs', true, false)], {}, ['go.work:4']],
    ['used module ahead of go.work', '1.21', [target('./a', 'a', true, true)], { 'a/go.mod': '1.22' }, ['go.work:3']],
    [
      'go.work 1.22 vs module 1.22.3',
      '1.22',
      [target('./a', 'a', true, true)],
      { 'a/go.mod': '1.22.3' },
      ['go.work:3']
    ],
    [
      'go.work without go line assumes 1.18',
      undefined,
      [target('./a', 'a', true, true, 2)],
      { 'a/go.mod': '1.21' },
      ['go.work:2']
    ],
    ['module out of scope is not compared', '1.21', [target('./a', 'a', true, true)], {}, []],
    ['module without go line is not compared', '1.21', [target('./a', 'a', true, true)], { 'a/go.mod': '' }, []]
  ])('%s', (_name, workGo, targets, mods, where) => {
    const modules = [mod('go.work', workGo), ...Object.entries(mods).map(([p, g]) => mod(p, g || undefined))];
    const out = checkWorkspace(facts({ workspace: { modules, useTargets: targets, declarations: [] } }));
    expect(out.map((f) => `${f.file}:${f.line}`)).toEqual(where);
    expect(out.every((f) => f.severity === 'error')).toBe(true);
  });

  test('use targets of a nested go.work resolve to its own modules', () => {
    const modules = [mod('tools/go.work', '1.21'), mod('tools/x/go.mod', '1.22')];
    const useTargets = [target('./x', 'tools/x', true, true, 3, 'tools/go.work')];
    const out = checkWorkspace(facts({ workspace: { modules, useTargets, declarations: [] } }));
    expect(out).toEqual([expect.objectContaining({ file: 'tools/go.work', line: 3 })]);
  });
});

describe('version-files precision', () => {
  test.each<[string, string, boolean]>([
    ['1.22', '1.22.0', true],
    ['1.22', '1.22.12', true],
    ['1.22', '1.22rc1', true],
    ['1.22', '1.23.0', false],
    ['1.22.3', '1.22.3', true],
    ['1.22.3', '1.22.4', false],
    ['1.21rc1', '1.21rc1', true],
    ['1.21rc1', '1.21.0', false],
    ['1.20', '1.20', true],
    ['1.20', '1.20.14', true],
    ['1.20.0', '1.20', true],
    ['1', '1.22.3', true],
    ['2', '1.22.3', false],
    ['banana', '1.22.3', false]
  ])('%s agrees with %s: %s', (stated, version, ok) => {
    expect(agreesAtPrecision(stated, version)).toBe(ok);
    const out = checkVersionFiles(
      facts({
        version,
        workspace: { modules: [], useTargets: [], declarations: [decl('.go-version', '.go-version', stated)] }
      })
    );
    expect(out.length === 0).toBe(ok);
  });

  test('each disagreeing declaration is one error at its file and line', () => {
    const declarations = [
      decl('.go-version', '.go-version', '1.22.12'),
      decl('.tool-versions', '.tool-versions', '1.21.3', 'golang 1.21.3', 2),
      decl('mise.toml', 'mise.toml', '1.23', 'go = "1.23"', 3)
    ];
    const out = checkVersionFiles(facts({ workspace: { modules: [], useTargets: [], declarations } }));
    expect(out.map((f) => [f.file, f.line, f.severity])).toEqual([
      ['.tool-versions', 2, 'error'],
      ['mise.toml', 3, 'error']
    ]);
  });

  test.each<[string, string, number[]]>([
    ['plain tag', 'FROM golang:1.22', []],
    ['variant tag states the minor', 'FROM golang:1.22-alpine', []],
    ['other minor with variant', 'FROM golang:1.21-alpine AS build', [1]],
    ['exact patch that differs', 'FROM golang:1.22.3-bookworm', [1]],
    ['exact patch that agrees', 'FROM golang:1.22.12', []],
    ['--platform form', 'FROM --platform=$BUILDPLATFORM golang:1.21 AS build', [1]],
    ['registry prefix', 'FROM docker.io/library/golang:1.21.5', [1]],
    ['mirror registry', 'FROM mirror.gcr.io/golang:1.22', []],
    ['multi-stage: only the golang stage', 'FROM golang:1.20 AS build\nRUN go build\nFROM alpine:3.19\n', [1]],
    ['multi-stage: two golang stages', 'FROM golang:1.22 AS a\nFROM golang:1.21 AS b\n', [2]],
    ['not golang', 'FROM gcr.io/distroless/static', []],
    ['ARG default', 'ARG GO=1.21\nFROM golang:${GO}-alpine\n', [2]]
  ])('Dockerfile: %s', (_name, text, lines) => {
    const declarations = parseDockerfile(text, 'Dockerfile');
    const out = checkVersionFiles(facts({ workspace: { modules: [], useTargets: [], declarations } }));
    expect(out.map((f) => f.line)).toEqual(lines);
  });
});

describe('supported-release and latest-patch', () => {
  const manifest = releases('1.23rc1', '1.22.12', '1.22.11', '1.22.3', '1.21.13', '1.21.0', '1.20.14', '1.20');

  test.each<[string, number]>([
    ['1.22.12', 0],
    ['1.21.13', 0],
    ['1.20.14', 1],
    ['1.19.8', 1],
    ['1.23rc1', 1]
  ])('supported-release: %s -> %i warnings', (version, n) => {
    const out = checkSupportedRelease(facts({ version, releases: manifest }));
    expect(out).toHaveLength(n);
    if (n) {
      expect(out[0].severity).toBe('warning');
      expect(out[0].message).toContain('1.22 and 1.21');
    }
  });

  test.each<[string, string | undefined]>([
    ['1.22.12', undefined],
    ['1.22.3', '1.22.12'],
    ['1.21.0', '1.21.13'],
    ['1.20', '1.20.14'],
    ['1.23rc1', undefined],
    ['1.18.1', undefined]
  ])('latest-patch: %s -> newer %s', (version, newer) => {
    const out = checkLatestPatch(facts({ version, releases: manifest }));
    expect(out.length).toBe(newer ? 1 : 0);
    if (newer) expect(out[0].message).toContain(`${newer} is available`);
  });

  test('a newer rc of an unreleased minor is named', () => {
    const out = checkLatestPatch(facts({ version: '1.23rc1', releases: releases('1.23rc2', '1.23rc1', '1.22.12') }));
    expect(out[0].message).toContain('1.23rc2');
  });

  test('without a manifest both find nothing', () => {
    expect(checkSupportedRelease(facts({ releases: undefined }))).toEqual([]);
    expect(checkLatestPatch(facts({ releases: undefined }))).toEqual([]);
  });
});
