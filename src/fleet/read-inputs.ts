/**
 * Edge: the report files a dashboard reads. Arguments are files (read whatever their name),
 * folders (walked recursively for report-named `*.json`: the name contains "report"), or globs
 * (matched with minimatch under their static base folder; quoted, so the shell leaves them alone).
 * Bounded: at most MAX_FILES files, MAX_DEPTH folders deep, each file at most MAX_FILE_BYTES,
 * read MAX_CONCURRENCY at a time. Symbolic links are followed only to files inside the folder
 * they were found in (never to folders, never out); `.git` and `node_modules` are not walked.
 */
import { constants, promises as fsp, type Dirent } from 'node:fs';
import path from 'node:path';
import pLimit from 'p-limit';
import { Minimatch } from 'minimatch';
import { InputError } from '../errors.js';
import { clipContent, showPath } from '../text.js';
import type { SkipKind, SkippedFile } from './record.js';

export const MAX_FILES = 100_000;
export const MAX_DEPTH = 32;
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
export const MAX_CONCURRENCY = 16;
const NOT_WALKED = new Set(['.git', 'node_modules']);

/** A file to read: its real path, and the path as shown (relative to the current folder when inside it). */
export interface FoundFile {
  real: string;
  shown: string;
}

export interface Found {
  files: FoundFile[];
  /** links that point out of their folder */
  skipped: SkippedFile[];
}

/** A folder's files that look like reports. */
export function isReportName(name: string): boolean {
  const n = name.toLowerCase();
  return n.endsWith('.json') && n.includes('report');
}

function shownPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  const p = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
  return showPath(p.split(path.sep).join('/'));
}

