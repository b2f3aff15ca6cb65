/**
 * Safety rules for the entries of a Go release archive (tar or zip), checked before extraction.
 * An official archive holds one top folder `go/`; everything must stay inside it, and extraction
 * must never write through a link. Pure: no fs, no streams.
 */
import { UserError } from '../errors.js';

export type ArchiveEntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';

export interface ArchiveEntry {
  /** the entry's path as stored in the archive */
  path: string;
  type: ArchiveEntryType;
  /** symlink target (as stored) or hardlink target (archive-relative) */
  linkTarget?: string;
  mode?: number;
  /** for 'other': what it is, for the message ("character device", "fifo", "type 'S'") */
  detail?: string;
}

/** A refused archive or entry: one line naming the archive entry and why. */
export class ArchiveError extends UserError {
  constructor(
    detail: string,
    readonly entry?: string,
    archive?: string
  ) {
    super(detail, archive === undefined ? {} : { archive });
  }
}

/** The only allowed top folder of an archive. */
export const TOP_FOLDER = 'go';

/** How many symlink hops the final link resolution follows before calling it a loop. */
const MAX_LINK_HOPS = 40;

/** Printable, bounded form of an entry name for messages. */
export function showName(name: string): string {
  const printable = name.replace(
    // eslint-disable-next-line no-control-regex -- control characters are what this escapes
    /[\u0000-\u001f\u007f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`
  );
  return JSON.stringify(printable.length > 200 ? `${printable.slice(0, 200)}...` : printable);
}

/** True for `/x`, `\x`, `\\server\x`, `C:\x`, `C:x`. */
function isAbsoluteLike(name: string): boolean {
  return name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name);
}

/**
 * Splits a name on `/` and `\`, dropping empty and `.` segments. `..` is kept (callers decide).
 */
export function segments(name: string): string[] {
  return name.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
}

/**
 * Key under which a path is compared with known symlinks: lower case, NFC, without trailing dots
 * or spaces per segment, so that case-insensitive or Windows file systems cannot alias a link.
 */
function aliasKey(segs: string[]): string {
  return segs
    .map((s) =>
      s
        .normalize('NFC')
        .toLowerCase()
        .replace(/[. ]+$/, '')
    )
    .join('/');
}

/**
 * Syntax rules for one path (entry name or hardlink target): no NUL, not absolute, no `..`,
 * no `:` (drive letters, Windows alternate data streams), first segment `go`.
 * Returns the normalized segments.
 */
export function checkPathSyntax(name: string, what = 'archive entry', shown = name): string[] {
  const label = (): string => `${what} ${showName(shown)}`;
  if (name === '') throw new ArchiveError(`${label()} has an empty name`, shown);
  if (name.includes('\0')) throw new ArchiveError(`${label()} has a NUL byte in its name`, shown);
  if (isAbsoluteLike(name)) throw new ArchiveError(`${label()} is an absolute path`, shown);
  if (name.includes(':')) throw new ArchiveError(`${label()} has a ':' in its name (drive or stream name)`, shown);
  const segs = segments(name);
  if (segs.includes('..')) throw new ArchiveError(`${label()} escapes the ${TOP_FOLDER}/ folder ("..")`, shown);
  if (segs.length === 0 || segs[0] !== TOP_FOLDER) {
    throw new ArchiveError(`${label()} is not under the ${TOP_FOLDER}/ top folder`, shown);
  }
  return segs;
}

/**
 * Resolves a symlink target lexically relative to the link's folder. Throws when the target is
 * absolute or the walk ever leaves `go/` (even if it comes back). Returns the resolved segments.
 */
export function resolveLinkTarget(linkSegs: string[], target: string, shownLink: string): string[] {
  const label = `archive entry ${showName(shownLink)}`;
  if (target === '') throw new ArchiveError(`${label} is a symlink with an empty target`, shownLink);
  if (target.includes('\0')) throw new ArchiveError(`${label} has a NUL byte in its link target`, shownLink);
  if (isAbsoluteLike(target) || target.includes(':')) {
    throw new ArchiveError(`${label} links to an absolute path ${showName(target)}`, shownLink);
  }
  const out = linkSegs.slice(0, -1);
  for (const s of segments(target)) {
    if (s === '..') {
      out.pop();
      if (out.length === 0) {
        throw new ArchiveError(`${label} links outside the ${TOP_FOLDER}/ folder (${showName(target)})`, shownLink);
      }
    } else {
      out.push(s);
    }
  }
  return out;
}

/** What the rules remember between entries of one archive. */
export interface ArchiveState {
  /** archive name for messages */
  archive: string;
  /** number of entries checked */
  entries: number;
  /** alias key -> link segments and target as stored, for every symlink seen so far */
  symlinks: Map<string, { segs: string[]; target: string }>;
}

export function newArchiveState(archive: string): ArchiveState {
  return { archive, entries: 0, symlinks: new Map() };
}

/** Throws if `segs` (or, with `self`, the path itself) passes through a symlink seen earlier. */
function checkNotThroughLink(
  state: ArchiveState,
  segs: string[],
  label: () => string,
  shown: string,
  self: boolean
): void {
  if (state.symlinks.size === 0) return;
  const end = self ? segs.length : segs.length - 1;
  let key = '';
  for (let i = 0; i < end; i++) {
    key = i === 0 ? aliasKey([segs[0]]) : `${key}/${aliasKey([segs[i]])}`;
    if (state.symlinks.has(key)) {
      const linkName = segs.slice(0, i + 1).join('/');
      const why = i + 1 === segs.length ? `replaces the earlier symlink` : `goes through the earlier symlink`;
      throw new ArchiveError(`${label()} ${why} "${linkName}"`, shown);
    }
  }
}

/**
 * Checks one entry against the rules and records what later entries need (symlinks).
 * Throws ArchiveError naming the entry and why.
 */
export function checkEntry(entry: ArchiveEntry, state: ArchiveState): void {
  const shown = entry.path;
  const label = (): string => `archive entry ${showName(shown)}`;
  if (entry.type === 'other') {
    throw new ArchiveError(`${label()} is a ${entry.detail ?? 'special file'}, which a Go archive never holds`, shown);
  }
  const segs = checkPathSyntax(entry.path, 'archive entry', shown);
  if (segs.length === 1 && entry.type !== 'dir') {
    throw new ArchiveError(`${label()}: the ${TOP_FOLDER}/ top folder must be a folder, not a ${entry.type}`, shown);
  }
  checkNotThroughLink(state, segs, label, shown, true);

  if (entry.type === 'symlink') {
    resolveLinkTarget(segs, entry.linkTarget ?? '', shown);
    state.symlinks.set(aliasKey(segs), { segs, target: entry.linkTarget ?? '' });
  } else if (entry.type === 'hardlink') {
    const target = entry.linkTarget ?? '';
    const tsegs = checkPathSyntax(target, `hardlink target of ${label()}:`, target);
    if (tsegs.length === 1) throw new ArchiveError(`${label()} is a hardlink to the ${TOP_FOLDER}/ folder`, shown);
    checkNotThroughLink(state, tsegs, () => `${label()} is a hardlink whose target`, shown, true);
  }
  state.entries++;
}

/**
 * Final check once every entry has been seen: the archive had entries (so a `go/` top folder),
 * and every symlink, followed through the other symlinks of the archive, stays inside `go/` and
 * does not loop.
 */
export function finishArchive(state: ArchiveState): void {
  if (state.entries === 0) {
    throw new ArchiveError(`${state.archive} has no ${TOP_FOLDER}/ top folder (no entries)`);
  }
  for (const { segs, target } of state.symlinks.values()) {
    resolveThroughLinks(state, segs, target);
  }
}

/** Follows a link through the archive's other links; throws if it ever leaves go/ or loops. */
function resolveThroughLinks(state: ArchiveState, linkSegs: string[], target: string): void {
  const shown = linkSegs.join('/');
  const label = `archive entry ${showName(shown)}`;
  let hops = 0;
  // pending: segments still to walk; cur: resolved real path so far
  let cur = linkSegs.slice(0, -1);
  let pending = segments(target);
  while (pending.length > 0) {
    const s = pending.shift() as string;
    if (s === '..') {
      cur.pop();
      if (cur.length === 0) {
        throw new ArchiveError(`${label} links outside the ${TOP_FOLDER}/ folder through other links`, shown);
      }
      continue;
    }
    cur.push(s);
    const link = state.symlinks.get(aliasKey(cur));
    if (link) {
      if (++hops > MAX_LINK_HOPS) throw new ArchiveError(`${label} is part of a symlink loop`, shown);
      cur = cur.slice(0, -1);
      if (isAbsoluteLike(link.target)) {
        throw new ArchiveError(`${label} links to an absolute path through other links`, shown);
      }
      pending = [...segments(link.target), ...pending];
    }
  }
}

/** Object form of the rules for one archive. */
export class ArchiveRules {
  readonly state: ArchiveState;
  constructor(archive: string) {
    this.state = newArchiveState(archive);
  }
  /** Checks one entry; the error message starts with the archive name. */
  check(entry: ArchiveEntry): void {
    this.prefixed(() => checkEntry(entry, this.state));
  }
  /** Final check at the end of the archive (see finishArchive). */
  finish(): void {
    this.prefixed(() => finishArchive(this.state));
  }
  /** Throws an ArchiveError prefixed with the archive name (for guard-level refusals). */
  fail(message: string, entry?: string): never {
    throw new ArchiveError(message, entry, this.state.archive);
  }
  private prefixed(f: () => void): void {
    try {
      f();
    } catch (e) {
      // Entry errors get the archive name; the one error without an entry (no entries) names it itself.
      if (e instanceof ArchiveError && e.archive === undefined && e.entry !== undefined) {
        throw new ArchiveError(e.detail, e.entry, this.state.archive);
      }
      throw e;
    }
  }
  get entries(): number {
    return this.state.entries;
  }
}
