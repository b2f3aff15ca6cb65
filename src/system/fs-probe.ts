/** Whether a path is there, and where it really is, without throwing. */
import { promises as fs, realpathSync } from 'node:fs';

/** stat: the path is there (links followed). */
export async function exists(p: string): Promise<boolean> {
  try {
    await fs.stat(p);
    return true;
  } catch {
    return false;
  }
}

/** lstat: the path is there, a link counted as itself (dangling or not). */
export async function lexists(p: string): Promise<boolean> {
  try {
    await fs.lstat(p);
    return true;
  } catch {
    return false;
  }
}

/** The real path of `p` (links, junctions and 8.3 names resolved), or undefined when it has none. */
export function realPathOf(p: string): string | undefined {
  try {
    return realpathSync.native(p);
  } catch {
    return undefined;
  }
}

/**
 * The real path of each of `paths` that has one different from itself (symbolic links, Windows
 * junctions and 8.3 short names resolved: realpath.native); paths that are missing are left out.
 */
export async function realPaths(paths: (string | undefined)[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  await Promise.all(
    [...new Set(paths.filter((p): p is string => !!p && p.trim() !== ''))].map(async (p) => {
      const real = await fs.realpath(p).catch(() => undefined);
      if (real !== undefined && real !== p) out[p] = real;
    })
  );
  return out;
}
