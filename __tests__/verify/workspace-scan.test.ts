import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { scanWorkspace } from '../../src/verify/workspace-scan.js';
import { generateMonorepo } from '../../scripts/test-support/monorepo.mjs';

const GOMOD = (go: string) => `module example.com/m\n\ngo ${go}\n`;

async function tree(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'scan-'));
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.join(dir, path.dirname(rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  return dir;
}

const made: string[] = [];
afterAll(async () => {
  for (const d of made) await rm(d, { recursive: true, force: true });
});

async function scanTree(files: Record<string, string>, patterns?: string[]) {
  const dir = await tree(files);
  made.push(dir);
  const workspace = await scanWorkspace(dir, { patterns });
  return { dir, workspace, problems: workspace.problems };
}

const REPO: Record<string, string> = {
  'go.mod': GOMOD('1.22'),
  'go.work': 'go 1.22\n\nuse (\n\t.\n\t./svc/api\n\t./missing\n\t./docs\n)\n',
  '.go-version': '1.22.3\n',
  '.tool-versions': 'nodejs 20.1.0\ngolang 1.22.3\n',
  'svc/api/go.mod': GOMOD('1.22.1'),
  'svc/api/Dockerfile': 'FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS build\nFROM scratch\n',
  'svc/api/deploy.Dockerfile': 'FROM golang:1.21\n',
  'svc/api/Dockerfile.dev': 'FROM golang:1.20\n',
  'svc/api/Dockerfile.dockerignore': 'FROM golang:1.19\n',
  'svc/web/Containerfile': 'FROM docker.io/library/golang:1.22.3\n',
  'svc/web/mise.toml': '[tools]\ngo = "1.22"\n',
  'svc/web/.mise.toml': '[tools]\ngo = "1.22.2"\n',
  'docs/README.md': '# docs\n',
  'vendor/example.com/x/go.mod': GOMOD('1.99'),
  'svc/api/testdata/fixture/go.mod': GOMOD('1.99'),
  'web/node_modules/pkg/go.mod': GOMOD('1.99'),
  '.git/go.mod': GOMOD('1.99'),
  '.github/go.mod': GOMOD('1.99'),
  '.github/workflows/ci.yml':
    'jobs:\n  t:\n    steps:\n      - uses: actions/setup-go@v5\n        with:\n          go-version: 1.22.2\n',
  '.github/workflows/notes.txt': 'go-version: 1.1\n',
  '.github/docker/Dockerfile': 'FROM golang:1.22.0\n',
  '.ci/go.mod': GOMOD('1.99'),
  '.hidden/.go-version': '1.99\n',
  'tools/main.go': 'package main\n'
};

describe('scanWorkspace: default scope', () => {
  test('finds every kind, skips vendor, testdata, node_modules and hidden folders (but reads .github Dockerfiles and workflows), sorts root first', async () => {
    const { workspace, problems } = await scanTree(REPO);
    expect(problems).toEqual([]);
    expect(workspace.modules.map((m) => m.path)).toEqual(['go.work', 'go.mod', 'svc/api/go.mod']);
    expect(workspace.modules.map((m) => m.go?.value)).toEqual(['1.22', '1.22', '1.22.1']);
    expect(workspace.declarations.map((d) => [d.file, d.line, d.version])).toEqual([
      ['.go-version', 1, '1.22.3'],
      ['.tool-versions', 2, '1.22.3'],
      ['.github/docker/Dockerfile', 1, '1.22.0'],
      ['.github/workflows/ci.yml', 6, '1.22.2'],
      ['svc/api/Dockerfile', 1, '1.22'],
      ['svc/api/Dockerfile.dev', 1, '1.20'],
      ['svc/api/deploy.Dockerfile', 1, '1.21'],
      ['svc/web/.mise.toml', expect.any(Number), '1.22.2'],
      ['svc/web/Containerfile', 1, '1.22.3'],
      ['svc/web/mise.toml', expect.any(Number), '1.22']
    ]);
  });

  test('resolves go.work use paths: exists, has go.mod', async () => {
    const { workspace } = await scanTree(REPO);
    expect(workspace.useTargets.map((t) => [t.use, t.dir, t.exists, t.hasGoMod, t.line])).toEqual([
      ['.', '.', true, true, 4],
      ['./svc/api', 'svc/api', true, true, 5],
      ['./missing', 'missing', false, false, 6],
      ['./docs', 'docs', true, false, 7]
    ]);
    expect(workspace.useTargets.every((t) => t.workFile === 'go.work')).toBe(true);
  });

  test('use paths of a nested go.work are relative to its folder, also ../ and absolute ones', async () => {
    const { dir, workspace } = await scanTree({
      'a/go.work': 'go 1.22\nuse ../b\nuse ./c/\n',
      'b/go.mod': GOMOD('1.22'),
      'a/c/go.mod': GOMOD('1.22')
    });
    expect(workspace.useTargets.map((t) => [t.dir, t.exists, t.hasGoMod])).toEqual([
      ['b', true, true],
      ['a/c', true, true]
    ]);
    expect(workspace.useTargets.every((t) => !t.outside)).toBe(true);
    await writeFile(path.join(dir, 'a/go.work'), `go 1.22\nuse ${path.join(dir, 'b')}\n`);
    const again = await scanWorkspace(dir, {});
    expect(again.problems).toEqual([]);
    expect(again.useTargets.map((t) => [t.dir, t.exists, t.hasGoMod])).toEqual([['b', true, true]]);
  });

  test('invalid and unreadable files are collected as problems with file:line, the scan goes on', async () => {
    const files = {
      'go.mod': GOMOD('1.22'),
      'bad/go.mod': 'module x\ngo 1.22\ngo 1.23\n',
      'worse/go.mod': 'module x\ngo "1.21"\n',
      'secret/go.mod': GOMOD('1.22')
    };
    const dir = await tree(files);
    made.push(dir);
    const isRoot = process.getuid?.() === 0;
    if (!isRoot) await chmod(path.join(dir, 'secret/go.mod'), 0o000);
    const workspace = await scanWorkspace(dir, {});
    expect(workspace.modules.map((m) => m.path)).toEqual(isRoot ? ['go.mod', 'secret/go.mod'] : ['go.mod']);
    const expected = [
      ['unparsable', 'bad/go.mod', 3],
      ...(isRoot ? [] : [['unreadable', 'secret/go.mod', undefined]]),
      ['unparsable', 'worse/go.mod', 2]
    ];
    expect(workspace.problems.map((e) => [e.kind, e.file, e.line])).toEqual(expected);
    expect(workspace.problems[0].message).toMatch(/^repeated go statement/);
  });

  test('symlinked folders are not followed', async () => {
    const { dir } = await scanTree({ 'a/go.mod': GOMOD('1.22') });
    await symlink(path.join(dir, 'a'), path.join(dir, 'link'), 'dir');
    const workspace = await scanWorkspace(dir, {});
    expect(workspace.modules.map((m) => m.path)).toEqual(['a/go.mod']);
  });
});

describe('scanWorkspace: modules patterns', () => {
  test.each<[string, string[], string[]]>([
    ['narrow to a folder', ['svc/api'], ['svc/api/go.mod']],
    ['narrow with a glob', ['svc/**'], ['svc/api/go.mod']],
    ['every go.mod, still not into skipped folders', ['**/go.mod'], ['go.mod', 'svc/api/go.mod']],
    [
      'widen into testdata',
      ['**/go.mod', 'svc/api/testdata/**'],
      ['go.mod', 'svc/api/go.mod', 'svc/api/testdata/fixture/go.mod']
    ],
    ['widen into vendor by name', ['vendor/**'], ['vendor/example.com/x/go.mod']],
    ['widen into a hidden folder', ['.ci/**', 'go.mod'], ['go.mod', '.ci/go.mod']],
    ['.github holds no modules, even when named', ['.github/**', 'go.mod'], ['go.mod']],
    ['exclude only', ['!svc/**'], ['go.work', 'go.mod']],
    ['include then exclude', ['**/testdata/**', '**/go.mod', '!svc/api/testdata'], ['go.mod', 'svc/api/go.mod']],
    ['exclude a file', ['!go.work'], ['go.mod', 'svc/api/go.mod']],
    ['./ prefixes and trailing slashes', ['./svc/api/'], ['svc/api/go.mod']]
  ])('%s: %j', async (_name, patterns, modules) => {
    const { workspace, problems } = await scanTree(REPO, patterns);
    expect(problems).toEqual([]);
    expect(workspace.modules.map((m) => m.path)).toEqual(modules);
  });

  test('patterns select hidden-named version files below included folders', async () => {
    const { workspace } = await scanTree(REPO, ['svc/web']);
    expect(workspace.declarations.map((d) => d.file)).toEqual([
      'svc/web/.mise.toml',
      'svc/web/Containerfile',
      'svc/web/mise.toml'
    ]);
  });
});

describe('a large tree', () => {
  test('5,000 modules (about 15,000 files and folders): every module, Dockerfile and use path found (speed: npm run bench)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'monorepo-'));
    made.push(dir);
    const gen = await generateMonorepo(dir, { modules: 5000, goLine: '1.22', workspace: true });
    const workspace = await scanWorkspace(dir, {});
    expect(workspace.problems).toEqual([]);
    expect(
      workspace.modules
        .filter((m) => m.kind === 'go.mod')
        .map((m) => m.path)
        .sort()
    ).toEqual([...gen.modules].sort());
    expect(workspace.declarations).toHaveLength(gen.dockerfiles.length);
    expect(workspace.useTargets).toHaveLength(51);
  });
});
