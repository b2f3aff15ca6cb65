import { UsageError } from '../../src/cli/args.js';
import { parseMirrorArgs } from '../../src/mirror/options.js';

describe('parseMirrorArgs: defaults', () => {
  test('DIR alone: supported, the four platforms, archives, go.dev, 4 at a time', () => {
    const o = parseMirrorArgs(['mirror-dir'], {});
    expect({
      dir: o.dir,
      specs: o.specs.map((s) => s.label),
      platforms: o.platforms.map((p) => p.name),
      kinds: o.kinds,
      from: o.from,
      fromSource: o.fromSource,
      token: o.token,
      jobs: o.jobs,
      prune: o.prune,
      vulndbUrl: o.vulndbUrl
    }).toEqual({
      dir: 'mirror-dir',
      specs: ['supported'],
      platforms: ['linux/amd64', 'linux/arm64', 'windows/amd64', 'darwin/arm64'],
      kinds: ['tar.gz', 'zip'],
      from: 'https://go.dev/dl',
      fromSource: 'default',
      token: '',
      jobs: 4,
      prune: false,
      vulndbUrl: undefined
    });
  });

  test.each<[string, string[], Record<string, string>, Partial<Record<string, unknown>>]>([
    [
      'versions repeat and split on commas',
      ['d', '--versions', '1.26,1.25.3', '--versions', '>=1.24 <1.26'],
      {},
      { specs: ['1.26', '1.25.3', '>=1.24 <1.26'] }
    ],
    ['equal specs once', ['d', '--versions', '1.26.x,1.26'], {}, { specs: ['1.26.x'] }],
    [
      'platforms in Go names, Node spellings mapped, repeats dropped',
      ['d', '--platforms', 'windows/x64,linux/aarch64', '--platforms', 'windows/amd64'],
      {},
      { platforms: ['windows/amd64', 'linux/arm64'] }
    ],
    ['kinds with or without the dot', ['d', '--kinds', '.zip,msi'], {}, { kinds: ['zip', 'msi'] }],
    [
      'GO_DOWNLOAD_BASE_URL is the upstream without --from',
      ['d'],
      { GO_DOWNLOAD_BASE_URL: 'https://mirror.example/go/' },
      { from: 'https://mirror.example/go', fromSource: 'env' }
    ],
    [
      '--from wins over GO_DOWNLOAD_BASE_URL',
      ['d', '--from', 'file:///srv/up'],
      { GO_DOWNLOAD_BASE_URL: 'https://mirror.example/go' },
      { from: 'file:///srv/up', fromSource: 'flag' }
    ],
    ['GO_DOWNLOAD_TOKEN is the token without the flag', ['d'], { GO_DOWNLOAD_TOKEN: ' s3cret ' }, { token: 's3cret' }],
    [
      '--go-download-token wins',
      ['d', '--go-download-token', 'flagged'],
      { GO_DOWNLOAD_TOKEN: 'env' },
      { token: 'flagged' }
    ],
    ['--vulndb: vuln.go.dev', ['d', '--vulndb'], {}, { vulndbUrl: 'https://vuln.go.dev' }],
    [
      '--vulndb --vulndb-url',
      ['d', '--vulndb', '--vulndb-url', 'file:///srv/vulndb/'],
      {},
      { vulndbUrl: 'file:///srv/vulndb' }
    ],
    ['--jobs', ['d', '--jobs', '8'], {}, { jobs: 8 }],
    ['repos as given', ['d', '--repo', 'svc', '--repo', '../other'], {}, { repos: ['svc', '../other'] }]
  ])('%s', (_name, argv, env, want) => {
    const o = parseMirrorArgs(argv, env);
    const got: Record<string, unknown> = {
      specs: o.specs.map((s) => s.label),
      platforms: o.platforms.map((p) => p.name),
      kinds: o.kinds,
      from: o.from,
      fromSource: o.fromSource,
      token: o.token,
      vulndbUrl: o.vulndbUrl,
      jobs: o.jobs,
      repos: o.repos
    };
    for (const [k, v] of Object.entries(want)) expect([k, got[k]]).toEqual([k, v]);
  });

  test('the refresh line of the README: the selecting flags, never the token, the upstream without credentials', () => {
    const o = parseMirrorArgs(
      [
        'd',
        '--versions',
        '1.26',
        '--platforms',
        'linux/amd64',
        '--from',
        'https://u:p@mirror.example/go/',
        '--go-download-token',
        'T',
        '--jobs',
        '2'
      ],
      {}
    );
    expect(o.selectionArgs).toEqual([
      '--versions',
      '1.26',
      '--platforms',
      'linux/amd64',
      '--from',
      'https://mirror.example/go'
    ]);
  });
});

