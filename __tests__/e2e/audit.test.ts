/**
 * The upgrade audit end to end: the bundled action on a pull request, in real git repositories
 * built here (the base on main, the change on a branch, and the checkout as actions/checkout makes
 * it: a merge commit whose first parent is the base), against the local release manifest. Then the
 * CLI's `audit --base`. What the audit lists is read from the JSON report, the job summary and the
 * audit-file comment.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startMirror, type Mirror } from '../../scripts/test-support/mirror.mjs';
import { buildFixtureManifest } from '../../scripts/test-support/manifest-fixture.mjs';
import { TempRoot, expectExit, run, type RunResult } from './drop-in-helpers.js';
import type { AuditResult } from '../../src/audit/types.js';

const execFileAsync = promisify(execFile);
const CLI = process.env.SETUP_GO_ENFORCED_CLI || path.resolve('dist', 'cli.js');
const root = new TempRoot('e2e-audit-');
let mirror: Mirror;

beforeAll(async () => {
  mirror = await startMirror({ manifest: buildFixtureManifest() });
});
afterAll(async () => {
  await mirror?.close();
  root.cleanup();
});

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com'
    }
  }).trim();
}

function write(dir: string, files: Record<string, string | null>): void {
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(dir, rel);
    if (text === null) {
      execFileSync('rm', ['-f', p]);
      continue;
    }
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
}

/**
 * A repository with `base` committed on main and `head` (changes over the base) on a branch, checked
 * out as a pull request: HEAD is the merge of the branch into main, first parent the base.
 */
function pullRequest(base: Record<string, string>, head: Record<string, string | null>): string {
  const dir = root.sub('repo');
  git(dir, 'init', '-q', '-b', 'main');
  write(dir, base);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  git(dir, 'checkout', '-q', '-b', 'bump');
  write(dir, head);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'bump');
  git(dir, 'checkout', '-q', 'main');
  git(dir, 'merge', '-q', '--no-ff', '-m', 'Merge bump into main', 'bump');
  return dir;
}

const MAIN = 'package main\n\nfunc main() {}\n';

async function audit(
  ws: string,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {}
): Promise<{
  r: RunResult;
  audit: AuditResult;
  findings: { check: string; kind: string; severity: string; message: string; file?: string }[];
}> {
  const r = await run(root, {
    inputs: { mode: 'plan', 'go-download-base-url': mirror.url, 'audit-file': 'audit.md', ...inputs },
    workspace: ws,
    env: { GITHUB_EVENT_NAME: 'pull_request', GITHUB_BASE_REF: 'main', ImageOS: 'ubuntu24', ...env }
  });
  const report = JSON.parse(readFileSync(r.outputs.report, 'utf8'));
  return { r, audit: report.audit, findings: report.findings };
}

test('1.21 -> 1.23: the 1.22 and 1.23 flips are listed, panicnil (1.21) is not, a godebug pin removes one', async () => {
  const ws = pullRequest(
    { 'go.mod': 'module example.com/app\n\ngo 1.21.0\n', 'main.go': MAIN },
    { 'go.mod': 'module example.com/app\n\ngo 1.23.0\n\ngodebug httplaxcontentlength=1\n' }
  );
  const { r, audit: a, findings } = await audit(ws);
  expectExit(r, 0);
  expect(a.status).toBe('changed');
  expect(a.base.ref).toBe('HEAD^1');
  const [m] = a.modules;
  expect(m.go).toMatchObject({ before: '1.21.0', after: '1.23.0' });
  expect([m.build.before.version, m.build.after.version]).toEqual(['1.21.0', '1.23.0']);
  const flipped = m.godebug.flips.map((f) => f.name);
  expect(flipped).toEqual(expect.arrayContaining(['httpmuxgo121', 'asynctimerchan', 'winsymlink']));
  expect(flipped).not.toContain('panicnil');
  // pinned by the godebug line: held, not flipped
  expect(flipped).not.toContain('httplaxcontentlength');
  expect(m.godebug.held.map((h) => h.name)).toContain('httplaxcontentlength');
  expect(m.language.map((l) => l.goLine)).toEqual(expect.arrayContaining(['1.22', '1.23']));
  expect(m.coldBuildCache).toBe(true);
  // advice findings at the changed line; the job passes
  const godebug = findings.filter((f) => f.check === 'audit-godebug');
  expect(godebug.length).toBeGreaterThan(0);
  expect(godebug.every((f) => f.kind === 'advice' && f.severity === 'warning' && f.file === 'go.mod')).toBe(true);
  // the job summary has the audit; audit-file the comment with its marker
  expect(r.summary).toContain('asynctimerchan');
  const comment = readFileSync(path.join(ws, 'audit.md'), 'utf8');
  expect(comment.startsWith('<!-- setup-go-enforced audit -->')).toBe(true);
  expect(comment).toContain('| go line | 1.21.0 | 1.23.0 |');
  expect(comment).toContain('https://go.dev/doc/godebug#go-123');
});

