import { UsageError, parseCliArgs } from '../../src/cli/args.js';

describe('parseCliArgs', () => {
  test('check with a path and the action inputs as flags; multi-line inputs repeat', () => {
    const a = parseCliArgs([
      'check',
      'svc',
      '--consistency',
      'exact',
      '--checks',
      'latest-patch: off',
      '--checks',
      'vulnerabilities: error',
      '--modules',
      'svc/**',
      '--modules',
      '!svc/testdata/**',
      '--check-latest',
      '--json',
      '--sarif',
      'out.sarif'
    ]);
    expect(a).toEqual({
      command: 'check',
      argument: 'svc',
      inputs: {
        consistency: 'exact',
        checks: 'latest-patch: off\nvulnerabilities: error',
        modules: 'svc/**\n!svc/testdata/**',
        'check-latest': 'true'
      },
      json: true,
      sarif: 'out.sarif',
      help: false
    });
  });

  test.each([
    [['use', '1.22.3', '--shell', 'pwsh'], 'powershell'],
    [['use', '--shell', 'bash'], 'posix'],
    [['use', '--shell', 'cmd'], 'cmd']
  ])('%j -> shell %s', (argv, shell) => {
    expect(parseCliArgs(argv).shell).toBe(shell);
  });

  test.each<[string[], RegExp]>([
    [[], /no command/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['check', '--no-such-flag'], /no-such-flag/],
    [['check', 'a', 'b'], /unexpected argument "b"/],
    [['use', '--shell', 'fish'], /not a shell/]
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  test('--help alone is fine', () => {
    expect(parseCliArgs(['--help']).help).toBe(true);
  });
});
