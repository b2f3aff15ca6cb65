import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { comparePaths, makeScope, scanWorkspace, scannedKind } from '../../src/verify/scan.js';
import { generateMonorepo } from '../../scripts/lib/monorepo.mjs';

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
  return { dir, ...(await scanWorkspace(dir, { patterns })) };
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
  '.hidden/.go-version': '1.99\n',
  'tools/main.go': 'package main\n'
};

describe('scanWorkspace: default scope', () => {
  test('finds every kind, skips vendor, testdata, node_modules and hidden folders, sorts root first', async () => {
    const { workspace, errors } = await scanTree(REPO);
    expect(errors).toEqual([]);
    expect(workspace.modules.map((m) => m.path)).toEqual(['go.work', 'go.mod', 'svc/api/go.mod']);
    expect(workspace.modules.map((m) => m.go?.value)).toEqual(['1.22', '1.22', '1.22.1']);
    expect(workspace.declarations.map((d) => [d.file, d.line, d.version])).toEqual([
      ['.go-version', 1, '1.22.3'],
      ['.tool-versions', 2, '1.22.3'],
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
    const abs = await scanWorkspace(dir, {});
    expect(abs.errors).toEqual([]);
    await writeFile(path.join(dir, 'a/go.work'), `go 1.22\nuse ${path.join(dir, 'b')}\n`);
    const again = await scanWorkspace(dir, {});
    expect(again.workspace.useTargets.map((t) => [t.dir, t.exists, t.hasGoMod])).toEqual([['b', true, true]]);
  });

  test('invalid and unreadable files are collected as errors with file:line, the scan goes on', async () => {
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
    const { workspace, errors } = await scanWorkspace(dir, {});
    expect(workspace.modules.map((m) => m.path)).toEqual(isRoot ? ['go.mod', 'secret/go.mod'] : ['go.mod']);
    const expected = [['bad/go.mod', 3], ...(isRoot ? [] : [['secret/go.mod', undefined]]), ['worse/go.mod', 2]];
    expect(errors.map((e) => [e.file, e.line])).toEqual(expected);
    expect(errors[0].message).toMatch(/^bad\/go\.mod:3: /);
  });

  test('symlinked folders are not followed', async () => {
    const { dir } = await scanTree({ 'a/go.mod': GOMOD('1.22') });
    await symlink(path.join(dir, 'a'), path.join(dir, 'link'), 'dir');
    const { workspace } = await scanWorkspace(dir, {});
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
    ['widen into a hidden folder', ['.github/**', 'go.mod'], ['go.mod', '.github/go.mod']],
    ['exclude only', ['!svc/**'], ['go.work', 'go.mod']],
    ['include then exclude', ['**/testdata/**', '**/go.mod', '!svc/api/testdata'], ['go.mod', 'svc/api/go.mod']],
    ['exclude a file', ['!go.work'], ['go.mod', 'svc/api/go.mod']],
    ['./ prefixes and trailing slashes', ['./svc/api/'], ['svc/api/go.mod']]
  ])('%s: %j', async (_name, patterns, modules) => {
    const { workspace, errors } = await scanTree(REPO, patterns);
    expect(errors).toEqual([]);
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

describe('helpers', () => {
  test.each<[string, string | undefined]>([
    ['go.mod', 'go.mod'],
    ['go.work', 'go.work'],
    ['go.work.sum', undefined],
    ['go.sum', undefined],
    ['.go-version', '.go-version'],
    ['.tool-versions', '.tool-versions'],
    ['mise.toml', 'mise.toml'],
    ['.mise.toml', 'mise.toml'],
    ['Dockerfile', 'Dockerfile'],
    ['Dockerfile.dev', 'Dockerfile'],
    ['api.Dockerfile', 'Dockerfile'],
    ['Containerfile', 'Dockerfile'],
    ['Dockerfile.dockerignore', undefined],
    ['main.go', undefined]
  ])('scannedKind(%s) = %s', (name, kind) => {
    expect(scannedKind(name)).toBe(kind);
  });

  test('comparePaths: root files first, go.work before go.mod, parents before children', () => {
    const paths = [
      'b/go.mod',
      'a-b/go.mod',
      'go.mod',
      'a/b/go.mod',
      'Dockerfile',
      'a/go.mod',
      'go.work',
      'a/.go-version'
    ];
    expect([...paths].sort(comparePaths)).toEqual([
      'go.work',
      'go.mod',
      'Dockerfile',
      'a/go.mod',
      'a/.go-version',
      'a/b/go.mod',
      'a-b/go.mod',
      'b/go.mod'
    ]);
  });

  test('makeScope: skipped folders need to be named by a positive pattern', () => {
    const s = makeScope(['**']);
    expect(s.enterDir('vendor', 'vendor', false).enter).toBe(false);
    expect(s.enterDir('src', 'src', false).enter).toBe(true);
    expect(makeScope(['**/vendor/**']).enterDir('a/vendor', 'vendor', false).enter).toBe(true);
  });
});

/** The least a scan must do: list every folder outside the skipped ones and read every file it would parse. */
function rawWalk(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (!e.name.startsWith('.') && !['vendor', 'testdata', 'node_modules'].includes(e.name))
        n += rawWalk(path.join(dir, e.name));
    } else if (scannedKind(e.name)) {
      n += readFileSync(path.join(dir, e.name), 'utf8').length > 0 ? 1 : 0;
    }
  }
  return n;
}

async function fastest(runs: number, fn: () => unknown): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

describe('scan speed', () => {
  test('5,000 modules (about 15,000 files and folders): close to the cost of the bare file system reads', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'monorepo-'));
    made.push(dir);
    const gen = await generateMonorepo(dir, { modules: 5000, goLine: '1.22', workspace: true });
    const { workspace, errors } = await scanWorkspace(dir, {});
    expect(errors).toEqual([]);
    expect(
      workspace.modules
        .filter((m) => m.kind === 'go.mod')
        .map((m) => m.path)
        .sort()
    ).toEqual([...gen.modules].sort());
    expect(workspace.declarations).toHaveLength(gen.dockerfiles.length);
    expect(workspace.useTargets).toHaveLength(51);

    // Absolute times depend on the machine's load; the ratio to the bare reads does not.
    const raw = await fastest(2, () => rawWalk(dir));
    const scan = await fastest(2, () => scanWorkspace(dir, {}));
    console.log(`scan of 5,000 modules: ${scan.toFixed(0)} ms (bare reads ${raw.toFixed(0)} ms)`);
    expect(scan).toBeLessThan(raw * 3 + 300);
  });
});
