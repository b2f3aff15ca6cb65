/**
 * Which entries of a commit's tree (`git ls-tree -r -z -l --full-tree`) the audit reads: the files
 * the workspace scan would read there (go/readers/registry.ts kindOfPath and makeScope with the `modules`
 * patterns, the scan's depth limit, the GOWORK file whatever its name), and the non-test Go files of
 * package folders (as `./...` walks them: not vendor, testdata, hidden or `_` folders) for the
 * `//go:debug` headers of main packages. Symbolic links (mode 120000), submodules (gitlinks, 160000)
 * and files above the size limit are refused without being read. Pure.
 */
import type { FileProblem } from '../verify/facts.js';
import { makeScope, sortByPath } from '../verify/scope.js';
import { kindOfPath, type FileKindName } from '../go/readers/registry.js';
import { dirOf, isGoFileName, isPackageFolderName, isTestFileName } from './packages.js';

/** One record of `git ls-tree -r -z -l`. */
export interface TreeEntry {
  mode: string;
  /** blob, commit (a gitlink), tree */
  type: string;
  oid: string;
  /** bytes, for a blob */
  size?: number;
  path: string;
}

/** `<mode> SP <type> SP <oid> SP+ <size> TAB <path>` (one NUL-terminated record), or undefined. */
export function parseTreeRecord(rec: string): TreeEntry | undefined {
  const tab = rec.indexOf('\t');
  if (tab < 0) return undefined;
  const m = /^(\d{6}) (\S+) ([0-9a-f]{40}(?:[0-9a-f]{24})?) +(\d+|-)$/.exec(rec.slice(0, tab));
  if (!m) return undefined;
  const path = rec.slice(tab + 1);
  if (path === '') return undefined;
  return { mode: m[1], type: m[2], oid: m[3], ...(m[4] !== '-' ? { size: Number(m[4]) } : {}), path };
}

export interface SelectOptions {
  /** the `modules` input */
  patterns?: readonly string[];
  /** the workspace file GOWORK names (repository-relative), read as a go.work whatever its name */
  goworkFile?: string;
  maxDepth: number;
  maxFileBytes: number;
}

/** A blob to read. */
export interface TreeBlob {
  path: string;
  oid: string;
  size: number;
}

export interface TreeSelection {
  /** the files the scan would read, root files first */
  files: (TreeBlob & { kind: FileKindName })[];
  /** non-test Go files by folder (names in order), folders in order; which module owns them is decided later */
  goFolders: { dir: string; files: TreeBlob[] }[];
  problems: FileProblem[];
}

const REGULAR = new Set(['100644', '100755']);

/** The entries the audit reads, and the ones it refuses. */
export function selectTree(entries: Iterable<TreeEntry>, opts: SelectOptions): TreeSelection {
  const scope = makeScope(opts.patterns ?? []);
  const folders = new Map<string, { enter: boolean; covered: boolean; depth: number }>();
  folders.set('', { enter: true, covered: false, depth: 0 });
  const deep = new Set<string>();
  const problems: FileProblem[] = [];

  /** Whether the scan enters folder `dir` (every folder above it entered too), memoized. */
  const folder = (dir: string): { enter: boolean; covered: boolean; depth: number } => {
    const known = folders.get(dir);
    if (known) return known;
    const parent = folder(dirOf(dir));
    const name = dir.slice(dir.lastIndexOf('/') + 1);
    let state: { enter: boolean; covered: boolean; depth: number };
    if (!parent.enter) state = { enter: false, covered: false, depth: parent.depth + 1 };
    else {
      const d = scope.enterDir(dir, name, parent.covered);
      state = { ...d, depth: parent.depth + 1 };
      if (d.enter && state.depth > opts.maxDepth) {
        state = { enter: false, covered: false, depth: state.depth };
        if (!deep.has(dir)) {
          deep.add(dir);
          problems.push({ kind: 'skipped', file: dir, message: `more than ${opts.maxDepth} folders deep: not read` });
        }
      }
    }
    folders.set(dir, state);
    return state;
  };

  const files: TreeSelection['files'] = [];
  const goByDir = new Map<string, TreeBlob[]>();
  for (const e of entries) {
    const dir = dirOf(e.path);
    const name = e.path.slice(e.path.lastIndexOf('/') + 1);
    const isWork = e.path === opts.goworkFile;
    const kind: FileKindName | undefined = isWork ? 'go.work' : kindOfPath(e.path);
    const f = folder(dir);
    if (kind !== undefined && (isWork || (f.enter && scope.includeFile(e.path, f.covered)))) {
      if (e.mode === '120000') {
        problems.push({ kind: 'refused', file: e.path, message: 'is a symbolic link in the base commit: not read' });
      } else if (e.mode === '160000' || e.type !== 'blob') {
        problems.push({
          kind: 'refused',
          file: e.path,
          message: 'is a submodule in the base commit, not a file: not read'
        });
      } else if (!REGULAR.has(e.mode) || e.size === undefined) {
        problems.push({ kind: 'refused', file: e.path, message: 'is not a regular file in the base commit: not read' });
      } else if (e.size > opts.maxFileBytes) {
        problems.push({
          kind: 'refused',
          file: e.path,
          message: `is ${e.size} bytes, more than the ${opts.maxFileBytes} read at most: not read`
        });
      } else files.push({ path: e.path, kind, oid: e.oid, size: e.size });
      continue;
    }
    if (!isGoFileName(name) || isTestFileName(name) || !f.enter) continue;
    if (!REGULAR.has(e.mode) || e.type !== 'blob' || e.size === undefined || e.size > opts.maxFileBytes) continue;
    if (dir !== '' && !dir.split('/').every(isPackageFolderName)) continue;
    const list = goByDir.get(dir) ?? [];
    list.push({ path: e.path, oid: e.oid, size: e.size });
    goByDir.set(dir, list);
  }
  sortByPath(files, (x) => x.path);
  const goFolders = [...goByDir.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([dir, list]) => ({ dir, files: list.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) }));
  return { files, goFolders, problems };
}
