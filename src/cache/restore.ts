/**
 * Module and build caching, the main step's half: restore right after the install (before any
 * later step's `go` can write to the caches); cache/save.ts saves in the post step. Two
 * entries with separate keys (see cache/keys.ts); restore keys bring back the newest older entry
 * after a dependency change. Every failure here is a warning at most: caching never fails a job.
 */
import { firstLine } from '../errors.js';
import path from 'node:path';
import { askGo } from '../system/go-exec.js';
import { goBinaryIn } from '../go/platform-names.js';
import type { ReportCache, ReportCacheEntry } from '../report/json-report.js';
import {
  buildKeys,
  buildResult,
  cacheServiceConfigured,
  modulesKeys,
  modulesResult,
  type LookupResult
} from './keys.js';
import { dependencyHash, dependencyPatterns } from './dependency-hash.js';
import { cachePlacement } from './placement.js';
import { encodeState, STATE_NAME, type CacheState, type EntryState } from './state.js';
import { digestFiles, makeFoldersWritable, readMeta } from './cache-files.js';
import { findDependencyFiles } from './dependency-files.js';
import { restoreEntry, startCacheWorker, stopCacheWorker } from './cache-client.js';
import type { RunContext } from '../run-context.js';
import type { InstallOutcome } from '../install/stage.js';

/** Entries used this long before the restore began still count as used (coarse file clocks). */
const CLOCK_SLACK_MS = 2000;

export interface CacheRestoreOutcome {
  /** cache-hit and cache-matched-key */
  outputs: Record<string, string>;
  report: ReportCache;
  /** GOMODCACHE / GOCACHE moved to the fast drive (Windows hosted runners), as exported */
  moved?: Record<string, string>;
}

function skipped(reason: string, save: boolean, ms: number): CacheRestoreOutcome {
  return {
    outputs: { 'cache-hit': 'false', 'cache-matched-key': '' },
    report: { status: 'skipped', reason, save, dependencyFiles: [], modules: null, build: null, ms }
  };
}

/**
 * Main step: looks up and restores both entries, hands the keys to the post step, and says what it
 * found. Undefined when caching is off (cache: false).
 */
export async function restoreCaches(
  ctx: RunContext,
  installed: InstallOutcome
): Promise<CacheRestoreOutcome | undefined> {
  const { host, inputs } = ctx;
  if (!inputs.cache) return undefined;
  const started = Date.now();
  try {
    return await restore(ctx, installed, started);
  } catch (e) {
    host.warning(`cache: not restored, the job goes on without it: ${firstLine(e)}`);
    return skipped(firstLine(e), inputs.cacheSave, Date.now() - started);
  }
}

