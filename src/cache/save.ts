/**
 * The post step's half of caching: saves what changed of the two entries the main step restored
 * (cache/restore.ts), under the keys it computed. Before a save the build cache leaves out what this
 * job did not use, the module cache what no go.sum in scope needs; nothing is deleted, and an exact
 * hit with nothing new saves nothing. Every problem is a warning: the post step never fails a job.
 */
import { firstLine } from '../errors.js';
import type { PostHost } from '../hosts/host.js';
import { cacheModeAllows, modulesKeys } from './keys.js';
import { dependencyHash } from './dependency-hash.js';
import { decodeState, STATE_NAME, type CacheState, type EntryState } from './state.js';
import { moduleCacheDrops, neededModules } from './module-cache.js';
import { actionOutputId, BACKDATE_MS, buildCacheDecision, entryToken, leaveOut, usedActions } from './build-cache.js';
import {
  digestFiles,
  hasContent,
  listBuildCache,
  listModuleCache,
  readHeads,
  readMeta,
  readSums,
  stamp,
  stashOut,
  treeSize,
  writeMeta
} from './cache-files.js';
import { entryExists, saveEntry } from './cache-client.js';

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
export async function saveCaches(host: PostHost): Promise<SaveReport[]> {
  const state = decodeState(host.getState(STATE_NAME));
  if (!state) {
    host.info('cache: nothing to save (caching was off or the main step did not restore)');
    return [];
  }
  if (!state.save) {
    host.info('cache: cache-save is false: nothing saved');
    return [];
  }
  if (!cacheModeAllows(host.env).write) {
    host.info(
      `cache: the runner's cache mode (ACTIONS_CACHE_MODE=${host.env.ACTIONS_CACHE_MODE}) permits no saves: nothing saved`
    );
    return [];
  }
  const save = (
    entry: SaveReport['entry'],
    e: EntryState | undefined,
    fn: (s: CacheState, e: EntryState) => Promise<SaveReport>
  ): Promise<SaveReport>[] =>
    e
      ? [fn(state, e).catch((err: unknown) => ({ entry, outcome: 'failed', key: e.saveKey, detail: firstLine(err) }))]
      : [];
  const reports = await Promise.all([
    ...save('modules', state.modules, saveModules),
    ...save('build', state.build, saveBuild)
  ]);
  for (const r of reports) {
    const line = `cache: ${r.entry} ${r.outcome}: ${r.key}: ${r.detail}`;
    if (r.outcome === 'failed') host.warning(line);
    else if (r.outcome === 'exists') host.notice(line);
    else host.info(line);
  }
  return reports;
}
