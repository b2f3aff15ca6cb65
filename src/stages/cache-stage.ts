/**
 * Module and build caching: restore in the main step right after the install (before any later
 * step's `go` can write to the caches), save in the post step. Two entries with separate keys
 * (see cache/keys.ts); restore keys bring back the newest older entry after a dependency change;
 * before a save the entries are trimmed to what this job used (build cache) and what the go.sum
 * files in scope need (module cache), so saved entries never snowball; nothing is saved when
 * nothing changed. Every failure here is a warning at most: caching never fails a job.
 */
import path from 'node:path';
import type { Host } from '../host.js';
import type { Inputs } from '../inputs/inputs.js';
import type { Platform } from '../model.js';
import type { RunnerDirs } from '../edge/platform.js';
import { askGo } from '../edge/go-exec.js';
import { goBinaryIn } from '../go/platform-names.js';
import type { ReportCache, ReportCacheEntry } from '../report/json-report.js';
import {
  buildKeys,
  buildResult,
  cacheServiceConfigured,
  modulesKeys,
  modulesResult,
  type LookupResult
} from '../cache/keys.js';
import { dependencyHash, dependencyPatterns } from '../cache/dependency-hash.js';
import { cachePlacement } from '../cache/placement.js';
import { decodeState, encodeState, STATE_NAME, type CacheState, type EntryState } from '../cache/state.js';
import { moduleCacheDrops, neededModules } from '../cache/module-cache.js';
import {
  actionOutputId,
  BACKDATE_MS,
  buildCacheDecision,
  entryToken,
  leaveOut,
  usedActions
} from '../cache/build-cache.js';
import {
  digestFiles,
  findDependencyFiles,
  hasContent,
  listBuildCache,
  listModuleCache,
  makeFoldersWritable,
  readHeads,
  readMeta,
  readSums,
  stamp,
  stashOut,
  treeSize,
  writeMeta
} from '../cache/cache-files.js';
import { entryExists, loadToolkit, restoreEntry, saveEntry } from '../cache/cache-service.js';

/** Entries used this long before the restore began still count as used (coarse file clocks). */
const CLOCK_SLACK_MS = 2000;

export interface CacheContext {
  host: Host;
  inputs: Inputs;
  platform: Platform;
  dirs: RunnerDirs;
  /** the installed Go */
  goRoot: string;
  goVersion: string;
  /** node arch of the installed Go */
  arch: string;
  /** `go env` GOPATH, GOMODCACHE, GOCACHE as the install step read them; asked again when absent */
  goEnv?: Record<string, string>;
}

/**
 * Starts loading @actions/cache when caching will restore something, so that parsing the library
 * overlaps the plan and the install instead of delaying the restore.
 */
export function prepareCaches(inputs: Inputs, env: NodeJS.ProcessEnv): void {
  if (inputs.cache && inputs.mode === 'install' && cacheServiceConfigured(env))
    void loadToolkit().catch(() => undefined);
}

export interface CacheRestoreOutcome {
  /** cache-hit and cache-matched-key */
  outputs: Record<string, string>;
  report: ReportCache;
}

function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split(/\r?\n/)[0];
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
export async function restoreCaches(ctx: CacheContext): Promise<CacheRestoreOutcome | undefined> {
  const { host, inputs } = ctx;
  if (!inputs.cache) return undefined;
  const started = Date.now();
  try {
    return await restore(ctx, started);
  } catch (e) {
    host.warning(`cache: not restored, the job goes on without it: ${errorText(e)}`);
    return skipped(errorText(e), inputs.cacheSave, Date.now() - started);
  }
}

