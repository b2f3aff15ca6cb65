import { InputError } from '../../src/errors.js';
import { type Platform, type Release } from '../../src/go/types.js';
import { parseManifest } from '../../src/go/manifest.js';
import { computeMatrix, type MatrixRange } from '../../src/plan/matrix.js';
import { buildFixtureManifest } from '../../scripts/test-support/manifest-fixture.mjs';

const releases = parseManifest(buildFixtureManifest(), 'fixture');
const rcReleases = parseManifest(buildFixtureManifest({ rcPeriod: true }), 'fixture');
const FROM_1_20 = ['1.20.14', '1.21.13', '1.22.12', '1.23.12', '1.24.13', '1.25.14', '1.26.7', '1.27.0'];

describe('computeMatrix', () => {
  test.each<[string, MatrixRange, string[], string]>([
    ['1.22', 'all', FROM_1_20.slice(2), '1.22.0'],
    ['1.20', 'all', FROM_1_20, '1.20'],
    ['1.21rc1', 'all', FROM_1_20.slice(1), '1.21.0'],
    ['1.21', 'all', FROM_1_20.slice(1), '1.21.0'],
    ['1.21.3', 'all', FROM_1_20.slice(1), '1.21.3'],
    ['1.20.5', 'all', FROM_1_20, '1.20.5'],
    ['1.27', 'all', ['1.27.0'], '1.27.0'],
    ['1.27.0', 'all', ['1.27.0'], '1.27.0'],
    ['1.18', 'all', ['1.18.10', '1.19.13', ...FROM_1_20], '1.18'],
    ['1.16', 'all', ['1.18.10', '1.19.13', ...FROM_1_20], '1.18'],
    ['1.22', 'supported', ['1.26.7', '1.27.0'], '1.22.0'],
    ['1.20', 'supported', ['1.26.7', '1.27.0'], '1.20'],
    ['1.27', 'supported', ['1.27.0'], '1.27.0'],
    ['1.22', 'minimal-and-latest', ['1.22.0', '1.27.0'], '1.22.0'],
    ['1.20', 'minimal-and-latest', ['1.20', '1.27.0'], '1.20'],
    ['1.27', 'minimal-and-latest', ['1.27.0'], '1.27.0']
  ])('go %s, %s -> %j, minimal %s', (goLine, range, matrix, minimal) => {
    expect(computeMatrix(goLine, releases, range)).toEqual({ matrix, minimal, latest: '1.27.0' });
  });

  test.each<[string, MatrixRange, string[], string]>([
    ['1.28rc1', 'all', ['1.28rc1'], '1.28rc1'],
    ['1.28rc1', 'supported', ['1.28rc1'], '1.28rc1'],
    ['1.28rc1', 'minimal-and-latest', ['1.28rc1'], '1.28rc1'],
    ['1.26', 'all', ['1.26.7', '1.27.0'], '1.26.0'],
    ['1.26', 'supported', ['1.26.7', '1.27.0'], '1.26.0']
  ])('during an rc period: go %s, %s -> %j', (goLine, range, matrix, minimal) => {
    expect(computeMatrix(goLine, rcReleases, range)).toEqual({ matrix, minimal, latest: '1.27.0' });
  });

  test('with a platform, only releases with an archive for it count', () => {
    const list: Release[] = releases.map((r) =>
      ['1.22.12', '1.27.0', '1.22.0'].includes(r.version)
        ? { ...r, files: r.files.filter((f) => !(f.os === 'windows' && f.arch === 'arm64')) }
        : r
    );
    const winArm: Platform = { os: 'win32', arch: 'arm64' };
    expect(computeMatrix('1.22', list, 'all', winArm)).toEqual({
      matrix: ['1.22.11', '1.23.12', '1.24.13', '1.25.14', '1.26.7'],
      minimal: '1.22.1',
      latest: '1.26.7'
    });
    expect(computeMatrix('1.22', list, 'all', { os: 'linux', arch: 'x64' }).latest).toBe('1.27.0');
    expect(computeMatrix('1.22', list, 'all').matrix.at(-1)).toBe('1.27.0');
  });

  test('unknown matrix-range -> InputError naming the input', () => {
    expect(() => computeMatrix('1.22', releases, 'newest' as MatrixRange)).toThrow(/^input matrix-range: /);
  });

  test.each(['', '1.22.x', 'v1.22', 'latest'])('bad go line %p -> InputError', (goLine) => {
    expect(() => computeMatrix(goLine, releases, 'all')).toThrow(InputError);
  });

  test('a go line newer than every release -> InputError', () => {
    expect(() => computeMatrix('1.29', releases, 'all')).toThrow(InputError);
  });

  test('no stable release -> InputError', () => {
    expect(() =>
      computeMatrix(
        '1.22',
        releases.filter((r) => !r.stable),
        'all'
      )
    ).toThrow(InputError);
  });
});
