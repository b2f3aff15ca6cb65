/**
 * The walk (edge): the files in the checks' scope plus tool modfiles, and which package folders
 * are `package main`, read from the first bytes of one file per folder through the workspace's
 * safe-read rules.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { walkRepository } from '../../src/bump/walk.js';
import { HEADER_BYTES } from '../../src/go/source-header.js';

let dir: string;
let outside: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bump-walk-'));
  outside = mkdtempSync(path.join(os.tmpdir(), 'bump-walk-outside-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

function write(files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
}

test('the files bump reads: the scan scope and tool modfiles; not vendor, testdata, hidden folders or .github/*.mod', () => {
  write({
    'go.mod': 'module x\n',
    'tools.mod': 'module x/tools\n',
    'go.work': 'go 1.25\n',
    Dockerfile: 'FROM golang:1.25\n',
    '.github/workflows/ci.yml': 'on: push\n',
    '.github/x.mod': 'not ours\n',
    'vendor/a/go.mod': 'module a\n',
    'testdata/go.mod': 'module t\n',
    '.hidden/go.mod': 'module h\n',
    'svc/.go-version': '1.25\n',
    'svc/mise.toml': '[tools]\n',
    'README.md': '# x\n'
  });
  expect(
    walkRepository(dir)
      .files.map((f) => `${f.path} ${f.kind}`)
      .sort()
  ).toEqual([
    '.github/workflows/ci.yml workflow',
    'Dockerfile Dockerfile',
    'go.mod go.mod',
    'go.work go.work',
    'svc/.go-version .go-version',
    'svc/mise.toml mise.toml',
    'tools.mod tool modfile'
  ]);
});

test('package folders: main from the first file with a package clause; ignored and test files passed over', () => {
  write({
    'go.mod': 'module x\n',
    'lib.go': 'package x\n',
    // longer than HEADER_BYTES: only its first bytes are read (the clause is near the top)
    'cmd/a/main.go': `// ${'c'.repeat(200)}\n\npackage main\n\n${'// filler\n'.repeat(HEADER_BYTES / 5)}`,
    'gen/a_gen.go': '//go:build ignore\n\npackage main\n',
    'gen/b.go': 'package gen\n',
    'only_tests/main_test.go': 'package main\n',
    'tools/go.mod': 'module x/tools\n',
    'tools/tools.go': '//go:build tools\n\npackage tools\n'
  });
  const w = walkRepository(dir);
  expect(w.folders.sort((a, b) => (a.dir < b.dir ? -1 : 1))).toEqual([
    { dir: 'cmd/a', main: 'cmd/a/main.go' },
    { dir: 'tools', tools: 'tools/tools.go' }
  ]);
});

test('a Go file linked from outside the repository is not read; linked folders are not followed', () => {
  writeFileSync(path.join(outside, 'main.go'), 'package main\n');
  mkdirSync(path.join(outside, 'sub'));
  writeFileSync(path.join(outside, 'sub', 'go.mod'), 'module o\n');
  write({ 'go.mod': 'module x\n' });
  symlinkSync(path.join(outside, 'main.go'), path.join(dir, 'main.go'));
  symlinkSync(path.join(outside, 'sub'), path.join(dir, 'sub'));
  const w = walkRepository(dir);
  expect(w.folders).toEqual([]);
  expect(w.files.map((f) => f.path)).toEqual(['go.mod']);
});

test('once a module is known to be an application, its other folders are not read', () => {
  write({
    'go.mod': 'module x\n',
    'main.go': 'package main\n',
    'b/b.go': 'package main\n',
    'c/c.go': 'package main\n'
  });
  expect(walkRepository(dir).folders).toEqual([{ dir: '', main: 'main.go' }]);
});
