/**
 * Go's problem matcher (matchers.json): its regex against the real output of `go build`, `go vet`
 * and `go test` of Go 1.19, and its registration by the bundled action.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runAction } from '../../scripts/lib/run-action.mjs';
import { TempRoot } from '../e2e/drop-in-helpers.js';

const execFileAsync = promisify(execFile);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const MATCHERS = path.join(repo, 'matchers.json');
const REAL_GO = '/usr/lib/go-1.19';

interface Pattern {
  regexp: string;
  file: number;
  line: number;
  column: number;
  message: number;
}
const matcher = JSON.parse(readFileSync(MATCHERS, 'utf8')) as {
  problemMatcher: { owner: string; pattern: Pattern[] }[];
};
const pattern = matcher.problemMatcher[0].pattern[0];
const regex = new RegExp(pattern.regexp);

/** What the runner would annotate for a line, or undefined. */
function match(line: string): { file: string; line?: number; column?: number; message: string } | undefined {
  const m = regex.exec(line);
  if (!m) return undefined;
  return {
    file: m[pattern.file],
    line: m[pattern.line] ? Number(m[pattern.line]) : undefined,
    column: m[pattern.column] ? Number(m[pattern.column]) : undefined,
    message: m[pattern.message]
  };
}

test('one matcher, owner go, as actions/setup-go registers it', () => {
  expect(matcher.problemMatcher).toHaveLength(1);
  expect(matcher.problemMatcher[0].owner).toBe('go');
});

test.each([
  ['C:\\a\\b\\main.go:3:4: undefined: x', { file: 'C:\\a\\b\\main.go', line: 3, column: 4, message: 'undefined: x' }],
  ['# example.com/m', undefined],
  ['go: downloading example.com/dep v1.0.0', undefined],
  ['\t/home/runner/go/src/x/main.go:12 +0x1d', undefined],
  ['FAIL\texample.com/m\t0.004s', undefined]
])('%j', (line, expected) => expect(match(line)).toEqual(expected));

const missing = existsSync(path.join(REAL_GO, 'bin', 'go')) ? undefined : `${REAL_GO} is not installed`;

if (missing) {
  test.skip(`real Go output: skipped because ${missing}`, () => undefined);
} else {
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
    /** stderr+stdout of a go command that fails, split in lines. */
    const fails = async (args: string[]): Promise<string[]> => {
      try {
        await execFileAsync('go', args, { cwd: mod, env, encoding: 'utf8' });
      } catch (e) {
        const { stdout, stderr } = e as { stdout: string; stderr: string };
        return `${stdout}\n${stderr}`.split('\n');
      }
      throw new Error(`go ${args.join(' ')} succeeded`);
    };

    beforeAll(() => {
      mod = root.sub('mod');
      env.HOME = root.sub('home');
      env.GOCACHE = path.join(env.HOME, 'cache');
      const files: Record<string, string> = {
        'go.mod': 'module example.com/m\n\ngo 1.19\n',
        'main.go': 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Printf("%d\\n", "str")\n}\n',
        'main_test.go': 'package main\n\nimport "testing"\n\nfunc TestX(t *testing.T) {\n\tt.Errorf("boom %d", 1)\n}\n',
        'sub/c.go': 'package sub\n\nfunc F() int {\n\treturn undefinedThing\n}\n'
      };
      for (const [rel, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(mod, rel)), { recursive: true });
        writeFileSync(path.join(mod, rel), text);
      }
    });
    afterAll(() => root.cleanup());

    test('go build: the compile error becomes an annotation at file, line and column', async () => {
      const matched = (await fails(['build', './...'])).map(match).filter(Boolean);
      expect(matched).toEqual([{ file: 'sub/c.go', line: 4, column: 9, message: 'undefined: undefinedThing' }]);
    });

    test('go vet: printf check and type errors, including the "vet: " prefix', async () => {
      const matched = (await fails(['vet', './...'])).map(match).filter(Boolean);
      expect(matched).toEqual(
        expect.arrayContaining([
          { file: './main.go', line: 6, column: 2, message: 'fmt.Printf format %d has arg "str" of wrong type string' },
          { file: 'sub/c.go', line: 4, column: 9, message: expect.stringContaining('undefinedThing') }
        ])
      );
      expect(matched.every((m) => m!.file.endsWith('.go') && !m!.file.startsWith('vet'))).toBe(true);
    });

    test('go test: a failed test names file and line (no column)', async () => {
      const lines = await fails(['test', '-vet=off', '.']);
      expect(lines.map(match).filter(Boolean)).toEqual(
        expect.arrayContaining([{ file: 'main_test.go', line: 6, column: undefined, message: 'boom 1' }])
      );
    });

    test('the bundled action registers matchers.json (verify mode, Go on PATH); plan mode does not', async () => {
      const ws = root.sub('ws');
      writeFileSync(path.join(ws, 'go.mod'), 'module example.com/w\n\ngo 1.19\n');
      const common = {
        workspace: ws,
        env: { PATH: env.PATH, HOME: env.HOME, GOROOT: undefined, GOTOOLCHAIN: undefined, GOFLAGS: undefined }
      };
      const verify = await runAction({
        ...common,
        inputs: {
          mode: 'verify',
          'on-mismatch': 'warn',
          checks: 'vulnerabilities: off',
          'go-download-base-url': 'file:///nonexistent'
        }
      });
      expect(verify.code).toBe(0);
      expect(verify.stdout.split('\n')).toContain(`::add-matcher::${MATCHERS}`);
      const plan = await runAction({
        ...common,
        inputs: { mode: 'plan', 'go-version': '1.19.8', 'go-download-base-url': 'file:///nonexistent' }
      });
      expect(plan.stdout).not.toContain('::add-matcher::');
    });
  });
}
