import semver from 'semver';
import {
  canonicalRelease,
  compareGo,
  fromToolchain,
  goToSemver,
  isPrerelease,
  isValidGo,
  lang,
  parseGoVersion,
  semverToGo,
  sortGo
} from '../../src/go/gover.js';

/** Asserts compare(a, b) === want and the mirrored compare(b, a) === -want. */
function expectOrder(a: string, b: string, want: number): void {
  expect(Math.sign(compareGo(a, b))).toBe(want);
  expect(Math.sign(compareGo(b, a))).toBe(want === 0 ? 0 : -want);
}

describe('compareGo: chains from Go (src/internal/gover)', () => {
  const chains: string[][] = [
    ['1.21', '1.21rc1', '1.21rc2', '1.21.0', '1.21.1', '1.22'],
    ['1.20rc1', '1.20', '1.20.1'],
    ['1.18beta1', '1.18beta2', '1.18rc1', '1.18'],
    ['1.19alpha3', '1.19beta2', '1.19rc1', '1.19', '1.19.1'],
    ['1.21.3rc1', '1.21.3', '1.21.4'],
    ['1', '1.1', '1.5', '1.6', '1.6.1', '1.10', '1.19'],
    ['1.1', '1.99999999999999998', '1.99999999999999999', '1.100000000000000000'],
    ['1.22.3', '1.22.10', '1.23rc1', '1.23.0'],
    ['1.99999', '2', '2.0.1', '10.0.0']
  ];
  test.each(chains.map((c) => [c.join(' < '), c]))('%s', (_name, chain) => {
    for (let i = 0; i < chain.length; i++) {
      for (let j = 0; j < chain.length; j++) {
        expectOrder(chain[i], chain[j], Math.sign(i - j));
      }
    }
  });
});

describe('compareGo: pairs', () => {
  test.each([
    // from gover_test.go
    ['', '', 0],
    ['x', 'x', 0],
    ['', 'x', 0],
    ['1', '1.1', -1],
    ['1.5', '1.6', -1],
    ['1.5', '1.10', -1],
    ['1.6', '1.6.1', -1],
    ['1.19', '1.19.0', 0],
    ['1.19rc1', '1.19', -1],
    ['1.20', '1.20.0', 0],
    ['1.20rc1', '1.20', -1],
    ['1.21', '1.21.0', -1],
    ['1.21', '1.21rc1', -1],
    ['1.21rc1', '1.21.0', -1],
    ['1.19rc1', '1.19.1', -1],
    ['1.19rc1', '1.19rc2', -1],
    ['1.19.0', '1.19.1', -1],
    ['1.19alpha3', '1.19beta2', -1],
    ['1.19beta2', '1.19rc1', -1],
    ['1.1', '1.99999999999999998', -1],
    ['1.99999999999999998', '1.99999999999999999', -1],
    // more
    ['1', '1.0.0', 0],
    ['1', '1.0', 0],
    ['1.21.3rc1', '1.21.3', -1],
    ['1.21.3rc1', '1.21.3rc2', -1],
    ['1.21.3beta1', '1.21.3rc1', -1],
    ['1.21.3rc1', '1.21.2', 1],
    ['1.21rc', '1.21rc1', -1],
    ['1.9', '1.10', -1],
    ['1.21.9', '1.21.10', -1],
    ['999999999999999999999.0', '1000000000000000000000.0', -1],
    ['1.2.99999999999999999999', '1.3', -1]
  ] as const)('compareGo(%j, %j) = %d', (a, b, want) => {
    expectOrder(a, b, want);
  });

  test.each([
    ['go1.21'],
    ['v1.21'],
    ['1.21.x'],
    ['01.21'],
    ['1.021'],
    ['1.21.01'],
    ['1.21rc01'],
    ['1.21RC1'],
    ['1.'],
    ['.1'],
    ['1..2'],
    ['1.2.3.4'],
    ['1.21-rc1'],
    ['1.21 '],
    [' 1.21'],
    ['1.2.3-custom'],
    ['1.600+auto']
  ])('malformed %j sorts below every valid version and equals other malformed ones', (bad) => {
    expect(isValidGo(bad)).toBe(false);
    expect(parseGoVersion(bad)).toBeUndefined();
    for (const good of ['1', '1.0.0', '1.2rc1', '1.21', '0.1']) expectOrder(bad, good, -1);
    for (const other of ['', 'x', 'go1.22', 'garbage']) expectOrder(bad, other, 0);
  });
});

