import { modulesIndex, osvEntry } from '../../scripts/test-support/vulndb-fixture.mjs';
import { entriesToFetch, entryFile, goOnlyIndex } from '../../src/mirror/vulndb-plan.js';

const entries = [
  osvEntry({ id: 'GO-2024-0001', ranges: [['0', '1.22.4']] }),
  osvEntry({ id: 'GO-2024-0002', module: 'toolchain', ranges: [['0', '1.22.5']], modified: '2024-07-01T00:00:00Z' }),
  osvEntry({ id: 'GO-2024-0003', module: 'golang.org/x/net', ranges: [['0', '0.23.0']] })
];

describe('goOnlyIndex: the stdlib and toolchain rows, as the action reads them', () => {
  test('other modules are cut out; each id with its modified', () => {
    const g = goOnlyIndex(modulesIndex(entries));
    expect((g.modules as { path: string }[]).map((m) => m.path)).toEqual(['stdlib', 'toolchain']);
    expect([...g.modified]).toEqual([
      ['GO-2024-0001', '2024-06-01T00:00:00Z'],
      ['GO-2024-0002', '2024-07-01T00:00:00Z']
    ]);
  });

  test.each<[string, unknown, RegExp]>([
    ['not an array', { path: 'stdlib' }, /is not a vulnerability index/],
    ['a row without id', [{ path: 'stdlib', vulns: [{ fixed: '1.2.3' }] }], /is not a vulnerability index/],
    [
      'an id that is no file name',
      [{ path: 'stdlib', vulns: [{ id: '../../etc/passwd' }] }],
      /invalid vulnerability id/
    ]
  ])('refused: %s', (_name, index, message) => {
    expect(() => goOnlyIndex(index)).toThrow(message);
  });
});

describe('entriesToFetch: only what the copy lacks or what changed', () => {
  const upstream = goOnlyIndex(modulesIndex(entries));
  test.each<[string, unknown[] | undefined, string[], string[]]>([
    ['an empty copy: every id', undefined, [], ['GO-2024-0001', 'GO-2024-0002']],
    ['a complete, current copy: none', modulesIndex(entries), ['GO-2024-0001', 'GO-2024-0002'], []],
    ['an entry file missing: it', modulesIndex(entries), ['GO-2024-0002'], ['GO-2024-0001']],
    [
      'an entry modified since: it',
      modulesIndex([entries[0], { ...entries[1], modified: '2024-01-01T00:00:00Z' }]),
      ['GO-2024-0001', 'GO-2024-0002'],
      ['GO-2024-0002']
    ]
  ])('%s', (_name, copied, present, want) => {
    expect(entriesToFetch(upstream, copied && goOnlyIndex(copied), new Set(present))).toEqual(want);
  });

  test('entry files keep the database layout: ID/<id>.json', () => {
    expect(entryFile('GO-2024-0001')).toBe('GO-2024-0001.json');
  });
});
