/**
 * What DIR holds (edge: the file system): the previous listing, the state file, each file's sha256
 * and size, the leftovers of runs that died.
 *
 * The state file (`.mirror-state.json`) records, per file this tool verified, its size, mtime,
 * inode and sha256. A file whose size, mtime and inode still match its record is trusted without
 * reading it; any other file is hashed again (`--rehash`: every file). Measured on this project's
 * machine: hashing runs at about 1.7 GB/s, so a refresh of a 20-file (1.5 GB) mirror that changes
 * nothing takes about 1 s with re-hashing and a few ms with the state file. The state file is only
 * a cache: losing it costs one re-hash, never a wrong answer (a file is kept only when its sha256
 * is the expected one, decide.ts).
 */
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Release } from '../go/types.js';
import { parseManifest } from '../go/manifest.js';
import { isObject } from '../json.js';
import type { Present } from './decide.js';
import { LISTING_FILES } from './listing.js';
import { isTempName } from './prune.js';

export const STATE_FILE = '.mirror-state.json';
export const LOCK_DIR = '.lock';

export interface StateRecord {
  size: number;
  mtimeMs: number;
  ino: number;
  sha256: string;
}

export type State = Map<string, StateRecord>;

function code(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

/** The state file's records; an empty map when there is none or it cannot be read. */
export async function readState(dir: string): Promise<State> {
  let json: unknown;
  try {
    json = JSON.parse(await fs.readFile(path.join(dir, STATE_FILE), 'utf8'));
  } catch {
    return new Map();
  }
  const out: State = new Map();
  const files = isObject(json) && isObject(json.files) ? json.files : {};
  for (const [name, r] of Object.entries(files)) {
    if (
      isObject(r) &&
      typeof r.size === 'number' &&
      typeof r.mtimeMs === 'number' &&
      typeof r.ino === 'number' &&
      typeof r.sha256 === 'string' &&
      /^[0-9a-f]{64}$/.test(r.sha256)
    ) {
      out.set(name, { size: r.size, mtimeMs: r.mtimeMs, ino: r.ino, sha256: r.sha256 });
    }
  }
  return out;
}

/** The state file's text for `state` (names sorted). */
export function stateText(state: State): string {
  const files = Object.fromEntries([...state].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ schema: 1, files }, null, 1)}\n`;
}

/** sha256 and size of a file, read as a stream. */
export async function hashFile(file: string): Promise<Present> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** The record of a file just verified (its stat now, the sha256 its bytes had). */
export async function recordOf(file: string, sha256: string): Promise<StateRecord> {
  const st = await fs.stat(file);
  return { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, sha256 };
}

export interface Inspected {
  /** undefined: no such file */
  present?: Present;
  record?: StateRecord;
  /** not a regular file: cannot be replaced by a rename */
  problem?: string;
}

/**
 * What the file `name` in DIR is: trusted from its state record when size, mtime and inode match
 * (and not `rehash`), else hashed. A size other than `expectedSize` (when known) is not hashed:
 * it cannot be the expected file.
 */
export async function inspectFile(
  dir: string,
  name: string,
  state: State,
  opts: { rehash: boolean; expectedSize: number }
): Promise<Inspected> {
  const file = path.join(dir, name);
  let st;
  try {
    st = await fs.stat(file);
  } catch (e) {
    if (code(e) === 'ENOENT') return {};
    throw e;
  }
  if (!st.isFile()) return { problem: `${name} in ${dir} is not a regular file; remove it` };
  const rec = state.get(name);
  if (!opts.rehash && rec && rec.size === st.size && rec.mtimeMs === st.mtimeMs && rec.ino === st.ino) {
    return { present: { sha256: rec.sha256, size: rec.size }, record: rec };
  }
  if (opts.expectedSize > 0 && st.size !== opts.expectedSize) return { present: { sha256: '', size: st.size } };
  const present = await hashFile(file);
  return { present, record: { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, sha256: present.sha256 } };
}

/**
 * The previous listing (index.json, else manifest.json); undefined when there is none. One that
 * cannot be parsed is reported in `warning` and treated as none (the next listing replaces it).
 */
export async function readPreviousListing(
  dir: string
): Promise<{ releases: Release[]; text: string } | { warning: string } | undefined> {
  for (const name of LISTING_FILES) {
    const file = path.join(dir, name);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (e) {
      if (code(e) === 'ENOENT') continue;
      throw e;
    }
    try {
      return { releases: parseManifest(JSON.parse(text), file), text };
    } catch (e) {
      return { warning: `${file} is not a listing (${(e as Error).message.split('\n')[0]}): it is rewritten` };
    }
  }
  return undefined;
}

/** The names of the regular files in `dir` ([] when it does not exist). */
export async function fileNames(dir: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => e.name);
  } catch (e) {
    if (code(e) === 'ENOENT') return [];
    throw e;
  }
}

/**
 * Removes the temporary files (`.tmp-<pid>-<name>`) in each of `dirs`: called under the lock, so
 * every one is a dead run's. Returns what it removed.
 */
export async function removeLeftovers(dirs: readonly string[]): Promise<string[]> {
  const removed: string[] = [];
  for (const d of dirs) {
    for (const name of (await fileNames(d)).filter(isTempName)) {
      await fs.rm(path.join(d, name), { force: true });
      removed.push(path.join(d, name));
    }
  }
  return removed;
}
