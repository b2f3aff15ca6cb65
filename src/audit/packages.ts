/**
 * Package folders and the modules they belong to, for the `//go:debug` directives the audit and the
 * godebug check read: which Go files of a folder count (not `//go:build ignore` ones), whether a
 * folder is `package main`, which folders a walk enters (as `./...` does: not vendor, testdata,
 * hidden or `_` folders), and the module that owns a folder (the nearest go.mod at or above it).
 * Both edges (base-tree.ts over git, head-sources.ts over the working tree) read headers one folder
 * at a time with these rules. Pure.
 */
import type { ModFile } from '../go/types.js';
import type { GoSourceFile } from '../go/godebug.js';
import type { SourceHeader } from '../go/source-header.js';
import type { PackageSources } from './types.js';
import { dirOf, isGoMod as isFolderGoMod } from '../verify/checks/common.js';

export { dirOf, isFolderGoMod };

/** Go files read at most per folder before the package is known (go/build: every file has the same package). */
export const MAX_UNDECIDED_FILES = 8;

/** True when a Go file's header makes it no part of any build: `//go:build ignore` (generators). */
export function isIgnoredHeader(header: SourceHeader): boolean {
  return header.directives.some((d) => /^\/\/go:build\s+ignore\s*$/.test(d.text));
}

/** A Go file name that a build considers: `.go`, not starting with `.` or `_` (go/build skips those). */
export function isGoFileName(name: string): boolean {
  return name.endsWith('.go') && !name.startsWith('.') && !name.startsWith('_');
}

export function isTestFileName(name: string): boolean {
  return name.endsWith('_test.go');
}

/** A folder `./...` enters: not vendor, testdata or node_modules, not starting with `.` or `_`. */
export function isPackageFolderName(name: string): boolean {
  return (
    !name.startsWith('.') &&
    !name.startsWith('_') &&
    name !== 'vendor' &&
    name !== 'testdata' &&
    name !== 'node_modules'
  );
}

/** What one non-test file's header says of its folder's package. */
export function packageOf(header: SourceHeader): 'main' | 'other' | 'undecided' {
  if (isIgnoredHeader(header) || header.packageName === undefined) return 'undecided';
  return header.packageName === 'main' ? 'main' : 'other';
}

/**
 * The folder of the module that owns `dir`: the nearest folder at or above it with a go.mod among
 * `goModDirs`, or undefined.
 */
export function ownerDir(dir: string, goModDirs: ReadonlySet<string>): string | undefined {
  for (let d = dir; ; d = dirOf(d)) {
    if (goModDirs.has(d)) return d;
    if (d === '') return undefined;
  }
}

/**
 * The package of one folder from the files read (headers of the files in name order): main when
 * the first file that decides says so; the files kept are those that count (ignored ones dropped).
 */
export function packageSources(dir: string, files: readonly GoSourceFile[]): PackageSources {
  const counted = files.filter((f) => !isIgnoredHeader(f.header));
  const decider = counted.find((f) => !isTestFileName(f.file) && packageOf(f.header) !== 'undecided');
  return { dir, main: decider !== undefined && packageOf(decider.header) === 'main', files: counted };
}

/** The folders of the go.mod files of `modules` ('' for the root). */
export function goModDirsOf(modules: readonly ModFile[]): Set<string> {
  return new Set(modules.filter(isFolderGoMod).map((m) => dirOf(m.path)));
}

/** Normalizes a go.work `use` path against the go.work's folder (posix, no leading `./`), or undefined when it leaves the repository. */
export function useDir(workPath: string, use: string): string | undefined {
  if (use.startsWith('/') || /^[A-Za-z]:[\\/]/.test(use)) return undefined;
  const parts = dirOf(workPath) === '' ? [] : dirOf(workPath).split('/');
  for (const seg of use.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

/** The module folders a go.work uses. */
export function usedDirs(work: ModFile): Set<string> {
  const out = new Set<string>();
  for (const u of work.use) {
    const d = useDir(work.path, u.value);
    if (d !== undefined) out.add(d);
  }
  return out;
}