function inside(child: string, root: string): boolean {
  const rel = path.relative(root, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function hasMagic(segment: string): boolean {
  return new Minimatch(segment, { magicalBraces: true }).hasMagic();
}

class Collector {
  readonly files: FoundFile[] = [];
  readonly skipped: SkippedFile[] = [];
  private readonly seen = new Set<string>();
  constructor(private readonly cwd: string) {}

  add(real: string, walked: string): void {
    if (this.seen.has(real)) return;
    this.seen.add(real);
    if (this.files.length >= MAX_FILES) {
      throw new InputError(`more than ${MAX_FILES} report files: give fewer folders or a narrower glob`);
    }
    this.files.push({ real, shown: shownPath(walked, this.cwd) });
  }

  skip(walked: string, kind: SkipKind, reason: string): void {
    this.skipped.push({ file: shownPath(walked, this.cwd), kind, reason });
  }
}

/**
 * Walks the folder `rel` of a root (its real path `rootReal`, as given `rootShown`) and hands every
 * file `want` accepts (by its path relative to the root, with forward slashes) to the collector.
 */
async function walk(
  c: Collector,
  root: { real: string; shown: string },
  rel: string,
  want: (rel: string, name: string) => boolean,
  depth: number
): Promise<void> {
  const dirReal = path.join(root.real, rel);
  let entries: Dirent[];
  try {
    entries = await fsp.readdir(dirReal, { withFileTypes: true });
  } catch (e) {
    c.skip(
      path.join(root.shown, rel),
      'unreadable',
      `folder not readable (${(e as NodeJS.ErrnoException).code ?? 'error'})`
    );
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const childRel = rel === '' ? e.name : `${rel}/${e.name}`;
    const real = path.join(root.real, childRel);
    const shown = path.join(root.shown, childRel);
    if (e.isDirectory()) {
      if (!NOT_WALKED.has(e.name) && depth < MAX_DEPTH) await walk(c, root, childRel, want, depth + 1);
    } else if (e.isFile()) {
      if (want(childRel, e.name)) c.add(real, shown);
    } else if (e.isSymbolicLink() && want(childRel, e.name)) {
      let target: string;
      try {
        target = await fsp.realpath(real);
      } catch {
        c.skip(shown, 'unreadable', 'a symbolic link to nothing');
        continue;
      }
      if (!inside(target, root.real))
        c.skip(shown, 'outside-root', 'a symbolic link out of the folder it is in (not followed)');
      else c.add(target, shown);
    }
  }
}

/** The files the arguments name; a missing path or a glob that matches nothing is an InputError. */
export async function findReportFiles(args: readonly string[], cwd: string): Promise<Found> {
  const c = new Collector(cwd);
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    const st = await fsp.stat(abs).catch(() => undefined);
    if (st?.isDirectory()) {
      await walk(c, { real: await fsp.realpath(abs), shown: abs }, '', (_rel, name) => isReportName(name), 0);
      continue;
    }
    if (st) {
      // A file the user named: read whatever its name (a FIFO or device is refused when read).
      c.add(await fsp.realpath(abs), abs);
      continue;
    }
    const segments = arg.split(/[\\/]/);
    const firstMagic = segments.findIndex(hasMagic);
    if (firstMagic < 0) {
      throw new InputError('no such file or folder (expected a report file, a folder of them, or a glob)', {
        file: showPath(arg)
      });
    }
    const baseText = segments.slice(0, firstMagic).join('/');
    const base = path.resolve(cwd, baseText === '' && arg.startsWith('/') ? '/' : baseText || '.');
    const pattern = new Minimatch(segments.slice(firstMagic).join('/'), { dot: false });
    const baseStat = await fsp.stat(base).catch(() => undefined);
    const before = c.files.length + c.skipped.length;
    if (baseStat?.isDirectory()) {
      await walk(c, { real: await fsp.realpath(base), shown: base }, '', (rel) => pattern.match(rel), 0);
    }
    if (c.files.length + c.skipped.length === before) {
      throw new InputError('the glob matches no files', { file: showPath(arg) });
    }
  }
  return { files: c.files, skipped: c.skipped };
}

export type ReadResult = { ok: true; json: unknown } | { ok: false; kind: SkipKind; reason: string };

async function readOne(file: string, maxBytes: number): Promise<ReadResult> {
  let text: string;
  try {
    const st = await fsp.stat(file);
    if (!st.isFile()) return { ok: false, kind: 'unreadable', reason: 'not a regular file' };
    if (st.size > maxBytes) {
      return { ok: false, kind: 'too-large', reason: `larger than ${maxBytes / (1024 * 1024)} MiB (${st.size} bytes)` };
    }
    const handle = await fsp.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      const buf = Buffer.alloc(Math.min(maxBytes + 1, st.size + 1));
      let length = 0;
      while (length < buf.length) {
        const { bytesRead } = await handle.read(buf, length, buf.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
      }
      if (length > maxBytes)
        return { ok: false, kind: 'too-large', reason: `larger than ${maxBytes / (1024 * 1024)} MiB` };
      text = buf.subarray(0, length).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch (e) {
    return { ok: false, kind: 'unreadable', reason: `not readable (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return { ok: false, kind: 'not-json', reason: 'not JSON (the file is empty)' };
  try {
    return { ok: true, json: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, kind: 'not-json', reason: `not JSON (${clipContent((e as Error).message, 80)})` };
  }
}

/**
 * Reads and parses every file, MAX_CONCURRENCY at a time, and hands each result to `each` as soon
 * as it is read (so only the records are kept, not the texts); `progress` after every file.
 */
export async function readReportFiles(
  files: readonly FoundFile[],
  each: (file: FoundFile, result: ReadResult) => void,
  opts: { progress?: (done: number) => void; maxBytes?: number; concurrency?: number } = {}
): Promise<void> {
  const limit = pLimit(opts.concurrency ?? MAX_CONCURRENCY);
  let done = 0;
  await Promise.all(
    files.map((f) =>
      limit(async () => {
        each(f, await readOne(f.real, opts.maxBytes ?? MAX_FILE_BYTES));
        opts.progress?.(++done);
      })
    )
  );
}
