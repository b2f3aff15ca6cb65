import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { auditUpgrade } from '../../src/audit/audit.js';
import { readBaseTree } from '../../src/audit/base-tree.js';
import { chooseBase } from '../../src/audit/base-ref.js';
import { readHeadGoSources } from '../../src/audit/head-sources.js';
import { FETCH_DEPTH_ADVICE } from '../../src/audit/refs.js';
import type { BaseRead } from '../../src/audit/types.js';
import { scanWorkspace } from '../../src/verify/workspace-scan.js';
import { RELEASES, LINUX } from './fixture.js';

const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  HOME: os.tmpdir()
};

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { env: ENV, encoding: 'utf8' }).trim();
}

function write(dir: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    writeFileSync(path.join(dir, p), text);
  }
}

function commit(dir: string, message: string): string {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}

const SECRET = 'SECRET-CONTENT-NEVER-SHOWN';

let tmp: string;
let repo: string;
let baseSha: string;

/**
 * main: the base (go 1.21, golang:1.21 image, a main package with //go:debug, a library, a vendored
 * go.mod, a workflow); feature: go 1.23; then main merges feature with --no-ff, as actions/checkout
 * checks out a pull request: HEAD is a merge commit whose first parent is the base.
 */
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'audit-base-'));
  repo = path.join(tmp, 'repo');
  mkdirSync(repo);
  git(repo, 'init', '-q', '-b', 'main');
  write(repo, {
    'go.mod': 'module example.com/svc\n\ngo 1.21\n',
    Dockerfile: 'FROM golang:1.21-alpine AS build\n',
    'cmd/api/main.go': `// ${SECRET}\n//go:debug panicnil=1\n\npackage main\n\nfunc main() {}\n`,
    'cmd/api/extra.go': 'package main\n',
    'lib/lib.go': 'package lib\n',
    'vendor/example.com/x/go.mod': 'module example.com/x\n\ngo 1.10\n',
    '.github/workflows/ci.yml':
      'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-go@v5\n        with:\n          go-version: "1.21"\n'
  });
  baseSha = commit(repo, 'base');
  git(repo, 'checkout', '-q', '-b', 'feature');
  write(repo, { 'go.mod': 'module example.com/svc\n\ngo 1.23\n\ngodebug httpmuxgo121=1\n' });
  commit(repo, 'bump go to 1.23');
  git(repo, 'branch', 'release', baseSha);
  git(repo, 'checkout', '-q', 'main');
  git(repo, 'merge', '-q', '--no-ff', '-m', 'Merge feature into main', 'feature');
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function read(b: BaseRead) {
  if (b.status !== 'read') throw new Error(`not read: ${b.reason}`);
  return b;
}

describe('readBaseTree: the base of a pull request checkout', () => {
  test('HEAD^1 of the merge commit is the base: its go.mod, image, workflow and main package', async () => {
    const b = read(await readBaseTree(repo, 'HEAD^1'));
    expect(b.sha).toBe(baseSha);
    expect(b.ref).toBe('HEAD^1');
    expect(b.side.root).toBe('go.mod');
    expect(b.side.modules.map((m) => [m.path, m.go?.value])).toEqual([['go.mod', '1.21']]);
    expect(b.side.declarations.map((d) => [d.kind, d.file, d.line, d.raw])).toEqual([
      ['Dockerfile', 'Dockerfile', 1, 'golang:1.21-alpine'],
      ['workflow', '.github/workflows/ci.yml', 8, '1.21']
    ]);
    expect(b.side.packages.map((p) => [p.dir, p.main, p.files.map((f) => f.file)])).toEqual([
      ['cmd/api', true, ['cmd/api/extra.go', 'cmd/api/main.go']]
    ]);
    expect(b.side.packages[0].files[1].header.directives).toEqual([{ text: '//go:debug panicnil=1', line: 2 }]);
    expect(b.side.problems).toEqual([]);
  });

  test('a branch name and a sha name the same commit', async () => {
    const bySha = read(await readBaseTree(repo, baseSha));
    expect(bySha.sha).toBe(baseSha);
    const byBranch = read(await readBaseTree(repo, 'feature'));
    expect(byBranch.side.modules[0].go?.value).toBe('1.23');
    expect(byBranch.side.modules[0].godebug).toEqual([{ value: { key: 'httpmuxgo121', value: '1' }, line: 5 }]);
  });

  test('chooseBase on a pull_request: the merge commit has two parents, so HEAD^1', async () => {
    expect(await chooseBase(repo, { eventName: 'pull_request', baseRef: 'main' })).toEqual({
      ref: 'HEAD^1',
      label: 'HEAD^1'
    });
    expect(await chooseBase(repo, { input: 'feature', eventName: 'pull_request', baseRef: 'main' })).toEqual({
      ref: 'feature',
      label: 'feature'
    });
  });

  test('the whole audit of the merge commit against its base', async () => {
    const b = read(await readBaseTree(repo, 'HEAD^1'));
    const scan = await scanWorkspace(repo);
    const heads = readHeadGoSources(repo, scan.modules);
    const r = auditUpgrade({
      base: b,
      head: { modules: scan.modules, declarations: scan.declarations, packages: heads.packages, root: 'go.mod' },
      releases: RELEASES,
      platform: LINUX,
      runner: { os: 'Linux', arch: 'X64', imageOS: 'ubuntu24' }
    });
    expect(r.status).toBe('changed');
    expect(
      r.modules.map((m) => [m.path, m.go.before, m.go.after, m.build.before.version, m.build.after.version])
    ).toEqual([['go.mod', '1.21', '1.23', '1.21.13', '1.23.12']]);
    expect(r.modules[0].mainPackages).toBe(1);
    expect(r.modules[0].godebug.held.map((h) => h.name)).toEqual(['httpmuxgo121']);
    expect(r.leftBehind.map((l) => `${l.file}:${l.line}`)).toEqual(['Dockerfile:1', '.github/workflows/ci.yml:8']);
    expect(JSON.stringify(r)).not.toContain(SECRET);
  });
});

