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
