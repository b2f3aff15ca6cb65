/**
 * The file system side of caching (edge): hashing the dependency files, walking the
 * module and build caches, moving items out of a cache folder for the length of a save and back,
 * stamping mtimes, the small metadata file each saved entry carries, and making a read-only module
 * cache writable before a restore extracts over it.
 */
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import { DEFAULT_DEPENDENCY_NAMES, type FileDigest } from './dependency-hash.js';
import type { BuildCacheFile } from './build-cache.js';
import type { ModuleCacheItem } from './module-cache.js';

/** The entries of a folder; none when it does not exist. */
export async function readDir(dir: string): Promise<Dirent[]> {
  try {
    return await fs.readdir(dir, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw e;
  }
}

async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Workspace-relative paths and sha256 of the files that still exist. */
export async function digestFiles(workspace: string, files: string[]): Promise<FileDigest[]> {
  const out = await Promise.all(
    files.map(async (f) => {
      try {
        const rel = path.relative(workspace, f).split(path.sep).join('/');
        return { path: rel, sha256: await sha256File(f) };
      } catch {
        return undefined;
      }
    })
  );
  return out.filter((d): d is FileDigest => d !== undefined);
}

/** The texts of the go.sum / go.work.sum files among `files` that can be read. */
export async function readSums(files: string[]): Promise<string[]> {
  const sums = files.filter((f) => DEFAULT_DEPENDENCY_NAMES.includes(path.basename(f)));
  const texts = await Promise.all(sums.map((f) => fs.readFile(f, 'utf8').catch(() => undefined)));
  return texts.filter((t): t is string => t !== undefined);
}

/** True when `dir` exists and holds at least one entry. */
export async function hasContent(dir: string): Promise<boolean> {
  return (await readDir(dir)).length > 0;
}

/**
 * Gives the owner write permission on every folder of `root` that lacks it. Go makes extracted
 * modules read-only; tar, extracting a restored entry over them as a non-root user, then fails
 * with "Cannot open: File exists" (setup-go #403, #722). tar sets the saved modes again on the
 * folders it extracts. Returns how many folders were changed.
 */
export async function makeFoldersWritable(root: string): Promise<number> {
  let changed = 0;
  const visit = async (dir: string, mode: number): Promise<void> => {
    if ((mode & 0o200) === 0) {
      await fs.chmod(dir, (mode & 0o7777) | 0o200);
      changed++;
    }
    const entries = await readDir(dir);
    await Promise.all(
      entries
        .filter((e) => e.isDirectory())
        .map(async (e) => {
          const p = path.join(dir, e.name);
          const st = await fs.lstat(p);
          await visit(p, st.mode);
        })
    );
  };
  try {
    const st = await fs.lstat(root);
    if (st.isDirectory()) await visit(root, st.mode);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  return changed;
}

/** The items of a module cache that trimming may drop: extracted versions and @v files. */
export async function listModuleCache(root: string): Promise<ModuleCacheItem[]> {
  const items: ModuleCacheItem[] = [];
  const walkSources = async (rel: string): Promise<void> => {
    for (const e of await readDir(path.join(root, rel))) {
      if (!e.isDirectory()) continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (!rel && e.name === 'cache') continue;
      if (e.name.includes('@')) items.push({ kind: 'source', rel: r, id: r });
      else await walkSources(r);
    }
  };
  const download = 'cache/download';
  const walkDownloads = async (rel: string): Promise<void> => {
    for (const e of await readDir(path.join(root, rel))) {
      if (!e.isDirectory()) continue;
      const r = `${rel}/${e.name}`;
      if (e.name === '@v') {
        const module = rel.slice(download.length + 1);
        for (const f of await readDir(path.join(root, r))) {
          if (f.isFile()) items.push({ kind: 'download', rel: `${r}/${f.name}`, module, file: f.name });
        }
      } else if (!(rel === download && e.name === 'sumdb')) await walkDownloads(r);
    }
  };
  await Promise.all([walkSources(''), walkDownloads(download)]);
  return items;
}

/** The two-hex-digit folders of a build cache and every file in them (`<xx>/<name>`). */
export async function listBuildCache(root: string): Promise<{ folders: string[]; files: BuildCacheFile[] }> {
  const dirs = (await readDir(root)).filter((e) => e.isDirectory() && /^[0-9a-f]{2}$/.test(e.name));
  const lists = await Promise.all(
    dirs.map(async (d) => {
      const out: BuildCacheFile[] = [];
      for (const f of await readDir(path.join(root, d.name))) {
        if (!f.isFile()) continue;
        try {
          const st = await fs.stat(path.join(root, d.name, f.name));
          out.push({ rel: `${d.name}/${f.name}`, mtimeMs: st.mtimeMs, size: st.size });
        } catch {
          // removed meanwhile
        }
      }
      return out;
    })
  );
  return { folders: dirs.map((d) => d.name), files: lists.flat() };
}

/** The first bytes of each file (action entries are 150 bytes), by relative path. */
export async function readHeads(root: string, rels: string[], bytes = 200): Promise<string[]> {
  return Promise.all(
    rels.map(async (rel) => {
      let fh: fs.FileHandle | undefined;
      try {
        fh = await fs.open(path.join(root, rel), 'r');
        const buf = Buffer.alloc(bytes);
        const { bytesRead } = await fh.read(buf, 0, bytes, 0);
        return buf.subarray(0, bytesRead).toString('latin1');
      } catch {
        return '';
      } finally {
        await fh?.close();
      }
    })
  );
}

/** Files and bytes under `root` (symlinks counted, not followed). */
export async function treeSize(root: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  const walk = async (dir: string): Promise<void> => {
    await Promise.all(
      (await readDir(dir)).map(async (e) => {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) return walk(p);
        try {
          const { size } = await fs.lstat(p);
          bytes += size;
          files++;
        } catch {
          // removed meanwhile
        }
      })
    );
  };
  await walk(root);
  return { files, bytes };
}

/** Sets the mtime (and atime) of the files to `when`. */
export async function stamp(root: string, rels: string[], when: Date): Promise<void> {
  await Promise.all(rels.map((rel) => fs.utimes(path.join(root, rel), when, when).catch(() => undefined)));
}

/** Items moved out of a cache folder; `restore` puts them back. */
export interface Stash {
  dir: string;
  moved: string[];
  restore(): Promise<void>;
}

/**
 * Moves `rels` from `root` into a sibling folder (same file system: renames only), so a save
 * leaves them out; nothing is deleted. Read-only folders (extracted modules) are made writable for
 * the move, as Linux requires to move a folder to another parent, and get their mode back.
 */
export async function stashOut(root: string, rels: string[], tag: string): Promise<Stash> {
  const dir = `${root.replace(/[\\/]+$/, '')}.${tag}`;
  const moved: { rel: string; mode?: number }[] = [];
  const restore = async (): Promise<void> => {
    for (const m of moved.splice(0).reverse()) {
      const from = path.join(dir, m.rel);
      const to = path.join(root, m.rel);
      await fs.mkdir(path.dirname(to), { recursive: true });
      await fs.rename(from, to);
      if (m.mode !== undefined) await fs.chmod(to, m.mode);
    }
    await fs.rm(dir, { recursive: true, force: true });
  };
  try {
    for (const rel of rels) {
      const from = path.join(root, rel);
      const st = await fs.lstat(from).catch(() => undefined);
      if (!st) continue;
      const to = path.join(dir, rel);
      await fs.mkdir(path.dirname(to), { recursive: true });
      let mode: number | undefined;
      if (st.isDirectory() && (st.mode & 0o200) === 0) {
        mode = st.mode & 0o7777;
        await fs.chmod(from, mode | 0o200);
      }
      await fs.rename(from, to);
      moved.push({ rel, mode });
    }
  } catch (e) {
    await restore();
    throw e;
  }
  return { dir, moved: moved.map((m) => m.rel), restore };
}

/** The metadata file every saved entry carries at its root. */
export const META_FILE = 'setup-go-enforced-cache.json';

export interface EntryMeta {
  v: 1;
  key: string;
  savedAt: string;
  files: number;
  bytes: number;
  /** build cache: the entries it holds (entryToken) */
  entries?: string[];
}

export async function readMeta(root: string): Promise<EntryMeta | undefined> {
  try {
    const m = JSON.parse(await fs.readFile(path.join(root, META_FILE), 'utf8')) as EntryMeta;
    return m && m.v === 1 && typeof m.bytes === 'number' ? m : undefined;
  } catch {
    return undefined;
  }
}

export async function writeMeta(root: string, meta: EntryMeta): Promise<void> {
  await fs.writeFile(path.join(root, META_FILE), JSON.stringify(meta));
}
