/**
 * The godebug rules against cmd/go: modload.CheckGodebug, load.ParseGoDebug / defaultGODEBUG,
 * work.checkDirectives and the messages of cmd/go's script tests (testdata/script/godebug_*.txt,
 * build_repeated_godebug_issue62346.txt), per release.
 */
import {
  checkGoDebugDirective,
  checkGodebugLine,
  checkPackageGoDebug,
  defaultGodebug,
  goDebugOverrides,
  godebugFlips,
  godebugLink,
  type GoSourceFile,
  type GodebugBuild,
  type GodebugVerdict
} from '../../src/go/godebug.js';
import { readSourceHeader } from '../../src/go/source-header.js';

const ok: GodebugVerdict = { kind: 'ok' };
const brk = (reason: string): GodebugVerdict => ({ kind: 'break', reason });

describe('checkGodebugLine: a go.mod / go.work godebug line', () => {
  test.each<[string, string, string, GodebugVerdict]>([
    // x/mod of Go 1.21 and 1.22 knows no godebug verb (rule.go: errorf("unknown directive: %s", verb))
    ['1.22.5', 'panicnil', '1', brk('unknown directive: godebug')],
    ['1.21.0', 'default', 'go1.21', brk('unknown directive: godebug')],
    ['1.20.14', 'panicnil', '1', brk('unknown directive: godebug')],
    ['1.23rc1', 'panicnil', '1', ok],
    ['1.23.0', 'panicnil', '1', ok],
    ['1.23.0', 'default', 'go1.21', ok],
    // golang/go#79153: "go.mod:5: default=go1.26.0 too new (toolchain is go1.25.0)"
    ['1.25.0', 'default', 'go1.26.0', brk('default=go1.26.0 too new (toolchain is go1.25.0)')],
    ['1.25.0', 'default', 'go1.25', ok], // the language version 1.25 sorts before 1.25.0
    ['1.25.0', 'default', 'go1.25.1', brk('default=go1.25.1 too new (toolchain is go1.25.0)')],
    ['1.23.0', 'default', '1.21', brk('value for default= must be goVERSION')],
    ['1.23.0', 'default', 'go1.21.x', brk('value for default= must be goVERSION')],
    ['1.23.0', 'nosuch', '1', brk('unknown godebug "nosuch"')],
    ['1.23.0', 'a b', '1', brk('key contains space')],
    ['1.23.0', 'panicnil', '1,2', brk('value contains comma')],
    // golang/go#72111: Go 1.24 dropped x509sha1 from its table
    ['1.23.12', 'x509sha1', '1', ok],
    ['1.24.0', 'x509sha1', '1', brk('unknown godebug "x509sha1"')],
    ['1.25.3', 'tlskyber', '0', brk('unknown godebug "tlskyber"')],
    // Go 1.26's Removed list (no Old): any value
    ['1.26.0', 'x509sha1', '0', brk('use of removed godebug "x509sha1", see https://go.dev/doc/godebug#go-124')],
    ['1.26.3', 'tlskyber', '0', brk('unknown godebug "tlskyber"')], // not in 1.26's Removed list
    ['1.26.3', 'tls10server', '1', ok],
    // Go 1.27 (golang/go#76163, #79422): old values refused, final ones accepted
    [
      '1.27.0',
      'x509sha1',
      '1',
      brk('removed GODEBUG "x509sha1" set to old value "1" (https://go.dev/doc/godebug#go-124)')
    ],
    ['1.27.0', 'x509sha1', '0', ok],
    [
      '1.27.0',
      'tlskyber',
      '0',
      brk('removed GODEBUG "tlskyber" set to old value "0" (https://go.dev/doc/godebug#go-124)')
    ],
    [
      '1.27.0',
      'tls10server',
      '1',
      brk('removed GODEBUG "tls10server" set to old value "1" (https://go.dev/doc/godebug#go-127)')
    ],
    ['1.27.0', 'tls10server', '0', ok],
    [
      '1.27.1',
      'asynctimerchan',
      '2',
      brk('removed GODEBUG "asynctimerchan" set to old value "2" (https://go.dev/doc/godebug#go-127)')
    ],
    ['1.27.1', 'asynctimerchan', '0', ok],
    ['1.27.0', 'gotypesalias', '1', ok],
    // httpcookiemaxnum: backported to Go 1.25.2 and Go 1.24.8 (doc/godebug.md)
    ['1.24.5', 'httpcookiemaxnum', '0', brk('unknown godebug "httpcookiemaxnum"')],
    ['1.24.8', 'httpcookiemaxnum', '0', ok],
    ['1.24.13', 'httpcookiemaxnum', '0', ok],
    ['1.25.1', 'httpcookiemaxnum', '0', brk('unknown godebug "httpcookiemaxnum"')],
    ['1.25.2', 'httpcookiemaxnum', '0', ok],
    // a minor newer than the data: an unknown key cannot be called unknown
    ['1.28.0', 'panicnil', '1', ok],
    [
      '1.28.0',
      'nosuch',
      '1',
      { kind: 'unverified', reason: `"nosuch" is unknown to Go 1.27.0, the newest table read (not Go 1.28.0's)` }
    ]
  ])('Go %s: godebug %s=%s', (go, key, value, want) => {
    expect(checkGodebugLine(go, { key, value })).toEqual(want);
  });
});

