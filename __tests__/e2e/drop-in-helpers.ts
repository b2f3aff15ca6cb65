/**
 * Shared fixture for the "install Go as a drop-in" end-to-end tests (install, resolution):
 * temp folders, synthetic toolchains served by a local mirror, workspaces, hermetic runs.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildFixtureManifest } from '../../scripts/test-support/manifest-fixture.mjs';
import { buildSyntheticToolchain } from '../../scripts/test-support/toolchains.mjs';
import { runAction } from '../../scripts/test-support/run-action.mjs';

export type Built = Awaited<ReturnType<typeof buildSyntheticToolchain>>;
export type RunResult = Awaited<ReturnType<typeof runAction>>;
type RunOptions = Parameters<typeof runAction>[0];

/** A temp folder removed by cleanup(). */
export class TempRoot {
  readonly dir: string;
  constructor(prefix: string) {
    this.dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  }
  /** A new empty folder under the root. */
  sub(name: string): string {
    return mkdtempSync(path.join(this.dir, `${name}-`));
  }
  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Synthetic linux-amd64 toolchains, built once each into `outDir`. */
export async function buildToolchains(outDir: string, versions: string[]): Promise<Map<string, Built>> {
  const out = new Map<string, Built>();
  for (const version of versions) {
    out.set(version, await buildSyntheticToolchain({ version, os: 'linux', arch: 'amd64', outDir }));
  }
  return out;
}

/** The fixture manifest with the real sha256/size of the built toolchains (overrides per version). */
export function manifestFor(
  built: Map<string, Built>,
  override: Record<string, { sha256?: string; size?: number }> = {}
): unknown {
  const files: Record<string, { os: string; arch: string; filename: string; sha256: string; size: number }[]> = {};
  for (const [version, b] of built) {
    files[version] = [
      { os: 'linux', arch: 'amd64', filename: b.filename, sha256: b.sha256, size: b.size, ...override[version] }
    ];
  }
  return buildFixtureManifest({ files });
}

/** Writes `files` (relative path -> text) into a new folder and returns it. */
export function makeWorkspace(root: TempRoot, files: Record<string, string>): string {
  const ws = root.sub('ws');
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(ws, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return ws;
}

/**
 * Runs the bundle with a hermetic environment: HOME under the temp root, no GOROOT/GOPATH/
 * GOTOOLCHAIN/GOWORK/GO_DOWNLOAD_BASE_URL from this process, vulnerabilities off (no network),
 * tool cache and RUNNER_TEMP under the temp root unless given.
 */
export function run(root: TempRoot, opts: RunOptions & { home?: string }): Promise<RunResult> {
  const home = opts.home ?? path.join(root.dir, 'home');
  mkdirSync(home, { recursive: true });
  return runAction({
    ...opts,
    toolCache: opts.toolCache ?? root.sub('toolcache'),
    temp: opts.temp ?? root.sub('runner-temp'),
    inputs: { checks: 'vulnerabilities: off', ...opts.inputs },
    env: {
      HOME: home,
      GOROOT: undefined,
      GOPATH: undefined,
      GOTOOLCHAIN: undefined,
      GOWORK: undefined,
      GOFLAGS: undefined,
      GO_DOWNLOAD_BASE_URL: undefined,
      ...opts.env
    }
  });
}

/** Asserts the exit code; on a mismatch the failure shows what the action printed. */
export function expectExit(r: RunResult, code: number): void {
  if (r.code !== code) {
    throw new Error(
      `expected exit ${code}, got ${r.code}${r.timedOut ? ' (timed out)' : ''}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`
    );
  }
}

/** True when the listing (see listTree) has an entry for the file `rel`. */
export function hasFile(tree: string[], rel: string): boolean {
  return tree.some((e) => e.startsWith(`${rel} `));
}
