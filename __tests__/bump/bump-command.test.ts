/** The command line of bump: flags, defaults, and one line naming what is wrong. */
import { parseBumpArgs } from '../../src/cli/bump-command.js';
import { UsageError } from '../../src/cli/args.js';

test.each<[string[], Partial<ReturnType<typeof parseBumpArgs>>]>([
  [
    ['stable'],
    { version: 'stable', dryRun: false, exact: false, policy: 'main', allowDowngrade: false, json: false, mirror: {} }
  ],
  [
    ['1.27.0', 'repo', '--dry-run', '--exact', '--json'],
    { version: '1.27.0', path: 'repo', dryRun: true, exact: true, json: true }
  ],
  [['1.26.7', '--allow-downgrade', '--go-lines', 'ALL'], { allowDowngrade: true, policy: 'all' }],
  [['1.27', '--go-lines=none'], { policy: 'none' }],
  [
    ['oldstable', '--go-download-base-url', 'https://mirror.example/go', '--go-download-token', 't'],
    { mirror: { 'go-download-base-url': 'https://mirror.example/go', 'go-download-token': 't' } }
  ],
  [['--help'], { help: true }]
])('%j', (argv, want) => {
  expect(parseBumpArgs(argv)).toMatchObject(want);
});

test.each<[string[], string]>([
  [[], 'no VERSION given (e.g. bump 1.27.0, bump stable)'],
  [['banana'], 'VERSION "banana" is not a Go version, range or alias (expected e.g. 1.27.0, 1.27, stable, oldstable)'],
  [['1.27.0', 'a', 'b'], 'unexpected argument "b" (bump takes VERSION and at most one path)'],
  [['1.27.0', '--go-lines', 'libraries'], '--go-lines: "libraries" is not a policy (expected all, main or none)'],
  [['1.27.0', '--exact=yes'], "Option '--exact' does not take an argument"]
])('%j: a usage error', (argv, message) => {
  let thrown: unknown;
  try {
    parseBumpArgs(argv);
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(UsageError);
  expect((thrown as Error).message).toContain(message);
});
