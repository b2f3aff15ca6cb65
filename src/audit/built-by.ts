/**
 * The module a file builds, over one side's modules: the go.mod in its folder or the nearest folder
 * above it, else the main module or workspace of the root (a root Dockerfile of a go.work
 * monorepo builds the workspace); workflows build the root's. The same rule as the checks'
 * moduleBuiltBy (verify/checks/common.ts), over plain modules rather than Facts. Pure.
 */
import type { ModFile } from '../go/types.js';
import { dirOf, isFolderGoMod } from './packages.js';

export function builtByFinder(
  modules: readonly ModFile[],
  root: ModFile | undefined
): (file: string) => ModFile | undefined {
  const byDir = new Map<string, ModFile>();
  for (const m of modules) if (isFolderGoMod(m)) byDir.set(dirOf(m.path), m);
  return (file) => {
    if (!file.startsWith('.github/')) {
      for (let d = dirOf(file); ; d = dirOf(d)) {
        const m = byDir.get(d);
        if (m && (d !== '' || !root || root.kind !== 'go.work')) return m;
        if (d === '') break;
      }
    }
    return root;
  };
}
