/**
 * Named points of the long operations (an install, a mirror refresh, a bump) where a crash or race
 * test holds a run, to kill it there or change a file under it, whatever the machine's speed.
 * Nothing here reads the environment: a run is held only when a test entry installed a hook
 * before the bundle started (`node --import scripts/test-support/pause-hook.mjs dist/...`); a
 * real run never has one, and every point is a no-op.
 */
import type { Transform } from 'node:stream';

/** The named points of an install, in order (the crash suite kills a job at each). */
export const INSTALL_POINTS = [
  /** the version folder exists, the lock is not taken yet */
  'before-lock',
  /** the lock is held, nothing else done */
  'locked',
  /** the empty staging folder exists, the download has not started */
  'staging',
  /** half of the archive's bytes went through the checksum to the extractor (tar.gz only) */
  'mid-extraction',
  /** the tree was renamed into place; no marker yet */
  'renamed',
  /** the marker is written; the lock is still held */
  'marked'
] as const;

/** The named points of `setup-go-enforced mirror`, in order. */
export const MIRROR_POINTS = [
  /** half of an archive's bytes went through the checksum into its temporary file */
  'mirror-mid-archive',
  /** every file is in place; the new listing is not written yet */
  'mirror-before-listing'
] as const;

/** `setup-go-enforced bump`: every file is read and planned, nothing written yet. */
export const BUMP_POINTS = ['bump-before-write'] as const;

export type InstallPoint = (typeof INSTALL_POINTS)[number];
export type TestPoint = InstallPoint | (typeof MIRROR_POINTS)[number] | (typeof BUMP_POINTS)[number];

/** What a test entry installs. `dir`: a folder of the run (RUNNER_TEMP, the mirror's) for its files. */
export interface TestHook {
  /** called at `point`; may hold the run (a promise that never settles) */
  at(point: TestPoint, dir: string): Promise<void>;
  /** a pass-through for a stream point that holds once `atBytes` went through; undefined: no hold */
  stream?(point: TestPoint, dir: string, atBytes: number): Transform | undefined;
}

const KEY = Symbol.for('setup-go-enforced.test-hook');

function hook(): TestHook | undefined {
  return (globalThis as Record<symbol, TestHook | undefined>)[KEY];
}

/** A named point: holds only under a test hook. */
export async function testPoint(point: TestPoint, dir: string): Promise<void> {
  const h = hook();
  if (h) await h.at(point, dir);
}

/** A stream point: a pass-through under a test hook that asks for it, else undefined. */
export function testStreamPoint(point: TestPoint, dir: string, atBytes: number): Transform | undefined {
  return atBytes > 0 ? hook()?.stream?.(point, dir, atBytes) : undefined;
}
