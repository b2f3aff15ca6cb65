/**
 * Small pure helpers shared by the checks: how the checked Go is named, which module a file
 * builds, path comparison.
 */
import type { Facts } from '../facts.js';
import type { ModFile } from '../../go/types.js';
import { samePath } from '../../paths.js';

/** How the checked Go came to be: "installed", "found on PATH", "resolved" (plan mode). */
export function howObtained(facts: Facts): string {
  if (facts.mode === 'verify') return 'found on PATH';
  if (facts.mode === 'plan') return 'resolved';
  return 'installed';
}

/** The repository-relative go.mod path of a folder ("." -> "go.mod"). */
export function goModIn(dir: string): string {
  const d = dir.replace(/\/+$/, '');
  return d === '' || d === '.' ? 'go.mod' : `${d}/go.mod`;
}

/** A folder's own go.mod (not a tool modfile such as tools/golangci-lint.mod). */
export function isGoMod(m: ModFile): boolean {
  return m.kind === 'go.mod' && (m.path === 'go.mod' || m.path.endsWith('/go.mod'));
}

/** The folder of a repository-relative path ("" for the root). */
export function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '' : file.slice(0, i);
}

/**
 * The module a file in the repository builds: the go.mod in its folder or the nearest folder above
 * it, else the main module or workspace of the root (a root Dockerfile of a go.work monorepo builds
 * the workspace). Workflows build the root's. Undefined when there is neither. The returned finder
 * indexes the modules once, for every file asked about. Also the audit's, over each side's modules.
 */
export function moduleBuiltBy(
  modules: readonly ModFile[],
  root: ModFile | undefined
): (file: string) => ModFile | undefined {
  const byDir = new Map<string, ModFile>();
  for (const m of modules) if (isGoMod(m)) byDir.set(dirOf(m.path), m);
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

/** The real path of `p` as the edge resolved it (InstalledGo / EnvironmentBefore realPaths), else `p`. */
export function realOf(facts: Pick<Facts, 'installed' | 'env'>, p: string): string {
  return facts.installed?.realPaths?.[p] ?? facts.env.realPaths?.[p] ?? p;
}

/**
 * Whether two paths name the same folder: as written, or once symbolic links are resolved (a tool
 * cache reached through a link is the same tree Go reports with links resolved).
 */
export function sameFolder(facts: Pick<Facts, 'installed' | 'env'>, a: string, b: string): boolean {
  return samePath(a, b) || samePath(realOf(facts, a), realOf(facts, b));
}
