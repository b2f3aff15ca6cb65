/**
 * Which Go the bundle installs, end to end: the version source (go.work, go.mod, toolchain lines,
 * go-version vs go-version-file, .go-version / .tool-versions / mise.toml), go-version specs resolved
 * against the mirror's manifest, check-latest on a toolchain pin, and where the manifest comes from
 * (file:// folder, GO_DOWNLOAD_BASE_URL, the input winning over it).
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startMirror } from '../../scripts/test-support/mirror.mjs';
import { listTree } from '../../scripts/test-support/run-action.mjs';
import {
  TempRoot,
  buildToolchains,
  expectExit,
  hasFile,
  makeWorkspace,
  manifestFor,
  run,
  type Built
} from './drop-in-helpers.js';

type Mirror = Awaited<ReturnType<typeof startMirror>>;

const VERSIONS = [
  '1.20.14',
  '1.21rc1',
  '1.21rc2',
  '1.22.3',
  '1.22.12',
  '1.23.12',
  '1.24.13',
  '1.25.14',
  '1.26.7',
  '1.27.0'
];

const root = new TempRoot('e2e-resolution-');
let built: Map<string, Built>;
let mirror: Mirror;

beforeAll(async () => {
  built = await buildToolchains(root.sub('archives'), VERSIONS);
  mirror = await startMirror({ manifest: manifestFor(built) });
  for (const b of built.values()) mirror.addFile(b.filename, b.path);
});

afterAll(async () => {
  await mirror.close();
  root.cleanup();
});

beforeEach(() => mirror.clearRequests());

/** Runs against the mirror with a fresh tool cache; asserts success and the installed folder. */
async function install(files: Record<string, string>, inputs: Record<string, string> = {}) {
  const ws = makeWorkspace(root, files);
  const toolCache = root.sub('tc');
  const r = await run(root, { inputs: { 'go-download-base-url': mirror.url, ...inputs }, workspace: ws, toolCache });
  expectExit(r, 0);
  expect(r.errors).toEqual([]);
  return { r, toolCache };
}

describe('the version source', () => {
  test('go.work wins over go.mod', async () => {
    const { r } = await install({
      'go.work': 'go 1.23\n\nuse .\n',
      'go.mod': 'module example.com/x\n\ngo 1.22\n'
    });
    expect(r.outputs['go-version']).toBe('1.23.12');
    expect(r.outputs['resolved-from']).toBe('go.work:1 go 1.23');
  });

  test('toolchain go1.21rc2 in go.mod installs exactly 1.21rc2 (tool cache folder 1.21.0-rc.2)', async () => {
    const { r, toolCache } = await install({ 'go.mod': 'module example.com/x\n\ngo 1.21\n\ntoolchain go1.21rc2\n' });
    expect(r.outputs['go-version']).toBe('1.21rc2');
    expect(r.outputs['resolved-from']).toBe('go.mod:5 toolchain go1.21rc2');
    const goRoot = path.join(toolCache, 'go', '1.21.0-rc.2', 'x64');
    expect(r.outputs['go-root']).toBe(goRoot);
    expect(hasFile(listTree(toolCache), 'go/1.21.0-rc.2/x64/bin/go')).toBe(true);
  });

  test('the go-version input wins over go-version-file, with a warning', async () => {
    const { r } = await install(
      { 'go.mod': 'module example.com/x\n\ngo 1.22\n' },
      { 'go-version': '1.23.12', 'go-version-file': 'go.mod', checks: 'vulnerabilities: off\ngo-directive: off' }
    );
    expect(r.outputs['go-version']).toBe('1.23.12');
    expect(r.outputs['resolved-from']).toBe('input go-version');
    const warnings = r.annotations.filter((a) => a.level === 'warning' && a.message.includes('go-version-file'));
    expect(warnings).toHaveLength(1);
  });

  test.each([
    ['.go-version', { '.go-version': '1.24\n' }, '1.24.13', '.go-version:1'],
    ['.tool-versions', { '.tool-versions': 'nodejs 20.11.0\ngolang 1.25.14\n' }, '1.25.14', '.tool-versions:2'],
    ['mise.toml', { 'mise.toml': '[env]\nFOO = "bar"\n\n[tools]\ngo = "1.26"\n' }, '1.26.7', 'mise.toml:5']
  ])('go-version-file: %s', async (file, files, expected, from) => {
    const { r } = await install(files, { 'go-version-file': file });
    expect(r.outputs['go-version']).toBe(expected);
    expect(r.outputs['resolved-from']).toContain(from);
  });
});

