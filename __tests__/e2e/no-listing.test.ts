/**
 * Mirrors without a `?mode=json` listing (plain file servers, artifact proxies, aka.ms for the
 * Microsoft build of Go): an exact version is downloaded as <base>/<file> and verified against
 * <base>/<file>.sha256; and go-download-token, sent to the mirror's host only.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startMirror } from '../../scripts/test-support/mirror.mjs';
import { listTree } from '../../scripts/test-support/run-action.mjs';
import { buildToolchains, expectExit, makeWorkspace, run, TempRoot, type Built } from './drop-in-helpers.js';

const VERSION = '1.22.3';

describe('a mirror without a version listing', () => {
  const root = new TempRoot('e2e-no-listing-');
  let mirror: Awaited<ReturnType<typeof startMirror>>;
  let other: Awaited<ReturnType<typeof startMirror>>;
  let built: Built;
  let ws: string;

  beforeAll(async () => {
    built = (await buildToolchains(root.sub('archives'), [VERSION])).get(VERSION)!;
    mirror = await startMirror(); // no manifest: /?mode=json answers 404
    other = await startMirror();
    ws = makeWorkspace(root, { 'go.mod': 'module example.com/x\n\ngo 1.22\n' });
  }, 120_000);

  afterAll(async () => {
    await mirror?.close();
    await other?.close();
    root.cleanup();
  });

  beforeEach(() => {
    mirror.clearRequests();
    other.clearRequests();
    mirror.setFault('/', null);
    mirror.addFile(built.filename, built.path);
    mirror.addContent(`${built.filename}.sha256`, `${built.sha256}  ${built.filename}\n`);
  });

  const install = (inputs: Record<string, string>) =>
    run(root, {
      inputs: { 'go-download-base-url': mirror.url, cache: 'false', ...inputs },
      workspace: ws,
      toolCache: root.sub('tc')
    });

  test('an exact version: <base>/<file>, verified against <base>/<file>.sha256', async () => {
    const r = await install({ 'go-version': VERSION });
    expectExit(r, 0);
    expect(r.errors).toEqual([]);
    expect(r.outputs['go-version']).toBe(VERSION);
    expect(r.outputs['toolchain-cache-hit']).toBe('false');
    expect(mirror.requests.map((q) => [q.path, q.status])).toEqual([
      ['/?mode=json&include=all', 404],
      ['/index.json', 404],
      [`/${built.filename}.sha256`, 200],
      [`/${built.filename}`, 200]
    ]);
    const report = JSON.parse(readFileSync(r.outputs.report, 'utf8'));
    expect(report.resolution).toMatchObject({ sha256: built.sha256, sha256Verified: true });
  });

  test('a static mirror: <base>/index.json is the listing, so a range resolves (setup-go-enforced mirror writes it)', async () => {
    const statik = await startMirror(); // answers /?mode=json with 404, as a static file server
    try {
      statik.addFile(built.filename, built.path);
      const file = { os: 'linux', arch: 'amd64', version: `go${VERSION}`, kind: 'archive' };
      const listing = [
        {
          version: `go${VERSION}`,
          stable: true,
          files: [{ ...file, filename: built.filename, sha256: built.sha256, size: built.size }]
        }
      ];
      statik.addContent('index.json', JSON.stringify(listing));
      const r = await run(root, {
        inputs: { 'go-download-base-url': statik.url, 'go-version': '^1.22', cache: 'false' },
        workspace: ws,
        toolCache: root.sub('tc')
      });
      expectExit(r, 0);
      expect(r.outputs['go-version']).toBe(VERSION);
      expect(statik.requests.map((q) => [q.path, q.status])).toEqual([
        ['/?mode=json&include=all', 404],
        ['/index.json', 200],
        [`/${built.filename}`, 200]
      ]);
      const report = JSON.parse(readFileSync(r.outputs.report, 'utf8'));
      expect(report.resolution).toMatchObject({ sha256: built.sha256, sha256Verified: true });
    } finally {
      await statik.close();
    }
  });

  test('a listing that answers something that is not JSON (an HTML page) counts as absent', async () => {
    mirror.setFault('/', { kind: 'status', code: 200 });
    const r = await install({ 'go-version': VERSION });
    expectExit(r, 0);
    expect(r.outputs['go-version']).toBe(VERSION);
  });

  test('a .sha256 that does not match the archive: refused, nothing installed', async () => {
    mirror.addContent(`${built.filename}.sha256`, createHash('sha256').update('other').digest('hex'));
    const tc = root.sub('tc');
    const r = await run(root, {
      inputs: { 'go-download-base-url': mirror.url, 'go-version': VERSION, cache: 'false' },
      workspace: ws,
      toolCache: tc
    });
    expectExit(r, 1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain(built.filename);
    expect(r.errors[0]).toMatch(/sha256/);
    expect(listTree(tc).filter((e) => e.includes('.complete'))).toEqual([]);
  });

  test('no .sha256: refused, naming go-download-base-url and allow-missing-checksum', async () => {
    mirror.addContent(`${built.filename}.sha256`, '');
    mirror.setFault(`/${built.filename}.sha256`, 404);
    const r = await install({ 'go-version': VERSION });
    mirror.setFault(`/${built.filename}.sha256`, null);
    expectExit(r, 1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/^input go-download-base-url: /);
    expect(r.errors[0]).toContain('allow-missing-checksum');
    expect(mirror.requests.some((q) => q.path === `/${built.filename}`)).toBe(false);
  });

  test('a .sha256 longer than a checksum file (an HTML page): refused, naming go-download-base-url', async () => {
    mirror.addContent(`${built.filename}.sha256`, `${built.sha256}  ${'x'.repeat(5000)}\n`);
    const r = await install({ 'go-version': VERSION });
    expectExit(r, 1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/^input go-download-base-url: /);
    expect(r.errors[0]).toContain(`${built.filename}.sha256`);
    expect(mirror.requests.some((q) => q.path === `/${built.filename}`)).toBe(false);
  });

  test('no .sha256, the mirror from GO_DOWNLOAD_BASE_URL: the error names that variable, not the input', async () => {
    mirror.setFault(`/${built.filename}.sha256`, 404);
    const r = await run(root, {
      inputs: { 'go-version': VERSION, cache: 'false' },
      env: { GO_DOWNLOAD_BASE_URL: mirror.url },
      workspace: ws,
      toolCache: root.sub('tc')
    });
    mirror.setFault(`/${built.filename}.sha256`, null);
    expectExit(r, 1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/^env GO_DOWNLOAD_BASE_URL: /);
  });

  test('no .sha256 with allow-missing-checksum: installed unverified, with a warning', async () => {
    mirror.setFault(`/${built.filename}.sha256`, 404);
    const r = await install({ 'go-version': VERSION, 'allow-missing-checksum': 'true' });
    mirror.setFault(`/${built.filename}.sha256`, null);
    expectExit(r, 0);
    expect(r.outputs['go-version']).toBe(VERSION);
    expect(r.annotations.some((a) => a.level === 'warning' && a.message.includes('without sha256'))).toBe(true);
  });

  test.each([
    ['go-version 1.22 (a minor)', { 'go-version': '1.22' }, /^input go-version: "1\.22" is not an exact version/],
    ['go-version ^1.21 (a range)', { 'go-version': '^1.21' }, /^input go-version: "\^1\.21" is not an exact version/],
    ['go.mod go 1.22 (a minimum)', {}, /^go\.mod:3: "1\.22" is not an exact version/]
  ])('%s: one error at the place the version came from', async (_name, inputs, message) => {
    const r = await install(inputs);
    expectExit(r, 1);
    expect(r.errors).toHaveLength(1);
    // an error about a file is annotated at it (file and line), its message says what is wrong
    const [error] = r.annotations.filter((a) => a.level === 'error');
    expect(`${error.file ? `${error.file}:${error.line}: ` : ''}${error.message}`).toMatch(message);
    expect(r.errors[0]).toContain('no version listing');
  });

  describe('go-download-token', () => {
    const authOf = (m: typeof mirror) => m.requests.map((q) => q.headers.authorization);

    test('is sent to the mirror host on every request (listing, checksum, archive); token is not', async () => {
      const r = await install({ 'go-version': VERSION, 'go-download-token': 'mirror-secret', token: 'gh-token' });
      expectExit(r, 0);
      // the listing, the static listing (index.json), the checksum, the archive
      expect(authOf(mirror)).toEqual(Array(4).fill('Bearer mirror-secret'));
      // masked in the log, and never printed otherwise
      const lines = r.stdout.split('\n');
      expect(lines).toContain('::add-mask::mirror-secret');
      expect(lines.filter((l) => l.includes('mirror-secret'))).toEqual(['::add-mask::mirror-secret']);
    });

    test('mode verify sends it with the manifest request too', async () => {
      const r = await install({ mode: 'verify', 'go-download-token': 'mirror-secret' });
      expect(r.code).not.toBeNull();
      expect(mirror.requests.map((q) => q.path)).toEqual(['/?mode=json&include=all', '/index.json']);
      expect(authOf(mirror)).toEqual(['Bearer mirror-secret', 'Bearer mirror-secret']);
    });

    test('a token that names its scheme is sent as given', async () => {
      const r = await install({ 'go-version': VERSION, 'go-download-token': 'Basic dXNlcjpwdw==' });
      expectExit(r, 0);
      expect(new Set(authOf(mirror))).toEqual(new Set(['Basic dXNlcjpwdw==']));
    });

    test('without it, nothing is sent to the mirror, not even the GitHub token', async () => {
      const r = await install({ 'go-version': VERSION, token: 'gh-token' });
      expectExit(r, 0);
      expect(authOf(mirror)).toEqual([undefined, undefined, undefined]);
    });

    test('a redirect to another host does not carry it', async () => {
      other.addFile(built.filename, built.path);
      mirror.setFault(`/${built.filename}`, { kind: 'redirect', to: `${other.url}/${built.filename}` });
      const r = await install({ 'go-version': VERSION, 'go-download-token': 'mirror-secret' });
      mirror.setFault(`/${built.filename}`, null);
      expectExit(r, 0);
      expect(other.requests.map((q) => [q.path, q.headers.authorization])).toEqual([[`/${built.filename}`, undefined]]);
    });
  });
});
