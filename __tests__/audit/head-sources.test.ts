import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readHeadGoSources } from '../../src/audit/head-sources.js';
import { mod } from './fixture.js';

let dir: string;
let outside: string;

function write(files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    writeFileSync(path.join(dir, p), text);
  }
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'audit-head-'));
  outside = mkdtempSync(path.join(os.tmpdir(), 'audit-outside-'));
  writeFileSync(path.join(outside, 'secret.go'), '//go:debug panicnil=1\npackage main\n');
  write({
    'go.mod': 'module example.com/m\n\ngo 1.23\n',
    'cmd/api/main.go': '//go:debug panicnil=1\n\npackage main\n',
    'cmd/api/b.go': '//go:debug tls10server=1\npackage main\n',
    'cmd/api/main_test.go': '//go:debug nosuch=1\npackage main\n',
    'cmd/gen/gen.go': '//go:build ignore\n\npackage main\n',
    'cmd/gen/lib.go': 'package gen\n',
    'lib/lib.go': '//go:debug panicnil=1\npackage lib\n',
    'vendor/x/main.go': 'package main\n',
    'testdata/t/main.go': 'package main\n',
    '.hidden/main.go': 'package main\n',
    '_skip/main.go': 'package main\n',
    'tools/go.mod': 'module example.com/tools\n\ngo 1.23\n',
    'tools/cmd/t/main.go': 'package main\n',
    'nomod/main.go': 'package main\n',
    'big/main.go': `package main\n${'// filler\n'.repeat(5000)}`
  });
  mkdirSync(path.join(dir, 'linked'));
  symlinkSync(path.join(outside, 'secret.go'), path.join(dir, 'linked', 'main.go'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('readHeadGoSources: the //go:debug headers of the main packages in the working tree', () => {
  const modules = [mod('go.mod', 'go 1.23'), mod('tools/go.mod', 'go 1.23')];

  test('main packages only, as ./... walks them; tests included; ignored files decide nothing', () => {
    const got = readHeadGoSources(dir, modules);
    expect(got.problems).toEqual([]);
    expect(got.packages.map((p) => [p.dir, p.files.map((f) => f.file)])).toEqual([
      ['big', ['big/main.go']],
      ['cmd/api', ['cmd/api/b.go', 'cmd/api/main.go', 'cmd/api/main_test.go']],
      ['nomod', ['nomod/main.go']],
      ['tools/cmd/t', ['tools/cmd/t/main.go']]
    ]);
    const api = got.packages.find((p) => p.dir === 'cmd/api');
    expect(api?.main).toBe(true);
    expect(api?.files.map((f) => f.header.directives.map((d) => d.text))).toEqual([
      ['//go:debug tls10server=1'],
      ['//go:debug panicnil=1'],
      ['//go:debug nosuch=1']
    ]);
  });

  test('a symbolic link out of the workspace is not read', () => {
    const got = readHeadGoSources(dir, modules);
    expect(got.packages.some((p) => p.dir === 'linked')).toBe(false);
  });

  test('the modules patterns narrow the walk', () => {
    const got = readHeadGoSources(dir, modules, { patterns: ['tools/**'] });
    expect(got.packages.map((p) => p.dir)).toEqual(['tools/cmd/t']);
  });

  test('the byte budget stops the walk with one problem', () => {
    const got = readHeadGoSources(dir, modules, { limits: { maxTotalBytes: 40 } });
    expect(got.problems).toHaveLength(1);
    expect(got.problems[0]).toMatchObject({
      kind: 'skipped',
      message: '40 bytes of Go file headers read in all: later packages not read'
    });
  });

  test('without modules nothing is walked', () => {
    expect(readHeadGoSources(dir, [])).toEqual({ packages: [], problems: [] });
  });
});