describe('go-version specs resolve against the manifest', () => {
  test.each([
    ['stable', '1.27.0', '1.27.0'],
    ['oldstable', '1.26.7', '1.26.7'],
    ['latest', '1.27.0', '1.27.0'],
    ['^1.21', '1.27.0', '1.27.0'],
    ['1.20', '1.20.14', '1.20.14'],
    ['>=1.21 <1.23', '1.22.12', '1.22.12'],
    ['1.21.0-rc.1', '1.21rc1', '1.21.0-rc.1'],
    ['1.21rc2', '1.21rc2', '1.21.0-rc.2']
  ])('%s -> %s', async (spec, expected, cacheFolder) => {
    const { r, toolCache } = await install({ 'README.md': 'no go.mod here\n' }, { 'go-version': spec });
    expect(r.outputs['go-version']).toBe(expected);
    expect(r.outputs['resolved-from']).toBe('input go-version');
    expect(r.outputs['go-root']).toBe(path.join(toolCache, 'go', cacheFolder, 'x64'));
    expect(mirror.requests.map((q) => q.path)).toEqual([
      '/?mode=json&include=all',
      `/${built.get(expected)!.filename}`
    ]);
  });
});

describe('check-latest on a toolchain pin', () => {
  const gomod = { 'go.mod': 'module example.com/x\n\ngo 1.22.0\n\ntoolchain go1.22.3\n' };

  test('without check-latest the pin is installed as written', async () => {
    const { r } = await install(gomod);
    expect(r.outputs['go-version']).toBe('1.22.3');
    expect(r.outputs['resolved-from']).toBe('go.mod:5 toolchain go1.22.3');
  });

  test('check-latest moves toolchain go1.22.3 to the newest patch 1.22.12', async () => {
    const { r } = await install(gomod, { 'check-latest': 'true' });
    expect(r.outputs['go-version']).toBe('1.22.12');
    expect(r.outputs['resolved-from']).toContain('go.mod:5');
    // The moved pin is reported as a warning on the toolchain line, not as an error.
    const onPin = r.annotations.filter((a) => a.file === 'go.mod' && a.line === 5);
    expect(onPin.map((a) => a.level)).toEqual(['warning']);
  });
});

describe('where the manifest and archives come from', () => {
  test('a file:// mirror folder with manifest.json works offline', async () => {
    const folder = root.sub('file-mirror');
    writeFileSync(path.join(folder, 'manifest.json'), JSON.stringify(manifestFor(built)));
    const b = built.get('1.22.12')!;
    copyFileSync(b.path, path.join(folder, b.filename));
    const ws = makeWorkspace(root, { 'go.mod': 'module x\n\ngo 1.22\n' });
    const toolCache = root.sub('tc');
    const dead = 'http://127.0.0.1:9';
    const r = await run(root, {
      inputs: { 'go-download-base-url': pathToFileURL(folder).href },
      workspace: ws,
      toolCache,
      // Any network access would go through a proxy that does not exist.
      env: { HTTP_PROXY: dead, HTTPS_PROXY: dead, http_proxy: dead, https_proxy: dead, NO_PROXY: '', no_proxy: '' }
    });
    expectExit(r, 0);
    expect(r.outputs['go-version']).toBe('1.22.12');
    expect(r.outputs['toolchain-cache-hit']).toBe('false');
    expect(hasFile(listTree(toolCache), 'go/1.22.12/x64/bin/go')).toBe(true);
    expect(mirror.requests).toEqual([]);
  });

  test('GO_DOWNLOAD_BASE_URL is used when the input is empty', async () => {
    const ws = makeWorkspace(root, { 'go.mod': 'module x\n\ngo 1.22\n' });
    const r = await run(root, { inputs: {}, workspace: ws, env: { GO_DOWNLOAD_BASE_URL: mirror.url } });
    expectExit(r, 0);
    expect(r.outputs['go-version']).toBe('1.22.12');
    expect(mirror.requests.map((q) => q.path)).toEqual([
      '/?mode=json&include=all',
      `/${built.get('1.22.12')!.filename}`
    ]);
  });

  test('the go-download-base-url input wins over GO_DOWNLOAD_BASE_URL', async () => {
    const other = await startMirror({ manifest: manifestFor(built) });
    try {
      const ws = makeWorkspace(root, { 'go.mod': 'module x\n\ngo 1.22\n' });
      const r = await run(root, {
        inputs: { 'go-download-base-url': mirror.url },
        workspace: ws,
        env: { GO_DOWNLOAD_BASE_URL: other.url }
      });
      expectExit(r, 0);
      expect(r.outputs['go-version']).toBe('1.22.12');
      expect(mirror.requests).toHaveLength(2);
      expect(other.requests).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
