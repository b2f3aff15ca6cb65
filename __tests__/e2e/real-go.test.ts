/**
 * The real toolchain, end to end: Debian's Go 1.19.8 packed as an official archive, served by the
 * mirror, installed by the bundle for examples/hello (go 1.19); then a later step that sees only
 * the exported PATH and GITHUB_ENV builds and runs the module with it.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startMirrorServing, type Mirror } from '../../scripts/test-support/mirror.mjs';
import { packRealGo } from '../../scripts/test-support/toolchains.mjs';
import { envForNextStep, listTree } from '../../scripts/test-support/run-action.mjs';
import { TempRoot, expectExit, hasFile, run } from './drop-in-helpers.js';

const execFileAsync = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const HELLO = path.resolve(here, '..', '..', 'examples', 'hello');
const REAL_GO = '/usr/lib/go-1.19';
const VERSION = '1.19.8';
/** Shared with the installer unit test: packRealGo reuses the archive it finds here. */
const PACK_CACHE = path.join(os.tmpdir(), 'setup-go-enforced-fixtures');

const missing = existsSync(path.join(REAL_GO, 'bin', 'go'))
  ? undefined
  : `${REAL_GO} is not installed (apt-get install golang-1.19-go)`;

if (missing) {
  test.skip(`real Go ${VERSION} end to end: skipped because ${missing}`, () => undefined);
} else {
  describe(`real Go ${VERSION} end to end`, () => {
    const root = new TempRoot('e2e-real-go-');
    let mirror: Mirror;
    let packed: Awaited<ReturnType<typeof packRealGo>>;

    beforeAll(async () => {
      packed = await packRealGo({ srcDir: REAL_GO, version: VERSION, outDir: PACK_CACHE });
      mirror = await startMirrorServing({
        version: VERSION,
        upTo: VERSION,
        os: 'linux',
        arch: 'amd64',
        archive: packed
      });
    }, 240_000);

    afterAll(async () => {
      await mirror?.close();
      root.cleanup();
    });

    test('installs 1.19.8 for go.mod `go 1.19`; the next step builds and runs the module with it', async () => {
      const ws = path.join(root.dir, 'hello');
      cpSync(HELLO, ws, { recursive: true });
      const toolCache = root.sub('toolcache');
      const r = await run(root, {
        inputs: { 'go-download-base-url': mirror.url },
        workspace: ws,
        toolCache,
        timeoutMs: 180_000
      });
      expectExit(r, 0);
      expect(r.errors).toEqual([]);
      const goRoot = path.join(toolCache, 'go', VERSION, 'x64');
      expect(r.outputs).toMatchObject({
        'go-version': VERSION,
        'go-root': goRoot,
        'toolchain-cache-hit': 'false',
        'resolved-from': 'go.mod:3 go 1.19'
      });
      expect(r.env).toMatchObject({ GOTOOLCHAIN: 'local' });
      expect(r.env.GOROOT).toBeUndefined();
      expect(hasFile(listTree(toolCache), `go/${VERSION}/x64.complete`)).toBe(true);
      expect(mirror.requests.map((q) => q.path)).toEqual(['/?mode=json&include=all', `/${packed.filename}`]);

      // A later step: nothing but a minimal base environment plus what the action exported.
      const scratch = (name: string) => {
        const d = path.join(root.dir, 'step', name);
        mkdirSync(d, { recursive: true });
        return d;
      };
      const env = envForNextStep(r, {
        PATH: '/usr/bin:/bin',
        HOME: scratch('home'),
        GOCACHE: scratch('gocache'),
        GOPATH: scratch('gopath'),
        GOPROXY: 'off'
      });
      const go = (args: string[]) => execFileAsync('go', args, { cwd: ws, env, encoding: 'utf8', timeout: 150_000 });

      expect((await go(['version'])).stdout.trim()).toBe(`go version go${VERSION} linux/amd64`);
      expect((await go(['env', 'GOROOT'])).stdout.trim()).toBe(r.outputs['go-root']);

      const exe = path.join(root.dir, 'step', 'hello');
      await go(['build', '-o', exe, '.']);
      const { stdout } = await execFileAsync(exe, [], { env, encoding: 'utf8' });
      expect(stdout.trim()).toBe(`hello from go${VERSION}`);
    }, 240_000);
  });
}
