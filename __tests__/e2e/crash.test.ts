/**
 * End to end: a job SIGKILLed at any stage of a real install (Debian's Go 1.19.8, packed as an
 * official-style ~120 MB archive) leaves nothing a later job takes for complete, and the next job
 * installs cleanly (it takes over the dead job's lock and removes its leftovers, or, after the
 * marker, finds the install complete and removes the dead job's lock).
 *
 * The kill points are deterministic: the killed job runs under a test hook (a `--import` preload,
 * scripts/test-support/pause-hook.mjs) with SETUP_GO_ENFORCED_TEST_PAUSE=<stage>,
 * writes a pause file when it reaches that stage and waits there; the test kills it then. Nothing
 * depends on the machine's speed.
 *
 * One shared tool cache for the whole sequence. Per stage: run and kill, check the invariant "a
 * marker means a whole tree" and exactly what the kill left, run a fresh job and check its
 * install, then remove the install so the next kill hits an install again.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Mirror, startMirrorServing } from '../../scripts/test-support/mirror.mjs';
import { packRealGo } from '../../scripts/test-support/toolchains.mjs';
import { listTree, runAction, spawnAction, type RunResult } from '../../scripts/test-support/run-action.mjs';
import { INSTALL_POINTS as PAUSE_STAGES, type InstallPoint as PauseStage } from '../../src/test-points.js';
import { pauseFile } from '../../scripts/test-support/pause-hook.mjs';

/** The test entry that installs the hook (the product reads no pause setting of its own). */
const HOOK = path.resolve('scripts', 'test-support', 'pause-hook.mjs');

const REAL_GO = '/usr/lib/go-1.19';
const VERSION = '1.19.8';
const ARCH = 'x64';
const haveRealGo = existsSync(path.join(REAL_GO, 'bin', 'go'));

const STAGING = /^x64\.staging-\d+-[0-9a-f]+$/;

/** What each kill leaves in the version folder (names, staging folders shown as "staging"). */
const LEFT_BY_STAGE: Record<PauseStage, string[]> = {
  'before-lock': [],
  locked: [`${ARCH}.lock`],
  staging: [`${ARCH}.lock`, 'staging'],
  'mid-extraction': [`${ARCH}.lock`, 'staging'],
  renamed: [ARCH, `${ARCH}.lock`, 'staging'],
  marked: [ARCH, `${ARCH}.complete`, `${ARCH}.lock`]
};

/** What the kill left in the version folder. */
interface Left {
  names: string[];
  marker: boolean;
  treeEntries: number;
}

if (!haveRealGo) {
  describe(`crash tests (skipped: ${REAL_GO} is missing; install Debian's golang-1.19-go to run them)`, () => {
    test.skip('SIGKILL at many points of a real install', () => undefined);
  });
} else {
  describe('SIGKILL at many points of a real Go 1.19.8 install', () => {
    let root: string;
    let mirror: Mirror;
    let workspace: string;
    let toolCache: string;
    let versionDir: string;
    let goRoot: string;
    /** entries below go/ in the archive (packRealGo dereferences every link of REAL_GO) */
    let archiveEntries: number;

    beforeAll(async () => {
      root = mkdtempSync(path.join(os.tmpdir(), 'sge-e2e-crash-'));
      const archive = await packRealGo({
        srcDir: REAL_GO,
        version: VERSION,
        outDir: path.join(os.tmpdir(), 'setup-go-enforced-fixtures')
      });
      archiveEntries = Number(
        execFileSync('sh', ['-c', `find -L '${REAL_GO}' -mindepth 1 | wc -l`])
          .toString()
          .trim()
      );
      mirror = await startMirrorServing({ version: VERSION, os: 'linux', arch: 'amd64', archive });
      workspace = path.join(root, 'ws');
      mkdirSync(workspace);
      writeFileSync(path.join(workspace, 'go.mod'), 'module example.com/x\n\ngo 1.19\n');
      toolCache = path.join(root, 'toolcache');
      versionDir = path.join(toolCache, 'go', VERSION);
      goRoot = path.join(versionDir, ARCH);
    }, 120_000);

    afterAll(async () => {
      await mirror?.close();
      if (root) rmSync(root, { recursive: true, force: true });
    });

    const inputs = () => ({
      'go-version': VERSION,
      'go-download-base-url': mirror.url,
      checks: 'vulnerabilities: off'
    });

    function names(): string[] {
      return existsSync(versionDir) ? readdirSync(versionDir).sort() : [];
    }

    function countEntries(dir: string): number {
      return existsSync(dir) ? listTree(dir).length : 0;
    }

    /** The invariant: whenever the marker exists, the tree is whole. */
    function expectMarkerMeansWhole(): Left {
      const left: Left = {
        names: names(),
        marker: existsSync(`${goRoot}.complete`),
        treeEntries: countEntries(goRoot)
      };
      if (left.marker) expect(left.treeEntries).toBe(archiveEntries);
      return left;
    }

    /** Starts a job that pauses at `stage`, waits for its pause file and SIGKILLs it there. */
    async function runAndKill(stage: PauseStage): Promise<RunResult> {
      const temp = path.join(root, `temp-killed-${stage}`);
      const child = spawnAction({
        inputs: inputs(),
        workspace,
        toolCache,
        temp,
        nodeArgs: ['--import', HOOK],
        env: { SETUP_GO_ENFORCED_TEST_PAUSE: stage },
        timeoutMs: 300_000
      });
      const file = pauseFile(temp, stage);
      const poller = setInterval(() => {
        if (existsSync(file) && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }, 20);
      try {
        return await child.result;
      } finally {
        clearInterval(poller);
      }
    }

    test.each(PAUSE_STAGES.map((s) => [s] as const))(
      'killed at %s: no half install counts as complete; the next job installs cleanly',
      async (stage) => {
        const killed = await runAndKill(stage);
        expect({ signal: killed.signal, errors: killed.errors }).toEqual({ signal: 'SIGKILL', errors: [] });
        const left = expectMarkerMeansWhole();
        expect(left.names.map((n) => (STAGING.test(n) ? 'staging' : n))).toEqual(LEFT_BY_STAGE[stage]);
        if (stage === 'mid-extraction') {
          const staging = left.names.find((n) => STAGING.test(n))!;
          const unpacked = countEntries(path.join(versionDir, staging, 'go'));
          expect(unpacked).toBeGreaterThan(0);
          expect(unpacked).toBeLessThan(archiveEntries);
        }

        const next = await runAction({
          inputs: inputs(),
          workspace,
          toolCache,
          temp: path.join(root, 'temp-next'),
          timeoutMs: 300_000
        });
        expect(next.errors).toEqual([]);
        expect(next.code).toBe(0);
        expect(next.outputs['go-root']).toBe(goRoot);
        // a tree without marker is never reused: the next job downloads again; after the marker
        // it is a cache hit, and the dead job's lock is removed all the same
        expect(next.outputs['toolchain-cache-hit']).toBe(left.marker ? 'true' : 'false');
        expect(names()).toEqual([ARCH, `${ARCH}.complete`]);
        expect(countEntries(goRoot)).toBe(archiveEntries);
        const env = { ...process.env, GOTOOLCHAIN: 'local', GOROOT: '', GOFLAGS: '' };
        const said = execFileSync(path.join(goRoot, 'bin', 'go'), ['version'], { env }).toString();
        expect(said).toMatch(new RegExp(`^go version go${VERSION.replace(/\./g, '\\.')} linux/amd64`));

        // start the next kill point from "not installed" again
        rmSync(path.join(toolCache, 'go'), { recursive: true, force: true });
      },
      300_000
    );
  });
}
