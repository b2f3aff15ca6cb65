/**
 * Edge: writes the dashboard's files into the output folder, each to a temporary file next to it
 * and then renamed over the old one, so a reader never sees half a page and nothing else in the
 * folder is touched. The folder is created when missing; a path that is not a folder is refused.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { InputError, UserError } from '../errors.js';

/** Refuses an output path that exists and is not a folder (checked before any work). */
export async function checkOutDir(dir: string, shown: string): Promise<void> {
  const st = await fsp.stat(dir).catch(() => undefined);
  if (st && !st.isDirectory())
    throw new InputError(`"${shown}" is not a folder (expected a folder to write into)`, { input: '--out' });
}

/** Writes `files` (name -> content) into `dir`; returns their paths. */
export async function writeFiles(dir: string, files: Record<string, string>): Promise<string[]> {
  try {
    await fsp.mkdir(dir, { recursive: true });
  } catch (e) {
    throw new UserError(`cannot create the folder ${dir}: ${(e as Error).message}`);
  }
  const written: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(dir, name);
    const temp = path.join(dir, `.${name}.${process.pid}.${Date.now().toString(36)}.tmp`);
    try {
      await fsp.writeFile(temp, content, { flag: 'wx' });
      await fsp.rename(temp, target);
    } catch (e) {
      await fsp.rm(temp, { force: true }).catch(() => undefined);
      throw new UserError(`cannot write ${target}: ${(e as Error).message}`);
    }
    written.push(target);
  }
  return written;
}
