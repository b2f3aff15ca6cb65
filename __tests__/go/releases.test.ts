import { parseManifest } from '../../src/go/manifest.js';
import { newest, newestPatch, oldest, supportedMinors } from '../../src/go/releases.js';
import { buildFixtureManifest } from '../../scripts/test-support/manifest-fixture.mjs';

const releases = parseManifest(buildFixtureManifest(), 'fixture');
const rcReleases = parseManifest(buildFixtureManifest({ rcPeriod: true }), 'fixture');

describe('newest / oldest in Go order', () => {
  test.each<[string[], string, string]>([
    [['1.21rc1', '1.21.0', '1.21'], '1.21.0', '1.21'],
    [['1.20', '1.20.0', '1.19.13'], '1.20', '1.19.13'],
    [['1.9', '1.10', '1.18beta1'], '1.18beta1', '1.9']
  ])('%j -> newest %s, oldest %s', (versions, hi, lo) => {
    const list = versions.map((version) => ({ version }));
    expect(newest(list)?.version).toBe(hi);
    expect(oldest(list)?.version).toBe(lo);
    expect(newest([])).toBeUndefined();
  });
});

describe('supportedMinors / newestPatch', () => {
  test('the two newest stable minors, newest first, also during an rc period', () => {
    expect(supportedMinors(releases)).toEqual(['1.27', '1.26']);
    expect(supportedMinors(rcReleases)).toEqual(['1.27', '1.26']);
    expect(supportedMinors(releases.filter((r) => r.version !== '1.27.0'))).toEqual(['1.26', '1.25']);
    expect(supportedMinors([])).toEqual([]);
  });

  test.each([
    ['1.22', '1.22.12'],
    ['1.21', '1.21.13'],
    ['1.20', '1.20.14'],
    ['1.18', '1.18.10'],
    ['1.22.3', '1.22.12'],
    ['1.27', '1.27.0'],
    ['1.28', undefined],
    ['1.17', undefined]
  ])('newestPatch(%p) -> %p', (goLang, expected) => {
    expect(newestPatch(goLang, releases)).toBe(expected);
    expect(newestPatch(goLang, rcReleases)).toBe(expected);
  });

  test('newestPatch with a platform skips releases without an archive', () => {
    expect(newestPatch('1.4', releases, { os: 'linux', arch: 'x64' })).toBe('1.4.3');
    expect(newestPatch('1.4', releases, { os: 'darwin', arch: 'arm64' })).toBeUndefined();
  });
});
