/** The dashboard command in process (the bundle as a child process: __tests__/e2e/dashboard-cli.test.ts). */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../../src/cli/args.js';
import { dashboardCommand } from '../../src/cli/dashboard-command.js';
import { OWN_COMMANDS } from '../../src/cli/commands.js';
import type { CliIo } from '../../src/cli/io.js';
import { report } from './fleet-fixture.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'fleet-cmd-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function io(env: NodeJS.ProcessEnv = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    env,
    cwd: dir
  };
}

test('the command is registered as "dashboard"', () => {
  expect(OWN_COMMANDS.dashboard).toBe(dashboardCommand);
  expect(dashboardCommand.usage).toMatch(/^ {2}dashboard REPORT\.\.\.\n/);
});

test.each([
  [[], 'no REPORT given (expected report files, folders of them, or globs)'],
  [['r', '--target', 'latest'], '--target: "latest" is not a Go version (expected a version such as 1.27 or 1.27.1)'],
  [['r', '--target', '1.x'], '--target: "1.x" is not a Go version (expected a version such as 1.27 or 1.27.1)'],
  [
    ['r', '--page-url', 'javascript:alert(1)'],
    '--page-url: "javascript:alert(1)" is not an http(s) address (expected https://org.github.io/fleet/)'
  ],
  [['r', '--out', ''], '--out: empty (expected a folder)'],
  [['r', '--colour'], /^Unknown option '--colour'\./] // node:util's words
] as [string[], string | RegExp][])('%j is a usage error: %s', async (argv, message) => {
  const e = await dashboardCommand.run(argv, io()).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(UsageError);
  if (typeof message === 'string') expect((e as Error).message).toBe(message);
  else expect((e as Error).message).toMatch(message);
});

test('--help prints the usage and exits 0', async () => {
  const i = io();
  expect(await dashboardCommand.run(['--help'], i)).toBe(0);
  expect(i.out.join('')).toMatch(/^Usage: setup-go-enforced dashboard REPORT\.\.\. \[--out DIR\]/);
});

test('writes the three files; --target go1.26 is read as 1.26; SOURCE_DATE_EPOCH is the time', async () => {
  writeFileSync(path.join(dir, 'a-report.json'), JSON.stringify(report({ repository: 'acme/a' })));
  writeFileSync(path.join(dir, 'b-report.json'), '{oops');
  const i = io({ SOURCE_DATE_EPOCH: '1777723200' }); // 2026-05-02T12:00:00Z
  expect(await dashboardCommand.run(['a-report.json', 'b-report.json', '--target', 'go1.26', '--out', 'o'], i)).toBe(0);
  expect(readdirSync(path.join(dir, 'o')).sort()).toEqual(['dashboard.json', 'dashboard.md', 'index.html']);
  const d = JSON.parse(readFileSync(path.join(dir, 'o', 'dashboard.json'), 'utf8'));
  expect(d.target).toEqual({ version: '1.26', source: 'flag' });
  expect(d.generatedAt).toBe('2026-05-02T12:00:00.000Z');
  const lines = i.out.join('').split('\n');
  expect(lines[0]).toBe('read 2 files: 1 report, 1 skipped');
  expect(lines[1]).toBe('  skipped 1, not JSON: b-report.json');
  expect(lines.slice(2)).toEqual([
    '1 repository, 1 row (0 older reports replaced); target Go 1.26',
    `wrote ${['index.html', 'dashboard.md', 'dashboard.json'].map((f) => path.join('o', f)).join(', ')}`,
    `open file://${path.join(dir, 'o', 'index.html')}`,
    ''
  ]);
});

test('nothing valid: exit 1, the reasons on stderr, nothing written', async () => {
  writeFileSync(path.join(dir, 'x-report.json'), JSON.stringify({ ...report(), schemaVersion: 2 }));
  const i = io();
  expect(await dashboardCommand.run(['.', '--out', 'o'], i)).toBe(1);
  expect(i.err.join('')).toMatch(
    /^setup-go-enforced dashboard: nothing to show: no valid report among 1 file\n {2}skipped 1, schemaVersion 2 \(names no repository\): x-report\.json\n$/
  );
  expect(readdirSync(dir)).toEqual(['x-report.json']);
});