test('1.22 -> 1.24: the printf vet note, the Linux kernel minimum against the runner', async () => {
  const ws = pullRequest(
    { 'go.mod': 'module example.com/app\n\ngo 1.22.0\n', 'main.go': MAIN },
    { 'go.mod': 'module example.com/app\n\ngo 1.24.0\n' }
  );
  const { r, audit: a, findings } = await audit(ws);
  expectExit(r, 0);
  const [m] = a.modules;
  expect(m.vet.map((v) => v.analyzer)).toContain('printf');
  expect(JSON.stringify(m.platform)).toMatch(/kernel/i);
  expect(findings.some((f) => f.check === 'audit-vet' && /printf/.test(f.message))).toBe(true);
  expect(findings.some((f) => f.check === 'audit-platform' && /3\.2/.test(f.message))).toBe(true);
});

test('a toolchain-only bump 1.26.x -> 1.27.0: the settings 1.27 removed are listed for the old go line', async () => {
  const ws = pullRequest(
    { 'go.mod': 'module example.com/app\n\ngo 1.21.0\n\ntoolchain go1.26.5\n', 'main.go': MAIN },
    { 'go.mod': 'module example.com/app\n\ngo 1.21.0\n\ntoolchain go1.27.0\n' }
  );
  const { r, audit: a } = await audit(ws);
  expectExit(r, 0);
  const [m] = a.modules;
  expect(m.go.before).toBe(m.go.after);
  expect([m.build.before.version, m.build.after.version]).toEqual(['1.26.5', '1.27.0']);
  const removed = m.godebug.flips.filter((f) => f.cause === 'removed').map((f) => f.name);
  expect(removed).toEqual(expect.arrayContaining(['tls10server', 'tlsrsakex', 'tls3des', 'asynctimerchan']));
});

test('a Dockerfile left on the old image: listed as left behind at its line (and a break: it cannot build the new go line)', async () => {
  const ws = pullRequest(
    {
      'go.mod': 'module example.com/app\n\ngo 1.25.0\n',
      'main.go': MAIN,
      Dockerfile: 'FROM golang:1.25 AS build\nRUN go build .\n'
    },
    { 'go.mod': 'module example.com/app\n\ngo 1.26.0\n' }
  );
  const { r, audit: a, findings } = await audit(ws);
  expectExit(r, 1);
  expect(findings).toContainEqual(
    expect.objectContaining({ check: 'version-files', kind: 'break', file: 'Dockerfile' })
  );
  expect(a.leftBehind).toEqual([expect.objectContaining({ file: 'Dockerfile', line: 1 })]);
  expect(findings).toContainEqual(
    expect.objectContaining({ check: 'audit-left-behind', kind: 'advice', file: 'Dockerfile', line: 1 })
  );
});