describe('checkGoDebugDirective: one //go:debug line', () => {
  test.each<[string, string, string, GodebugVerdict]>([
    ['1.20.14', 'x', 'y', ok], // before Go 1.21 directives are ignored
    // godebug_unknown.txt: "p.go:1:1: invalid //go:debug: unknown //go:debug setting "x""
    ['1.21.0', 'x', 'y', brk('invalid //go:debug: unknown //go:debug setting "x"')],
    ['1.27.0', 'x', 'y', brk('invalid //go:debug: unknown //go:debug setting "x"')],
    // Go 1.21/1.22 ParseGoDebug checks against godebugs.All only: default is unknown
    ['1.22.12', 'default', 'go1.20', brk('invalid //go:debug: unknown //go:debug setting "default"')],
    ['1.23.0', 'default', 'go1.20', ok],
    // godebug_default.txt: //go:debug default=go1.20 randseednop=1 -> "invalid //go:debug: value contains space"
    ['1.23.0', 'default', 'go1.20 randseednop=1', brk('invalid //go:debug: value contains space')],
    ['1.21.0', 'panicnil', '1 2', brk('invalid //go:debug: value contains space')],
    ['1.21.0', 'pa,nicnil', '1', brk('invalid //go:debug: key contains comma')],
    // godebug_removed.txt: removed GODEBUG "gotypesalias" set to old value "0"
    [
      '1.27.0',
      'gotypesalias',
      '0',
      brk('invalid //go:debug: removed GODEBUG "gotypesalias" set to old value "0" (https://go.dev/doc/godebug#go-127)')
    ],
    ['1.27.0', 'gotypesalias', '1', ok],
    [
      '1.26.0',
      'x509sha1',
      '1',
      brk('invalid //go:debug: use of removed //go:debug setting "x509sha1", see https://go.dev/doc/godebug#go-124')
    ]
  ])('Go %s: //go:debug %s=%s', (go, key, value, want) => {
    expect(checkGoDebugDirective(go, { key, value })).toEqual(want);
  });
});

const file = (path: string, text: string): GoSourceFile => ({ file: path, header: readSourceHeader(text) });

