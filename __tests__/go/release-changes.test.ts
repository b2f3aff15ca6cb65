/** Release changes that are not GODEBUG: language, vet, OS and port requirements (release notes go1.NN.md). */
import {
  goTestVetAnalyzers,
  languageChanges,
  platformChanges,
  platformVerdict,
  vetChanges,
  type PlatformTarget
} from '../../src/go/release-changes.js';

describe('languageChanges', () => {
  test.each<[string, string, string[]]>([
    ['1.21', '1.21.5', []],
    [
      '1.21',
      '1.23',
      [
        '1.22 each iteration of a "for" loop creates new variables',
        '1.22 "for" loops may range over integers',
        '1.23 "for" loops may range over iterator functions'
      ]
    ],
    ['1.24.0', '1.25.3', []], // go1.25.md: "There are no languages changes that affect Go programs"
    [
      '1.26',
      '1.27.0',
      [
        '1.27 generic methods (methods with their own type parameters)',
        '1.27 struct literal keys may be any field selector',
        '1.27 function type inference wherever a generic function is assigned'
      ]
    ],
    ['1.20', '1.21rc1', ['1.21 built-in functions min, max and clear']],
    [
      '1.22',
      '1.21',
      ['1.22 each iteration of a "for" loop creates new variables', '1.22 "for" loops may range over integers']
    ]
  ])('%s -> %s', (from, to, want) => {
    expect(languageChanges(from, to).map((c) => `${c.goLine} ${c.title}`)).toEqual(want);
  });

  test('only the loop variable change alters existing code', () => {
    expect(
      languageChanges('1.20', '1.27')
        .filter((c) => c.changesBehaviour)
        .map((c) => c.goLine)
    ).toEqual(['1.22']);
  });
});

describe('vetChanges', () => {
  test.each<[string, [string, string, string, string], string[]]>([
    // go1.24.md: printf's non-constant format check needs language version 1.24: the toolchain alone does not bring it
    [
      'toolchain 1.23 -> 1.24, go line stays 1.23',
      ['1.23', '1.23', '1.23.12', '1.24.0'],
      ['1.24 tests', '1.24 buildtag', '1.24 copylock']
    ],
    ['then the go line 1.23 -> 1.24', ['1.23', '1.24', '1.24.0', '1.24.0'], ['1.24 printf']],
    [
      'both at once',
      ['1.23', '1.24', '1.23.12', '1.24.3'],
      ['1.24 tests', '1.24 printf', '1.24 buildtag', '1.24 copylock']
    ],
    ['go1.26 -> go1.27: stdversion in go test', ['1.26', '1.26', '1.26.3', '1.27.0'], ['1.27 stdversion']],
    ['go 1.21 -> 1.22 on go1.22: loopclosure relaxes', ['1.21', '1.22', '1.22.0', '1.22.0'], ['1.22 loopclosure']],
    ['nothing', ['1.25', '1.25.1', '1.25.0', '1.25.14'], []]
  ])('%s', (_name, [fromLine, toLine, fromTc, toTc], want) => {
    expect(vetChanges(fromLine, toLine, fromTc, toTc).map((c) => `${c.release} ${c.analyzer}`)).toEqual(want);
  });

  test('the go test subset flags', () => {
    const red = vetChanges('1.21', '1.27', '1.21.0', '1.27.0').filter((c) => c.goTest && c.effect === 'more-findings');
    expect(red.map((c) => `${c.release} ${c.analyzer}`)).toEqual([
      '1.24 tests',
      '1.24 printf',
      '1.24 buildtag',
      '1.27 stdversion'
    ]);
  });

  test.each<[string, string | undefined]>([
    ['1.20.14', undefined],
    ['1.21.0', 'atomic bools buildtag directive errorsas ifaceassert nilfunc printf slog stringintconv'],
    ['1.24.0', 'atomic bools buildtag directive errorsas ifaceassert nilfunc printf slog stringintconv tests'],
    [
      '1.27.0',
      'atomic bools buildtag directive errorsas ifaceassert nilfunc printf slog stdversion stringintconv tests'
    ]
  ])('go test runs these analyzers under %s', (tc, want) => {
    expect(goTestVetAnalyzers(tc)?.join(' ')).toBe(want);
  });
});

describe('platformChanges', () => {
  test.each<[string, string, string[]]>([
    [
      '1.20',
      '1.21.0',
      ['1.21 windows requires Windows 10 or Windows Server 2016', '1.21 darwin requires macOS 10.15 Catalina']
    ],
    [
      '1.23.5',
      '1.26.0',
      [
        '1.24 linux requires Linux kernel 3.2',
        '1.24 windows windows/arm (32-bit) marked broken',
        '1.25 darwin requires macOS 12 Monterey',
        '1.26 windows windows/arm (32-bit) removed',
        '1.26 freebsd freebsd/riscv64 marked broken'
      ]
    ],
    [
      '1.26.3',
      '1.27.0',
      [
        '1.27 darwin requires macOS 13 Ventura',
        '1.27 linux linux/ppc64 uses the ELFv2 ABI: requires Linux kernel 3.13 (or RHEL 7 3.10)'
      ]
    ],
    ['1.27.0', '1.27.1', []]
  ])('%s -> %s', (from, to, want) => {
    expect(platformChanges(from, to).map((r) => `${r.release} ${r.os} ${r.summary}`)).toEqual(want);
  });
});

