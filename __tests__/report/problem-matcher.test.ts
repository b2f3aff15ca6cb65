/**
 * Go's problem matchers: matchers.json (build and vet: file:line:col) on by default, and
 * matchers-test-logs.json (the column-less lines of t.Log/t.Error) only with annotate-test-logs,
 * against the real output of `go build`, `go vet` and `go test -v` of Go 1.19.8 (a passing test
 * that logs, a failing test, a build error), and their registration by the bundled action.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runAction } from '../../scripts/test-support/run-action.mjs';
import { TempRoot } from '../e2e/drop-in-helpers.js';

const execFileAsync = promisify(execFile);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUILD = path.join(repo, 'matchers.json');
const TEST_LOGS = path.join(repo, 'matchers-test-logs.json');
const REAL_GO = '/usr/lib/go-1.19';

interface Pattern {
  regexp: string;
  file: number;
  line: number;
  column?: number;
  message: number;
}
interface MatcherFile {
  problemMatcher: { owner: string; severity?: string; pattern: Pattern[] }[];
}
const read = (file: string): MatcherFile => JSON.parse(readFileSync(file, 'utf8')) as MatcherFile;

interface Annotation {
  owner: string;
  severity: string;
  file: string;
  line: number;
  column?: number;
  message: string;
}

/** What the runner annotates for a line with these matcher files registered (first match wins). */
function annotate(line: string, files: string[]): Annotation | undefined {
  for (const f of files) {
    for (const m of read(f).problemMatcher) {
      const p = m.pattern[0];
      const hit = new RegExp(p.regexp).exec(line);
      if (!hit) continue;
      return {
        owner: m.owner,
        severity: m.severity ?? 'error',
        file: hit[p.file],
        line: Number(hit[p.line]),
        ...(p.column && hit[p.column] ? { column: Number(hit[p.column]) } : {}),
        message: hit[p.message]
      };
    }
  }
  return undefined;
}
const byDefault = (l: string) => annotate(l, [BUILD]);
const withTestLogs = (l: string) => annotate(l, [BUILD, TEST_LOGS]);

test('the default matcher is owner go, as actions/setup-go registers it; test logs are their own owner', () => {
  expect(read(BUILD).problemMatcher.map((m) => m.owner)).toEqual(['go']);
  expect(read(TEST_LOGS).problemMatcher.map((m) => [m.owner, m.severity])).toEqual([['go-test', 'warning']]);
});

test.each([
  ['C:\\a\\b\\main.go:3:4: undefined: x', { file: 'C:\\a\\b\\main.go', line: 3, column: 4, message: 'undefined: x' }],
  ['vet: ./a.go:1:1: expected declaration', { file: './a.go', line: 1, column: 1, message: 'expected declaration' }],
  ['    foo_test.go:12: message', undefined],
  ['    foo_test.go:12: 34:56: message', undefined],
  ['# example.com/m', undefined],
  ['go: downloading example.com/dep v1.0.0', undefined],
  ['\t/home/runner/go/src/x/main.go:12 +0x1d', undefined],
  ['FAIL\texample.com/m\t0.004s', undefined]
])('default: %j', (line, expected) => {
  const a = byDefault(line);
  expect(a && { file: a.file, line: a.line, column: a.column, message: a.message }).toEqual(expected);
});

test.each([
  ['    foo_test.go:12: message', { file: 'foo_test.go', line: 12, message: 'message', severity: 'warning' }],
  ['        helpers.go:7: sub-test log', { file: 'helpers.go', line: 7, message: 'sub-test log', severity: 'warning' }],
  ['foo_test.go:12: not indented: not a test log', undefined],
  ['\t/home/runner/go/src/x/main.go:12 +0x1d', undefined]
])('annotate-test-logs: %j', (line, expected) => {
  const a = withTestLogs(line);
  expect(a && { file: a.file, line: a.line, message: a.message, severity: a.severity }).toEqual(expected);
});

