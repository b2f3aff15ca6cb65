import { AliasBombError, parseWorkflow } from '../../../src/go/readers/workflow.js';
import { errorOf } from './helpers.js';

const step = (uses: string, goVersion: string, indent = '      '): string =>
  `${indent}- uses: ${uses}\n${indent}  with:\n${indent}    go-version: ${goVersion}\n`;
const workflow = (steps: string): string =>
  `name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;

describe('parseWorkflow: literal go-version of setup-go steps', () => {
  test.each<[string, string, [number, string, string][]]>([
    ['actions/setup-go, quoted', workflow(step('actions/setup-go@v5', "'1.22.3'")), [[9, '1.22.3', '1.22.3']]],
    ['plain 1.20 stays 1.20 (not the float 1.2)', workflow(step('actions/setup-go@v5', '1.20')), [[9, '1.20', '1.20']]],
    ['this action', workflow(step('org/setup-go-enforced@v1', '"1.25.0"')), [[9, '1.25.0', '1.25.0']]],
    [
      'a sha ref',
      workflow(step('actions/setup-go@0aaccfd150d50ccaeb58ebd88d36e91967a5f35b', '1.21.x')),
      [[9, '1.21.x', '1.21']]
    ],
    ['go prefix', workflow(step('actions/setup-go@v5', 'go1.22.1')), [[9, 'go1.22.1', '1.22.1']]],
    ['rc', workflow(step('actions/setup-go@v5', '1.26rc1')), [[9, '1.26rc1', '1.26rc1']]],
    ['expression skipped', workflow(step('actions/setup-go@v5', '${{ matrix.go }}')), []],
    ['range skipped', workflow(step('actions/setup-go@v5', "'^1.21'")), []],
    ['alias skipped', workflow(step('actions/setup-go@v5', 'stable')), []],
    ['other actions skipped', workflow(step('actions/setup-node@v4', '1.22.3')), []],
    [
      'go-version-file is not a version',
      workflow('      - uses: actions/setup-go@v5\n        with:\n          go-version-file: go.mod\n'),
      []
    ],
    [
      'with before uses, flow mapping',
      workflow('      - with: { go-version: "1.23.4" }\n        uses: actions/setup-go@v5\n'),
      [[7, '1.23.4', '1.23.4']]
    ],
    [
      'several jobs and steps',
      `jobs:\n  a:\n    steps:\n${step('actions/setup-go@v5', '1.22')}  b:\n    steps:\n      - run: echo\n${step('org/setup-go-enforced@v1', '1.23.1')}`,
      [
        [6, '1.22', '1.22'],
        [12, '1.23.1', '1.23.1']
      ]
    ],
    [
      'matrix lists are not step versions',
      `jobs:\n  a:\n    strategy:\n      matrix:\n        go: ['1.21', '1.22']\n    steps:\n${step('actions/setup-go@v5', '${{ matrix.go }}')}`,
      []
    ],
    ['no jobs', 'on: push\n', []],
    ['empty file', '', []]
  ])('%s', (_name, text, want) => {
    const got = parseWorkflow(text, '.github/workflows/ci.yml');
    expect(got.map((d) => [d.line, d.raw, d.version])).toEqual(want);
    for (const d of got) {
      expect(d.kind).toBe('workflow');
      expect(d.file).toBe('.github/workflows/ci.yml');
    }
  });

  test('not YAML: an InputError at the line', () => {
    const e = errorOf(() => parseWorkflow('jobs:\n  a: [\n', '.github/workflows/x.yml'));
    expect(e.file).toBe('.github/workflows/x.yml');
    expect(e.line).toBeGreaterThanOrEqual(2);
  });

  test('an alias bomb is refused without being expanded', () => {
    const levels = 'abcdefghij';
    let text = `${levels[0]}: &${levels[0]} ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n`;
    for (let i = 1; i < levels.length; i++) {
      text += `${levels[i]}: &${levels[i]} [${Array(10)
        .fill(`*${levels[i - 1]}`)
        .join(',')}]\n`;
    }
    text += workflow(step('actions/setup-go@v5', '1.22.3'));
    expect(() => parseWorkflow(text, 'w.yml')).toThrow(AliasBombError);
  });

  test('a few aliases are fine', () => {
    const text = `x: &defaults\n  go-version: '1.22.3'\njobs:\n  a:\n    steps:\n      - uses: actions/setup-go@v5\n        with: *defaults\n`;
    // the alias is not followed: a version behind an alias states nothing this reader vouches for
    expect(parseWorkflow(text, 'w.yml')).toEqual([]);
  });
});