describe('readBaseTree: a clone without the base', () => {
  test('depth 1 (actions/checkout default): no-base with the fetch-depth advice, never an error', async () => {
    const clone = path.join(tmp, 'shallow');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo}`, clone], { env: ENV });
    expect(git(clone, 'rev-parse', '--is-shallow-repository')).toBe('true');
    const b = await readBaseTree(clone, 'HEAD^1');
    expect(b).toEqual({
      status: 'no-base',
      ref: 'HEAD^1',
      reason: 'the base "HEAD^1" is not in this checkout (a shallow clone).',
      advice: FETCH_DEPTH_ADVICE
    });
    expect(FETCH_DEPTH_ADVICE).toMatch(/fetch-depth: 0/);
    expect(FETCH_DEPTH_ADVICE).toMatch(/fetch-depth: 2/);
    // the merge commit still names two parents, so the pull request default is HEAD^1 here too
    expect(await chooseBase(clone, { eventName: 'pull_request', baseRef: 'main' })).toEqual({
      ref: 'HEAD^1',
      label: 'HEAD^1'
    });
  });

  test('a full clone of the pull request head (no merge commit): the merge base with origin/<base>', async () => {
    const clone = path.join(tmp, 'full');
    execFileSync('git', ['clone', '-q', `file://${repo}`, clone], { env: ENV });
    git(clone, 'checkout', '-q', 'feature');
    const chosen = await chooseBase(clone, { eventName: 'pull_request_target', baseRef: 'release' });
    expect(chosen).toEqual({ ref: baseSha, label: 'the merge base of HEAD and release (origin/release)' });
    expect(read(await readBaseTree(clone, chosen.ref, { label: chosen.label })).ref).toBe(chosen.label);
    // the CLI: the merge base with the default branch (origin/HEAD: main, which merged feature)
    expect((await chooseBase(clone, {})).ref).toBe(git(clone, 'rev-parse', 'feature'));
  });

  test('a ref that names nothing in a full checkout: no-base with another advice', async () => {
    const b = await readBaseTree(repo, 'no-such-branch');
    expect(b).toMatchObject({ status: 'no-base', reason: '"no-such-branch" names no commit in this checkout.' });
  });

  test('a folder that is no git checkout', async () => {
    const plain = mkdtempSync(path.join(tmp, 'plain-'));
    expect(await readBaseTree(plain, 'HEAD')).toEqual({
      status: 'no-base',
      ref: 'HEAD',
      reason: 'the workspace is not a git checkout.'
    });
  });
});

describe('readBaseTree: refs cannot become options', () => {
  test.each(['--output=OUT', '-h', 'HEAD:go.mod', 'main..feature', 'a b', 'x\ny', ''])(
    '%j is refused before git sees it',
    async (ref) => {
      const out = path.join(tmp, 'out-file');
      const b = await readBaseTree(repo, ref.replace('OUT', out));
      expect(b.status).toBe('no-base');
      if (b.status === 'no-base') expect(b.reason).toMatch(/^the base ref /);
      expect(existsSync(out)).toBe(false);
    }
  );
});

describe('readBaseTree: files the base must not have read', () => {
  let hostile: string;
  beforeAll(() => {
    hostile = path.join(tmp, 'hostile');
    mkdirSync(hostile);
    git(hostile, 'init', '-q', '-b', 'main');
    symlinkSync('/etc/passwd', path.join(hostile, 'go.mod'));
    write(hostile, {
      'big/go.mod': `module example.com/big\n\ngo 1.21\n// ${SECRET}\n${'x'.repeat(2 * 1024 * 1024)}\n`,
      'ok/go.mod': 'module example.com/ok\n\ngo 1.22\n'
    });
    mkdirSync(path.join(hostile, 'linked'));
    symlinkSync('../ok/go.mod', path.join(hostile, 'linked', 'go.mod'));
    commit(hostile, 'hostile base');
  });

  test('a symlink go.mod -> /etc/passwd and a 2 MiB go.mod are refused unread; the rest is read', async () => {
    const b = read(await readBaseTree(hostile, 'HEAD', { limits: { maxTotalBytes: 4096 } }));
    expect(b.side.modules.map((m) => m.path)).toEqual(['ok/go.mod']);
    expect(b.side.problems).toEqual([
      { kind: 'refused', file: 'go.mod', message: 'is a symbolic link in the base commit: not read' },
      {
        kind: 'refused',
        file: 'big/go.mod',
        message: expect.stringMatching(/^is \d+ bytes, more than the 1048576 read at most: not read$/)
      },
      { kind: 'refused', file: 'linked/go.mod', message: 'is a symbolic link in the base commit: not read' }
    ]);
    // had the big file been read, the 4096-byte budget would have run out
    expect(JSON.stringify(b)).not.toContain(SECRET);
    expect(JSON.stringify(b)).not.toContain('root:');
  });

  test('the byte budget stops the reading with a problem that says so', async () => {
    const b = read(await readBaseTree(hostile, 'HEAD', { limits: { maxTotalBytes: 10 } }));
    expect(b.side.modules).toEqual([]);
    expect(b.side.problems).toContainEqual({
      kind: 'skipped',
      file: 'ok/go.mod',
      message: '10 bytes read in all: this and later files not read'
    });
  });
});