describe('real output of Go 1.19.8', () => {
  const root = new TempRoot('matcher-');
  let mod: string;
  const env = {
    ...process.env,
    PATH: `${path.join(REAL_GO, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    GOROOT: '',
    GOTOOLCHAIN: 'local',
    GOFLAGS: '',
    GO111MODULE: '',
    GOCACHE: '',
    HOME: ''
  };
  /** stdout and stderr of a go command, split in lines, and whether it failed. */
  const go = async (args: string[], dir: string): Promise<{ lines: string[]; failed: boolean }> => {
    try {
      const { stdout, stderr } = await execFileAsync('go', args, { cwd: dir, env, encoding: 'utf8' });
      return { lines: `${stdout}\n${stderr}`.split('\n'), failed: false };
    } catch (e) {
      const { stdout, stderr } = e as { stdout: string; stderr: string };
      return { lines: `${stdout}\n${stderr}`.split('\n'), failed: true };
    }
  };
  const write = (dir: string, files: Record<string, string>) => {
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
  };
  let passing: string;

  beforeAll(() => {
    if (!existsSync(path.join(REAL_GO, 'bin', 'go')))
      throw new Error(`${REAL_GO} is missing: apt-get install golang-1.19-go`);
    mod = root.sub('mod');
    passing = root.sub('passing');
    env.HOME = root.sub('home');
    env.GOCACHE = path.join(env.HOME, 'cache');
    write(mod, {
      'go.mod': 'module example.com/m\n\ngo 1.19\n',
      'main.go': 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Printf("%d\\n", "str")\n}\n',
      'main_test.go': 'package main\n\nimport "testing"\n\nfunc TestX(t *testing.T) {\n\tt.Errorf("boom %d", 1)\n}\n',
      'sub/c.go': 'package sub\n\nfunc F() int {\n\treturn undefinedThing\n}\n'
    });
    write(passing, {
      'go.mod': 'module example.com/p\n\ngo 1.19\n',
      'p.go': 'package p\n\nfunc Add(a, b int) int { return a + b }\n',
      'p_test.go':
        'package p\n\nimport "testing"\n\nfunc TestAdd(t *testing.T) {\n\tt.Log("adding 1 and 2")\n\tif Add(1, 2) != 3 {\n\t\tt.Fatal("wrong")\n\t}\n\tt.Run("sub", func(t *testing.T) { t.Logf("inside %s", t.Name()) })\n}\n'
    });
  });
  afterAll(() => root.cleanup());

  test('go build: the compile error is an error annotation at file, line and column', async () => {
    const r = await go(['build', './...'], mod);
    expect(r.failed).toBe(true);
    expect(r.lines.map(byDefault).filter(Boolean)).toEqual([
      { owner: 'go', severity: 'error', file: 'sub/c.go', line: 4, column: 9, message: 'undefined: undefinedThing' }
    ]);
  });

  test('go vet: the printf check and type errors, including the "vet: " prefix', async () => {
    const r = await go(['vet', './...'], mod);
    expect(r.failed).toBe(true);
    const matched = r.lines.map(byDefault).filter((a): a is Annotation => a !== undefined);
    expect(matched).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: './main.go',
          line: 6,
          column: 2,
          message: 'fmt.Printf format %d has arg "str" of wrong type string'
        }),
        expect.objectContaining({
          file: 'sub/c.go',
          line: 4,
          column: 9,
          message: expect.stringContaining('undefinedThing')
        })
      ])
    );
    expect(matched.every((m) => m.file.endsWith('.go') && !m.file.startsWith('vet') && m.severity === 'error')).toBe(
      true
    );
  });

  test('go test -v of a passing test that logs: no annotation by default', async () => {
    const r = await go(['test', '-v', '.'], passing);
    expect(r.failed).toBe(false);
    // the log lines are there, in the shape the old matcher turned into errors
    expect(r.lines).toEqual(expect.arrayContaining([expect.stringMatching(/^\s+p_test\.go:6: adding 1 and 2$/)]));
    expect(r.lines.map(byDefault).filter(Boolean)).toEqual([]);
  });

  test('go test -v with annotate-test-logs: the log lines are warnings at file and line', async () => {
    const r = await go(['test', '-v', '.'], passing);
    expect(r.lines.map(withTestLogs).filter(Boolean)).toEqual([
      { owner: 'go-test', severity: 'warning', file: 'p_test.go', line: 6, message: 'adding 1 and 2' },
      { owner: 'go-test', severity: 'warning', file: 'p_test.go', line: 10, message: 'inside TestAdd/sub' }
    ]);
  });

  test('go test of a failing test: named at file and line only with annotate-test-logs', async () => {
    const r = await go(['test', '-vet=off', '.'], mod);
    expect(r.failed).toBe(true);
    expect(r.lines.map(byDefault).filter(Boolean)).toEqual([]);
    expect(r.lines.map(withTestLogs).filter(Boolean)).toEqual([
      { owner: 'go-test', severity: 'warning', file: 'main_test.go', line: 6, message: 'boom 1' }
    ]);
  });

  test('the bundled action registers matchers.json (verify mode, Go on PATH), the test-log one only when asked; plan mode none', async () => {
    const ws = root.sub('ws');
    writeFileSync(path.join(ws, 'go.mod'), 'module example.com/w\n\ngo 1.19\n');
    const common = {
      workspace: ws,
      env: { PATH: env.PATH, HOME: env.HOME, GOROOT: undefined, GOTOOLCHAIN: undefined, GOFLAGS: undefined }
    };
    const verify = (extra: Record<string, string>) =>
      runAction({
        ...common,
        inputs: {
          mode: 'verify',
          'on-mismatch': 'warn',
          checks: 'vulnerabilities: off',
          'go-download-base-url': 'file:///nonexistent',
          ...extra
        }
      });
    const matchersOf = (stdout: string) =>
      stdout
        .split('\n')
        .filter((l) => l.startsWith('::add-matcher::'))
        .map((l) => l.slice('::add-matcher::'.length));
    const plain = await verify({});
    expect(plain.code).toBe(0);
    expect(matchersOf(plain.stdout)).toEqual([BUILD]);
    const logs = await verify({ 'annotate-test-logs': 'true' });
    expect(matchersOf(logs.stdout)).toEqual([BUILD, TEST_LOGS]);
    const plan = await runAction({
      ...common,
      inputs: { mode: 'plan', 'go-version': '1.19.8', 'go-download-base-url': 'file:///nonexistent' }
    });
    expect(matchersOf(plan.stdout)).toEqual([]);
  });
});
