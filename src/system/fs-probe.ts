/** Whether a path is there, without throwing: the two probes the installer and the tool cache use. */
import { promises as fs } from 'node:fs';

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
