import { InputError } from '../../src/errors.js';
import { type Platform, type Release } from '../../src/go/types.js';
import { type VersionSpec } from '../../src/plan/types.js';
import { parseManifest } from '../../src/go/manifest.js';
import { parseVersionSpec } from '../../src/plan/spec.js';
import { applyCheckLatest, cachedToGo, needsManifest, resolveFromCache, resolveSpec } from '../../src/plan/resolve.js';
import { buildFixtureManifest } from '../../scripts/test-support/manifest-fixture.mjs';

const URL = 'fixture';
const releases = parseManifest(buildFixtureManifest(), URL);
const rcReleases = parseManifest(buildFixtureManifest({ rcPeriod: true }), URL);
const LINUX: Platform = { os: 'linux', arch: 'x64' };
const P = (os: string, arch: string): Platform => ({ os, arch });
const min = (minimum: string): VersionSpec => ({ kind: 'minimum', minimum });
const exact = (version: string): VersionSpec => ({ kind: 'exact', version });

/** The fixture without some archives: drops the file `go<v>.<os>-<arch>.*` for the listed versions. */
function without(list: Release[], versions: string[], os: string, arch: string): Release[] {
  return list.map((r) =>
    versions.includes(r.version) ? { ...r, files: r.files.filter((f) => !(f.os === os && f.arch === arch)) } : r
  );
}