async function restore(ctx: RunContext, installed: InstallOutcome, started: number): Promise<CacheRestoreOutcome> {
  const { host, inputs, platform, dirs } = ctx;
  const env = host.env;
  if (!cacheServiceConfigured(env)) {
    const reason =
      'no cache service in this environment (ACTIONS_RESULTS_URL or ACTIONS_CACHE_URL is not set, or ACTIONS_CACHE_MODE is none)';
    host.warning(`cache: skipped: ${reason}`);
    return skipped(reason, inputs.cacheSave, Date.now() - started);
  }
  // The worker loads the library on its own thread while go answers and the files are hashed.
  startCacheWorker();
  const patterns = dependencyPatterns(inputs.cacheDependencyPath);
  const names = ['GOMODCACHE', 'GOCACHE', 'GOPATH'];
  // `go env` as the install step read it (one go process fewer); asked again when absent.
  const known = installed.goEnv && names.every((n) => installed.goEnv?.[n] !== undefined);
  const [said, depFiles] = await Promise.all([
    known ? { env: installed.goEnv ?? {} } : askGo(goBinaryIn(platform, installed.goRoot), names, env),
    findDependencyFiles(dirs.workspace, patterns)
  ]);
  if ('error' in said && said.error) throw new Error(`go env failed: ${said.error}`);
  if (patterns.length > 0 && depFiles.length === 0) {
    host.warning(
      `cache-dependency-path: no file in the workspace matches ${patterns.join(', ')}; the modules key hashes no file`
    );
  }
  const goEnv = {
    GOMODCACHE: said.env.GOMODCACHE ?? '',
    GOCACHE: said.env.GOCACHE ?? '',
    GOPATH: said.env.GOPATH ?? ''
  };
  const moved = cachePlacement({
    os: platform.os,
    hosted: dirs.hosted,
    env,
    goEnv,
    temp: dirs.temp,
    workspace: dirs.workspace
  });
  for (const [name, value] of Object.entries(moved)) {
    host.exportVariable(name, value);
    goEnv[name as 'GOMODCACHE' | 'GOCACHE'] = value;
    host.info(`cache: ${name}=${value} (on the fast drive, as the toolchain)`);
  }
  const digests = await digestFiles(dirs.workspace, depFiles);
  const hash = dependencyHash(digests);
  const runnerOs = env.RUNNER_OS || platform.os;
  const mk = modulesKeys({ runnerOs, dependencyHash: hash });
  const bk = buildKeys({
    runnerOs,
    arch: ctx.arch,
    imageOs: env.ImageOS ?? env.IMAGEOS ?? '',
    goVersion: installed.version,
    dependencyHash: hash,
    runId: env.GITHUB_RUN_ID || String(started),
    runAttempt: env.GITHUB_RUN_ATTEMPT || '1',
    job: env.GITHUB_JOB ?? '',
    suffix: inputs.cacheKeySuffix
  });
  const usable = (p: string): boolean => p !== '' && p !== 'off' && path.isAbsolute(p);
  const modPath = usable(goEnv.GOMODCACHE) ? goEnv.GOMODCACHE : '';
  const buildPath = usable(goEnv.GOCACHE) ? goEnv.GOCACHE : '';

  // Go makes extracted modules read-only; tar could not extract over them as a non-root user.
  if (modPath) await makeFoldersWritable(modPath);
  const [modAnswer, buildAnswer] = await Promise.all([
    modPath ? restoreEntry([modPath], mk.key, mk.restoreKeys) : undefined,
    buildPath ? restoreEntry([buildPath], bk.lookupKey, bk.restoreKeys) : undefined
  ]);
  await stopCacheWorker();

  const entry = async (
    p: string,
    key: string,
    restoreKeys: string[],
    answer: Awaited<ReturnType<typeof restoreEntry>> | undefined,
    result: LookupResult
  ): Promise<ReportCacheEntry | null> => {
    if (!answer) return null;
    const meta = answer.matchedKey ? await readMeta(p) : undefined;
    const e: ReportCacheEntry = { path: p, key, restoreKeys, result };
    if (answer.matchedKey) e.matchedKey = answer.matchedKey;
    if (meta) Object.assign(e, { files: meta.files, bytes: meta.bytes });
    if (answer.failure) e.message = answer.failure;
    return e;
  };
  const modResult: LookupResult = modAnswer?.failure ? 'failed' : modulesResult(mk, modAnswer?.matchedKey);
  const buildRes: LookupResult = buildAnswer?.failure ? 'failed' : buildResult(bk, buildAnswer?.matchedKey);
  const [modules, build] = await Promise.all([
    entry(modPath, mk.key, mk.restoreKeys, modAnswer, modResult),
    entry(buildPath, bk.lookupKey, bk.restoreKeys, buildAnswer, buildRes)
  ]);

  const named = [
    ['modules', modules],
    ['build', build]
  ] as const;
  const failures = named.filter(([, e]) => e?.result === 'failed');
  if (failures.length > 0) {
    host.warning(
      `cache: restore failed, the job goes on without it: ${failures.map(([name, e]) => `${name}: ${e?.message}`).join('; ')}`
    );
  }
  const state: CacheState = {
    v: 1,
    save: ctx.inputs.cacheSave,
    since: started - CLOCK_SLACK_MS,
    workspace: dirs.workspace,
    runnerOs,
    dependencyFiles: depFiles,
    ...(modPath ? { modules: entryState(modPath, mk.key, modResult, modAnswer?.matchedKey) } : {}),
    ...(buildPath ? { build: entryState(buildPath, bk.saveKey, buildRes, buildAnswer?.matchedKey) } : {})
  };
  host.saveState(STATE_NAME, encodeState(state));

  const report: ReportCache = {
    status: 'restored',
    save: ctx.inputs.cacheSave,
    dependencyFiles: digests.map((d) => d.path),
    modules,
    build,
    ms: Date.now() - started
  };
  for (const [name, e] of named) {
    if (e) host.info(`cache: ${name} ${e.result}${e.matchedKey ? ` (${e.matchedKey})` : ''}`);
  }
  return {
    outputs: {
      'cache-hit': String(modules?.result === 'exact'),
      'cache-matched-key': modules?.matchedKey ?? ''
    },
    report,
    ...(Object.keys(moved).length > 0 ? { moved } : {})
  };
}

function entryState(p: string, saveKey: string, result: LookupResult, matchedKey?: string): EntryState {
  return matchedKey ? { path: p, saveKey, result, matchedKey } : { path: p, saveKey, result };
}