describe('platformVerdict', () => {
  test.each<[string, string, PlatformTarget, string]>([
    // Windows: "Self-hosted Windows Server 2012 R2 agents cannot run Go >= 1.21"
    ['Server 2012 R2 under 1.21', '1.21.0', { os: 'windows', windowsVersion: '6.3.9600' }, 'unsupported 10.0'],
    ['Server 2012 R2 under 1.20', '1.20.14', { os: 'windows', windowsVersion: '6.3.9600' }, 'ok'],
    ['Server 2016 under 1.27', '1.27.0', { os: 'windows', windowsVersion: '10.0.14393' }, 'ok'],
    ['ImageOS win22', '1.25.0', { os: 'windows', imageOS: 'win22' }, 'ok'],
    [
      'a servercore:ltsc2019 image',
      '1.25.0',
      { os: 'windows', image: 'mcr.microsoft.com/windows/servercore:ltsc2019' },
      'ok'
    ],
    ['Windows, nothing known', '1.22.0', { os: 'windows' }, 'unknown 10.0'],
    [
      'windows/arm removed in 1.26',
      '1.26.0',
      { os: 'windows', arch: 'arm', imageOS: 'win22' },
      'unsupported port-removed'
    ],
    ['windows/arm broken in 1.24', '1.24.0', { os: 'windows', arch: 'arm', imageOS: 'win22' }, 'ok (broken)'],
    // macOS: 10.15 from 1.21, 11 from 1.23, 12 from 1.25, 13 from 1.27
    ['macOS 12 under 1.26', '1.26.7', { os: 'darwin', macosVersion: '12.7.6' }, 'ok'],
    ['macOS 12 under 1.27', '1.27.0', { os: 'darwin', macosVersion: '12.7.6' }, 'unsupported 13'],
    ['macOS 10.15 under 1.22', '1.22.12', { os: 'darwin', macosVersion: '10.15.7' }, 'ok'],
    ['macOS 10.15 under 1.23', '1.23.0', { os: 'darwin', macosVersion: '10.15.7' }, 'unsupported 11'],
    ['Darwin 21 (macOS 12) under 1.27', '1.27.0', { os: 'darwin', darwinRelease: '21.6.0' }, 'unsupported 13'],
    ['Darwin 25 (macOS 26) under 1.27', '1.27.0', { os: 'darwin', darwinRelease: '25.0.0' }, 'ok'],
    ['Darwin 18 (macOS 10.14) under 1.21', '1.21.0', { os: 'darwin', darwinRelease: '18.7.0' }, 'unsupported 10.15'],
    ['Darwin 19 (macOS 10.15) under 1.21', '1.21.0', { os: 'darwin', darwinRelease: '19.6.0' }, 'ok'],
    ['ImageOS macos13 under 1.27', '1.27.0', { os: 'darwin', imageOS: 'macos13' }, 'ok'],
    ['ImageOS macos12 under 1.25', '1.25.0', { os: 'darwin', imageOS: 'macos12' }, 'ok'],
    ['ImageOS macos12 under 1.27', '1.27.0', { os: 'darwin', imageOS: 'macos12' }, 'unsupported 13'],
    // Linux: 2.6.32 through 1.23, 3.2 from 1.24; linux/ppc64 ELFv2 3.13 from 1.27
    ['kernel 2.6.32 under 1.23', '1.23.12', { os: 'linux', kernel: '2.6.32-754.el6.x86_64' }, 'ok'],
    ['kernel 2.6.32 under 1.24', '1.24.0', { os: 'linux', kernel: '2.6.32-754.el6.x86_64' }, 'unsupported 3.2'],
    ['kernel 5.15 azure under 1.27', '1.27.0', { os: 'linux', arch: 'amd64', kernel: '5.15.0-1064-azure' }, 'ok'],
    ['ImageOS ubuntu24', '1.27.0', { os: 'linux', imageOS: 'ubuntu24' }, 'ok'],
    [
      'ppc64 on 3.10 (not RHEL) under 1.27',
      '1.27.0',
      { os: 'linux', arch: 'ppc64', kernel: '3.10.108' },
      'unsupported 3.13'
    ],
    [
      'ppc64 on RHEL 7 3.10 under 1.27',
      '1.27.0',
      { os: 'linux', arch: 'ppc64', kernel: '3.10.0-1160.el7.ppc64' },
      'ok (RHEL 7)'
    ],
    ['ppc64 on 3.10 under 1.26', '1.26.0', { os: 'linux', arch: 'ppc64', kernel: '3.10.108' }, 'ok'],
    ['ppc64le is not ppc64', '1.27.0', { os: 'linux', arch: 'ppc64le', kernel: '3.10.108' }, 'ok'],
    ['a Linux image: the host kernel is not known', '1.24.0', { os: 'linux', image: 'centos:7' }, 'unknown 3.2 (host)'],
    [
      'a Linux image with the host kernel',
      '1.24.0',
      { os: 'linux', image: 'alpine:3.20', kernel: '6.8.0-1014-azure' },
      'ok'
    ]
  ])('%s', (_name, go, target, want) => {
    const v = platformVerdict(go, target);
    let got: string = v.kind;
    if (v.kind === 'unsupported' || v.kind === 'unknown') {
      got += ` ${v.requirement.minimum ?? v.requirement.kind}`;
      if (v.reason.includes("host's kernel")) got += ' (host)';
    } else if (v.notes.some((n) => n.includes('broken'))) got += ' (broken)';
    else if (v.notes.some((n) => n.includes('RHEL 7'))) got += ' (RHEL 7)';
    expect(got).toBe(want);
  });

  test('an unsupported verdict names the minimum and what the target has', () => {
    expect(platformVerdict('1.27.0', { os: 'darwin', macosVersion: '12.7.6' })).toEqual({
      kind: 'unsupported',
      requirement: expect.objectContaining({
        release: '1.27',
        minimum: '13',
        link: 'https://go.dev/doc/go1.27#darwin'
      }),
      reason: 'Go 1.27.0 requires macOS 13 Ventura; this has macOS version 12.7.6'
    });
  });
});
