/**
 * What one run of the engine knows. `RunContext` is built once in pipeline.ts, after the inputs,
 * and handed to every phase: where it runs (the host), what was asked (the inputs), for which
 * platform, with which folders. `RunState` gathers what each phase found, in order; the report is
 * made from it, also for a run that stopped early (then only the first fields are set).
 */
import type { Host } from './hosts/host.js';
import type { Inputs } from './inputs/inputs.js';
import type { Platform } from './go/types.js';
import type { RunnerDirs } from './system/platform.js';
import type { Plan } from './plan/stage.js';
import type { ReportMatrix } from './report/json-report.js';
import type { InstallOutcome } from './install/stage.js';
import type { CacheRestoreOutcome } from './cache/restore.js';
import type { EnvironmentBefore, Facts } from './verify/facts.js';
import type { ChecksOutcome } from './verify/run-checks.js';
import type { ReportSource } from './report/source.js';

export interface RunContext {
  host: Host;
  inputs: Inputs;
  /** the platform to install for (the architecture input applied) */
  platform: Platform;
  /** the tool cache's arch folder: x64, arm64, ... */
  arch: string;
  dirs: RunnerDirs;
}

export interface RunState {
  startedAt: number;
  /** milliseconds per phase so far: plan, install, scan, checks, cache */
  timings: Record<string, number>;
  /** where the run came from: the workflow run, else the checkout's git facts */
  source?: ReportSource;
  /** the Go environment before the step changed anything */
  before?: EnvironmentBefore;
  plan?: Plan;
  /** install mode: what was installed; verify mode: the go found on PATH */
  install?: InstallOutcome;
  /** what the cache restore found (undefined when caching was off) */
  cache?: CacheRestoreOutcome;
  facts?: Facts;
  checked?: ChecksOutcome;
  /** the matrix outputs, when the manifest was read */
  matrix?: ReportMatrix;
}

/** A state every phase has run for: what the report of a completed run needs. */
export type CompletedRun = RunState & Required<Pick<RunState, 'before' | 'plan' | 'facts' | 'checked'>>;
