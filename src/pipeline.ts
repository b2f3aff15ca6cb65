/**
 * The pipeline: inputs -> plan -> install -> verify -> report, on any Host (the runner, the
 * terminal). Every failure ends as one error line (naming the input or file:line), a failed host,
 * and a JSON report and summary that say where the run stopped.
 */
import { UserError, UserErrorList, oneLine } from './errors.js';
import { parseInputs, type Inputs, type RawInputs } from './inputs/inputs.js';
import { currentPlatform, runnerDirs, type RunnerDirs } from './edge/platform.js';
import { toolCacheArch } from './go/platform-names.js';
import type { Host } from './host.js';
import type { RunReport } from './report/json-report.js';
import { makePlan } from './stages/plan-stage.js';
import { environmentBefore, findOnPath, install, type InstallOutcome } from './stages/install-stage.js';
import { check, collectFacts } from './stages/verify-stage.js';
import { publish, publishStopped, type StoppedArgs } from './stages/report-stage.js';
import type { CacheContext, CacheRestoreOutcome } from './stages/cache-stage.js';
import { localSource, runnerSource } from './report/source.js';
import { readGitFacts } from './edge/git-facts.js';

/** What the run knows so far: enough to report where it stopped. */
type Progress = Omit<StoppedArgs, 'host' | 'error'>;

/**
 * What only a runner does around the install: module and build caching and the problem matcher.
 * The action's entry passes them (main.ts); the CLI has none, and its bundle leaves them out.
 */
export interface RunnerExtras {
  restoreCaches(ctx: CacheContext): Promise<CacheRestoreOutcome | undefined>;
  registerProblemMatcher(host: Host, inputs: Inputs): void;
  /** records the toolchain modules in GOMODCACHE, so the post step can list the ones Go downloads */
  rememberToolchains(
    host: Host,
    facts: { modCache: string | undefined; installed: string; gotoolchain: string }
  ): Promise<void>;
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
  const progress: Progress = { dirs, startedAt: Date.now(), timings: {} };
  try {
    // Where the report comes from: the workflow run, else the checkout's git facts (the CLI).
    progress.source = runnerSource(host.env) ?? localSource(await readGitFacts(dirs.workspace));
    return await pipeline(host, args.raw, progress, args.extras);
  } catch (err) {
    fail(host, err);
    return publishStopped({ host, ...progress, error: err instanceof Error ? err : new Error(String(err)) });
  }
}

async function pipeline(
  host: Host,
  raw: RawInputs,
  progress: Progress,
  extras: RunnerExtras | undefined
): Promise<RunReport> {
  const { timings, dirs } = progress;
  const started = progress.startedAt;
  let mark = started;
  const lap = (phase: string): void => {
    const now = Date.now();
    timings[phase] = now - mark;
    mark = now;
  };
  const env = host.env;
  const inputs = parseInputs(raw, env);
  progress.inputs = inputs;
  host.setSecret(inputs.token);
  host.setSecret(inputs.goDownloadToken);
  const platform = currentPlatform(inputs.architecture || undefined);
  const arch = toolCacheArch(platform);

  // What the environment was, read while planning (nothing has been changed yet).
  const [before, plan] = await Promise.all([
    environmentBefore(env, platform),
    makePlan({ inputs, platform, arch, workspace: dirs.workspace, toolCache: dirs.toolCache, env })
  ]);
  progress.before = before;
  progress.plan = plan;
  for (const w of plan.warnings) host.warning(w);
  lap('plan');

  const ictx = {
    host,
    inputs,
    platform,
    arch,
    toolCache: dirs.toolCache,
    temp: dirs.temp,
    workspace: dirs.workspace,
    hosted: dirs.hosted
  };
  let outcome: InstallOutcome | undefined;
  if (inputs.mode === 'install') outcome = await install(ictx, plan);
  else if (inputs.mode === 'verify') outcome = await findOnPath(ictx, plan);
  lap('install');
  if (outcome?.goRoot) extras?.registerProblemMatcher(host, inputs);
  // Caches are restored while the workspace is scanned; restoreCaches never throws.
  const caching =
    inputs.mode === 'install' && outcome && extras
      ? extras.restoreCaches({
          host,
          inputs,
          platform,
          dirs,
          arch,
          goRoot: outcome.goRoot,
          goVersion: outcome.version,
          goEnv: outcome.goEnv
        })
      : Promise.resolve(undefined);

  const facts = await collectFacts({ inputs, workspace: dirs.workspace, env }, plan, before, outcome);
  lap('scan');
  const checked = check(facts, inputs);
  lap('checks');
  const cache = await caching;
  if (cache) timings.cache = cache.report.ms;
  if (inputs.mode === 'install' && outcome?.goEnv && extras) {
    await extras.rememberToolchains(host, {
      modCache: cache?.moved?.GOMODCACHE ?? outcome.goEnv.GOMODCACHE,
      installed: outcome.version,
      gotoolchain: plan.switching.setting.raw
    });
  }
  return publish({
    host,
    inputs,
    platform,
    dirs,
    plan,
    outcome,
    facts,
    checked,
    before,
    startedAt: started,
    timings,
    cache,
    source: progress.source
  });
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
