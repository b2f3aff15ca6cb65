import { InputError } from '../../src/errors.js';
import { type VersionSpec } from '../../src/plan/types.js';
import { parseVersionSpec, tryParseVersionSpec } from '../../src/plan/spec.js';

describe('parseVersionSpec', () => {
  test.each<[string, VersionSpec]>([
    // exact releases
    ['1.22.3', { kind: 'exact', version: '1.22.3' }],
    ['go1.22.3', { kind: 'exact', version: '1.22.3' }],
    ['v1.22.3', { kind: 'exact', version: '1.22.3' }],
    [' 1.22.3 ', { kind: 'exact', version: '1.22.3' }],
    ['1.21.0', { kind: 'exact', version: '1.21.0' }],
    ['1.20.0', { kind: 'exact', version: '1.20' }],
    ['go1.20', { kind: 'exact', version: '1.20' }], // Go's own name of the release 1.20
    ['go1.19', { kind: 'exact', version: '1.19' }],
    ['1.20.5', { kind: 'exact', version: '1.20.5' }],
    ['1.21rc1', { kind: 'exact', version: '1.21rc1' }],
    ['go1.21rc2', { kind: 'exact', version: '1.21rc2' }],
    ['1.18beta2', { kind: 'exact', version: '1.18beta2' }],
    ['1.21.3rc1', { kind: 'exact', version: '1.21.3rc1' }],
    // node-semver spellings of prereleases
    ['1.21.0-rc.1', { kind: 'exact', version: '1.21rc1' }],
    ['1.22.0-beta.1', { kind: 'exact', version: '1.22beta1' }],
    ['v1.21.0-rc.2', { kind: 'exact', version: '1.21rc2' }],
    ['1.21.3-rc.1', { kind: 'exact', version: '1.21.3rc1' }],
    // minors
    ['1.22', { kind: 'minor', lang: '1.22' }],
    ['go1.22', { kind: 'minor', lang: '1.22' }],
    ['v1.22', { kind: 'minor', lang: '1.22' }],
    ['1.20', { kind: 'minor', lang: '1.20' }],
    ['1.22.x', { kind: 'minor', lang: '1.22' }],
    ['1.22.X', { kind: 'minor', lang: '1.22' }],
    ['1.22.*', { kind: 'minor', lang: '1.22' }],
    // ranges
    ['^1.21', { kind: 'range', range: '^1.21' }],
    ['~1.21.3', { kind: 'range', range: '~1.21.3' }],
    ['>=1.21 <1.23', { kind: 'range', range: '>=1.21 <1.23' }],
    ['1.x', { kind: 'range', range: '1.x' }],
    ['1', { kind: 'range', range: '1' }],
    ['*', { kind: 'range', range: '*' }],
    ['>=1.21.0-rc.1', { kind: 'range', range: '>=1.21.0-rc.1' }],
    ['1.21 - 1.22', { kind: 'range', range: '1.21 - 1.22' }],
    ['^1.20 || ^1.22', { kind: 'range', range: '^1.20 || ^1.22' }],
    // aliases
    ['stable', { kind: 'alias', alias: 'stable' }],
    ['Stable', { kind: 'alias', alias: 'stable' }],
    ['OLDSTABLE', { kind: 'alias', alias: 'oldstable' }],
    ['latest', { kind: 'alias', alias: 'latest' }]
  ])('%p -> %j', (text, expected) => {
    expect(parseVersionSpec(text, 'go-version')).toEqual(expected);
  });

  test.each([
    '',
    '   ',
    'foo',
    'go',
    '1.22.3.4',
    '1.022',
    'go 1.22',
    '1.22-rc1',
    'golang1.22',
    '1.21.0-0',
    'stable1',
    '>=1.x.y'
  ])('malformed %p -> InputError naming the input', (text) => {
    expect(tryParseVersionSpec(text)).toBeUndefined();
    expect(() => parseVersionSpec(text, 'go-version')).toThrow(InputError);
    expect(() => parseVersionSpec(text, 'go-version')).toThrow(
      `input go-version: "${text.trim()}" is not a Go version, range or alias (expected e.g. 1.22, 1.22.3, 1.21rc1, ^1.21, stable)`
    );
  });

  test('the input name is the one given', () => {
    expect(() => parseVersionSpec('nope', 'go-version-file')).toThrow(/^input go-version-file: "nope"/);
  });
});