describe('checkPackageGoDebug: the directives of one package', () => {
  test('build_repeated_godebug_issue62346.txt: file.go:2:1: repeated //go:debug for panicnil', () => {
    const f = file('cmd/x/file.go', '//go:debug panicnil=1\n//go:debug panicnil=1\n\npackage main\n');
    expect(checkPackageGoDebug('1.21.0', [f])).toEqual([
      {
        file: 'cmd/x/file.go',
        line: 2,
        reason: 'repeated //go:debug for panicnil',
        when: 'build',
        previous: { file: 'cmd/x/file.go', line: 1 }
      }
    ]);
  });

  test.each<[string, string, GoSourceFile[], { file: string; line: number; when: string; reason: string }[]]>([
    [
      'across files, in file-name order whatever the input order',
      '1.23.0',
      [file('m/b.go', '//go:debug panicnil=1\npackage main'), file('m/a.go', '//go:debug panicnil=0\npackage main')],
      [{ file: 'm/b.go', line: 1, when: 'build', reason: 'repeated //go:debug for panicnil' }]
    ],
    [
      'a _test.go file of the package: only go test fails',
      '1.23.0',
      [
        file('m/a.go', '//go:debug panicnil=1\npackage main'),
        file('m/a_test.go', '//go:debug panicnil=1\npackage main')
      ],
      [{ file: 'm/a_test.go', line: 1, when: 'test', reason: 'repeated //go:debug for panicnil' }]
    ],
    [
      'the _test package is a package of its own',
      '1.23.0',
      [
        file('m/a.go', '//go:debug panicnil=1\npackage main'),
        file('m/x_test.go', '//go:debug panicnil=1\npackage main_test')
      ],
      []
    ],
    [
      'an invalid directive is reported once, and never counts as seen',
      '1.21.0',
      [file('m/a.go', '//go:debug nosuch=1\n//go:debug nosuch=1\n//go:debug panicnil=1\npackage main')],
      [
        { file: 'm/a.go', line: 1, when: 'build', reason: 'invalid //go:debug: unknown //go:debug setting "nosuch"' },
        { file: 'm/a.go', line: 2, when: 'build', reason: 'invalid //go:debug: unknown //go:debug setting "nosuch"' }
      ]
    ],
    [
      '//go:debug without key=value',
      '1.22.0',
      [file('m/a.go', '//go:debug\npackage main')],
      [{ file: 'm/a.go', line: 1, when: 'build', reason: 'invalid //go:debug: missing key=value' }]
    ],
    [
      'an invalid one in a _test.go file',
      '1.27.0',
      [file('m/a_test.go', '// Test.\n//go:debug gotypesalias=0\npackage m')],
      [
        {
          file: 'm/a_test.go',
          line: 2,
          when: 'test',
          reason:
            'invalid //go:debug: removed GODEBUG "gotypesalias" set to old value "0" (https://go.dev/doc/godebug#go-127)'
        }
      ]
    ],
    ['Go 1.20 ignores them', '1.20.14', [file('m/a.go', '//go:debug nosuch=1\n//go:debug nosuch=1\npackage main')], []]
  ])('%s', (_name, go, files, want) => {
    expect(
      checkPackageGoDebug(go, files).map(({ file, line, when, reason }) => ({ file, line, when, reason }))
    ).toEqual(want);
  });
});

describe('goDebugOverrides: the pairs defaultGODEBUG applies, in its order', () => {
  const files = [
    file('m/z.go', '//go:debug panicnil=1\npackage main'),
    file('m/a.go', '//go:debug randautoseed=0\n//go:debug\npackage main'),
    file('m/a_test.go', '//go:debug httpmuxgo121=1\npackage main'),
    file('m/b_test.go', '//go:debug tlssha1=1\npackage main_test')
  ];
  test.each<[boolean, string[]]>([
    [false, ['randautoseed=0', 'panicnil=1']],
    [true, ['randautoseed=0', 'panicnil=1', 'httpmuxgo121=1', 'tlssha1=1']]
  ])('tests: %s', (tests, want) => {
    expect(goDebugOverrides(files, { tests }).map((p) => `${p.key}=${p.value}`)).toEqual(want);
  });
});

