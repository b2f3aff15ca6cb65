import fc from 'fast-check';
import semver from 'semver';
import { InputError } from '../../src/errors.js';
import { goToSemver, lang } from '../../src/go/gover.js';
import {
  compareIds,
  goIndexRows,
  idsToFetch,
  matchOsvEntry,
  parseVulnDbUrl,
  type IndexRow
} from '../../src/verify/vulndb.js';
import { latestFixed, osvEntry } from '../../scripts/lib/vulndb-fixture.mjs';

type Events = Record<string, string>[];

/** An OSV entry with one stdlib block holding one SEMVER range of `events`. */
function entry(events: Events, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'GO-2024-0001',
    aliases: ['CVE-2024-0001'],
    summary: 'test entry',
    affected: [{ package: { name: 'stdlib', ecosystem: 'Go' }, ranges: [{ type: 'SEMVER', events }] }],
    ...extra
  };
}

const TWO_LINES: Events = [{ introduced: '0' }, { fixed: '1.21.11' }, { introduced: '1.22.0-0' }, { fixed: '1.22.4' }];

describe('matchOsvEntry: introduced/fixed pairs', () => {
  // [events, installed Go version, affected?, fixedInMinor, newestFix]
  test.each<[string, Events, string, boolean, string | undefined, string | undefined]>([
    ['two lines, old line affected', TWO_LINES, '1.21.10', true, '1.21.11', '1.22.4'],
    ['two lines, exactly at old fix', TWO_LINES, '1.21.11', false, undefined, undefined],
    ['two lines, after old fix', TWO_LINES, '1.21.13', false, undefined, undefined],
    ['two lines, new line start', TWO_LINES, '1.22.0', true, '1.22.4', '1.22.4'],
    ['two lines, new line affected', TWO_LINES, '1.22.3', true, '1.22.4', '1.22.4'],
    ['two lines, exactly at new fix', TWO_LINES, '1.22.4', false, undefined, undefined],
    ['two lines, newer minor', TWO_LINES, '1.23.0', false, undefined, undefined],
    ['two lines, rc of the new line (floor 1.22.0-0)', TWO_LINES, '1.22rc1', true, '1.22.4', '1.22.4'],
    ['two lines, rc of the old line', TWO_LINES, '1.21rc2', true, '1.21.11', '1.22.4'],
    ['two lines, unsupported line: no fix in 1.20', TWO_LINES, '1.20', true, undefined, '1.22.4'],
    ['two lines, 1.20.14', TWO_LINES, '1.20.14', true, undefined, '1.22.4'],
    ['"0" introduced covers 1.0', [{ introduced: '0' }, { fixed: '1.2.0' }], '1', true, undefined, '1.2'],
    [
      'floor excludes the previous minor',
      [{ introduced: '1.22.0-0' }, { fixed: '1.22.4' }],
      '1.21.13',
      false,
      undefined,
      undefined
    ],
    [
      'floor includes a language version',
      [{ introduced: '1.22.0-0' }, { fixed: '1.22.4' }],
      '1.22',
      true,
      '1.22.4',
      '1.22.4'
    ],
    ['floor includes 1.22rc1', [{ introduced: '1.22.0-0' }, { fixed: '1.22.4' }], '1.22rc1', true, '1.22.4', '1.22.4'],
    ['open-ended introduced: before', [{ introduced: '1.22.2' }], '1.22.1', false, undefined, undefined],
    ['open-ended introduced: at', [{ introduced: '1.22.2' }], '1.22.2', true, undefined, undefined],
    ['open-ended introduced: later minor', [{ introduced: '1.22.2' }], '1.24.1', true, undefined, undefined],
    [
      're-introduced, no fix: old fix is no upgrade',
      [{ introduced: '0' }, { fixed: '1.21.5' }, { introduced: '1.22.0-0' }],
      '1.22.3',
      true,
      undefined,
      undefined
    ],
    [
      're-introduced, old line still fixed',
      [{ introduced: '0' }, { fixed: '1.21.5' }, { introduced: '1.22.0-0' }],
      '1.21.4',
      true,
      '1.21.5',
      '1.21.5'
    ],
    [
      'fix in an rc (1.22.0-rc.2 = 1.22rc2)',
      [{ introduced: '0' }, { fixed: '1.22.0-rc.2' }],
      '1.22rc1',
      true,
      '1.22rc2',
      '1.22rc2'
    ],
    [
      'installed exactly at the rc fix',
      [{ introduced: '0' }, { fixed: '1.22.0-rc.2' }],
      '1.22rc2',
      false,
      undefined,
      undefined
    ],
    [
      'final release after the rc fix',
      [{ introduced: '0' }, { fixed: '1.22.0-rc.2' }],
      '1.22.0',
      false,
      undefined,
      undefined
    ],
    [
      'prerelease range: rc1 affected',
      [{ introduced: '1.23.0-rc.1' }, { fixed: '1.23.0-rc.2' }],
      '1.23rc1',
      true,
      '1.23rc2',
      '1.23rc2'
    ],
    [
      'prerelease range: 1.23.0 not',
      [{ introduced: '1.23.0-rc.1' }, { fixed: '1.23.0-rc.2' }],
      '1.23.0',
      false,
      undefined,
      undefined
    ],
    [
      'prerelease range: 1.22.3 not',
      [{ introduced: '1.23.0-rc.1' }, { fixed: '1.23.0-rc.2' }],
      '1.22.3',
      false,
      undefined,
      undefined
    ],
    [
      'prerelease range: lang 1.23 (1.23.0-0) below rc1',
      [{ introduced: '1.23.0-rc.1' }, { fixed: '1.23.0-rc.2' }],
      '1.23',
      false,
      undefined,
      undefined
    ],
    [
      '1.20 named by its first release 1.20.0',
      [{ introduced: '0' }, { fixed: '1.20.0' }],
      '1.19.13',
      true,
      undefined,
      '1.20'
    ],
    ['1.20rc1 below 1.20.0', [{ introduced: '0' }, { fixed: '1.20.0' }], '1.20rc1', true, '1.20', '1.20'],
    [
      'events out of order are sorted',
      [{ fixed: '1.22.4' }, { introduced: '1.22.0-0' }, { fixed: '1.21.11' }, { introduced: '0' }],
      '1.22.3',
      true,
      '1.22.4',
      '1.22.4'
    ],
    ['last_affected: at', [{ introduced: '0' }, { last_affected: '1.22.3' }], '1.22.3', true, undefined, undefined],
    ['last_affected: after', [{ introduced: '0' }, { last_affected: '1.22.3' }], '1.22.4', false, undefined, undefined],
    [
      'limit events are ignored',
      [{ introduced: '0' }, { fixed: '1.22.4' }, { limit: '1.30.0' }],
      '1.22.3',
      true,
      '1.22.4',
      '1.22.4'
    ]
  ])('%s (%s)', (_name, events, version, affected, fixedInMinor, newestFix) => {
    const m = matchOsvEntry(entry(events), version);
    expect(m !== undefined).toBe(affected);
    expect(m?.fixedInMinor).toBe(fixedInMinor);
    expect(m?.newestFix).toBe(newestFix);
  });
});

