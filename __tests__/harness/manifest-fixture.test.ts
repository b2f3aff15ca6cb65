import fc from 'fast-check';
import { compareGo } from '../../src/go/gover.js';
import {
  buildFixtureManifest,
  compareGoVersions,
  fakeSha256,
  PRERELEASE_VERSIONS,
  STABLE_VERSIONS
} from '../../scripts/test-support/manifest-fixture.mjs';

const versions = (m: { version: string }[]): string[] => m.map((r) => r.version);

describe('buildFixtureManifest', () => {
  const m = buildFixtureManifest();

  test('the real stable release numbers, first releases before 1.21 without ".0"', () => {
    const stable = m.filter((r) => r.stable).map((r) => r.version);
    expect(stable).toContain('go1.27.0');
    expect(stable).toContain('go1.26.7');
    expect(stable).not.toContain('go1.26.8');
    expect(stable).toContain('go1.25.14');
    expect(stable).toContain('go1.21.0');
    expect(stable).toContain('go1.20');
    expect(stable).not.toContain('go1.20.0');
    expect(stable).toContain('go1.18.10');
    expect(STABLE_VERSIONS).toHaveLength(1 + 8 + 15 + 14 + 13 + 13 + 14 + 15 + 14 + 11);
  });

  test('prereleases are not stable; the newest first; the invalid bootstrap entry last', () => {
    for (const v of PRERELEASE_VERSIONS) expect(m.find((r) => r.version === `go${v}`)?.stable).toBe(false);
    expect(m[0].version).toBe('go1.27.0');
    expect(m.at(-1)?.version).toBe('go1.4-bootstrap-20171003');
    const valid = m.slice(0, -1).map((r) => r.version.slice(2));
    for (let i = 1; i < valid.length; i++) expect(compareGo(valid[i - 1], valid[i])).toBe(1);
  });

  test('rcPeriod puts go1.28rc1 first', () => {
    const rc = buildFixtureManifest({ rcPeriod: true });
    expect(rc[0]).toMatchObject({ version: 'go1.28rc1', stable: false });
    expect(rc).toHaveLength(m.length + 1);
  });

  test('every normal release has 10 archives, installers and a source file, with deterministic sha256', () => {
    const r = m.find((x) => x.version === 'go1.22.3');
    const archives = r?.files.filter((f) => f.kind === 'archive') ?? [];
    expect(archives).toHaveLength(10);
    expect(r?.files.filter((f) => f.kind === 'installer').map((f) => f.filename)).toContain(
      'go1.22.3.windows-amd64.msi'
    );
    expect(r?.files.filter((f) => f.kind === 'source').map((f) => f.filename)).toEqual(['go1.22.3.src.tar.gz']);
    for (const f of r?.files ?? []) {
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(f.sha256).toBe(fakeSha256(f.filename));
      expect(f.size).toBeGreaterThan(0);
      expect(f.version).toBe('go1.22.3');
    }
    expect(buildFixtureManifest()).toEqual(m);
  });

  test('upTo cuts newer releases (inclusive, Go order)', () => {
    expect(versions(buildFixtureManifest({ upTo: '1.26.7' })).slice(0, 2)).toEqual(['go1.26.7', 'go1.26.6']);
    expect(versions(buildFixtureManifest({ upTo: '1.27rc2' })).slice(0, 2)).toEqual(['go1.27rc2', 'go1.27rc1']);
    expect(versions(buildFixtureManifest({ upTo: '1.21rc3' })).slice(0, 3)).toEqual([
      'go1.21rc3',
      'go1.21rc2',
      'go1.20.14'
    ]);
  });

  test('files overrides merge by os/arch/kind, append new ones, and add unknown versions', () => {
    const sha = 'f'.repeat(64);
    const o = buildFixtureManifest({
      files: {
        '1.22.3': [
          { os: 'linux', arch: 'amd64', sha256: sha, size: 123 },
          { os: 'freebsd', arch: 'amd64', sha256: sha, size: 7 }
        ],
        '1.99.0': [{ os: 'linux', arch: 'amd64', filename: 'custom.tar.gz', sha256: sha, size: 9 }]
      }
    });
    const r = o.find((x) => x.version === 'go1.22.3');
    expect(r?.files.find((f) => f.os === 'linux' && f.arch === 'amd64' && f.kind === 'archive')).toEqual({
      filename: 'go1.22.3.linux-amd64.tar.gz',
      os: 'linux',
      arch: 'amd64',
      version: 'go1.22.3',
      sha256: sha,
      size: 123,
      kind: 'archive'
    });
    expect(r?.files.find((f) => f.os === 'freebsd')).toMatchObject({
      filename: 'go1.22.3.freebsd-amd64.tar.gz',
      size: 7
    });
    expect(o[0]).toMatchObject({ version: 'go1.99.0', stable: true });
    expect(o[0].files.find((f) => f.os === 'linux' && f.arch === 'amd64' && f.kind === 'archive')?.filename).toBe(
      'custom.tar.gz'
    );
    // the original is untouched
    expect(m.find((x) => x.version === 'go1.22.3')?.files.find((f) => f.os === 'freebsd')).toBeUndefined();
  });

  test('compareGoVersions agrees with gover.compareGo on fixture-style versions', () => {
    const all = [...STABLE_VERSIONS, ...PRERELEASE_VERSIONS, '1.28rc1', '1.21', '1.4.3', '1.20.0', '1.21.3rc1'];
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.constantFrom(...all), (a, b) => {
        expect(compareGoVersions(a, b)).toBe(compareGo(a, b));
      })
    );
  });
});
