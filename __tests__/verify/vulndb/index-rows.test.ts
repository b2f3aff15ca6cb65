import fc from 'fast-check';
import semver from 'semver';
import { goToSemver, lang } from '../../../src/go/gover.js';
import { compareIds, goIndexRows, idsToFetch, type IndexRow } from '../../../src/verify/vulndb/index-rows.js';
import { matchOsvEntry } from '../../../src/verify/vulndb/osv.js';

type Events = Record<string, string>[];
import { latestFixed } from '../../../scripts/test-support/vulndb-fixture.mjs';

describe('goIndexRows and idsToFetch', () => {
  const index = [
    { path: 'golang.org/x/net', vulns: [{ id: 'GO-2024-0100', modified: 'x', fixed: '0.23.0' }] },
    {
      path: 'stdlib',
      vulns: [
        { id: 'GO-2024-0002', modified: 'x', fixed: '1.22.4' },
        { id: 'GO-2024-0010', modified: 'x', fixed: '1.21.5' },
        { id: 'GO-2024-0011', modified: 'x' },
        { id: 'GO-2024-0012', modified: 'x', fixed: '1.22.3' },
        { id: 'GO-2024-0013', modified: 'x', fixed: '1.22.3' }
      ]
    },
    {
      path: 'toolchain',
      vulns: [
        { id: 'GO-2024-0013', modified: 'x', fixed: '1.22.5' },
        { id: 'GO-2024-0014', modified: 'x', fixed: '1.20.1' }
      ]
    }
  ];

  test('rows of stdlib and toolchain only', () => {
    expect(goIndexRows(index).map((r) => `${r.module}:${r.id}:${r.fixed}`)).toEqual([
      'stdlib:GO-2024-0002:1.22.4',
      'stdlib:GO-2024-0010:1.21.5',
      'stdlib:GO-2024-0011:',
      'stdlib:GO-2024-0012:1.22.3',
      'stdlib:GO-2024-0013:1.22.3',
      'toolchain:GO-2024-0013:1.22.5',
      'toolchain:GO-2024-0014:1.20.1'
    ]);
  });

  test.each<[string, string[], number]>([
    // at 1.22.3: 0010, 0012 (fixed exactly at 1.22.3), 0014 skipped; 0013 needed for its toolchain row
    ['1.22.3', ['GO-2024-0002', 'GO-2024-0011', 'GO-2024-0013'], 3],
    // an older line: newer lines' fixes never skip
    ['1.21.4', ['GO-2024-0002', 'GO-2024-0010', 'GO-2024-0011', 'GO-2024-0012', 'GO-2024-0013'], 1],
    ['1.22rc1', ['GO-2024-0002', 'GO-2024-0011', 'GO-2024-0012', 'GO-2024-0013'], 2],
    ['1.30.0', ['GO-2024-0011'], 5]
  ])('at %s fetch %j (skipped %d)', (version, ids, skipped) => {
    expect(idsToFetch(goIndexRows(index), version)).toEqual({ ids, skipped });
  });

  test.each<[string, unknown]>([
    ['not a list', { stdlib: [] }],
    ['module without vulns', [{ path: 'stdlib' }]],
    ['vuln without id', [{ path: 'stdlib', vulns: [{ fixed: '1.2.3' }] }]],
    ['fixed not a string', [{ path: 'stdlib', vulns: [{ id: 'GO-2024-0001', fixed: 3 }] }]],
    ['id with a slash', [{ path: 'stdlib', vulns: [{ id: '../../etc/passwd' }] }]]
  ])('malformed index: %s', (_name, bad) => {
    expect(() => goIndexRows(bad)).toThrow(/vulnerability index|invalid vulnerability id/);
  });

  // Versions and events over a few lines, in the database's semver spelling and Go's.
  const goVersions = [
    '1.20',
    '1.20.3',
    '1.21rc1',
    '1.21.0',
    '1.21.4',
    '1.21.9',
    '1.22rc1',
    '1.22rc2',
    '1.22.0',
    '1.22.3',
    '1.22.7',
    '1.23.0',
    '1.23.2'
  ];
  const points = [
    '1.20.0',
    '1.20.2',
    '1.21.0-0',
    '1.21.0-rc.1',
    '1.21.0',
    '1.21.3',
    '1.21.5',
    '1.22.0-0',
    '1.22.0-rc.2',
    '1.22.0',
    '1.22.3',
    '1.22.5',
    '1.23.0-0',
    '1.23.0',
    '1.23.1'
  ];
  const rangeArb = fc
    .uniqueArray(fc.integer({ min: 0, max: points.length - 1 }), { minLength: 1, maxLength: 6 })
    .chain((idx) => fc.record({ idx: fc.constant([...idx].sort((a, b) => a - b)), zero: fc.boolean() }))
    .map(({ idx, zero }) => {
      const evs: Events = idx.map((i, k): Record<string, string> =>
        k % 2 === 0 ? { introduced: points[i] } : { fixed: points[i] }
      );
      if (zero) evs[0] = { introduced: '0' };
      return evs;
    });

  test('property: a skipped id never matches; fixes found are not affected', () => {
    fc.assert(
      fc.property(
        fc.array(rangeArb, { minLength: 1, maxLength: 2 }),
        fc.constantFrom(...goVersions),
        (blocks, version) => {
          const osv = {
            id: 'GO-2024-0500',
            affected: blocks.map((events, i) => ({
              package: { name: i === 0 ? 'stdlib' : 'toolchain', ecosystem: 'Go' },
              ranges: [{ type: 'SEMVER', events }]
            }))
          };
          const rows: IndexRow[] = blocks.map((events, i) => ({
            module: i === 0 ? 'stdlib' : 'toolchain',
            id: osv.id,
            fixed: latestFixed([{ type: 'SEMVER', events }])
          }));
          const m = matchOsvEntry(osv, version);
          if (idsToFetch(rows, version).skipped === 1) expect(m).toBeUndefined();
          if (m?.fixedInMinor) {
            expect(lang(m.fixedInMinor)).toBe(lang(version));
            expect(matchOsvEntry(osv, m.fixedInMinor)).toBeUndefined();
          }
          if (m?.newestFix) expect(matchOsvEntry(osv, m.newestFix)).toBeUndefined();
          // affected iff some pair of one block contains the version (brute force over the events)
          const v = goToSemver(version) as string;
          const brute = blocks.some((events) =>
            events.some((e, k) => {
              if (!('introduced' in e)) return false;
              const lo = e.introduced;
              const hi = events[k + 1]?.fixed;
              return (lo === '0' || cmpSemver(v, lo) >= 0) && (hi === undefined || cmpSemver(v, hi) < 0);
            })
          );
          expect(m !== undefined).toBe(brute);
        }
      ),
      { numRuns: 2000 }
    );
  });
});

function cmpSemver(a: string, b: string): number {
  return semver.compare(a, b);
}

describe('compareIds', () => {
  test('numbers compare as numbers', () => {
    expect(['GO-2024-10000', 'GO-2023-2000', 'GO-2024-2887', 'GO-2024-0002'].sort(compareIds)).toEqual([
      'GO-2023-2000',
      'GO-2024-0002',
      'GO-2024-2887',
      'GO-2024-10000'
    ]);
  });
});