describe('parseMirrorArgs: every bad argument is one line naming the flag and what was expected', () => {
  test.each<[string[], Record<string, string>, string]>([
    [[], {}, 'no DIR given (expected: setup-go-enforced mirror DIR [flags])'],
    [['a', 'b'], {}, 'unexpected argument "b" (mirror takes one DIR)'],
    [
      ['d', '--platforms', 'windows-amd64'],
      {},
      '--platforms: "windows-amd64" is not os/arch (expected e.g. windows/amd64)'
    ],
    [
      ['d', '--platforms', 'plan9/amd64'],
      {},
      '--platforms: "plan9/amd64" names the unknown os "plan9" (expected linux, darwin, windows or freebsd)'
    ],
    [
      ['d', '--platforms', 'linux/sparc'],
      {},
      '--platforms: "linux/sparc" names the unknown arch "sparc" (expected amd64, arm64, 386, armv6l, ppc64le or s390x)'
    ],
    [['d', '--platforms', ','], {}, '--platforms: no platform given (expected e.g. linux/amd64,windows/amd64)'],
    [
      ['d', '--versions', 'banana'],
      {},
      '--versions: "banana" is not a Go version, range or alias (expected e.g. supported, 1.26, 1.25.3, >=1.24, stable, oldstable)'
    ],
    [['d', '--versions', ''], {}, '--versions: no version given (expected e.g. supported or 1.26,1.25.3)'],
    [['d', '--kinds', 'exe'], {}, '--kinds: "exe" is not a kind of release file (expected tar.gz, zip, msi or pkg)'],
    [['d', '--jobs', '0'], {}, '--jobs: "0" is not a number of downloads at once (expected 1 to 32)'],
    [['d', '--jobs', 'many'], {}, '--jobs: "many" is not a number of downloads at once (expected 1 to 32)'],
    [
      ['d', '--from', 'ftp://x/go'],
      {},
      '--from: "ftp://x/go" has an unsupported scheme ftp: (expected http(s):// or file://)'
    ],
    [
      ['d', '--from', 'https://mirror.example/go?sig=1'],
      {},
      '--from: "https://mirror.example/go?sig=1" must be a base URL without ?query or #fragment'
    ],
    [
      ['d', '--from', 'not a url'],
      {},
      '--from: "not a url" is not a URL (expected https://host/path or file:///folder)'
    ],
    [
      ['d'],
      { GO_DOWNLOAD_BASE_URL: 'nope' },
      'env GO_DOWNLOAD_BASE_URL: "nope" is not a URL (expected https://host/path or file:///folder)'
    ],
    [
      ['d', '--vulndb-url', 'https://v.example'],
      {},
      '--vulndb-url: given without --vulndb (expected --vulndb --vulndb-url URL)'
    ],
    [
      ['d', '--vulndb', '--vulndb-url', 'https://v.example/?x=1'],
      {},
      '--vulndb-url: "https://v.example/?x=1" must be a base URL without ?query or #fragment'
    ],
    [['d', '--repo', ''], {}, '--repo: empty path (expected a folder)'],
    [
      ['d', '--frobnicate'],
      {},
      "Unknown option '--frobnicate'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--frobnicate\""
    ]
  ])('%j', (argv, env, message) => {
    let err: unknown;
    try {
      parseMirrorArgs(argv, env);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe(message);
  });
});
