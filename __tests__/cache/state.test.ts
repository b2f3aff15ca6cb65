import { dependencyHash, dependencyPatterns, NO_DEPENDENCIES } from '../../src/cache/dependency-hash.js';
import { decodeState, encodeState, type CacheState } from '../../src/cache/state.js';

describe('dependencyHash', () => {
  const a = { path: 'go.sum', sha256: '1'.repeat(64) };
  const b = { path: 'tools/go.sum', sha256: '2'.repeat(64) };
  test('order-independent, path- and content-sensitive, "none" without files', () => {
    expect(dependencyHash([a, b])).toBe(dependencyHash([b, a]));
    expect(dependencyHash([a, b])).toMatch(/^[0-9a-f]{64}$/);
    expect(dependencyHash([a])).not.toBe(dependencyHash([{ ...a, path: 'x/go.sum' }]));
    expect(dependencyHash([a])).not.toBe(dependencyHash([{ ...a, sha256: '3'.repeat(64) }]));
    expect(dependencyHash([])).toBe(NO_DEPENDENCIES);
  });

  test('cache-dependency-path: one glob per line, comments and blanks skipped', () => {
    expect(dependencyPatterns(' go.sum\n\n# tools\n tools/**/go.sum \r\n')).toEqual(['go.sum', 'tools/**/go.sum']);
  });
});

describe('state between main and post', () => {
  const state: CacheState = {
    v: 1,
    save: true,
    since: 1,
    workspace: '/w',
    runnerOs: 'Linux',
    dependencyFiles: ['/w/go.sum'],
    modules: { path: '/m', saveKey: 'k', result: 'partial', matchedKey: 'k0' },
    build: { path: '/b', saveKey: 'kb', result: 'miss' }
  };
  test('round-trips', () => expect(decodeState(encodeState(state))).toEqual(state));
  test.each([[''], ['not json'], ['{"v":2}'], [JSON.stringify({ ...state, modules: { path: 1 } })], ['null']])(
    '%s is no state',
    (text) => expect(decodeState(text)).toBeUndefined()
  );
});
