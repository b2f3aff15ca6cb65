/**
 * Finds the dependency files of the modules key (edge, main step only): the default walk, or
 * cache-dependency-path through @actions/glob.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DEFAULT_DEPENDENCY_NAMES } from './dependency-hash.js';
import { readDir } from './cache-files.js';
import { isInside } from '../system/workspace-files.js';

/** Folders the default dependency search skips, besides hidden ones. */
const SKIP_DIRS = new Set(['vendor', 'testdata', 'node_modules']);

/**
 * Dependency files, absolute paths sorted: with no patterns every go.sum and go.work.sum under the
 * workspace (skipping vendor/, testdata/, node_modules/ and hidden folders); with patterns, the
 * regular files they match with @actions/glob (setup-go's cache-dependency-path meaning), files
 * outside the workspace ignored.
 */
export async function findDependencyFiles(workspace: string, patterns: string[]): Promise<string[]> {
  const root = path.resolve(workspace);
  if (patterns.length > 0) {
    // Links are neither followed nor matched, as in the default walk: a pull request's `go.sum ->
    // /dev/zero` would stall the hash, and a link to / would walk the whole disk.
    // loaded only for patterns (it imports @actions/core)
    const glob = await import('@actions/glob');
    const globber = await glob.create(patterns.map((p) => (path.isAbsolute(p) ? p : path.join(root, p))).join('\n'), {
      matchDirectories: false,
      implicitDescendants: false,
      followSymbolicLinks: false
    });
    const files = (await globber.glob()).map((f) => path.resolve(f)).filter((f) => isInside(root, f));
    const regular = await Promise.all(
      files.map((f) =>
        fs.lstat(f).then(
          (s) => s.isFile(),
          () => false
        )
      )
    );
    return [...new Set(files.filter((_, i) => regular[i]))].sort();
  }
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readDir(dir);
    await Promise.all(
      entries.map(async (e) => {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (!e.name.startsWith('.') && !SKIP_DIRS.has(e.name)) await walk(p);
        } else if (e.isFile() && DEFAULT_DEPENDENCY_NAMES.includes(e.name)) found.push(p);
      })
    );
  };
  await walk(root);
  return found.sort();
}
