/**
 * End to end: a job SIGKILLed at any moment of a real install (Debian's Go 1.19.8, packed as an
 * official-style ~120 MB archive) leaves nothing a later job takes for complete, and the next job
 * installs cleanly (it takes over the dead job's lock and removes its leftovers).
 *
 * One shared tool cache for the whole sequence. Per kill point: start the bundle, kill it after a
 * delay or as soon as a given folder appears, check the invariant "a marker means a whole tree",
 * run a fresh job and check its install, then remove the install so the next kill hits an install
 * again.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startMirror, type Mirror } from '../../scripts/lib/mirror.mjs';
import { buildFixtureManifest } from '../../scripts/lib/manifest-fixture.mjs';
import { packRealGo } from '../../scripts/lib/toolchains.mjs';
import { listTree, runAction, spawnAction, type RunResult } from '../../scripts/lib/run-action.mjs';

const REAL_GO = '/usr/lib/go-1.19';
const VERSION = '1.19.8';
const ARCH = 'x64';
const haveRealGo = existsSync(path.join(REAL_GO, 'bin', 'go'));

/** When to kill: after `ms`, or as soon as `appears` (a path test over the version folder) holds. */
interface KillPoint {
  name: string;
  ms?: number;
  appears?: (names: string[]) => boolean;
}

const KILL_POINTS: KillPoint[] = [
  { name: 'after 50 ms (node starting)', ms: 50 },
  { name: 'after 150 ms', ms: 150 },
  { name: 'after 400 ms', ms: 400 },
  { name: 'after 1000 ms', ms: 1000 },
  { name: 'after 2500 ms (downloading and unpacking)', ms: 2500 },
  { name: 'as soon as the staging folder appears', appears: (n) => n.some((x) => x.startsWith(`${ARCH}.staging-`)) },
  { name: 'as soon as the final folder appears (marker not yet written)', appears: (n) => n.includes(ARCH) }
];

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
    const observed: { point: string; left: Left }[] = [];

    beforeAll(async () => {
      root = mkdtempSync(path.join(os.tmpdir(), 'sge-e2e-crash-'));
      const archive = await packRealGo({
        srcDir: REAL_GO,
        version: VERSION,
        outDir: path.join(os.tmpdir(), 'setup-go-enforced-fixtures')
      });
      archiveEntries = Number(execFileSync('sh', ['-c', `find -L '${REAL_GO}' -mindepth 1 | wc -l`]).toString().trim());
      const manifest = buildFixtureManifest({
        files: { [VERSION]: [{ os: 'linux', arch: 'amd64', filename: archive.filename, sha256: archive.sha256, size: archive.size }] }
      });
      mirror = await startMirror({ manifest });
      mirror.addFile(archive.filename, archive.path);
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

    const inputs = () => ({ 'go-version': VERSION, 'go-download-base-url': mirror.url, checks: 'vulnerabilities: off' });

    function names(): string[] {
      return existsSync(versionDir) ? readdirSync(versionDir).sort() : [];
    }

    function countEntries(dir: string): number {
      return existsSync(dir) ? listTree(dir).length : 0;
    }

    /** The invariant: whenever the marker exists, the tree is whole. */
    function expectMarkerMeansWhole(): Left {
      const left: Left = { names: names(), marker: existsSync(`${goRoot}.complete`), treeEntries: countEntries(goRoot) };
      if (left.marker) expect(left.treeEntries).toBe(archiveEntries);
      return left;
    }

    /** Starts a job and SIGKILLs it at the kill point (or lets it finish if it ends first). */
    async function runAndKill(p: KillPoint): Promise<RunResult> {
      const child = spawnAction({ inputs: inputs(), workspace, toolCache, temp: path.join(root, 'temp-killed'), timeoutMs: 60_000 });
      const kill = () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      };
      let poller: NodeJS.Timeout | undefined;
      let timer: NodeJS.Timeout | undefined;
      if (p.ms !== undefined) timer = setTimeout(kill, p.ms);
      if (p.appears) {
        const appears = p.appears;
        poller = setInterval(() => {
          if (appears(names())) kill();
        }, 1);
      }
      try {
        return await child.result;
      } finally {
        clearTimeout(timer);
        clearInterval(poller);
      }
    }

    test.each(KILL_POINTS.map((p) => [p.name, p] as const))(
      'killed %s: no half install counts as complete; the next job installs cleanly',
      async (_name, p) => {
        const killed = await runAndKill(p);
        expect(killed.signal === 'SIGKILL' || killed.code === 0).toBe(true);
        const left = expectMarkerMeansWhole();
        observed.push({ point: p.name, left });

        const next = await runAction({ inputs: inputs(), workspace, toolCache, temp: path.join(root, 'temp-next'), timeoutMs: 60_000 });
        expect(next.errors).toEqual([]);
        expect(next.code).toBe(0);
        expect(next.outputs['go-root']).toBe(goRoot);
        // a tree without marker is never reused: the next job downloads again
        if (!left.marker) expect(next.outputs['toolchain-cache-hit']).toBe('false');
        // the dead job's lock was taken over at once, not after the 60 s heartbeat timeout
        expect(next.durationMs).toBeLessThan(40_000);
        expect(names()).toEqual([ARCH, `${ARCH}.complete`]);
        expect(countEntries(goRoot)).toBe(archiveEntries);
        const env = { ...process.env, GOTOOLCHAIN: 'local', GOROOT: '', GOFLAGS: '' };
        const said = execFileSync(path.join(goRoot, 'bin', 'go'), ['version'], { env }).toString();
        expect(said).toMatch(new RegExp(`^go version go${VERSION.replace(/\./g, '\\.')} linux/amd64`));
        expectMarkerMeansWhole();

        // start the next kill point from "not installed" again
        rmSync(path.join(toolCache, 'go'), { recursive: true, force: true });
      },
      60_000
    );

    test('the kill points hit the install at different stages', () => {
      console.log(JSON.stringify(observed));
      // Documented, not timing-dependent beyond what the folder-triggered kills guarantee: the
      // staging kill found a staging folder (and no marker).
      const staging = observed.find((o) => o.point.includes('staging folder'));
      expect(staging?.left.names.some((n) => n.startsWith(`${ARCH}.staging-`))).toBe(true);
      expect(staging?.left.marker).toBe(false);
    });
  });
}
