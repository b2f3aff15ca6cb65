/**
 * The walk of a bump: the files in the checks' scope (verify/scope.ts, as verify/workspace-scan.ts
 * walks them), tool modfiles (`*.mod` other than go.mod), and for every package folder whether it
 * is `package main` or holds a `tools.go` with `//go:build tools` (roles.ts). Edge module: the file
 * system.
 *
 * Bounded like the scan (its depth, folder and byte limits): Go files are read through
 * system/workspace-files.ts (inside the workspace after symlinks, regular) and only their first
 * HEADER_BYTES, at most a few per folder (the first one with a package clause decides, as every
 * file of a folder has the same package), none in a module already known to be an application,
 * and none past MAX_HEADER_BYTES in all. Symlinked folders are not followed.
 */
import { readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { HEADER_BYTES, readSourceHeader } from '../go/source-header.js';
import { DEFAULT_SCAN_LIMITS } from '../verify/workspace-scan.js';
import { readWorkspaceFile, workspaceRoot, type WorkspaceRoot } from '../system/workspace-files.js';
import { comparePaths, makeScope } from '../verify/scope.js';
import { kindOfPath } from '../go/readers/registry.js';
import { countsForRole, isIgnoredFile, isToolsFile, type PackageFolder } from './roles.js';
import { isBumpFileKind, type BumpFileKind, type Note } from './types.js';

/** Header bytes read in all (the scan's byte budget). */
export const MAX_HEADER_BYTES = DEFAULT_SCAN_LIMITS.maxTotalBytes;
/** Go files read at most per folder (files with `//go:build ignore` are passed over). */
const MAX_HEADERS_PER_FOLDER = 8;

export interface WalkedFile {
  /** repository-relative posix path */
  path: string;
  kind: BumpFileKind;
}

export interface WalkResult {
  root: WorkspaceRoot;
  files: WalkedFile[];
  folders: PackageFolder[];
  /** module folders whose Go files were not all read (the budget ran out) */
  unread: Set<string>;
  /** what the walk left out */
  notes: Note[];
}

function goFilesOf(entries: Dirent[]): string[] {
  return entries
    .filter((e) => !e.isDirectory() && /\.go$/.test(e.name) && !/_test\.go$/.test(e.name) && !/^[._]/.test(e.name))
    .map((e) => e.name)
    .sort();
}

export function walkRepository(dir: string): WalkResult {
  const limits = DEFAULT_SCAN_LIMITS;
  const root = workspaceRoot(dir);
  const scope = makeScope([]);
  const files: WalkedFile[] = [];
  const folders: PackageFolder[] = [];
  const unread = new Set<string>();
  const notes: Note[] = [];
  const applications = new Set<string>();
  let headerBytes = 0;

  /** Reads up to a few Go files' headers of one folder: is it package main, is there a tools.go. */
  const readFolder = (abs: string, rel: string, owner: string, names: string[]): void => {
    const found: PackageFolder = { dir: rel };
    const file = (n: string): string => (rel === '' ? n : `${rel}/${n}`);
    const header = (n: string) => {
      if (headerBytes >= MAX_HEADER_BYTES) {
        unread.add(owner);
        return undefined;
      }
      const got = readWorkspaceFile(root, path.join(abs, n), HEADER_BYTES, { prefix: true });
      if (got.status !== 'read') return undefined;
      headerBytes += got.text.length;
      return readSourceHeader(got.text);
    };
    if (rel === owner && names.includes('tools.go')) {
      const h = header('tools.go');
      if (h && isToolsFile('tools.go', h.directives)) found.tools = file('tools.go');
    }
    for (const n of names.slice(0, MAX_HEADERS_PER_FOLDER)) {
      const h = header(n);
      if (!h || h.packageName === undefined || isIgnoredFile(h.directives)) continue;
      if (h.packageName === 'main') found.main = file(n);
      break;
    }
    if (found.main) applications.add(owner);
    if (found.main || found.tools) folders.push(found);
  };

  /** Folders still to read: absolute path, relative path, depth, the folder of their module. */
  const pending: [string, string, number, string | undefined][] = [[dir, '', 0, undefined]];
  let count = 0;
  while (pending.length > 0) {
    const [abs, rel, depth, parentOwner] = pending.pop()!;
    if (++count > limits.maxFolders) {
      notes.push({
        file: rel || '.',
        message: `more than ${limits.maxFolders} folders: this one and ${pending.length} more not read`
      });
      break;
    }
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch (err) {
      notes.push({
        file: rel || '.',
        message: `folder cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`
      });
      continue;
    }
    const owner = entries.some((e) => e.name === 'go.mod' && !e.isDirectory()) ? rel : parentOwner;
    for (const e of entries) {
      const childRel = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (!scope.enterDir(childRel, e.name, false).enter) continue;
        if (depth + 1 > limits.maxDepth) {
          notes.push({ file: childRel, message: `more than ${limits.maxDepth} folders deep: not read` });
          continue;
        }
        pending.push([path.join(abs, e.name), childRel, depth + 1, owner]);
        continue;
      }
      // The scan's kinds; `tool.mod` (any other *.mod) may be a tool modfile: kept if it parses as one.
      const kind: string | undefined = kindOfPath(childRel);
      if (kind === 'tool.mod') files.push({ path: childRel, kind: 'tool modfile' });
      else if (kind !== undefined && isBumpFileKind(kind)) files.push({ path: childRel, kind });
      else if (kind !== undefined) notes.push({ file: childRel, message: `a ${kind} file: bump does not rewrite it` });
    }
    if (owner === undefined || applications.has(owner)) continue;
    const relInModule = owner === '' ? rel : rel === owner ? '' : rel.slice(owner.length + 1);
    if (!countsForRole(relInModule)) continue;
    const names = goFilesOf(entries);
    if (names.length > 0) readFolder(abs, rel, owner, names);
  }
  files.sort((a, b) => comparePaths(a.path, b.path));
  return { root, files, folders, unread, notes };
}