describe('resolveSpec over the fixture manifest', () => {
  test.each<[string, VersionSpec, string]>([
    ['input 1.22', parseVersionSpec('1.22', 'go-version'), '1.22.12'],
    ['input 1.22.x', parseVersionSpec('1.22.x', 'go-version'), '1.22.12'],
    ['input 1.20', parseVersionSpec('1.20', 'go-version'), '1.20.14'],
    ['input 1.18', parseVersionSpec('1.18', 'go-version'), '1.18.10'],
    ['input 1.22.3', parseVersionSpec('1.22.3', 'go-version'), '1.22.3'],
    ['input 1.20.0', parseVersionSpec('1.20.0', 'go-version'), '1.20'],
    ["input go1.20 (Go's name of release 1.20)", parseVersionSpec('go1.20', 'go-version'), '1.20'],
    ['input 1.20 (the minor, as in actions/setup-go)', parseVersionSpec('1.20', 'go-version'), '1.20.14'],
    ['input 1.21.0', parseVersionSpec('1.21.0', 'go-version'), '1.21.0'],
    ['input 1.21.0-rc.2', parseVersionSpec('1.21.0-rc.2', 'go-version'), '1.21rc2'],
    ['input 1.18beta2', parseVersionSpec('1.18beta2', 'go-version'), '1.18beta2'],
    ['go 1.21', min('1.21'), '1.21.13'],
    ['go 1.21rc1', min('1.21rc1'), '1.21.13'],
    ['go 1.21.0', min('1.21.0'), '1.21.13'],
    ['go 1.22.3', min('1.22.3'), '1.22.12'],
    ['go 1.20', min('1.20'), '1.20.14'],
    ['go 1.27', min('1.27'), '1.27.0'],
    ['go 1.18beta1', min('1.18beta1'), '1.18.10'],
    ['toolchain go1.21rc2', exact('1.21rc2'), '1.21rc2'],
    ['toolchain go1.23.0', exact('1.23.0'), '1.23.0'],
    ['^1.21', parseVersionSpec('^1.21', 'go-version'), '1.27.0'],
    ['>=1.21 <1.23', parseVersionSpec('>=1.21 <1.23', 'go-version'), '1.22.12'],
    ['~1.21.3', parseVersionSpec('~1.21.3', 'go-version'), '1.21.13'],
    ['1.x', parseVersionSpec('1.x', 'go-version'), '1.27.0'],
    ['*', parseVersionSpec('*', 'go-version'), '1.27.0'],
    ['<1.21', parseVersionSpec('<1.21', 'go-version'), '1.20.14'],
    ['~1.20.0 (1.20 is 1.20.0)', parseVersionSpec('~1.20.0', 'go-version'), '1.20.14'],
    [
      '1.21.0-rc.2 - 1.21.0-rc.3 (names prereleases)',
      parseVersionSpec('>=1.21.0-rc.2 <1.21.0', 'go-version'),
      '1.21rc3'
    ],
    ['>=1.27.0-rc.1 <1.27.0', parseVersionSpec('>=1.27.0-rc.1 <1.27.0', 'go-version'), '1.27rc2'],
    ['stable', parseVersionSpec('stable', 'go-version'), '1.27.0'],
    ['latest', parseVersionSpec('LATEST', 'go-version'), '1.27.0'],
    ['oldstable', parseVersionSpec('oldstable', 'go-version'), '1.26.7']
  ])('%s -> %s', (_name, spec, version) => {
    const got = resolveSpec(spec, releases, LINUX);
    expect(got.version).toBe(version);
    expect(got.file.filename).toBe(`go${version}.linux-amd64.tar.gz`);
    expect(got.file.kind).toBe('archive');
  });

  test.each<[string, VersionSpec, string]>([
    ['stable stays 1.27.0', { kind: 'alias', alias: 'stable' }, '1.27.0'],
    ['oldstable stays 1.26.7', { kind: 'alias', alias: 'oldstable' }, '1.26.7'],
    ['^1.27 skips the rc', { kind: 'range', range: '^1.27' }, '1.27.0'],
    ['go 1.28rc1 takes the rc', min('1.28rc1'), '1.28rc1'],
    ['toolchain go1.28rc1', exact('1.28rc1'), '1.28rc1'],
    ['go 1.27 stays stable', min('1.27'), '1.27.0']
  ])('during an rc period: %s', (_name, spec, version) => {
    expect(resolveSpec(spec, rcReleases, LINUX).version).toBe(version);
  });

  test('go 1.28 (language only) does not take the rc', () => {
    expect(() => resolveSpec(min('1.28'), rcReleases, LINUX)).toThrow(InputError);
  });

  test.each([
    ['win32', 'arm64', 'go1.22.12.windows-arm64.zip'],
    ['win32', 'x64', 'go1.22.12.windows-amd64.zip'],
    ['win32', 'ia32', 'go1.22.12.windows-386.zip'],
    ['linux', 'arm', 'go1.22.12.linux-armv6l.tar.gz'],
    ['linux', 'arm64', 'go1.22.12.linux-arm64.tar.gz'],
    ['darwin', 'arm64', 'go1.22.12.darwin-arm64.tar.gz'],
    ['darwin', 'amd64', 'go1.22.12.darwin-amd64.tar.gz']
  ])('platform %s/%s picks %s', (os, arch, filename) => {
    const got = resolveSpec({ kind: 'minor', lang: '1.22' }, releases, P(os, arch));
    expect(got.file.filename).toBe(filename);
    expect(got.file.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('only releases with an archive for the platform count', () => {
    const list = without(releases, ['1.22.12', '1.22.11', '1.27.0'], 'linux', 'arm64');
    const arm = P('linux', 'arm64');
    expect(resolveSpec({ kind: 'minor', lang: '1.22' }, list, arm).version).toBe('1.22.10');
    expect(resolveSpec(min('1.22.3'), list, arm).version).toBe('1.22.10');
    expect(resolveSpec({ kind: 'alias', alias: 'stable' }, list, arm).version).toBe('1.26.7');
    // oldstable is relative to the newest stable with an archive
    expect(resolveSpec({ kind: 'alias', alias: 'oldstable' }, list, arm).version).toBe('1.25.14');
    // other platforms are unaffected
    expect(resolveSpec({ kind: 'minor', lang: '1.22' }, list, LINUX).version).toBe('1.22.12');
  });

  test('the input order does not matter', () => {
    const shuffled = [...releases].reverse();
    for (const spec of [
      min('1.21rc1'),
      { kind: 'alias', alias: 'oldstable' } as VersionSpec,
      { kind: 'range', range: '^1.21' } as VersionSpec
    ]) {
      expect(resolveSpec(spec, shuffled, LINUX)).toEqual(resolveSpec(spec, releases, LINUX));
    }
  });

  test.each<[string, VersionSpec, Platform, RegExp]>([
    [
      'exact not in the manifest (semver rc spelling)',
      parseVersionSpec('1.21.0-rc.1', 'go-version'),
      LINUX,
      /^Go 1\.21rc1 is not in the manifest \(newest matching 1\.21\.x: 1\.21\.13\)$/
    ],
    ['exact patch not released', exact('1.22.13'), LINUX, /^Go 1\.22\.13 is not in the manifest .*1\.22\.12/],
    ['exact of an unknown minor', exact('1.30.1'), LINUX, /^Go 1\.30\.1 is not in the manifest .*1\.27\.0/],
    ['exact language version 1.21 is no release', exact('1.21'), LINUX, /^Go 1\.21 is not in the manifest/],
    ['exact without archive', exact('1.22.3'), P('freebsd', 'x64'), /^Go 1\.22\.3 has no archive for freebsd\/amd64/],
    ['old release without arm64', exact('1.4.3'), P('darwin', 'arm64'), /darwin\/arm64/],
    ['s390x', exact('1.22.3'), P('linux', 's390x'), /linux\/s390x/],
    ['minor without archive', { kind: 'minor', lang: '1.22' }, P('freebsd', 'x64'), /freebsd\/amd64.*1\.22\.12/],
    ['minor not released', { kind: 'minor', lang: '1.29' }, LINUX, /1\.29/],
    ['range without match', { kind: 'range', range: '^2' }, LINUX, /\^2/],
    ['go line newer than every release', min('1.29'), LINUX, /1\.29/],
    ['go line of a minor missing from the manifest', min('1.16'), LINUX, /1\.16/],
    ['go line patch beyond the newest', min('1.22.13'), LINUX, /1\.22\.13/]
  ])('%s -> InputError', (_name, spec, p, message) => {
    expect(() => resolveSpec(spec, releases, p)).toThrow(InputError);
    expect(() => resolveSpec(spec, releases, p)).toThrow(message);
  });

  test('no stable release at all', () => {
    const onlyRc = releases.filter((r) => !r.stable);
    expect(() => resolveSpec({ kind: 'alias', alias: 'stable' }, onlyRc, LINUX)).toThrow(InputError);
    expect(() =>
      resolveSpec(
        { kind: 'alias', alias: 'oldstable' },
        releases.filter((r) => r.version === '1.27.0'),
        LINUX
      )
    ).toThrow(InputError);
  });

  test('unsupported os is an InputError', () => {
    expect(() => resolveSpec(exact('1.22.3'), releases, P('aix', 'ppc64'))).toThrow(InputError);
  });
});

describe('resolveFromCache', () => {
  // tool cache folder names: Go spelling and setup-go's semver spelling mixed
  const cached = ['1.22.3', '1.22.5', '1.21.0-rc.1', '1.20.0', '1.23.0', '1.24rc1', '1.19.13'];

  test.each<[VersionSpec, string | undefined]>([
    [exact('1.22.3'), '1.22.3'],
    [exact('1.22.4'), undefined],
    [exact('1.21rc1'), '1.21rc1'],
    [exact('1.20'), '1.20'],
    [exact('1.23'), undefined],
    [{ kind: 'minor', lang: '1.22' }, '1.22.5'],
    [{ kind: 'minor', lang: '1.20' }, '1.20'],
    [{ kind: 'minor', lang: '1.24' }, undefined],
    [{ kind: 'range', range: '^1.22' }, '1.23.0'],
    [{ kind: 'range', range: '>=1.21 <1.23' }, '1.22.5'],
    [{ kind: 'range', range: '>=1.24.0-rc.1' }, '1.24rc1'],
    [{ kind: 'alias', alias: 'stable' }, '1.23.0'],
    [{ kind: 'alias', alias: 'latest' }, '1.23.0'],
    [{ kind: 'alias', alias: 'oldstable' }, '1.22.5'],
    [min('1.22'), '1.22.5'],
    [min('1.22.4'), '1.22.5'],
    [min('1.22.6'), undefined],
    [min('1.21rc1'), '1.21rc1'],
    [min('1.21'), undefined],
    [min('1.24rc1'), '1.24rc1'],
    [min('1.24'), undefined]
  ])('%j -> %p', (spec, expected) => {
    expect(resolveFromCache(spec, cached)).toBe(expected);
  });

  test('an empty cache resolves nothing; junk folder names are ignored', () => {
    expect(resolveFromCache({ kind: 'alias', alias: 'stable' }, [])).toBeUndefined();
    expect(resolveFromCache({ kind: 'minor', lang: '1.22' }, ['junk', '1.22.x', '1.22.2'])).toBe('1.22.2');
  });

  test.each([
    ['1.22.3', '1.22.3'],
    ['1.20.0', '1.20'],
    ['1.20', '1.20'],
    ['1.21.0', '1.21.0'],
    ['1.21.0-rc.1', '1.21rc1'],
    ['1.18.0-beta.2', '1.18beta2'],
    ['1.21rc2', '1.21rc2'],
    ['latest', undefined],
    ['1.22.x', undefined]
  ])('cachedToGo(%p) -> %p', (name, go) => {
    expect(cachedToGo(name)).toBe(go);
  });
});

describe('needsManifest', () => {
  const cached = ['1.22.3', '1.20.0'];
  test.each<[VersionSpec, boolean, boolean]>([
    [exact('1.22.3'), false, false],
    [exact('1.20'), false, false],
    [exact('1.22.3'), true, true],
    [exact('1.22.4'), false, true],
    [{ kind: 'minor', lang: '1.22' }, false, true],
    [{ kind: 'range', range: '1.22.3' }, false, true],
    [{ kind: 'alias', alias: 'stable' }, false, true],
    [min('1.22.3'), false, true]
  ])('%j checkLatest=%p -> %p', (spec, checkLatest, expected) => {
    expect(needsManifest(spec, cached, checkLatest)).toBe(expected);
  });
});

describe('applyCheckLatest', () => {
  test.each<[VersionSpec, boolean, boolean, VersionSpec]>([
    [exact('1.22.3'), true, true, min('1.22.3')],
    [exact('1.21rc2'), true, true, min('1.21rc2')],
    [exact('1.22.3'), false, true, exact('1.22.3')],
    [exact('1.22.3'), true, false, exact('1.22.3')],
    [{ kind: 'minor', lang: '1.22' }, true, false, { kind: 'minor', lang: '1.22' }],
    [min('1.22'), true, true, min('1.22')],
    [{ kind: 'alias', alias: 'stable' }, true, false, { kind: 'alias', alias: 'stable' }]
  ])('%j checkLatest=%p toolchain=%p -> %j', (spec, checkLatest, fromToolchain, expected) => {
    expect(applyCheckLatest(spec, checkLatest, fromToolchain)).toEqual(expected);
  });

  test('a toolchain pin with check-latest moves to the newest patch of its minor only', () => {
    const spec = applyCheckLatest(exact('1.22.3'), true, true);
    expect(resolveSpec(spec, releases, LINUX).version).toBe('1.22.12');
    const rc = applyCheckLatest(exact('1.21rc2'), true, true);
    expect(resolveSpec(rc, releases, LINUX).version).toBe('1.21.13');
  });
});