async function restore(ctx: CacheContext, started: number): Promise<CacheRestoreOutcome> {
  const { host, inputs, platform, dirs } = ctx;
  const env = host.env;
  if (!cacheServiceConfigured(env)) {
    const reason =
      'no cache service in this environment (ACTIONS_RESULTS_URL or ACTIONS_CACHE_URL is not set, or ACTIONS_CACHE_MODE is none)';
    host.warning(`cache: skipped: ${reason}`);
    return skipped(reason, inputs.cacheSave, Date.now() - started);
  }
  // Load the library while go answers and the dependency files are hashed.
  const loaded = loadToolkit().then(
    () => Date.now() - started,
    () => -1
  );
  const patterns = dependencyPatterns(inputs.cacheDependencyPath);
  const names = ['GOMODCACHE', 'GOCACHE', 'GOPATH'];
  const known = ctx.goEnv && names.every((n) => ctx.goEnv?.[n] !== undefined);
  const [said, depFiles] = await Promise.all([
    known ? { env: ctx.goEnv ?? {} } : askGo(goBinaryIn(platform, ctx.goRoot), names, env),
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
    goVersion: ctx.goVersion,
    dependencyHash: hash,
    runId: env.GITHUB_RUN_ID || String(started),
    runAttempt: env.GITHUB_RUN_ATTEMPT || '1'
  });
  const usable = (p: string): boolean => p !== '' && p !== 'off' && path.isAbsolute(p);
  const modPath = usable(goEnv.GOMODCACHE) ? goEnv.GOMODCACHE : '';
  const buildPath = usable(goEnv.GOCACHE) ? goEnv.GOCACHE : '';

  const asked = Date.now() - started;
  // Go makes extracted modules read-only; tar could not extract over them as a non-root user.
  if (modPath) await makeFoldersWritable(modPath);
  host.debug(`cache: go env and dependency hash after ${asked} ms, @actions/cache loaded after ${await loaded} ms`);
  const [modAnswer, buildAnswer] = await Promise.all([
    modPath ? restoreEntry([modPath], mk.key, mk.restoreKeys) : undefined,
    buildPath ? restoreEntry([buildPath], bk.lookupKey, bk.restoreKeys) : undefined
  ]);

  const entry = async (
    p: string,
    key: string,
    restoreKeys: string[],
    answer: Awaited<ReturnType<typeof restoreEntry>> | undefined,
    result: LookupResult
  ): Promise<ReportCacheEntry | null> => {
    if (!p || !answer) return null;
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

  const failures = [modules, build].filter((e) => e?.result === 'failed');
  if (failures.length > 0) {
    host.warning(
      `cache: restore failed, the job goes on without it: ${failures.map((e) => `${e === modules ? 'modules' : 'build'}: ${e?.message}`).join('; ')}`
    );
  }
  const state: CacheState = {
    v: 1,
    save: ctx.inputs.cacheSave,
    since: started - CLOCK_SLACK_MS,
    workspace: dirs.workspace,
    runnerOs,
    dependencyFiles: depFiles,
    dependencyHash: hash,
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
  for (const [name, e] of [
    ['modules', modules],
    ['build', build]
  ] as const) {
    if (e) host.info(`cache: ${name} ${e.result}${e.matchedKey ? ` (${e.matchedKey})` : ''}`);
  }
  return {
    outputs: {
      'cache-hit': String(modules?.result === 'exact'),
      'cache-matched-key': modules?.matchedKey ?? ''
    },
    report
  };
}

function entryState(p: string, saveKey: string, result: LookupResult, matchedKey?: string): EntryState {
  return matchedKey ? { path: p, saveKey, result, matchedKey } : { path: p, saveKey, result };
}

/** What the post step did with one entry. */
export interface SaveReport {
  entry: 'modules' | 'build';
  /** saved; unchanged (nothing new); exists (another job saved the key first); skipped; failed */
  outcome: 'saved' | 'unchanged' | 'exists' | 'skipped' | 'failed';
  key: string;
  detail: string;
  bytes?: number;
}

function tag(): string {
  return `sge-stash-${process.pid}-${Date.now().toString(36)}`;
}

/** Saves through @actions/cache unless the key exists already (a matrix job saved it first). */
async function saveUnlessExists(dir: string, key: string): Promise<Pick<SaveReport, 'outcome' | 'detail'>> {
  const lookup = await entryExists([dir], key);
  if (lookup.exists) return { outcome: 'exists', detail: 'another job saved this key first' };
  // The service cannot even be asked: no archive is built for nothing.
  if (lookup.failure) return { outcome: 'failed', detail: lookup.failure };
  const r = await saveEntry([dir], key);
  if (r.saved) return { outcome: 'saved', detail: 'saved' };
  if (r.exists) return { outcome: 'exists', detail: 'another job saved this key first' };
  return { outcome: 'failed', detail: r.failure ?? 'not saved' };
}

async function saveModules(state: CacheState, e: EntryState): Promise<SaveReport> {
  const digests = await digestFiles(state.workspace, state.dependencyFiles);
  const key = modulesKeys({ runnerOs: state.runnerOs, dependencyHash: dependencyHash(digests) }).key;
  const base = { entry: 'modules' as const, key };
  if (e.result === 'exact' && key === e.matchedKey) {
    return { ...base, outcome: 'unchanged', detail: 'exact hit and the dependency files did not change' };
  }
  if (!(await hasContent(e.path))) return { ...base, outcome: 'skipped', detail: `${e.path} is empty` };
  const sums = await readSums(state.dependencyFiles);
  const drops =
    sums.length > 0 ? moduleCacheDrops(await listModuleCache(e.path), neededModules(sums)).map((i) => i.rel) : [];
  const stash = await stashOut(e.path, drops, tag());
  try {
    const size = await treeSize(e.path);
    await writeMeta(e.path, { v: 1, key, savedAt: new Date().toISOString(), ...size });
    const r = await saveUnlessExists(e.path, key);
    const trimmed = drops.length > 0 ? `; left out ${drops.length} items no go.sum needs` : '';
    return { ...base, ...r, detail: `${r.detail}${trimmed}`, bytes: size.bytes };
  } finally {
    await stash.restore();
  }
}

async function saveBuild(state: CacheState, e: EntryState): Promise<SaveReport> {
  const base = { entry: 'build' as const, key: e.saveKey };
  const { folders, files } = await listBuildCache(e.path);
  const used = usedActions(files, state.since);
  const outputs = (await readHeads(e.path, used)).map(actionOutputId).filter((o): o is string => o !== undefined);
  const meta = e.matchedKey ? await readMeta(e.path) : undefined;
  const d = buildCacheDecision(files, state.since, outputs, new Set(meta?.entries ?? []));
  if (d.added === 0) {
    return { ...base, outcome: 'unchanged', detail: `nothing new (${d.keep.length} entries used)` };
  }
  const stash = await stashOut(e.path, leaveOut(folders, d), tag());
  try {
    // Stamped before the save: after the next restore, Go refreshes whatever that job uses.
    await stamp(e.path, d.keep, new Date(Date.now() - BACKDATE_MS));
    await writeMeta(e.path, {
      v: 1,
      key: e.saveKey,
      savedAt: new Date().toISOString(),
      files: d.keep.length,
      bytes: d.keptBytes,
      entries: d.keep.map(entryToken)
    });
    const r = await saveUnlessExists(e.path, e.saveKey);
    const detail = `${r.detail}; ${d.added} new of ${d.keep.length} entries, ${d.drop.length} unused left out`;
    return { ...base, ...r, detail, bytes: d.keptBytes };
  } finally {
    await stash.restore();
  }
}

/**
 * Post step: saves what changed, under the keys the main step computed. Never fails: every
 * problem is a warning.
 */
export async function saveCaches(host: Host): Promise<SaveReport[]> {
  const state = decodeState(host.getState(STATE_NAME));
  if (!state) {
    host.info('cache: nothing to save (caching was off or the main step did not restore)');
    return [];
  }
  if (!state.save) {
    host.info('cache: cache-save is false: nothing saved');
    return [];
  }
  const jobs: [EntryState | undefined, (s: CacheState, e: EntryState) => Promise<SaveReport>, 'modules' | 'build'][] = [
    [state.modules, saveModules, 'modules'],
    [state.build, saveBuild, 'build']
  ];
  const reports = await Promise.all(
    jobs
      .filter((j): j is [EntryState, (s: CacheState, e: EntryState) => Promise<SaveReport>, 'modules' | 'build'] =>
        Boolean(j[0])
      )
      .map(([e, fn, entry]) =>
        fn(state, e).catch((err: unknown): SaveReport => ({
          entry,
          outcome: 'failed',
          key: e.saveKey,
          detail: errorText(err)
        }))
      )
  );
  for (const r of reports) {
    const line = `cache: ${r.entry} ${r.outcome}: ${r.key}: ${r.detail}`;
    if (r.outcome === 'failed') host.warning(line);
    else if (r.outcome === 'exists') host.notice(line);
    else host.info(line);
  }
  return reports;
}