test('a depth-1 checkout (no base commit): one advice finding to fetch the base, the job passes', async () => {
  const full = pullRequest(
    { 'go.mod': 'module example.com/app\n\ngo 1.25.0\n', 'main.go': MAIN },
    { 'go.mod': 'module example.com/app\n\ngo 1.26.0\n' }
  );
  const shallow = path.join(root.sub('shallow'), 'repo');
  execFileSync('git', ['clone', '-q', '--depth', '1', `file://${full}`, shallow]);
  const { r, audit: a, findings } = await audit(shallow);
  expectExit(r, 0);
  expect(a.status).toBe('no-base');
  const base = findings.filter((f) => f.check === 'audit-base');
  expect(base).toEqual([expect.objectContaining({ kind: 'advice', message: expect.stringMatching(/fetch-depth: 0/) })]);
});

test('no version changed: one line says so, no advice but that', async () => {
  const ws = pullRequest(
    { 'go.mod': 'module example.com/app\n\ngo 1.26.0\n', 'main.go': MAIN },
    { 'main.go': `${MAIN}\n// a change that is not a Go bump\n` }
  );
  const { r, audit: a, findings } = await audit(ws);
  expectExit(r, 0);
  expect(a.status).toBe('unchanged');
  expect(findings.filter((f) => f.check.startsWith('audit-'))).toEqual([]);
  const comment = readFileSync(path.join(ws, 'audit.md'), 'utf8').trim().split('\n');
  expect(comment).toHaveLength(2); // the marker and one line
  expect(comment[1]).toMatch(/no Go version/i);
});

test('not a pull request and no audit-base: no audit; audit-base anywhere: an audit', async () => {
  const ws = pullRequest(
    { 'go.mod': 'module example.com/app\n\ngo 1.25.0\n', 'main.go': MAIN },
    { 'go.mod': 'module example.com/app\n\ngo 1.26.0\n' }
  );
  const push = await audit(ws, {}, { GITHUB_EVENT_NAME: 'push', GITHUB_BASE_REF: '' });
  expect(push.audit).toBeNull();
  const given = await audit(ws, { 'audit-base': 'HEAD~1' }, { GITHUB_EVENT_NAME: 'push', GITHUB_BASE_REF: '' });
  expect(given.audit.status).toBe('changed');
});

test('a godebug line the installed Go 1.22 cannot read is a break (Go: unknown directive: godebug)', async () => {
  const ws = pullRequest(
    { 'go.mod': 'module example.com/app\n\ngo 1.22.0\n', 'main.go': MAIN },
    { 'go.mod': 'module example.com/app\n\ngo 1.22.0\n\ngodebug panicnil=1\n' }
  );
  const { r, findings } = await audit(ws);
  expectExit(r, 1);
  expect(findings).toContainEqual(
    expect.objectContaining({ check: 'godebug', kind: 'break', severity: 'error', file: 'go.mod', line: 5 })
  );
});

test('the CLI: audit --base prints the comment; --json the report with its audit', async () => {
  const ws = pullRequest(
    { 'go.mod': 'module example.com/app\n\ngo 1.21.0\n', 'main.go': MAIN },
    { 'go.mod': 'module example.com/app\n\ngo 1.23.0\n' }
  );
  const env = { ...process.env, GO_DOWNLOAD_BASE_URL: mirror.url, GITHUB_ACTIONS: '', GITHUB_EVENT_NAME: '' };
  // not execFileSync: the mirror answers from this process
  const { stdout: out } = await execFileAsync(
    process.execPath,
    [CLI, 'audit', '--base', 'HEAD^1', '--checks', 'audit-vulnerabilities: off'],
    {
      cwd: ws,
      env,
      encoding: 'utf8'
    }
  );
  expect(out).toContain('asynctimerchan');
  expect(out).not.toContain('<!-- setup-go-enforced audit -->');
  const json = JSON.parse(
    (
      await execFileAsync(
        process.execPath,
        [CLI, 'audit', '--base', 'HEAD^1', '--json', '--checks', 'audit-vulnerabilities: off'],
        {
          cwd: ws,
          env,
          encoding: 'utf8'
        }
      )
    ).stdout
  ) as { audit: AuditResult; source: { origin: string } };
  expect(json.audit.status).toBe('changed');
  expect(json.source.origin).toBe('local');
});