describe('defaultGodebug: go list -f {{.DefaultGODEBUG}}', () => {
  // golang/go#79716: one module on a Go 1.26 toolchain (its list ends at Changed 26: no tracebacklabels).
  test('golang/go#79716, go 1.24 on go1.26', () => {
    expect(defaultGodebug('1.26.3', '1.24')?.value).toBe(
      'containermaxprocs=0,cryptocustomrand=1,decoratemappings=0,tlssecpmlkem=0,tlssha1=1,updatemaxprocs=0,urlstrictcolons=0,x509sha256skid=0'
    );
  });

  test('golang/go#79716, go 1.26 on go1.26: empty', () => {
    expect(defaultGodebug('1.26.3', '1.26')).toMatchObject({ value: '', settings: {}, defaultsFor: '1.26' });
  });

  test('golang/go#79716, go 1.16 on go1.26: the quoted parts, in order (no raise to 1.20: netedns0=0 is listed)', () => {
    const v = defaultGodebug('1.26.3', '1.16')?.value ?? '';
    expect(
      v.startsWith(
        'asynctimerchan=1,containermaxprocs=0,cryptocustomrand=1,decoratemappings=0,gotestjsonbuildtext=1,gotypesalias=0,httpcookiemaxnum=0,httplaxcontentlength=1,httpmuxgo121=1,'
      )
    ).toBe(true);
    expect(v).toContain(',tls10server=1,tls3des=1,tlsmlkem=0,tlsrsakex=1,');
    expect(v).toContain(',winsymlink=0,');
    expect(v).toContain(',netedns0=0,');
    expect(v).not.toContain('tracebacklabels');
  });

  // netresearch/ldap-selfservice-password-changer#690, on go1.27.1
  test.each<[string, string]>([
    ['1.26.0', 'tracebacklabels=0,x509sslcertoverrideplatform=0'],
    ['1.27.0', '']
  ])('go1.27.1, go %s -> %j', (goLine, want) => {
    expect(defaultGodebug('1.27.1', goLine)?.value).toBe(want);
  });

  test('go1.27 drops removed settings: a go 1.21 module loses tls10server=1 and asynctimerchan=1', () => {
    const before = defaultGodebug('1.26.3', '1.21')?.settings ?? {};
    const after = defaultGodebug('1.27.0', '1.21')?.settings ?? {};
    expect(before).toMatchObject({ tls10server: '1', tlsrsakex: '1', tls3des: '1', asynctimerchan: '1' });
    for (const k of ['tls10server', 'tlsrsakex', 'tls3des', 'asynctimerchan', 'gotypesalias'])
      expect(after[k]).toBeUndefined();
    expect(after).not.toHaveProperty('panicnil');
    expect(after).toMatchObject({ httpmuxgo121: '1', winsymlink: '0' });
  });

  // cmd/go testdata/script/godebug_default.txt (on the newest toolchain)
  test.each<[string, string, Parameters<typeof defaultGodebug>[2], Record<string, string | undefined>]>([
    [
      'Go 1.21 work module: no panicnil',
      '1.21',
      { directives: [{ key: 'randautoseed', value: '0' }] },
      { panicnil: undefined, randautoseed: '0' }
    ],
    [
      'Go 1.20 work module: panicnil=1',
      '1.20',
      { directives: [{ key: 'randautoseed', value: '0' }] },
      { panicnil: '1', randautoseed: '0' }
    ],
    [
      'go.mod godebug default=go1.20 randseednop=1',
      '1.21',
      {
        mod: [
          { key: 'default', value: 'go1.20' },
          { key: 'randseednop', value: '1' }
        ]
      },
      { panicnil: '1', randseednop: '1' }
    ],
    [
      'a go.work wins over go.mod, even without godebug lines',
      '1.21',
      {
        work: [],
        mod: [
          { key: 'default', value: 'go1.20' },
          { key: 'randseednop', value: '1' }
        ]
      },
      { panicnil: undefined, randseednop: '0' }
    ],
    [
      'go.work godebug default=go1.20 randseednop=1',
      '1.21',
      {
        work: [
          { key: 'default', value: 'go1.20' },
          { key: 'randseednop', value: '1' }
        ]
      },
      { panicnil: '1', randseednop: '1' }
    ],
    [
      '//go:debug default=go1.20 in the program',
      '1.21',
      {
        directives: [
          { key: 'default', value: 'go1.20' },
          { key: 'randseednop', value: '1' }
        ]
      },
      { panicnil: '1', randseednop: '1' }
    ],
    [
      'an invalid //go:debug is skipped',
      '1.21',
      { directives: [{ key: 'randseednop', value: '1 2' }] },
      { randseednop: '0' }
    ]
  ])('%s', (_name, goLine, overrides, want) => {
    const settings = defaultGodebug('1.27.0', goLine, overrides)?.settings ?? {};
    // undefined: the setting is not listed
    expect(Object.keys(want).map((k) => [k, settings[k]])).toEqual(Object.entries(want));
  });

  test.each<[string, string, string, Parameters<typeof defaultGodebug>[2], string | undefined]>([
    ['no DefaultGODEBUG before Go 1.21', '1.20.14', '1.20', {}, undefined],
    // godebugForGoVersion cannot read "1.21rc1" (strconv.Atoi("21rc1") fails): no defaults at all
    ['go 1.21rc1: no defaults', '1.27.0', '1.21rc1', {}, ''],
    // Go 1.22 reads no godebug lines, and //go:debug default= is unknown to it
    [
      'Go 1.22: godebug lines and default= ignored',
      '1.22.12',
      '1.21',
      { mod: [{ key: 'panicnil', value: '0' }], directives: [{ key: 'default', value: 'go1.20' }] },
      'httplaxcontentlength=1,httpmuxgo121=1,tls10server=1,tlsrsakex=1,tlsunsafeekm=1'
    ],
    // golang/go#70245: an explicit setting equal to the default is still listed
    [
      'go1.23.1: //go:debug gotypesalias=1 is listed',
      '1.23.1',
      '1.23',
      { directives: [{ key: 'gotypesalias', value: '1' }] },
      'gotypesalias=1'
    ],
    ['GOFIPS140 on Go 1.24+', '1.24.1', '1.27', { fips140: true }, 'fips140=on'],
    ['GOFIPS140 before Go 1.24', '1.23.12', '1.27', { fips140: true }, '']
  ])('%s', (_name, toolchain, goLine, overrides, want) => {
    expect(defaultGodebug(toolchain, goLine, overrides)?.value).toBe(want);
  });

  test('pinned and defaultsFor', () => {
    const d = defaultGodebug('1.27.0', '1.21', {
      mod: [
        { key: 'default', value: 'go1.24' },
        { key: 'panicnil', value: '1' }
      ]
    });
    expect(d?.pinned).toEqual({ panicnil: '1' });
    expect(d?.defaultsFor).toBe('1.24');
    expect(d?.table).toEqual({ release: '1.27.0', match: 'read' });
    expect(d?.value).toBe(
      'containermaxprocs=0,cryptocustomrand=1,decoratemappings=0,panicnil=1,tlssecpmlkem=0,tlssha1=1,tracebacklabels=0,updatemaxprocs=0,urlstrictcolons=0,x509sha256skid=0,x509sslcertoverrideplatform=0'
    );
  });
});

