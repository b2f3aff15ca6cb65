/**
 * The build cache (GOCACHE) before a save: which entries this job used or added, and whether
 * anything is new (pure). Layout (cmd/go/internal/cache): `<xx>/<64 hex>-a` action entries of
 * the form "v1 <action id> <output id> <size> <time>\n", and `<xx>/<64 hex>-d` outputs named by
 * an output id. Other files (README, trim.txt, testexpire.txt, fuzz/) are not entries and are
 * always kept.
 *
 * Go refreshes an entry's mtime when it uses it and the mtime is more than an hour old. Saved
 * entries are stamped two hours before the save, so after a restore every entry the job uses gets
 * a fresh mtime: "used" is an mtime at or after the restore began.
 */

export interface BuildCacheFile {
  /** `<xx>/<name>`, forward slashes */
  rel: string;
  mtimeMs: number;
  size: number;
}

/** How far before the save entries are stamped, so that Go refreshes them on their next use. */
export const BACKDATE_MS = 2 * 60 * 60 * 1000;

const ENTRY = /^([0-9a-f]{2})\/([0-9a-f]{64})-([ad])$/;

/** True for `<xx>/<hex>-a` and `<xx>/<hex>-d` whose folder matches the name. */
export function isEntry(rel: string): boolean {
  const m = ENTRY.exec(rel);
  return m !== null && m[2].startsWith(m[1]);
}

/** The output id an action entry points at, or undefined when the text is no action entry. */
export function actionOutputId(text: string): string | undefined {
  const m = /^v1 [0-9a-f]{64} ([0-9a-f]{64}) /.exec(text);
  return m ? m[1] : undefined;
}

/** `<xx>/<id>-d` for an output id. */
export function outputRel(outputId: string): string {
  return `${outputId.slice(0, 2)}/${outputId}-d`;
}

/** A short, stable token per entry for the list of restored entries kept in the saved metadata. */
export function entryToken(rel: string): string {
  const m = ENTRY.exec(rel);
  return m ? `${m[2].slice(0, 20)}${m[3]}` : rel;
}

/** The action entries used (or written) since `sinceMs`: their outputs must be kept with them. */
export function usedActions(files: BuildCacheFile[], sinceMs: number): string[] {
  return files.filter((f) => f.rel.endsWith('-a') && f.mtimeMs >= sinceMs && isEntry(f.rel)).map((f) => f.rel);
}

export interface BuildCacheDecision {
  /** entries to save: used or written since the restore, plus the outputs of kept actions */
  keep: string[];
  /** entries this job did not use: left out of the saved entry */
  drop: string[];
  /** kept entries that the restored entry did not hold: the job added them */
  added: number;
  keptBytes: number;
}

/**
 * What to save of the build cache. `outputIds` are the output ids of usedActions(); `restored` is
 * the token list of the restored entry (empty after a miss).
 */
export function buildCacheDecision(
  files: BuildCacheFile[],
  sinceMs: number,
  outputIds: string[],
  restored: ReadonlySet<string>
): BuildCacheDecision {
  const referenced = new Set(outputIds.map(outputRel));
  const keep: string[] = [];
  const drop: string[] = [];
  let added = 0;
  let keptBytes = 0;
  for (const f of files) {
    if (!isEntry(f.rel)) continue;
    if (f.mtimeMs >= sinceMs || referenced.has(f.rel)) {
      keep.push(f.rel);
      keptBytes += f.size;
      if (!restored.has(entryToken(f.rel))) added++;
    } else drop.push(f.rel);
  }
  return { keep, drop, added, keptBytes };
}

/**
 * What to move out of the build cache for the save: every two-hex folder without a kept entry as a
 * whole (Go creates all 256 folders whenever it opens the cache, so leaving the empty ones out
 * costs nothing and spares the restore most of its folder creations), and the dropped files of the
 * folders that stay.
 */
export function leaveOut(folders: string[], d: Pick<BuildCacheDecision, 'keep' | 'drop'>): string[] {
  const kept = new Set(d.keep.map((rel) => rel.slice(0, 2)));
  const whole = folders.filter((f) => /^[0-9a-f]{2}$/.test(f) && !kept.has(f));
  const gone = new Set(whole);
  return [...whole, ...d.drop.filter((rel) => !gone.has(rel.slice(0, 2)))];
}
