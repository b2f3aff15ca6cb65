import { goThatRuns, parseGoToolchain, replacesInvoked, switchTarget } from '../../src/go/gotoolchain.js';

describe('parseGoToolchain (select.go)', () => {
  test.each([
    ['', { raw: 'local', mode: 'local' }],
    ['local', { raw: 'local', mode: 'local' }],
    ['auto', { raw: 'auto', mode: 'auto' }],
    ['path', { raw: 'path', mode: 'path' }],
    ['local+auto', { raw: 'local+auto', mode: 'auto' }],
    ['local+path', { raw: 'local+path', mode: 'path' }],
    ['go1.26.0+auto', { raw: 'go1.26.0+auto', base: '1.26.0', mode: 'auto' }],
    ['go1.22.3', { raw: 'go1.22.3', base: '1.22.3', mode: 'local' }],
    ['go1.21rc2+path', { raw: 'go1.21rc2+path', base: '1.21rc2', mode: 'path' }],
    ['go1.22.1-custom', { raw: 'go1.22.1-custom', base: '1.22.1', mode: 'local' }],
    ['go1.22.3+local', undefined],
    ['latest', undefined],
    ['1.22.3', undefined],
    ['go1.22.3+', undefined]
  ])('%j', (value, expected) => {
    expect(parseGoToolchain(value)).toEqual(expected);
  });
});

describe('switchTarget: a 1.21+ language version gets .0 (golang.org/issue/62278)', () => {
  test.each([
    ['1.25', '1.25.0'],
    ['1.25.3', '1.25.3'],
    ['1.21', '1.21.0'],
    ['1.20', '1.20'],
    ['1.22rc1', '1.22rc1']
  ])('%s -> %s', (line, target) => expect(switchTarget(line)).toBe(target));
});

describe('goThatRuns', () => {
  const s = (v: string) => parseGoToolchain(v)!;
  test.each<[string, string, string, string | undefined, string[], unknown]>([
    ['local', '1.24.3', '1.25.0', undefined, [], { kind: 'runs', version: '1.24.3', base: false }],
    ['auto', '1.24.3', '1.24.0', undefined, [], { kind: 'runs', version: '1.24.3', base: false }],
    ['auto', '1.24.3', '1.25', undefined, [], { kind: 'switches', version: '1.25.0', via: 'download' }],
    ['auto', '1.24.3', '1.25.1', '1.25.4', [], { kind: 'switches', version: '1.25.4', via: 'download' }],
    ['auto', '1.24.3', '1.24.0', '1.24.5', [], { kind: 'switches', version: '1.24.5', via: 'download' }],
    ['path', '1.24.3', '1.25.0', undefined, [], { kind: 'missing', version: '1.25.0' }],
    ['path', '1.24.3', '1.25.0', undefined, ['1.25.0'], { kind: 'switches', version: '1.25.0', via: 'path' }],
    // before 1.21 the go command knows no GOTOOLCHAIN
    ['auto', '1.19.8', '1.22', undefined, [], { kind: 'runs', version: '1.19.8', base: false }],
    // a base runs instead of the invoked Go, newer or older, and switches up from there
    ['go1.26.0+auto', '1.25.3', '1.24.0', undefined, [], { kind: 'runs', version: '1.26.0', base: true }],
    ['go1.21.0', '1.25.3', '1.24.0', undefined, [], { kind: 'runs', version: '1.21.0', base: true }],
    ['go1.21.0+auto', '1.25.3', '1.24.0', undefined, [], { kind: 'switches', version: '1.24.0', via: 'download' }]
  ])('%s, %s running, go %s, toolchain %s', (setting, invoked, goLine, toolchain, onPath, expected) => {
    expect(goThatRuns(s(setting), invoked, goLine, toolchain, (v) => onPath.includes(v))).toEqual(expected);
  });

  test.each([
    ['go1.26.0+auto', '1.25.3', true],
    ['go1.25.3', '1.25.3', false],
    ['auto', '1.25.3', false],
    ['go1.26.0', '1.19.8', false]
  ])('replacesInvoked(%s, %s) = %s', (setting, invoked, expected) => {
    expect(replacesInvoked(s(setting), invoked)).toBe(expected);
  });
});
