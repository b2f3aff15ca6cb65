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

/**
 * When to kill: after `ms`, or as soon as `appears` holds for the version folder (polled every 2 ms).
 * The folder-triggered points hit a given stage whatever the machine's speed.
 */
interface KillPoint {
  name: string;
  ms?: number;
  appears?: (versionDir: string, names: string[]) => boolean;
}

const stagingOf = (names: string[]) => names.find((x) => x.startsWith(`${ARCH}.staging-`));

const KILL_POINTS: KillPoint[] = [
  { name: 'after 50 ms (node starting)', ms: 50 },
  { name: 'as soon as the install lock appears', appears: (_d, n) => n.includes(`${ARCH}.lock`) },
  { name: 'as soon as the staging folder appears', appears: (_d, n) => stagingOf(n) !== undefined },
  {
    name: 'mid-extraction (4 of the 7 top-level entries unpacked)',
    appears: (d, n) => {
      const staging = stagingOf(n);
      if (!staging) return false;
      try {
        return readdirSync(path.join(d, staging, 'go')).length >= 4;
      } catch {
        return false;
      }
    }
  },
  { name: 'as soon as the final folder appears (marker not yet written)', appears: (_d, n) => n.includes(ARCH) }
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
    const observed: { point: string; killed: boolean; left: Left }[] = [];

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
      const manifest = buildFixtureManifest({
        files: {
          [VERSION]: [
            { os: 'linux', arch: 'amd64', filename: archive.filename, sha256: archive.sha256, size: archive.size }
          ]
        }
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

    /** Starts a job and SIGKILLs it at the kill point (or lets it finish if it ends first). */
    async function runAndKill(p: KillPoint): Promise<RunResult> {
      const child = spawnAction({
        inputs: inputs(),
        workspace,
        toolCache,
        temp: path.join(root, 'temp-killed'),
        timeoutMs: 60_000
      });
      const kill = () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      };
      let poller: NodeJS.Timeout | undefined;
      let timer: NodeJS.Timeout | undefined;
      if (p.ms !== undefined) timer = setTimeout(kill, p.ms);
      if (p.appears) {
        const appears = p.appears;
        poller = setInterval(() => {
          if (appears(versionDir, names())) kill();
        }, 2);
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
        observed.push({ point: p.name, killed: killed.signal === 'SIGKILL', left });

        const next = await runAction({
          inputs: inputs(),
          workspace,
          toolCache,
          temp: path.join(root, 'temp-next'),
          timeoutMs: 60_000
        });
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

        // start the next kill point from "not installed" again
        rmSync(path.join(toolCache, 'go'), { recursive: true, force: true });
      },
      60_000
    );

    test('the folder-triggered kills hit the stage they wait for', () => {
      const at = (fragment: string) => observed.find((o) => o.point.includes(fragment))!;
      // killed holding the lock: the lock (and maybe a fresh staging folder) stayed behind
      if (at('install lock').killed) expect(at('install lock').left.names).toContain(`${ARCH}.lock`);
      for (const fragment of ['staging folder', 'mid-extraction']) {
        const o = at(fragment);
        if (!o.killed) continue;
        expect(o.left.names.some((n) => n.startsWith(`${ARCH}.staging-`))).toBe(true);
        expect(o.left.marker).toBe(false);
      }
      // at least the lock and staging kills landed before those jobs could finish
      expect(at('install lock').killed && at('staging folder').killed).toBe(true);
    });
  });
}
