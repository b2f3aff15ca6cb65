import { InputError } from '../../src/errors.js';
import { type Platform, type Release } from '../../src/go/types.js';
import { archiveFileName, findArchive, parseManifest } from '../../src/go/manifest.js';
import { compareGo } from '../../src/go/gover.js';
import { buildFixtureManifest } from '../../scripts/test-support/manifest-fixture.mjs';

const URL = 'https://go.dev/dl/?mode=json&include=all';
const P = (os: string, arch: string): Platform => ({ os, arch });
const releases = parseManifest(buildFixtureManifest(), URL);
const byVersion = (v: string): Release => {
  const r = releases.find((x) => x.version === v);
  if (!r) throw new Error(`fixture lacks ${v}`);
  return r;
};
const HEX = 'a'.repeat(64);
const goodFile = {
  filename: 'go1.22.3.linux-amd64.tar.gz',
  os: 'linux',
  arch: 'amd64',
  version: 'go1.22.3',
  sha256: HEX,
  size: 1,
  kind: 'archive'
};

describe('parseManifest', () => {
  test('versions lose "go", newest first in Go order, the invalid bootstrap entry is dropped', () => {
    expect(releases[0].version).toBe('1.27.0');
    expect(releases.map((r) => r.version)).not.toContain('1.4-bootstrap-20171003');
    expect(releases.some((r) => r.version.startsWith('go'))).toBe(false);
    for (let i = 1; i < releases.length; i++)
      expect(compareGo(releases[i - 1].version, releases[i].version)).toBeGreaterThan(0);
    expect(releases).toHaveLength(buildFixtureManifest().length - 1);
  });

  test('during an rc period the rc comes first and is not stable', () => {
    const rc = parseManifest(buildFixtureManifest({ rcPeriod: true }), URL);
    expect(rc[0]).toMatchObject({ version: '1.28rc1', stable: false });
  });

  test('quirky old entries are kept: empty sha256, size 0, os "4"', () => {
    const old = byVersion('1.4.3');
    expect(old.stable).toBe(true);
    expect(old.files.find((f) => f.os === 'linux' && f.kind === 'archive')).toMatchObject({ sha256: '', size: 0 });
    expect(old.files.find((f) => f.os === '4')).toMatchObject({ arch: 'bootstrap', kind: 'source' });
  });

  test('file fields are kept, sha256 lowercased', () => {
    const json = [{ version: 'go1.22.3', stable: true, files: [{ ...goodFile, sha256: 'AB'.repeat(32) }] }];
    expect(parseManifest(json, URL)).toEqual([
      { version: '1.22.3', stable: true, files: [{ ...goodFile, sha256: 'ab'.repeat(32) }] }
    ]);
  });

  test('entries whose version is not a Go version are dropped whatever their shape', () => {
    const json = [
      { version: 'go1.4-bootstrap-20171003', stable: 'yes', files: 7 },
      { version: 'weekly.2012-03-27', stable: false, files: [] },
      { version: 'go1.22.3', stable: true, files: [goodFile] }
    ];
    expect(parseManifest(json, URL).map((r) => r.version)).toEqual(['1.22.3']);
  });

  test('a repeated version keeps the first entry', () => {
    const json = [
      { version: 'go1.22.3', stable: true, files: [goodFile] },
      { version: 'go1.22.3', stable: false, files: [] }
    ];
    expect(parseManifest(json, URL)).toEqual([{ version: '1.22.3', stable: true, files: [goodFile] }]);
  });

  test('an empty manifest is an empty list', () => {
    expect(parseManifest([], URL)).toEqual([]);
  });

  test.each<[string, unknown]>([
    ['an object', { releases: [] }],
    ['null', null],
    ['a string', '<html>rate limited</html>'],
    ['a number entry', [1]],
    ['a null entry', [null]],
    ['version not a string', [{ version: 122, stable: true, files: [] }]],
    ['version missing', [{ stable: true, files: [] }]],
    ['stable not a boolean', [{ version: 'go1.22.3', stable: 'true', files: [] }]],
    ['files not an array', [{ version: 'go1.22.3', stable: true, files: {} }]],
    ['file not an object', [{ version: 'go1.22.3', stable: true, files: ['go1.22.3.linux-amd64.tar.gz'] }]],
    ['file without sha256', [{ version: 'go1.22.3', stable: true, files: [{ ...goodFile, sha256: undefined }] }]],
    ['sha256 not hex', [{ version: 'go1.22.3', stable: true, files: [{ ...goodFile, sha256: 'z'.repeat(64) }] }]],
    ['sha256 too short', [{ version: 'go1.22.3', stable: true, files: [{ ...goodFile, sha256: 'abc' }] }]],
    ['size negative', [{ version: 'go1.22.3', stable: true, files: [{ ...goodFile, size: -1 }] }]],
    ['size a string', [{ version: 'go1.22.3', stable: true, files: [{ ...goodFile, size: '12' }] }]],
    ['size fractional', [{ version: 'go1.22.3', stable: true, files: [{ ...goodFile, size: 1.5 }] }]],
    ['filename missing', [{ version: 'go1.22.3', stable: true, files: [{ ...goodFile, filename: undefined }] }]],
    ['kind missing', [{ version: 'go1.22.3', stable: true, files: [{ ...goodFile, kind: undefined }] }]]
  ])('not the manifest shape (%s) -> InputError naming the source', (_what, json) => {
    expect(() => parseManifest(json, URL)).toThrow(InputError);
    expect(() => parseManifest(json, URL)).toThrow(new RegExp(`^${URL.replace(/[?.]/g, '\\$&')}: `));
  });
});

