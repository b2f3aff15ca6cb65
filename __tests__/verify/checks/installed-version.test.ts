import type { InstalledGo } from '../../../src/verify/facts.js';
import { checkInstalledVersion } from '../../../src/verify/checks/installed-version.js';
import { facts, inputRequest } from './facts-fixture.js';

const ROOT = '/opt/hostedtoolcache/go/1.22.12/x64';
const base = facts().installed!;

describe('installed-version, install mode: every mismatch is a break', () => {
  test.each<[string, Partial<InstalledGo>, number]>([
    ['all agree', {}, 0],
    ['go version differs', { goVersion: '1.21.5' }, 1],
    ['go env GOVERSION differs', { envGoVersion: '1.23.0' }, 1],
    ['both versions differ the same way: one finding', { goVersion: '1.21.5', envGoVersion: '1.21.5' }, 1],
    ['both differ in two ways', { goVersion: '1.21.5', envGoVersion: '1.21.4' }, 2],
    ['go version unparsable', { goVersion: undefined, goVersionOutput: 'go version devel +abc' }, 1],
    ['GOROOT differs', { envGoRoot: '/usr/local/go' }, 1],
    ['GOROOT with trailing slash', { envGoRoot: `${ROOT}/` }, 0],
    ['go on PATH elsewhere', { goOnPath: '/usr/bin/go' }, 1],
    ['go on PATH deeper below root', { goOnPath: `${ROOT}/bin/x/go` }, 1],
    ['no go on PATH', { goOnPath: undefined }, 1],
    ['go could not run', { error: 'spawn ENOENT' }, 1],
    // the tool cache reached through a link: Go reports its GOROOT with links resolved
    [
      'GOROOT is the real path of the root',
      { envGoRoot: '/data/tc/go/1.22.12/x64', realPaths: { [ROOT]: '/data/tc/go/1.22.12/x64' } },
      0
    ],
    [
      'GOROOT and root resolve to one tree',
      { envGoRoot: '/l2/x64', realPaths: { [ROOT]: '/d/x64', '/l2/x64': '/d/x64' } },
      0
    ],
    [
      'GOROOT is the real path of another tree',
      { envGoRoot: '/data/other', realPaths: { [ROOT]: '/data/tc/go/1.22.12/x64' } },
      1
    ],
    ['go on PATH through the real path of the root', { goOnPath: '/d/x64/bin/go', realPaths: { [ROOT]: '/d/x64' } }, 0],
    ['go on PATH in another real tree', { goOnPath: '/e/x64/bin/go', realPaths: { [ROOT]: '/d/x64' } }, 1]
  ])('%s -> %i', (_name, over, n) => {
    const out = checkInstalledVersion(facts({ installed: { ...base, ...over } }));
    expect(out).toHaveLength(n);
    expect(out.every((f) => f.kind === 'break' && f.check === 'installed-version')).toBe(true);
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

  test('a UNC root compares case-insensitively', () => {
    const installed = {
      ...base,
      expectedRoot: '\\\\srv\\Tools\\go',
      envGoRoot: '//SRV/tools/go',
      goOnPath: '\\\\srv\\Tools\\go\\bin\\go.exe'
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

describe('installed-version, verify mode: one mismatch is reported once', () => {
  const found = (v: string, over: Partial<InstalledGo> = {}): InstalledGo => ({
    ...base,
    expected: v,
    goVersion: v,
    envGoVersion: v,
    goVersionOutput: `go version go${v} linux/amd64`,
    ...over
  });

  test("a version from go.mod is not this check's business (go-directive and toolchain-directive say it)", () => {
    const request = {
      spec: { kind: 'exact' as const, version: '1.22.3' },
      raw: 'go1.22.3',
      origin: {
        kind: 'file' as const,
        format: 'go.mod' as const,
        file: 'go.mod',
        line: 5,
        directive: 'toolchain' as const
      }
    };
    expect(
      checkInstalledVersion(facts({ mode: 'verify', version: '1.19.8', request, installed: found('1.19.8') }))
    ).toEqual([]);
  });

  test('go-version asked for another exact release: one drift finding', () => {
    const out = checkInstalledVersion(
      facts({ mode: 'verify', version: '1.19.8', request: inputRequest('1.22.3'), installed: found('1.19.8') })
    );
    expect(out).toEqual([expect.objectContaining({ kind: 'drift', message: expect.stringContaining('go1.19.8') })]);
  });

  test('a GOROOT that is not the tree of the go on PATH: a break', () => {
    const out = checkInstalledVersion(
      facts({ mode: 'verify', version: '1.22.12', installed: found('1.22.12', { envGoRoot: '/usr/local/go-old' }) })
    );
    expect(out).toEqual([
      expect.objectContaining({ kind: 'break', message: expect.stringContaining('/usr/local/go-old') })
    ]);
  });
});
