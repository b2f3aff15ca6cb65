/**
 * The dependency hash of the modules key (pure): over the workspace-relative paths and sha256 of
 * the dependency files (go.sum and go.work.sum by default, or cache-dependency-path), so the key
 * is the same on every runner whatever the workspace path.
 */
import { createHash } from 'node:crypto';

export interface FileDigest {
  /** workspace-relative, forward slashes */
  path: string;
  sha256: string;
}

/** The hash written into keys when no dependency file exists (a module without requirements). */
export const NO_DEPENDENCIES = 'none';

/** Hex sha256 over the sorted "<path> <sha256>" lines; NO_DEPENDENCIES for no files. */
export function dependencyHash(files: FileDigest[]): string {
  if (files.length === 0) return NO_DEPENDENCIES;
  const lines = files
    .map((f) => `${f.path} ${f.sha256}\n`)
    .sort()
    .join('');
  return createHash('sha256').update(lines).digest('hex');
}

/** Default dependency files: every go.sum and go.work.sum in the workspace. */
export const DEFAULT_DEPENDENCY_NAMES = ['go.sum', 'go.work.sum'];

/** The cache-dependency-path input: one glob per line, blank lines and `#` comments skipped. */
export function dependencyPatterns(input: string): string[] {
  return input
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}
