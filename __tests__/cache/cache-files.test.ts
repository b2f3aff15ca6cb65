/** The file-system edge of caching, on real temporary folders. */
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findDependencyFiles } from '../../src/cache/dependency-files.js';
import {
  listBuildCache,
  listModuleCache,
  makeFoldersWritable,
  readMeta,
  stashOut,
  treeSize,
  writeMeta
} from '../../src/cache/cache-files.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cache-files-'));
});
afterEach(() => {
  for (const d of [dir]) {
    // read-only folders first get write permission back, so they can be removed
    const walk = (p: string): void => {
      if (!lstatSync(p).isDirectory()) return;
      chmodSync(p, 0o755);
      for (const e of readdirSync(p)) walk(path.join(p, e));
    };
    if (existsSync(d)) walk(d);
    rmSync(d, { recursive: true, force: true });
  }
});

function files(rels: Record<string, string>): void {
  for (const [rel, text] of Object.entries(rels)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
}

test('default dependency files: every go.sum and go.work.sum, not in vendor/, testdata/, node_modules/ or hidden folders', async () => {
  files({
    'go.sum': '',
    'go.work.sum': '',
    'svc/a/go.sum': '',
    'vendor/x/go.sum': '',
    'svc/testdata/go.sum': '',
    'node_modules/m/go.sum': '',
    '.git/go.sum': '',
    'svc/a/go.mod': ''
  });
  const found = (await findDependencyFiles(dir, [])).map((f) => path.relative(dir, f));
  expect(found).toEqual(['go.sum', 'go.work.sum', path.join('svc', 'a', 'go.sum')]);
});

test('cache-dependency-path globs (setup-go meaning): matches inside the workspace only', async () => {
  files({ 'go.sum': '', 'svc/a/go.sum': '', 'svc/a/go.mod': '' });
  const outside = mkdtempSync(path.join(os.tmpdir(), 'outside-'));
  writeFileSync(path.join(outside, 'go.sum'), '');
  try {
    const found = await findDependencyFiles(dir, ['**/go.mod', 'go.sum', path.join(outside, 'go.sum')]);
    expect(found.map((f) => path.relative(dir, f))).toEqual(['go.sum', path.join('svc', 'a', 'go.mod')]);
  } finally {
    rmSync(outside, { recursive: true, force: true });
  }
});

test('cache-dependency-path globs: links are neither read nor followed (a pull request cannot hang the hash)', async () => {
  files({ 'go.sum': '', 'svc/go.sum': '' });
  mkdirSync(path.join(dir, 'dev'));
  symlinkSync('/dev/zero', path.join(dir, 'dev', 'go.sum'));
  symlinkSync('/', path.join(dir, 'root'));
  symlinkSync(dir, path.join(dir, 'svc', 'loop'));
  const found = await findDependencyFiles(dir, ['**/go.sum']);
  expect(found.map((f) => path.relative(dir, f))).toEqual(['go.sum', path.join('svc', 'go.sum')]);
});

test('module cache: sources and @v files are listed, sumdb and vcs are not', async () => {
  files({
    'example.com/dep@v1.0.0/go.mod': 'x',
    'github.com/!azure/x@v0.1.0/a.go': 'x',
    'cache/download/example.com/dep/@v/v1.0.0.zip': 'x',
    'cache/download/example.com/dep/@v/list': 'x',
    'cache/download/sumdb/sum.golang.org/lookup/x': 'x',
    'cache/vcs/abc/HEAD': 'x'
  });
  const items = await listModuleCache(dir);
  expect(items.map((i) => i.rel).sort()).toEqual([
    'cache/download/example.com/dep/@v/list',
    'cache/download/example.com/dep/@v/v1.0.0.zip',
    'example.com/dep@v1.0.0',
    'github.com/!azure/x@v0.1.0'
  ]);
  expect(items.find((i) => i.kind === 'download')).toMatchObject({ module: 'example.com/dep' });
});

test('build cache: entry files of the two-hex folders with size and mtime', async () => {
  const name = `${'ab'.repeat(32)}-a`;
  files({ [`ab/${name}`]: 'v1 ...', README: 'x', 'trim.txt': '1' });
  mkdirSync(path.join(dir, 'ff'));
  const { folders, files: list } = await listBuildCache(dir);
  expect(folders.sort()).toEqual(['ab', 'ff']);
  expect(list.map((f) => [f.rel, f.size])).toEqual([[`ab/${name}`, 6]]);
  expect(list[0].mtimeMs).toBeGreaterThan(0);
});

test('stash: read-only folders move out and back with their modes; nothing is lost', async () => {
  files({ 'm@v1/a.go': 'a', 'm@v2/b.go': 'bb', 'keep/c': 'c' });
  chmodSync(path.join(dir, 'm@v1'), 0o555);
  const before = await treeSize(dir);
  const stash = await stashOut(dir, ['m@v1', 'does-not-exist'], 'test-stash');
  expect(stash.moved).toEqual(['m@v1']);
  expect(existsSync(path.join(dir, 'm@v1'))).toBe(false);
  expect(await treeSize(dir)).toEqual({ files: 2, bytes: 3 });
  await stash.restore();
  expect(await treeSize(dir)).toEqual(before);
  expect(statSync(path.join(dir, 'm@v1')).mode & 0o777).toBe(0o555);
  expect(existsSync(stash.dir)).toBe(false);
});

test('makeFoldersWritable gives owner write to read-only folders only', async () => {
  files({ 'a@v1/sub/f': 'x', 'b/f': 'y' });
  chmodSync(path.join(dir, 'a@v1', 'sub'), 0o555);
  chmodSync(path.join(dir, 'a@v1'), 0o555);
  expect(await makeFoldersWritable(dir)).toBe(2);
  expect(statSync(path.join(dir, 'a@v1', 'sub')).mode & 0o777).toBe(0o755);
  expect(await makeFoldersWritable(path.join(dir, 'missing'))).toBe(0);
});

test('entry metadata round-trips; a missing or foreign file is no metadata', async () => {
  expect(await readMeta(dir)).toBeUndefined();
  await writeMeta(dir, { v: 1, key: 'k', savedAt: 'now', files: 2, bytes: 3, entries: ['x'] });
  expect(await readMeta(dir)).toEqual({ v: 1, key: 'k', savedAt: 'now', files: 2, bytes: 3, entries: ['x'] });
});
