/**
 * A test hook that makes crash tests deterministic: with SETUP_GO_ENFORCED_TEST_PAUSE=<stage> in
 * the step's environment, the installer writes `<RUNNER_TEMP>/setup-go-enforced-paused-<stage>`
 * (holding its pid) when it reaches that stage and then waits until it is killed. A test waits for
 * the file and kills the job there, whatever the machine's speed. Without the variable (every real
 * run) nothing happens.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export const TEST_PAUSE_ENV = 'SETUP_GO_ENFORCED_TEST_PAUSE';

/** The named stages of an install, in order. */
export const PAUSE_STAGES = [
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
export type PauseStage = (typeof PAUSE_STAGES)[number];

/** The named stages of `setup-go-enforced mirror` (src/mirror/run.ts), in order. */
export const MIRROR_PAUSE_STAGES = [
  /** half of an archive's bytes went through the checksum into its temporary file */
  'mirror-mid-archive',
  /** every file is in place; the new listing is not written yet */
  'mirror-before-listing'
] as const;
export type MirrorPauseStage = (typeof MIRROR_PAUSE_STAGES)[number];
type AnyPauseStage = PauseStage | MirrorPauseStage;

/** The stage asked for in `env`, if any (unknown names are ignored). */
export function pauseStage(env: NodeJS.ProcessEnv): AnyPauseStage | undefined {
  const v = (env[TEST_PAUSE_ENV] ?? '').trim();
  const known: readonly string[] = [...PAUSE_STAGES, ...MIRROR_PAUSE_STAGES];
  return known.includes(v) ? (v as AnyPauseStage) : undefined;
}

/** The file the paused installer writes. */
export function pauseFile(temp: string, stage: AnyPauseStage): string {
  return path.join(temp, `setup-go-enforced-paused-${stage}`);
}

/** Writes the pause file and never resolves (a timer keeps the process alive until it is killed). */
async function pauseForever(temp: string, stage: AnyPauseStage): Promise<never> {
  await fs.mkdir(temp, { recursive: true });
  await fs.writeFile(pauseFile(temp, stage), String(process.pid));
  return new Promise<never>(() => {
    setInterval(() => undefined, 60_000);
  });
}

/** Pauses for good when `env` asks for `stage`; returns at once otherwise. */
export async function pauseAt(env: NodeJS.ProcessEnv, temp: string, stage: AnyPauseStage): Promise<void> {
  if (pauseStage(env) === stage) await pauseForever(temp, stage);
}

/**
 * A pass-through that pauses for good (stops passing bytes on) once `atBytes` have gone through,
 * when `env` asks for `stage` ('mid-extraction', or 'mirror-mid-archive'); undefined otherwise.
 */
export function midStreamPause(
  env: NodeJS.ProcessEnv,
  temp: string,
  atBytes: number,
  stage: 'mid-extraction' | 'mirror-mid-archive' = 'mid-extraction'
): Transform | undefined {
  if (pauseStage(env) !== stage || !(atBytes > 0)) return undefined;
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
      seen += chunk.length;
      if (seen < atBytes) {
        cb(null, chunk);
        return;
      }
      this.push(chunk);
      void pauseForever(temp, stage);
    }
  });
}