describe('godebugFlips: what changes between two builds', () => {
  const summary = (base: GodebugBuild, head: GodebugBuild) =>
    godebugFlips(base, head).map(
      (f) => `${f.name} ${f.old ?? '(default)'}->${f.new ?? '(default)'} ${f.why} ${f.release}`
    );

  test('go line 1.24 -> 1.26 on go1.26 (golang/go#79716): every Changed 25/26 setting, go-line', () => {
    expect(summary({ toolchain: '1.26.3', goLine: '1.24' }, { toolchain: '1.26.3', goLine: '1.26' })).toEqual([
      'containermaxprocs 0->(default) go-line 1.25',
      'cryptocustomrand 1->(default) go-line 1.26',
      'decoratemappings 0->(default) go-line 1.25',
      'tlssecpmlkem 0->(default) go-line 1.26',
      'tlssha1 1->(default) go-line 1.25',
      'updatemaxprocs 0->(default) go-line 1.25',
      'urlstrictcolons 0->(default) go-line 1.26',
      'x509sha256skid 0->(default) go-line 1.25'
    ]);
  });

  test('toolchain go1.26 -> go1.27 with go 1.21: the seven removed settings', () => {
    expect(summary({ toolchain: '1.26.3', goLine: '1.21' }, { toolchain: '1.27.0', goLine: '1.21' })).toEqual([
      'asynctimerchan 1->(default) removed 1.27',
      'gotypesalias 0->(default) removed 1.27',
      'tls10server 1->(default) removed 1.27',
      'tls3des 1->(default) removed 1.27',
      'tlsrsakex 1->(default) removed 1.27',
      'tlsunsafeekm 1->(default) removed 1.27',
      'x509keypairleaf 0->(default) removed 1.27'
    ]);
  });

  test('a final value pinned before the removal is no flip', () => {
    const base = { toolchain: '1.26.3', goLine: '1.26', overrides: { mod: [{ key: 'tls10server', value: '0' }] } };
    expect(summary(base, { ...base, toolchain: '1.27.0' })).toEqual([]);
  });

  test('go 1.22 -> 1.23 with go1.22 -> go1.23: the Changed 23 settings, by the go line', () => {
    const flips = summary({ toolchain: '1.22.12', goLine: '1.22' }, { toolchain: '1.23.0', goLine: '1.23' });
    expect(flips).toEqual([
      'asynctimerchan 1->(default) go-line 1.23',
      'gotypesalias 0->(default) go-line 1.23', // Go 1.22's table lists it without Changed; its default was 0
      'httpservecontentkeepheaders 1->(default) go-line 1.23',
      'tls3des 1->(default) go-line 1.23',
      'tlskyber 0->(default) go-line 1.23',
      // go1.23.0's table still said Changed: 22 (golang/go#72935), so the toolchain alone flipped these
      'winreadlinkvolume 0->(default) toolchain 1.23',
      'winsymlink 0->(default) toolchain 1.23',
      'x509keypairleaf 0->(default) go-line 1.23',
      'x509negativeserial 1->(default) go-line 1.23'
    ]);
  });

  test('the toolchain alone: winsymlink under go 1.22 on go1.24.1 -> go1.24.2 (Changed 22 -> 23, golang/go#72935)', () => {
    expect(summary({ toolchain: '1.24.1', goLine: '1.22' }, { toolchain: '1.24.2', goLine: '1.22' })).toEqual([
      'winreadlinkvolume (default)->0 toolchain 1.23',
      'winsymlink (default)->0 toolchain 1.23'
    ]);
  });

  test.each<[string, GodebugBuild, GodebugBuild, string[]]>([
    [
      'a pin added',
      { toolchain: '1.23.0', goLine: '1.23' },
      { toolchain: '1.23.0', goLine: '1.23', overrides: { mod: [{ key: 'panicnil', value: '1' }] } },
      ['panicnil (default)->1 pin-added 1.21']
    ],
    [
      'a pin removed',
      { toolchain: '1.23.0', goLine: '1.23', overrides: { directives: [{ key: 'panicnil', value: '1' }] } },
      { toolchain: '1.23.0', goLine: '1.23' },
      ['panicnil 1->(default) pin-removed 1.21']
    ],
    [
      'a pin changed',
      { toolchain: '1.23.0', goLine: '1.23', overrides: { mod: [{ key: 'http2client', value: '0' }] } },
      { toolchain: '1.23.0', goLine: '1.23', overrides: { mod: [{ key: 'http2client', value: '1' }] } },
      ['http2client 0->1 pin-changed 1.21']
    ],
    [
      'default=go1.21 -> default=go1.22',
      { toolchain: '1.24.0', goLine: '1.24', overrides: { mod: [{ key: 'default', value: 'go1.21' }] } },
      { toolchain: '1.24.0', goLine: '1.24', overrides: { mod: [{ key: 'default', value: 'go1.22' }] } },
      [
        'httplaxcontentlength 1->(default) godebug-default 1.22',
        'httpmuxgo121 1->(default) godebug-default 1.22',
        'tls10server 1->(default) godebug-default 1.22',
        'tlsrsakex 1->(default) godebug-default 1.22',
        'tlsunsafeekm 1->(default) godebug-default 1.22',
        // go1.24.0's table: Changed: 22 (fixed to 23 in go1.24.2, golang/go#72935)
        'winreadlinkvolume 0->(default) godebug-default 1.23',
        'winsymlink 0->(default) godebug-default 1.23'
      ]
    ],
    ['nothing changes', { toolchain: '1.25.0', goLine: '1.25' }, { toolchain: '1.25.14', goLine: '1.25.0' }, []]
  ])('%s', (_name, base, head, want) => {
    expect(summary(base, head)).toEqual(want);
  });

  test('links: go.dev/doc/godebug#go-1NN and the release notes', () => {
    const [f] = godebugFlips({ toolchain: '1.26.3', goLine: '1.24' }, { toolchain: '1.26.3', goLine: '1.26' });
    expect(f).toEqual({
      name: 'containermaxprocs',
      package: 'runtime',
      old: '0',
      new: undefined,
      release: '1.25',
      link: 'https://go.dev/doc/godebug#go-125',
      notes: 'https://go.dev/doc/go1.25',
      why: 'go-line'
    });
    expect(godebugLink(27)).toBe('https://go.dev/doc/godebug#go-127');
  });
});
