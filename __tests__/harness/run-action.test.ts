import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  runAction,
  spawnAction,
  listTree,
  envForNextStep,
  parseActionDefaults,
  parseKeyValueText,
  parseAnnotations,
  readActionDefaults,
  inputEnvName
} from '../../scripts/test-support/run-action.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fake = path.join(here, 'fixtures', 'fake-action.mjs');
const created: string[] = [];
const tmp = (p: string) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), p));
  created.push(dir);
  return dir;
};
/** Runs the action and queues its temp folders for removal. */
const run = async (opts: Parameters<typeof runAction>[0]) => {
  const r = await runAction(opts);
  created.push(r.toolCache, r.temp);
  return r;
};
afterAll(() => {
  for (const d of created) rmSync(d, { recursive: true, force: true });
});

describe('runAction with a fake action', () => {
  const workspace = tmp('ws-');
  let result: Awaited<ReturnType<typeof runAction>>;
  let inputs: Record<string, string>;

  beforeAll(async () => {
    process.env.GITHUB_LEAK_TEST = 'leak';
    process.env.INPUT_LEAK = 'leak';
    process.env.RUNNER_LEAK = 'leak';
    try {
      result = await run({
        distPath: fake,
        workspace,
        inputs: { 'go-version': '1.22.3', 'Check-Latest': 'true' },
        env: { EXTRA: 'x' }
      });
    } finally {
      delete process.env.GITHUB_LEAK_TEST;
      delete process.env.INPUT_LEAK;
      delete process.env.RUNNER_LEAK;
    }
    inputs = JSON.parse(result.outputs.inputs);
  });

  test('exits 0 and reports a duration', () => {
    expect(result.code).toBe(0);
    expect(result.signal).toBeNull();
    expect(result.durationMs).toBeGreaterThan(0);
  });

  test('parses outputs, including multi-line values', () => {
    expect(result.outputs['go-version']).toBe('1.22.3');
    expect(result.outputs.multi).toBe('line one\nline two');
  });

  test('parses exported variables, path entries and state', () => {
    expect(result.env).toEqual({ GOTOOLCHAIN: 'local', FAKE_ROOT: '/opt/fake,root' });
    expect(result.path).toEqual(['/opt/fake/first', '/opt/fake/second']);
    expect(result.state).toEqual({ pid: '42' });
  });

  test('reads the job summary', () => {
    expect(result.summary).toContain('<h2>Fake summary</h2>');
    expect(result.summary).toContain('| 1 | 2 |');
  });

  test('parses annotations with their properties and unescaped messages', () => {
    expect(result.annotations).toEqual([
      {
        level: 'error',
        file: 'sub/go.mod',
        line: 3,
        col: 1,
        title: 'go line',
        message: 'go.mod says go 1.22: mismatch, 100% sure'
      },
      { level: 'warning', message: 'a warning\nwith two lines' },
      { level: 'notice', message: 'a notice' }
    ]);
    expect(result.errors).toEqual(['go.mod says go 1.22: mismatch, 100% sure']);
  });

  test('applies action.yml defaults, with given inputs matched case-insensitively', () => {
    expect(inputs['INPUT_GO-VERSION']).toBe('1.22.3');
    expect(inputs['INPUT_CHECK-LATEST']).toBe('true');
    expect(inputs['INPUT_MODE']).toBe('install');
    expect(inputs['INPUT_ON-MISMATCH']).toBe('fail');
    expect(inputs['INPUT_VULNDB-URL']).toBe('https://vuln.go.dev');
    expect(inputs['INPUT_MATRIX-RANGE']).toBe('all');
    expect(inputs['INPUT_TOKEN']).toBe('');
    expect(inputs['INPUT_GO-VERSION-FILE']).toBe('');
    expect(inputs['INPUT_LEAK']).toBeUndefined();
    expect(Object.keys(inputs).sort()).toEqual(Object.keys(readActionDefaults()).map(inputEnvName).sort());
  });

  test('gives the runner environment and strips the parent GITHUB_/INPUT_/RUNNER_ variables', () => {
    const env = result.processEnv;
    expect(env.GITHUB_WORKSPACE).toBe(workspace);
    expect(env.RUNNER_TOOL_CACHE).toBe(result.toolCache);
    expect(env.RUNNER_TEMP).toBe(result.temp);
    expect(env.RUNNER_ENVIRONMENT).toBe('github-hosted');
    expect(env.RUNNER_OS).toEqual(process.platform === 'linux' ? 'Linux' : expect.any(String));
    expect(env.EXTRA).toBe('x');
    expect(env.GITHUB_LEAK_TEST).toBeUndefined();
    expect(env.RUNNER_LEAK).toBeUndefined();
    for (const k of ['GITHUB_PATH', 'GITHUB_ENV', 'GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY'])
      expect(env[k]).toEqual(expect.any(String));
  });

  test('envForNextStep prepends the path entries (last added first) and applies the variables', () => {
    const next = envForNextStep(result, {
      PATH: ['/usr/bin', '/bin'].join(path.delimiter),
      GOTOOLCHAIN: 'auto',
      KEEP: '1'
    });
    expect(next.PATH.split(path.delimiter)).toEqual(['/opt/fake/second', '/opt/fake/first', '/usr/bin', '/bin']);
    expect(next.GOTOOLCHAIN).toBe('local');
    expect(next.KEEP).toBe('1');
  });
});