describe('parseGoVersion (gover_test.go parseTests)', () => {
  test.each([
    ['1', ['1', '0', '0', '', '']],
    ['1.2', ['1', '2', '0', '', '']],
    ['1.2.3', ['1', '2', '3', '', '']],
    ['1.2rc3', ['1', '2', '', 'rc', '3']],
    ['1.20', ['1', '20', '0', '', '']],
    ['1.21', ['1', '21', '', '', '']],
    ['1.21rc3', ['1', '21', '', 'rc', '3']],
    ['1.21.0', ['1', '21', '0', '', '']],
    ['1.24', ['1', '24', '', '', '']],
    ['1.24rc3', ['1', '24', '', 'rc', '3']],
    ['1.24.0', ['1', '24', '0', '', '']],
    ['1.999testmod', ['1', '999', '', 'testmod', '']],
    ['1.99999999999999999', ['1', '99999999999999999', '', '', '']],
    ['1.21.3rc1', ['1', '21', '3', 'rc', '1']],
    ['0', ['0', '0', '0', '', '']]
  ] as const)('%s', (x, [major, minor, patch, kind, pre]) => {
    expect(parseGoVersion(x)).toEqual({ major, minor, patch, kind, pre });
  });
});

describe('isValidGo / lang / isPrerelease', () => {
  test.each([
    ['1.2rc3', true],
    ['1.2.3', true],
    ['1.999testmod', true],
    ['1.600+auto', false],
    ['1.22', true],
    ['1.21.0', true],
    ['1.21rc2', true],
    ['1.21', true],
    ['1.20.0', true],
    ['1.20', true],
    ['1', true],
    ['', false],
    ['go1.21', false],
    ['1.21.3rc1', true]
  ] as const)('isValidGo(%j) = %s', (x, want) => {
    expect(isValidGo(x)).toBe(want);
  });

  test.each([
    ['1.2rc3', '1.2'],
    ['1.2.3', '1.2'],
    ['1.2', '1.2'],
    ['1', '1'],
    ['1.0.5', '1'],
    ['1.999testmod', '1.999'],
    ['1.22.3', '1.22'],
    ['1.21rc1', '1.21'],
    ['1.21.3rc1', '1.21'],
    ['2.0.1', '2.0']
  ] as const)('lang(%j) = %j', (x, want) => {
    expect(lang(x)).toBe(want);
  });

  test.each([
    ['1.21rc1', true],
    ['1.18beta2', true],
    ['1.21.3rc1', true],
    ['1.21', false],
    ['1.21.0', false],
    ['1.20', false]
  ] as const)('isPrerelease(%j) = %s', (x, want) => {
    expect(isPrerelease(x)).toBe(want);
  });
});

describe('sortGo', () => {
  test('sortGo orders Go releases the way Go does and does not mutate its input', () => {
    const input = ['1.22', '1.21.1', 'junk', '1.21rc2', '1.21.0', '1.21', '1.21rc1', '1.20.1', '1.20rc1', '1.18beta1'];
    const copy = [...input];
    expect(sortGo(input)).toEqual([
      'junk',
      '1.18beta1',
      '1.20rc1',
      '1.20.1',
      '1.21',
      '1.21rc1',
      '1.21rc2',
      '1.21.0',
      '1.21.1',
      '1.22'
    ]);
    expect(input).toEqual(copy);
  });
});

