import { matchOsvEntry } from '../../../src/verify/vulndb/osv.js';
import { osvEntry } from '../../../scripts/test-support/vulndb-fixture.mjs';

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