describe('runAction exit codes and processes', () => {
  test('a failed action exits 1 with its failure as an error annotation', async () => {
    const r = await run({ distPath: fake, workspace: tmp('ws-'), env: { FAKE_MODE: 'fail' } });
    expect(r.code).toBe(1);
    expect(r.errors).toContain('fake failure');
  });

  test('a shared tool cache and temp folder are used as given; env null removes a variable', async () => {
    const toolCache = tmp('tc-');
    const temp = tmp('rt-');
    const r = await run({ distPath: fake, workspace: tmp('ws-'), toolCache, temp, env: { HOME: null } });
    expect(r.toolCache).toBe(toolCache);
    expect(r.processEnv.RUNNER_TEMP).toBe(temp);
    expect(r.processEnv.HOME).toBeUndefined();
  });

  test('spawnAction returns the child process, which can be killed', async () => {
    const child = spawnAction({ distPath: fake, workspace: tmp('ws-'), env: { FAKE_MODE: 'sleep' } });
    expect(child.pid).toEqual(expect.any(Number));
    setTimeout(() => child.kill('SIGKILL'), 200);
    const r = await child.result;
    created.push(r.toolCache, r.temp);
    expect(r.signal).toBe('SIGKILL');
    expect(r.code).toBeNull();
    expect(r.timedOut).toBe(false);
  });

  test('timeoutMs kills a hung action', async () => {
    const r = await run({ distPath: fake, workspace: tmp('ws-'), env: { FAKE_MODE: 'sleep' }, timeoutMs: 300 });
    expect(r.timedOut).toBe(true);
    expect(r.signal).toBe('SIGKILL');
  });
});

describe('parsers', () => {
  test.each([
    [
      'plain and quoted defaults',
      "inputs:\n  a:\n    default: plain # note\n  b:\n    description: 'x'\n    default: 'it''s'\n  c:\n    default: \"q\\\"d\"\noutputs:\n  d:\n    default: 'not an input'\n",
      { a: 'plain', b: "it's", c: 'q"d' }
    ],
    [
      'expression default is empty; no default is omitted',
      'name: x\ninputs:\n  token:\n    default: ${{ github.token }}\n  bare:\n    required: true\nruns:\n  using: node24\n',
      { token: '' }
    ],
    ['CRLF and comments', "inputs:\r\n  # comment\r\n  x:\r\n    default: 'y'\r\n", { x: 'y' }]
  ])('parseActionDefaults: %s', (_name, yml, expected) => {
    expect(parseActionDefaults(yml)).toEqual(expected);
  });

  test.each([
    ['heredoc', 'a<<EOF\none\ntwo\nEOF\n', { a: 'one\ntwo' }],
    ['empty heredoc value', 'a<<D\n\nD\n', { a: '' }],
    ['plain lines, later wins', 'a=1\nb=x<<y\na=2\n', { a: '2', b: 'x<<y' }],
    ['CRLF', 'a<<D\r\nv\r\nD\r\n', { a: 'v' }]
  ])('parseKeyValueText: %s', (_name, text, expected) => {
    expect(parseKeyValueText(text)).toEqual(expected);
  });

  test('parseKeyValueText rejects an unterminated heredoc', () => {
    expect(() => parseKeyValueText('a<<D\nvalue\n')).toThrow(/unterminated/);
  });

  test.each([
    [
      '::error file=a%2Cb.mod,line=2,endLine=4,col=5,endColumn=9::x%0Ay',
      [{ level: 'error', file: 'a,b.mod', line: 2, endLine: 4, col: 5, endColumn: 9, message: 'x\ny' }]
    ],
    ['::warning::w', [{ level: 'warning', message: 'w' }]],
    ['::debug::d\n::group::g\nplain text', []]
  ])('parseAnnotations(%j)', (stdout, expected) => {
    expect(parseAnnotations(stdout)).toEqual(expected);
  });
});

describe('listTree', () => {
  test('lists folders, files with sizes and links, sorted', () => {
    const root = tmp('tree-');
    mkdirSync(path.join(root, 'go', '1.22.3', 'x64', 'bin'), { recursive: true });
    writeFileSync(path.join(root, 'go', '1.22.3', 'x64.complete'), '');
    writeFileSync(path.join(root, 'go', '1.22.3', 'x64', 'bin', 'go'), 'abc');
    symlinkSync('bin/go', path.join(root, 'go', '1.22.3', 'x64', 'go-link'));
    expect(listTree(root)).toEqual([
      'go/',
      'go/1.22.3/',
      'go/1.22.3/x64/',
      'go/1.22.3/x64/bin/',
      'go/1.22.3/x64/bin/go 3',
      'go/1.22.3/x64/go-link -> bin/go',
      'go/1.22.3/x64.complete 0'
    ]);
  });

  test('a missing folder lists as empty', () => {
    expect(listTree(path.join(os.tmpdir(), 'does-not-exist-' + process.pid))).toEqual([]);
  });
});
