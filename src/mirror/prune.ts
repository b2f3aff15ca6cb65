/**
 * Which names in DIR a run manages and may remove: release files (`go<V>.<os>-<arch>.<ext>` and
 * their `.sha256`) that the new listing does not hold (with --prune, after the listing is in
 * place), the temporary files of runs that died (`.tmp-<pid>-<name>`, under the lock), and
 * vulnerability entries the copied index no longer names. Anything else in DIR (a CNAME, an
 * index.html, the user's own notes) is never touched. Pure.
 */

/** A Go release file as go.dev names it, or its checksum file. */
const RELEASE_FILE = /^go\d[0-9A-Za-z.]*\.[0-9a-z]+-[0-9a-z]+\.(?:tar\.gz|zip|msi|pkg)(?:\.sha256)?$/;

/** The temporary name of `name` while this process writes it (beside it, so the rename is atomic). */
export function tempName(pid: number, name: string): string {
  return `.tmp-${pid}-${name}`;
}

/** True for a temporary file of a run (this one or a dead one). */
export function isTempName(name: string): boolean {
  return /^\.tmp-\d+-./.test(name);
}

/** True for a name a mirror writes for a release file. */
export function isReleaseFileName(name: string): boolean {
  return RELEASE_FILE.test(name);
}

/** The checksum file of a release file. */
export function sha256Name(filename: string): string {
  return `${filename}.sha256`;
}

/**
 * The names of DIR to remove when pruning: release files and checksum files that belong to no file
 * of the new listing. Sorted.
 */
export function pruneNames(names: readonly string[], listed: ReadonlySet<string>): string[] {
  return names.filter((n) => isReleaseFileName(n) && !listed.has(n.replace(/\.sha256$/, ''))).sort();
}

/** The vulnerability entry files (`<id>.json`) that the copied index no longer names. Sorted. */
export function staleVulnEntries(files: readonly string[], ids: ReadonlySet<string>): string[] {
  return files.filter((f) => f.endsWith('.json') && !isTempName(f) && !ids.has(f.slice(0, -5))).sort();
}
