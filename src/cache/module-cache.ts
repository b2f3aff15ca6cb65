/**
 * The module cache (GOMODCACHE) before a save: which module versions the go.sum files in scope
 * need, and which items of the cache no go.sum needs any more (pure). Layout (cmd/go/internal/modfetch):
 *
 *   <module>@<version>/                                 extracted source (read-only dirs)
 *   cache/download/<module>/@v/<version>.{zip,ziphash,info,mod,lock}
 *   cache/download/<module>/@v/list, list.lock
 *   cache/download/sumdb/..., cache/vcs/...             kept as they are
 *
 * Module paths and versions are written escaped on disk (upper case -> "!" + lower case).
 */

/** Go's case-encoding of module paths and versions on disk (golang.org/x/mod/module EscapePath). */
export function escapeModulePath(p: string): string {
  return p.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

/** "<escaped path>@<escaped version>": how the cache names a module version. */
export function moduleVersionId(path: string, version: string): string {
  return `${escapeModulePath(path)}@${escapeModulePath(version)}`;
}

/** What go.sum files need: full module versions (sources) and those needed for their go.mod only. */
export interface NeededModules {
  /** ids (moduleVersionId) of versions whose source is needed: a `<m> <v> h1:` line */
  full: Set<string>;
  /** ids of versions whose go.mod alone is needed: a `<m> <v>/go.mod h1:` line */
  goMod: Set<string>;
}

/** Reads go.sum / go.work.sum texts. Malformed lines are ignored, as the cache is only trimmed. */
export function neededModules(sums: string[]): NeededModules {
  const needed: NeededModules = { full: new Set(), goMod: new Set() };
  for (const text of sums) {
    for (const line of text.split(/\r?\n/)) {
      const f = line.trim().split(/\s+/);
      if (f.length !== 3 || !f[2].startsWith('h1:')) continue;
      const [mod, ver] = f;
      if (ver.endsWith('/go.mod')) needed.goMod.add(moduleVersionId(mod, ver.slice(0, -'/go.mod'.length)));
      else needed.full.add(moduleVersionId(mod, ver));
    }
  }
  return needed;
}

/** One item of the module cache that trimming may drop. */
export type ModuleCacheItem =
  /** an extracted module version: `<id>` folder, relative path `rel` */
  | { kind: 'source'; rel: string; id: string }
  /** a file of cache/download/<module>/@v/ */
  | { kind: 'download'; rel: string; module: string; file: string };

const DOWNLOAD_EXTS = ['.ziphash', '.zip', '.info', '.mod', '.lock', '.partial', '.tmp'];

/** The version and extension of a cache/download @v file name ("v1.2.3.zip"), or undefined for list files. */
export function downloadFileVersion(file: string): { version: string; ext: string } | undefined {
  if (file === 'list' || file === 'list.lock') return undefined;
  for (const ext of DOWNLOAD_EXTS) {
    if (file.endsWith(ext) && file.length > ext.length) return { version: file.slice(0, -ext.length), ext };
  }
  return undefined;
}

/**
 * The items no go.sum in scope needs. Sources and their zip/ziphash/info/lock go when the version
 * has no `h1:` line for its source; `.mod` (and `.info`, `.lock`) stay while a `/go.mod` line
 * names the version; half-written files (.partial, .tmp) always go; a module's `list` goes with
 * its last version. Items the rules do not know (sumdb, vcs, unknown files) are never dropped.
 */
export function moduleCacheDrops(items: ModuleCacheItem[], needed: NeededModules): ModuleCacheItem[] {
  const drops: ModuleCacheItem[] = [];
  const keptPerModule = new Map<string, number>();
  const lists: ModuleCacheItem[] = [];
  for (const item of items) {
    if (item.kind === 'source') {
      if (!needed.full.has(item.id)) drops.push(item);
      continue;
    }
    const parsed = downloadFileVersion(item.file);
    if (!parsed) {
      if (item.file === 'list' || item.file === 'list.lock') lists.push(item);
      continue;
    }
    const id = `${item.module}@${parsed.version}`;
    const keep =
      parsed.ext === '.partial' || parsed.ext === '.tmp'
        ? false
        : needed.full.has(id) || (['.mod', '.info', '.lock'].includes(parsed.ext) && needed.goMod.has(id));
    if (keep) keptPerModule.set(item.module, (keptPerModule.get(item.module) ?? 0) + 1);
    else drops.push(item);
  }
  for (const l of lists) if (l.kind === 'download' && !keptPerModule.get(l.module)) drops.push(l);
  return drops;
}