describe('fromToolchain', () => {
  test.each([
    ['go1.22.3', '1.22.3'],
    ['go1.21rc2', '1.21rc2'],
    ['go1.22.1-custom', '1.22.1'],
    ['go1.21', '1.21'],
    ['go1.20', '1.20'],
    ['gccgo-go1.21.3', '1.21.3'],
    ['go1.21.3rc1', '1.21.3rc1'],
    ['default', undefined],
    ['local', undefined],
    ['go', undefined],
    ['go1.x', undefined],
    ['1.22.3', undefined],
    ['go1.22/evil', undefined],
    ['go1.22\\evil', undefined],
    ['', undefined]
  ] as const)('fromToolchain(%j) = %j', (name, want) => {
    expect(fromToolchain(name)).toBe(want);
  });
});

describe('goToSemver / semverToGo', () => {
  test.each([
    ['1.22.3', '1.22.3'],
    ['1.21rc1', '1.21.0-rc.1'],
    ['1.18beta2', '1.18.0-beta.2'],
    ['1.20', '1.20.0'],
    ['1.21', '1.21.0-0'],
    ['1.21.0', '1.21.0'],
    ['1.21.3rc1', '1.21.3-rc.1'],
    ['1', '1.0.0'],
    ['1.999testmod', '1.999.0-testmod'],
    ['bad', undefined],
    ['go1.22', undefined]
  ] as const)('goToSemver(%j) = %j', (x, want) => {
    expect(goToSemver(x)).toBe(want);
  });

  test.each([
    ['1.21.0-rc.1', '1.21rc1'],
    ['v1.21.0-rc.1', '1.21rc1'],
    ['1.18.0-beta.2', '1.18beta2'],
    ['1.20.0', '1.20'],
    ['1.19.0', '1.19'],
    ['1.21.0', '1.21.0'],
    ['1.22.3', '1.22.3'],
    ['1.21.3-rc.1', '1.21.3rc1'],
    ['1.21', undefined],
    ['1.21.0-0', undefined],
    ['01.2.3', undefined],
    ['1.2.3+build', undefined],
    ['x', undefined]
  ] as const)('semverToGo(%j) = %j', (s, want) => {
    expect(semverToGo(s)).toBe(want);
  });

  test.each(['1.22.3', '1.21rc1', '1.18beta2', '1.20', '1.19', '1.21.0', '1.21.3rc1', '1.25.14', '1.27rc2'])(
    'round trip semverToGo(goToSemver(%j)) names the same release',
    (x) => {
      const s = goToSemver(x);
      expect(s).toBeDefined();
      const back = semverToGo(s as string);
      expect(back).toBeDefined();
      expect(compareGo(back as string, x)).toBe(0);
      expect(back).toBe(canonicalRelease(x));
    }
  );

  test('node-semver orders the mapped releases exactly as Go orders the releases', () => {
    const releases = [
      '1.18beta1',
      '1.18beta2',
      '1.18rc1',
      '1.18',
      '1.18.1',
      '1.20rc1',
      '1.20',
      '1.20.1',
      '1.21rc1',
      '1.21rc2',
      '1.21.0',
      '1.21.1',
      '1.21.3rc1',
      '1.21.3',
      '1.22.0',
      '1.22.10'
    ];
    const shuffled = [...releases].reverse();
    const bySemver = [...shuffled].sort((a, b) => semver.compare(goToSemver(a) as string, goToSemver(b) as string));
    expect(bySemver).toEqual(releases);
    expect(sortGo(shuffled)).toEqual(releases);
  });

  test('a language version floors its minor line in semver ranges', () => {
    const floor = goToSemver('1.21') as string;
    expect(semver.lt(floor, goToSemver('1.21rc1') as string)).toBe(true);
    expect(semver.gt(floor, goToSemver('1.20.14') as string)).toBe(true);
  });
});

describe('canonicalRelease', () => {
  test.each([
    ['1.20.0', '1.20'],
    ['1.19.0', '1.19'],
    ['1.20', '1.20'],
    ['1.20.1', '1.20.1'],
    ['1.21.0', '1.21.0'],
    ['1.21', '1.21'],
    ['1.20rc1', '1.20rc1'],
    ['bad', 'bad']
  ] as const)('canonicalRelease(%j) = %j', (x, want) => {
    expect(canonicalRelease(x)).toBe(want);
  });
});
