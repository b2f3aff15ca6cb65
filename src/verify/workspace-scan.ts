/**
 * Walks the workspace for the files the checks read (see verify/scope.ts for which), reads each
 * one safely (system/workspace-files.ts: inside the workspace, regular, at most 1 MiB), parses it,
 * and resolves go.work `use` paths. Edge module: the file system.
 *
 * Nothing on the tree can stop or stall the scan: a file that cannot be read or parsed becomes a
 * FileProblem; symlinks to folders are not followed (so there are no loops); the walk stops going
 * deeper than `maxDepth` folders and after `maxFolders` folders or `maxTotalBytes` read, each time
 * with one problem that says what was left out.
 *
 * The walk is synchronous (readdirSync with `withFileTypes`, one read per file) in slices of
 * SLICE_FOLDERS folders, yielding to the event loop between slices so concurrent work (the
 * vulnerability database fetch) keeps going. Measured on a generated tree of 5,000 modules: 2-4x
 * faster than fs/promises, where every small file costs four thread-pool round trips.
 */
import { readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { FileProblem, UseTarget, WorkspaceFacts } from './facts.js';
import type { ModFile, VersionDeclaration } from '../go/types.js';
import { makeScope, sortByPath } from './scope.js';
import { kindOfPath, readRepositoryFile, type FileKindName } from '../go/readers/registry.js';
import {
  MAX_FILE_BYTES,
  isInside,
  readWorkspaceFile,
  workspaceRoot,
  type WorkspaceRoot
} from '../system/workspace-files.js';
import { realPathOf } from '../system/fs-probe.js';

export interface ScanLimits {
  /** folders below the root entered at most (deeper ones are reported, not read) */
  maxDepth: number;
  /** folders read at most */
  maxFolders: number;
  /** bytes of one file read at most */
  maxFileBytes: number;
  /** bytes read in all */
  maxTotalBytes: number;
}

export const DEFAULT_SCAN_LIMITS: ScanLimits = {
  maxDepth: 64,
  maxFolders: 200_000,
  maxFileBytes: MAX_FILE_BYTES,
  maxTotalBytes: 64 * 1024 * 1024
};

export interface ScanOptions {
  /** the `modules` input: glob lines (see verify/scope.ts makeScope) */
  patterns?: string[];
  /** a workspace file named by GOWORK (repository-relative), read as a go.work whatever its name */
  goworkFile?: string;
  limits?: Partial<ScanLimits>;
}

/** Folders read between two yields to the event loop. */
const SLICE_FOLDERS = 64;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function isDir(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

function isFile(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** Resolves the `use` entries of a go.work: folders leaving the workspace are marked, not looked into. */
function resolveUses(root: WorkspaceRoot, work: ModFile): UseTarget[] {
  const workDir = path.posix.dirname(work.path);
  return work.use.map((u): UseTarget => {
    const written = u.value;
    const absolute = path.isAbsolute(written) || /^[A-Za-z]:[\\/]/.test(written);
    const abs = absolute ? path.resolve(written) : path.resolve(root.dir, ...workDir.split('/'), written);
    const lexical = path.relative(path.resolve(root.dir), abs);
    const outside = { outside: true, exists: false, hasGoMod: false };
    const dir =
      (absolute
        ? toPosix(lexical)
        : path.posix.normalize(path.posix.join(workDir, written.replace(/\\/g, '/')))
      ).replace(/\/+$/, '') || '.';
    const base = { workFile: work.path, use: written, line: u.line, dir };
    if (!isInside(path.resolve(root.dir), abs)) return { ...base, ...outside };
    const real = realPathOf(abs);
    if (real !== undefined && !isInside(root.real, real)) return { ...base, ...outside };
    const exists = real !== undefined && isDir(real);
    return { ...base, outside: false, exists, hasGoMod: exists && isFile(path.join(real, 'go.mod')) };
  });
}

/**
 * Scans `dir` for every file in scope (see verify/scope.ts). Paths in the result are relative to
 * `dir` with forward slashes, sorted root files first. Never throws for what is on the tree.
 */
export async function scanWorkspace(dir: string, opts: ScanOptions = {}): Promise<WorkspaceFacts> {
  const limits = { ...DEFAULT_SCAN_LIMITS, ...opts.limits };
  const root = workspaceRoot(dir);
  const scope = makeScope(opts.patterns ?? []);
  const modules: ModFile[] = [];
  const declarations: VersionDeclaration[] = [];
  const problems: FileProblem[] = [];
  let bytesRead = 0;
  let budgetSpent = false;

  const readOne = async (abs: string, rel: string, kind: FileKindName): Promise<void> => {
    if (budgetSpent) return;
    if (bytesRead >= limits.maxTotalBytes) {
      budgetSpent = true;
      problems.push({
        kind: 'skipped',
        file: rel,
        message: `${limits.maxTotalBytes} bytes read in all: this and later files not read`
      });
      return;
    }
    const got = readWorkspaceFile(root, abs, limits.maxFileBytes);
    if (got.status === 'missing') return; // removed while scanning
    if (got.status !== 'read') {
      problems.push({ kind: got.status, file: rel, message: got.reason });
      return;
    }
    bytesRead += got.text.length;
    const read = await readRepositoryFile(kind, got.text, rel);
    modules.push(...read.modules);
    declarations.push(...read.declarations);
    if (read.problem) problems.push({ ...read.problem, file: rel });
  };

  // GOWORK names the workspace file: read it as a go.work whatever its name and the scope.
  if (opts.goworkFile) await readOne(path.join(dir, ...opts.goworkFile.split('/')), opts.goworkFile, 'go.work');

  /** Folders still to read: absolute path, relative path, depth, covered by a positive pattern. */
  const pending: [string, string, number, boolean][] = [[dir, '', 0, false]];
  let folders = 0;
  let sinceYield = 0;
  while (pending.length > 0) {
    const [abs, rel, depth, covered] = pending.pop()!;
    if (++folders > limits.maxFolders) {
      problems.push({
        kind: 'skipped',
        file: rel || '.',
        message: `more than ${limits.maxFolders} folders in scope: this one and ${pending.length} more not scanned`
      });
      break;
    }
    if (++sinceYield >= SLICE_FOLDERS) {
      sinceYield = 0;
      await yieldToEventLoop();
    }
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      problems.push({ kind: 'skipped', file: rel || '.', message: `folder cannot be read (${code}): not scanned` });
      continue;
    }
    for (const e of entries) {
      const childRel = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        const d = scope.enterDir(childRel, e.name, covered);
        if (!d.enter) continue;
        if (depth + 1 > limits.maxDepth) {
          problems.push({
            kind: 'skipped',
            file: childRel,
            message: `more than ${limits.maxDepth} folders deep: not scanned`
          });
          continue;
        }
        pending.push([path.join(abs, e.name), childRel, depth + 1, d.covered]);
        continue;
      }
      const kind = kindOfPath(childRel);
      if (kind === undefined || childRel === opts.goworkFile || !scope.includeFile(childRel, covered)) continue;
      await readOne(path.join(abs, e.name), childRel, kind);
    }
  }

  sortByPath(modules, (m) => m.path);
  sortByPath(
    declarations,
    (d) => d.file,
    (a, b) => a.line - b.line
  );
  sortByPath(
    problems,
    (p) => p.file,
    (a, b) => (a.line ?? 0) - (b.line ?? 0)
  );
  const useTargets = modules.filter((m) => m.kind === 'go.work').flatMap((w) => resolveUses(root, w));
  return { modules, useTargets, declarations, problems };
}
