/**
 * The pipeline: inputs -> plan -> install -> verify -> report.
 * Every failure ends as one error line (naming the input or file:line) and exit code 1.
 */
import { UserError, UserErrorList, oneLine } from './errors.js';
import { parseInputs } from './inputs/inputs.js';
import { currentPlatform, runnerDirs } from './edge/platform.js';
import { toolCacheArch } from './go/platform-names.js';
import { actionsHost, readRawInputs } from './edge/actions.js';
import type { Host } from './host.js';
import { makePlan } from './stages/plan-stage.js';
import { environmentBefore, findOnPath, install, type InstallOutcome } from './stages/install-stage.js';
import { check, collectFacts } from './stages/verify-stage.js';
import { publish } from './stages/report-stage.js';
import { prepareCaches, restoreCaches } from './stages/cache-stage.js';
import { registerProblemMatcher } from './edge/problem-matcher.js';

export async function run(host: Host = actionsHost()): Promise<void> {
  try {
    await pipeline(host);
  } catch (err) {
    fail(host, err);
  }
}

async function pipeline(host: Host): Promise<void> {
  const started = Date.now();
  const timings: Record<string, number> = {};
  let mark = started;
  const lap = (phase: string): void => {
    const now = Date.now();
    timings[phase] = now - mark;
    mark = now;
  };
  const env = host.env;
  const inputs = parseInputs(readRawInputs(), env);
  host.setSecret(inputs.token);
  host.setSecret(inputs.goDownloadToken);
  const platform = currentPlatform(inputs.architecture || undefined);
  const arch = toolCacheArch(platform);
  const dirs = runnerDirs(env);
  prepareCaches(inputs, env);

  // What the environment was, read while planning (nothing has been changed yet).
  const [before, plan] = await Promise.all([
    environmentBefore(env, platform),
    makePlan({ inputs, platform, arch, workspace: dirs.workspace, toolCache: dirs.toolCache, env })
  ]);
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
  if (outcome?.goRoot) registerProblemMatcher(host);
  // Caches are restored while the workspace is scanned; restoreCaches never throws.
  const caching =
    inputs.mode === 'install' && outcome
      ? restoreCaches({
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
  await publish({
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
    cache
  });
}

function fail(host: Host, err: unknown): void {
  const errors = err instanceof UserErrorList ? err.errors : [err];
  for (const e of errors) {
    if (e instanceof UserError) {
      host.annotate({ level: 'error', message: oneLine(e.message), file: e.file, line: e.line });
      continue;
    }
    // Anything else is a bug: its stack goes to the debug log, the message to one error line.
    if (e instanceof Error) host.debug(e.stack ?? '');
    host.annotate({ level: 'error', message: oneLine(e instanceof Error ? e.message : String(e)) });
  }
  host.fail();
}
