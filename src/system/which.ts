/**
 * Finds a command on a PATH: the host's (host.env.PATH), not this process's, so the CLI on a
 * terminal reports the PATH it was given. Edge: the file system (stat of each PATH entry).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { currentPlatform } from './platform.js';

const isWindows = currentPlatform().os === 'win32';

/** The first `name` on env.PATH (with PATHEXT on Windows), or '' when there is none. */
export async function whichOn(name: string, env: NodeJS.ProcessEnv): Promise<string> {
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter((d) => d !== '');
  const exts = isWindows ? (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean) : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, isWindows && path.extname(name) ? name : name + ext);
      try {
        const st = await fs.stat(candidate);
        if (!st.isFile()) continue;
        if (!isWindows) await fs.access(candidate, 1 /* X_OK */);
        return candidate;
      } catch {
        // not here, or not executable
      }
    }
  }
  return '';
}

/** Whether `name` is on env.PATH. */
export async function onPath(name: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  return (await whichOn(name, env)) !== '';
}