describe('matchOsvEntry: entry shape', () => {
  test('fields of a match', () => {
    const osv = entry(TWO_LINES, { aliases: ['CVE-2024-24790', 'GHSA-xxxx'], summary: '  Unexpected\n behavior ' });
    (osv.affected as Record<string, unknown>[])[0].ecosystem_specific = {
      imports: [{ path: 'net/netip', symbols: ['Addr.IsLoopback'] }, { path: 'net/netip' }, { path: 'net' }]
    };
    expect(matchOsvEntry(osv, '1.22.3')).toEqual({
      id: 'GO-2024-0001',
      aliases: ['CVE-2024-24790', 'GHSA-xxxx'],
      summary: 'Unexpected behavior',
      module: 'stdlib',
      packages: ['net/netip', 'net'],
      fixedInMinor: '1.22.4',
      newestFix: '1.22.4',
      url: 'https://pkg.go.dev/vuln/GO-2024-0001'
    });
  });

  test('summary falls back to the first line of details; aliases default to none', () => {
    const osv = entry(TWO_LINES, { summary: undefined, aliases: undefined, details: '\nFirst line.\nSecond line.' });
    const m = matchOsvEntry(osv, '1.22.3');
    expect(m?.summary).toBe('First line.');
    expect(m?.aliases).toEqual([]);
  });

  test('other modules are ignored', () => {
    const osv = entry(TWO_LINES);
    (osv.affected as { package: { name: string } }[])[0].package.name = 'golang.org/x/net';
    expect(matchOsvEntry(osv, '1.22.3')).toBeUndefined();
  });

  test('a toolchain block matches with module toolchain', () => {
    const osv = entry(TWO_LINES);
    (osv.affected as { package: { name: string } }[])[0].package.name = 'toolchain';
    expect(matchOsvEntry(osv, '1.22.3')?.module).toBe('toolchain');
  });

  test('non-SEMVER ranges are ignored', () => {
    const osv = entry(TWO_LINES);
    (osv.affected as { ranges: { type: string }[] }[])[0].ranges[0].type = 'GIT';
    expect(matchOsvEntry(osv, '1.22.3')).toBeUndefined();
  });

  test('a withdrawn entry never matches', () => {
    expect(matchOsvEntry(entry(TWO_LINES, { withdrawn: '2024-07-01T00:00:00Z' }), '1.22.3')).toBeUndefined();
  });

  test('two blocks: the fix in the minor is the later of both; packages of both', () => {
    const osv = osvEntry({ id: 'GO-2024-0002', ranges: [['1.22.0-0', '1.22.4']], packages: ['net/http'] });
    const tool = osvEntry({
      id: 'GO-2024-0002',
      module: 'toolchain',
      ranges: [['1.22.0-0', '1.22.5']],
      packages: ['cmd/go']
    });
    osv.affected.push(...tool.affected);
    const m = matchOsvEntry(osv, '1.22.3');
    expect(m).toMatchObject({
      module: 'stdlib',
      packages: ['net/http', 'cmd/go'],
      fixedInMinor: '1.22.5',
      newestFix: '1.22.5'
    });
    expect(matchOsvEntry(osv, '1.22.4')).toMatchObject({
      module: 'toolchain',
      packages: ['cmd/go'],
      fixedInMinor: '1.22.5'
    });
  });

  test('a fix that is itself affected by another block is followed to the next fix', () => {
    const osv = osvEntry({ id: 'GO-2024-0003', ranges: [['0', '1.22.4']] });
    osv.affected.push(...osvEntry({ id: 'GO-2024-0003', ranges: [['1.22.4', '1.22.6']] }).affected);
    expect(matchOsvEntry(osv, '1.22.3')?.fixedInMinor).toBe('1.22.6');
  });

  test.each<[string, unknown, RegExp]>([
    ['not an object', 'text', /not a JSON object/],
    ['no id', { affected: [] }, /no "id"/],
    ['affected not a list', { id: 'GO-2024-0009', affected: {} }, /GO-2024-0009.*affected/],
    ['package name missing', { id: 'GO-2024-0009', affected: [{ ranges: [] }] }, /GO-2024-0009.*package\.name/],
    [
      'events not a list',
      {
        ...entry([]),
        id: 'GO-2024-0009',
        affected: [{ package: { name: 'stdlib' }, ranges: [{ type: 'SEMVER', events: 'x' }] }]
      },
      /GO-2024-0009.*events/
    ],
    [
      'bad semver',
      { ...entry([{ introduced: '0' }, { fixed: 'go1.22.4' }]), id: 'GO-2024-0009' },
      /GO-2024-0009.*"go1\.22\.4" is not a semver/
    ],
    [
      'two keys in an event',
      { ...entry([{ introduced: '0', fixed: '1.22.4' }]), id: 'GO-2024-0009' },
      /GO-2024-0009.*exactly one/
    ],
    [
      'introduced "0" is only for introduced',
      { ...entry([{ introduced: '0' }, { fixed: '0' }]), id: 'GO-2024-0009' },
      /GO-2024-0009.*fixed "0"/
    ]
  ])('malformed: %s -> one-line error naming the id', (_name, osv, message) => {
    let err: unknown;
    try {
      matchOsvEntry(osv, '1.22.3');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
  });
});

describe('parseVulnDbUrl', () => {
  test.each([
    ['https://vuln.go.dev', 'https://vuln.go.dev'],
    ['https://vuln.go.dev/', 'https://vuln.go.dev'],
    ['http://127.0.0.1:8080/vuln//', 'http://127.0.0.1:8080/vuln'],
    ['  https://mirror.example/go-vulndb  ', 'https://mirror.example/go-vulndb'],
    ['HTTPS://vuln.go.dev', 'HTTPS://vuln.go.dev'],
    ['file:///tmp/vulndb/', 'file:///tmp/vulndb'],
    ['file:///C:/vulndb', 'file:///C:/vulndb']
  ])('%j -> %j', (input, expected) => {
    expect(parseVulnDbUrl(input)).toBe(expected);
  });

  test.each([
    '',
    'vuln.go.dev',
    'ftp://vuln.go.dev',
    '/tmp/vulndb',
    'C:\\vulndb',
    'https://',
    'https:// bad host',
    'javascript:alert(1)'
  ])('%j -> InputError naming the input', (input) => {
    expect(() => parseVulnDbUrl(input)).toThrow(InputError);
    expect(() => parseVulnDbUrl(input)).toThrow(`input vulndb-url: "${input}" is not an http(s):// or file:// URL`);
  });

  test.each(['https://vuln.go.dev/?x=1', 'https://vuln.go.dev#top'])('%j -> InputError (query/fragment)', (input) => {
    expect(() => parseVulnDbUrl(input)).toThrow(/^input vulndb-url: .* without \?query or #fragment$/);
  });
});

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