describe('findArchive', () => {
  test.each([
    ['1.22.3', 'linux', 'x64', 'go1.22.3.linux-amd64.tar.gz'],
    ['1.22.3', 'linux', 'arm64', 'go1.22.3.linux-arm64.tar.gz'],
    ['1.22.3', 'linux', 'arm', 'go1.22.3.linux-armv6l.tar.gz'],
    ['1.22.3', 'linux', 'ia32', 'go1.22.3.linux-386.tar.gz'],
    ['1.22.3', 'darwin', 'arm64', 'go1.22.3.darwin-arm64.tar.gz'],
    ['1.22.3', 'darwin', 'x64', 'go1.22.3.darwin-amd64.tar.gz'],
    ['1.22.3', 'win32', 'x64', 'go1.22.3.windows-amd64.zip'],
    ['1.22.3', 'win32', 'arm64', 'go1.22.3.windows-arm64.zip'],
    ['1.22.3', 'win32', 'ia32', 'go1.22.3.windows-386.zip'],
    ['1.20', 'linux', 'x64', 'go1.20.linux-amd64.tar.gz'],
    ['1.21rc2', 'win32', 'x64', 'go1.21rc2.windows-amd64.zip'],
    ['1.4.3', 'linux', 'x64', 'go1.4.3.linux-amd64.tar.gz'],
    ['1.4.3', 'darwin', 'arm64', undefined],
    ['1.22.3', 'freebsd', 'x64', undefined],
    ['1.22.3', 'linux', 's390x', undefined]
  ])('%s on %s/%s -> %p', (version, os, arch, filename) => {
    const file = findArchive(byVersion(version), P(os, arch));
    expect(file?.filename).toBe(filename);
    if (file) expect(file.kind).toBe('archive');
  });

  test('never an installer or source file even when it comes first', () => {
    const r: Release = {
      version: '1.22.3',
      stable: true,
      files: [
        { ...goodFile, filename: 'go1.22.3.windows-amd64.msi', os: 'windows', kind: 'installer' },
        { ...goodFile, filename: 'go1.22.3.windows-amd64.tar.gz', os: 'windows', kind: 'archive' }
      ]
    };
    expect(findArchive(r, P('win32', 'x64'))).toBeUndefined();
  });

  test('an unsupported os is an InputError', () => {
    expect(() => findArchive(byVersion('1.22.3'), P('aix', 'ppc64'))).toThrow(InputError);
  });
});

describe('archiveFileName', () => {
  test.each([
    ['1.22.3', 'linux', 'x64', 'go1.22.3.linux-amd64.tar.gz'],
    ['1.20', 'darwin', 'arm64', 'go1.20.darwin-arm64.tar.gz'],
    ['1.21rc1', 'win32', 'x64', 'go1.21rc1.windows-amd64.zip'],
    ['1.22.3', 'linux', 'arm', 'go1.22.3.linux-armv6l.tar.gz'],
    ['1.22.3', 'win32', 'ia32', 'go1.22.3.windows-386.zip']
  ])('%s %s/%s -> %s', (version, os, arch, name) => {
    expect(archiveFileName(version, P(os, arch))).toBe(name);
  });

  test('matches the manifest file names of the fixture', () => {
    for (const v of ['1.27.0', '1.20', '1.18beta1']) {
      for (const p of [P('linux', 'x64'), P('win32', 'arm64'), P('darwin', 'arm64')]) {
        expect(findArchive(byVersion(v), p)?.filename).toBe(archiveFileName(v, p));
      }
    }
  });
});
