/**
 * "Install Go as a drop-in", end to end against the bundle: a cold install from go.mod, the
 * cached second run, the token never reaching a mirror, manifest outages with and without a cached
 * match, and the sha256 guarantees (mismatch, missing checksum).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startMirror } from '../../scripts/test-support/mirror.mjs';
import { envForNextStep, listTree } from '../../scripts/test-support/run-action.mjs';
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

const root = new TempRoot('e2e-install-');
let built: Map<string, Built>;
let mirror: Mirror;

const manifestRequests = (m: Mirror) => m.requests.filter((q) => q.path.startsWith('/?'));
const archiveRequests = (m: Mirror) => m.requests.filter((q) => q.path.endsWith('.tar.gz'));

beforeAll(async () => {
  built = await buildToolchains(root.sub('archives'), ['1.22.12', '1.22.3']);
  mirror = await startMirror({ manifest: manifestFor(built) });
  for (const b of built.values()) mirror.addFile(b.filename, b.path);
});

afterAll(async () => {
  await mirror.close();
  root.cleanup();
});

beforeEach(() => {
  mirror.clearRequests();
  mirror.setManifest(manifestFor(built));
  mirror.setFault('/', null);
});

describe('cold install from go.mod, then the cached run', () => {
  const home = path.join(root.dir, 'home-cold');
  const toolCache = root.sub('tc-cold');
  let ws: string;
  let goRoot: string;

  beforeAll(() => {
    ws = makeWorkspace(root, { 'go.mod': 'module example.com/x\n\n// the language line\ngo 1.22\n' });
    goRoot = path.join(toolCache, 'go', '1.22.12', 'x64');
  });

  test('go 1.22 installs 1.22.12 and exports GOTOOLCHAIN=local and PATH (GOPATH/bin first), no GOROOT', async () => {
    const r = await run(root, { inputs: { 'go-download-base-url': mirror.url }, workspace: ws, toolCache, home });
    expectExit(r, 0);
    expect(r.errors).toEqual([]);
    expect(r.outputs).toMatchObject({
      'go-version': '1.22.12',
      'go-root': goRoot,
      'toolchain-cache-hit': 'false',
      'resolved-from': 'go.mod:4 go 1.22'
    });
    // As actions/setup-go: GOROOT only overrides one that was set (none was); the go command
    // knows its root. GOPATH/bin goes ahead of GOROOT/bin and is created.
    expect(r.env.GOROOT).toBeUndefined();
    expect(r.env.GOTOOLCHAIN).toBe('local');
    expect(r.path).toEqual([path.join(goRoot, 'bin'), path.join(home, 'go', 'bin')]);
    expect(existsSync(path.join(home, 'go', 'bin'))).toBe(true);
    const next = envForNextStep(r, { PATH: '/usr/bin' });
    expect(next.PATH.split(path.delimiter).slice(0, 2)).toEqual([
      path.join(home, 'go', 'bin'),
      path.join(goRoot, 'bin')
    ]);

    // The tool cache holds the toolchain and its marker, and nothing else (no staging, no lock).
    const tree = listTree(toolCache);
    expect(hasFile(tree, 'go/1.22.12/x64/bin/go')).toBe(true);
    expect(hasFile(tree, 'go/1.22.12/x64.complete')).toBe(true);
    const outsideRoot = tree.filter((e) => !e.startsWith('go/1.22.12/x64/') || e === 'go/1.22.12/x64/');
    expect(outsideRoot).toEqual([
      'go/',
      'go/1.22.12/',
      'go/1.22.12/x64/',
      expect.stringMatching(/^go\/1\.22\.12\/x64\.complete \d+$/)
    ]);

    expect(manifestRequests(mirror)).toHaveLength(1);
    expect(archiveRequests(mirror).map((q) => q.path)).toEqual([`/${built.get('1.22.12')!.filename}`]);
    expect(mirror.requests).toHaveLength(2);
  });

  test('an exact cached version is a cache hit without any request', async () => {
    const before = listTree(toolCache);
    const r = await run(root, {
      inputs: { 'go-version': '1.22.12', 'go-download-base-url': mirror.url },
      workspace: ws,
      toolCache,
      home
    });
    expectExit(r, 0);
    expect(r.outputs['go-version']).toBe('1.22.12');
    expect(r.outputs['toolchain-cache-hit']).toBe('true');
    expect(r.outputs['go-root']).toBe(goRoot);
    expect(mirror.requests).toEqual([]);
    expect(listTree(toolCache)).toEqual(before);
  });

  test('check-latest reads the manifest even for an exact cached version, and downloads nothing', async () => {
    const r = await run(root, {
      inputs: { 'go-version': '1.22.12', 'check-latest': 'true', 'go-download-base-url': mirror.url },
      workspace: ws,
      toolCache,
      home
    });
    expectExit(r, 0);
    expect(r.outputs['toolchain-cache-hit']).toBe('true');
    expect(manifestRequests(mirror)).toHaveLength(1);
    expect(archiveRequests(mirror)).toEqual([]);
  });
});

test('the token is never sent to a mirror', async () => {
  const ws = makeWorkspace(root, { 'go.mod': 'module x\n\ngo 1.22\n' });
  const r = await run(root, { inputs: { token: 'ghs_secret', 'go-download-base-url': mirror.url }, workspace: ws });
  expectExit(r, 0);
  expect(mirror.requests.length).toBeGreaterThanOrEqual(2);
  for (const q of mirror.requests) {
    expect(q.headers.authorization).toBeUndefined();
    expect(JSON.stringify(q.headers)).not.toContain('ghs_secret');
  }
});

describe('the manifest cannot be read', () => {
  const outages: [string, (m: Mirror) => Promise<string>][] = [
    ['the mirror answers 500 every time', async (m) => (m.setFault('/', { kind: 'status', code: 500 }), m.url)],
    [
      'the mirror is down',
      async () => {
        const down = await startMirror({});
        const url = down.url;
        await down.close();
        return url;
      }
    ]
  ];

  test.each(outages)('%s: a cached 1.22.3 is used for go-version 1.22, with a warning', async (_name, outage) => {
    const toolCache = root.sub('tc-fallback');
    const ws = makeWorkspace(root, { 'go.mod': 'module x\n\ngo 1.22\n' });
    const seed = await run(root, {
      inputs: { 'go-version': '1.22.3', 'go-download-base-url': mirror.url },
      workspace: ws,
      toolCache
    });
    expectExit(seed, 0);

    const url = await outage(mirror);
    const r = await run(root, {
      inputs: { 'go-version': '1.22', 'go-download-base-url': url },
      workspace: ws,
      toolCache
    });
    expectExit(r, 0);
    expect(r.errors).toEqual([]);
    expect(r.outputs['go-version']).toBe('1.22.3');
    expect(r.outputs['toolchain-cache-hit']).toBe('true');
    expect(r.outputs['go-root']).toBe(path.join(toolCache, 'go', '1.22.3', 'x64'));
    const fellBack = r.annotations.filter(
      (a) => a.level === 'warning' && /tool cache/.test(a.message) && a.message.includes('1.22.3')
    );
    expect(fellBack).toHaveLength(1);
  });

  test.each(outages)('%s: nothing cached -> exit 1 with one error line', async (_name, outage) => {
    const toolCache = root.sub('tc-empty');
    const ws = makeWorkspace(root, { 'go.mod': 'module x\n\ngo 1.22\n' });
    const url = await outage(mirror);
    const r = await run(root, {
      inputs: { 'go-version': '1.22', 'go-download-base-url': url },
      workspace: ws,
      toolCache
    });
    expectExit(r, 1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain('manifest');
    expect(r.env).toEqual({});
    expect(listTree(toolCache)).toEqual([]);
  });
});

describe('sha256 guarantees', () => {
  /** A tool cache already holding 1.22.3, to show that a refused install leaves it as it was. */
  async function seededCache(): Promise<{ toolCache: string; ws: string }> {
    const toolCache = root.sub('tc-sha');
    const ws = makeWorkspace(root, { 'go.mod': 'module x\n\ngo 1.22\n' });
    const seed = await run(root, {
      inputs: { 'go-version': '1.22.3', 'go-download-base-url': mirror.url },
      workspace: ws,
      toolCache
    });
    expectExit(seed, 0);
    mirror.clearRequests();
    return { toolCache, ws };
  }

  test('a sha256 mismatch fails with one error naming the file and both hashes; the tool cache is unchanged', async () => {
    const { toolCache, ws } = await seededCache();
    const before = listTree(toolCache);
    const wrong = 'ab'.repeat(32);
    mirror.setManifest(manifestFor(built, { '1.22.12': { sha256: wrong } }));
    const r = await run(root, {
      inputs: { 'go-version': '1.22.12', 'go-download-base-url': mirror.url },
      workspace: ws,
      toolCache
    });
    expectExit(r, 1);
    expect(r.errors).toHaveLength(1);
    const b = built.get('1.22.12')!;
    expect(r.errors[0]).toContain(b.filename);
    expect(r.errors[0]).toContain(wrong);
    expect(r.errors[0]).toContain(b.sha256);
    expect(r.env).toEqual({});
    expect(r.path).toEqual([]);
    expect(listTree(toolCache)).toEqual(before);
    // A wrong hash is not a network fault: the archive was fetched once.
    expect(archiveRequests(mirror)).toHaveLength(1);
  });

  test('an entry without sha256 is refused unless allow-missing-checksum is true', async () => {
    const { toolCache, ws } = await seededCache();
    const before = listTree(toolCache);
    mirror.setManifest(manifestFor(built, { '1.22.12': { sha256: '', size: 0 } }));
    const inputs = { 'go-version': '1.22.12', 'go-download-base-url': mirror.url };

    const refused = await run(root, { inputs, workspace: ws, toolCache });
    expectExit(refused, 1);
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors[0]).toContain('allow-missing-checksum');
    expect(refused.errors[0]).toContain(built.get('1.22.12')!.filename);
    expect(listTree(toolCache)).toEqual(before);

    const allowed = await run(root, {
      inputs: { ...inputs, 'allow-missing-checksum': 'true' },
      workspace: ws,
      toolCache
    });
    expectExit(allowed, 0);
    expect(allowed.outputs['go-version']).toBe('1.22.12');
    expect(allowed.outputs['toolchain-cache-hit']).toBe('false');
    expect(hasFile(listTree(toolCache), 'go/1.22.12/x64.complete')).toBe(true);
  });
});
