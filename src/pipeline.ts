/**
 * The pipeline: inputs -> plan -> install -> (cache restore, beside) verify -> report, on any Host
 * (the runner, the terminal). It builds the RunContext once and gathers the RunState phase by
 * phase. Every failure ends as one error line (naming the input or file:line), a failed host, and a
 * JSON report and summary that say where the run stopped.
 */
import { UserError, UserErrorList, oneLine } from './errors.js';
import { parseInputs, type RawInputs } from './inputs/inputs.js';
import { currentPlatform, runnerDirs, type RunnerDirs } from './system/platform.js';
import { toolCacheArch } from './go/platform-names.js';
import type { Host } from './hosts/host.js';
import type { RunReport } from './report/json-report.js';
import type { RunContext, RunState } from './run-context.js';
import { makePlan } from './plan/stage.js';
import { planMatrix } from './plan/matrix.js';
import { environmentBefore, findOnPath, install } from './install/stage.js';
import { check, collectFacts } from './verify/stage.js';
import { publish, publishStopped } from './report/stage.js';
import type { CacheRestoreOutcome } from './cache/restore.js';
import type { InstallOutcome } from './install/stage.js';
import { localSource, runnerSource } from './report/source.js';
import { readGitFacts } from './system/git.js';

/**
 * What only a runner does around the install: module and build caching, the problem matcher, the
 * record of the toolchains in the module cache. The action's entry passes them (main.ts); the CLI
 * has none, and its bundle leaves them out.
 */
export interface RunnerExtras {
  restoreCaches(ctx: RunContext, installed: InstallOutcome): Promise<CacheRestoreOutcome | undefined>;
  registerProblemMatcher(ctx: RunContext): void;
  /** records the toolchain modules in GOMODCACHE, so the post step can list the ones Go downloads */
  rememberToolchains(ctx: RunContext, state: RunState): Promise<void>;
}

export interface PipelineArgs {
  host: Host;
  /** the inputs as the runner passes them (INPUT_*), or as the CLI's flags set them */
  raw: RawInputs;
  /** default: the runner's folders from the host's environment */
  dirs?: RunnerDirs;
  extras?: RunnerExtras;
}

/** Runs the whole pipeline; the report it published (undefined only if even that failed). */
export async function runPipeline(args: PipelineArgs): Promise<RunReport | undefined> {
  const { host } = args;
  const dirs = args.dirs ?? runnerDirs(host.env);
  const state: RunState = { startedAt: Date.now(), timings: {} };
  let ctx: RunContext | undefined;
  try {
    // Where the report comes from: the workflow run, else the checkout's git facts (the CLI).
    state.source = runnerSource(host.env) ?? localSource(await readGitFacts(dirs.workspace));
    const inputs = parseInputs(args.raw, host.env);
    host.setSecret(inputs.token);
    host.setSecret(inputs.goDownloadToken);
    const platform = currentPlatform(inputs.architecture || undefined);
    ctx = { host, inputs, platform, arch: toolCacheArch(platform), dirs };
    return await run(ctx, state, args.extras);
  } catch (err) {
    fail(host, err);
    return publishStopped(
      { host, dirs, inputs: ctx?.inputs },
      state,
      err instanceof Error ? err : new Error(String(err))
    );
  }
}

async function run(ctx: RunContext, state: RunState, extras: RunnerExtras | undefined): Promise<RunReport> {
  const { host, inputs } = ctx;
  const { timings } = state;
  let mark = state.startedAt;
  const lap = (phase: string): void => {
    const now = Date.now();
    timings[phase] = now - mark;
    mark = now;
  };

  // What the environment was, read while planning (nothing has been changed yet).
  const [before, plan] = await Promise.all([environmentBefore(ctx), makePlan(ctx)]);
  state.before = before;
  state.plan = plan;
  for (const w of plan.warnings) host.warning(w);
  lap('plan');

  if (inputs.mode === 'install') state.install = await install(ctx, plan);
  else if (inputs.mode === 'verify') state.install = await findOnPath(ctx, plan);
  lap('install');
  const installed = state.install;
  if (installed?.goRoot) extras?.registerProblemMatcher(ctx);
  // Caches are restored while the workspace is scanned; restoreCaches never throws.
  const caching =
    inputs.mode === 'install' && installed && extras
      ? extras.restoreCaches(ctx, installed)
      : Promise.resolve(undefined);

  const facts = await collectFacts(ctx, plan, before, installed);
  state.facts = facts;
  lap('scan');
  state.checked = check(facts, inputs);
  lap('checks');
  state.cache = await caching;
  if (state.cache) timings.cache = state.cache.report.ms;
  if (inputs.mode === 'install' && installed?.goEnv && extras) await extras.rememberToolchains(ctx, state);
  const matrix = planMatrix(facts.root, facts.version, plan.releases, inputs.matrixRange, ctx.platform);
  if (matrix.warning) host.warning(matrix.warning);
  state.matrix = matrix.matrix;
  return publish(ctx, { ...state, before, plan, facts, checked: state.checked });
}

function fail(host: Host, err: unknown): void {
  const errors = err instanceof UserErrorList ? err.errors : [err];
  for (const e of errors) {
    if (e instanceof UserError) {
      // An annotation shows its file and line itself; the message then needs only the detail.
      const message = e.file ? e.detail : e.message;
      host.annotate({ level: 'error', message: oneLine(message), file: e.file, line: e.line });
      continue;
    }
    // Anything else is a bug: its stack goes to the debug log, the message to one error line.
    if (e instanceof Error) host.debug(e.stack ?? '');
    host.annotate({ level: 'error', message: oneLine(e instanceof Error ? e.message : String(e)) });
  }
  host.fail();
}
