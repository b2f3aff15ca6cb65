import { checkSupportedRelease } from '../../../src/verify/checks/supported-release.js';
import { checkLatestPatch } from '../../../src/verify/checks/latest-patch.js';
import { facts, releases } from './facts-fixture.js';

describe('supported-release and latest-patch: advice', () => {
  const manifest = releases('1.23rc1', '1.22.12', '1.22.11', '1.22.3', '1.21.13', '1.21.0', '1.20.14', '1.20');

  test.each<[string, number]>([
    ['1.22.12', 0],
    ['1.21.13', 0],
    ['1.20.14', 1],
    ['1.19.8', 1],
    ['1.23rc1', 1]
  ])('supported-release: %s -> %i', (version, n) => {
    const out = checkSupportedRelease(facts({ version, releases: manifest }));
    expect(out).toHaveLength(n);
    if (n) {
      expect(out[0].kind).toBe('advice');
      expect(out[0].message).toContain('1.22 and 1.21');
    }
  });

  test.each<[string, string | undefined]>([
    ['1.22.12', undefined],
    ['1.22.3', '1.22.12'],
    ['1.21.0', '1.21.13'],
    ['1.20', '1.20.14'],
    ['1.23rc1', undefined],
    ['1.18.1', undefined]
  ])('latest-patch: %s -> newer %s', (version, newer) => {
    const out = checkLatestPatch(facts({ version, releases: manifest }));
    expect(out.length).toBe(newer ? 1 : 0);
    if (newer)
      expect(out[0]).toMatchObject({ kind: 'advice', message: expect.stringContaining(`${newer} is available`) });
  });

  test('a newer rc of an unreleased minor is named', () => {
    const out = checkLatestPatch(facts({ version: '1.23rc1', releases: releases('1.23rc2', '1.23rc1', '1.22.12') }));
    expect(out[0].message).toContain('1.23rc2');
  });

  test('without a manifest both find nothing', () => {
    expect(checkSupportedRelease(facts({ releases: undefined }))).toEqual([]);
    expect(checkLatestPatch(facts({ releases: undefined }))).toEqual([]);
  });
});
