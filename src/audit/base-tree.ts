/**
 * Reads the base side of the audit from the git checkout: resolves the base ref to a commit, lists
 * its tree (`git ls-tree -r -z -l --full-tree`), keeps what the scan would read there plus the Go
 * files of main packages (tree-select.ts), and reads them through ONE `git cat-file --batch`
 * process (cat-file.ts), bounded like the scan (verify/workspace-scan.ts DEFAULT_SCAN_LIMITS: 1 MiB a
 * file, 64 MiB in all). The files are parsed with the scan's readers (side-files.ts); a Go file
 * gives only its header (HEADER_BYTES), and a folder's files are read only once its first file says
 * `package main`. Symbolic links, submodules and files above the limit are refused unread, exactly
 * as a pull request's working tree is treated. Nothing of a file's content is printed.
 *
 * A checkout without the base commit (actions/checkout's depth 1) gives a `no-base` result with the
 * advice to fetch more history, never an error. Edge module: runs git.
 */
import { spawn } from 'node:child_process';
import type { FileProblem } from '../verify/facts.js';
import { HEADER_BYTES, readSourceHeader } from '../go/source-header.js';
import type { GoSourceFile } from '../go/godebug.js';
import { DEFAULT_SCAN_LIMITS, type ScanLimits } from '../verify/workspace-scan.js';
import type { GoWork } from '../plan/gowork.js';
import { quoteContent } from '../text.js';
import { sortByPath } from '../verify/scope.js';
import { BlobReader } from './cat-file.js';
import { gitEnv, isGitCheckout, isShallow, resolveCommit } from './git.js';
import { goModDirsOf, MAX_UNDECIDED_FILES, ownerDir, packageOf, packageSources } from './packages.js';
import { checkBaseRef, FETCH_DEPTH_ADVICE } from './refs.js';
import { parseSideFiles, rootPath, type SideFile } from './side-files.js';
import { parseTreeRecord, selectTree, type TreeEntry } from './tree-select.js';
import type { BaseRead, PackageSources } from './types.js';

export interface BaseTreeOptions {
  /** the `modules` input */
  patterns?: string[];
  /** GOWORK as the checks read it (plan/gowork.ts goWorkOf); default: go.work in the root */
  gowork?: GoWork;
  limits?: Partial<ScanLimits>;
  /** how the ref is shown (`the merge base of HEAD and main`); default: the ref */
  label?: string;
  /** tree entries listed at most (default 2,000,000) */
  maxEntries?: number;
  /** time for the whole read (default 60 s) */
  timeoutMs?: number;
}

/** Lists the tree of `sha`, record by record, at most `max` entries. */
function listTree(
  dir: string,
  sha: string,
  max: number
): Promise<{ entries: TreeEntry[]; truncated: boolean; error?: string }> {
  return new Promise((resolve) => {
    const proc = spawn('git', ['-C', dir, 'ls-tree', '-r', '-z', '-l', '--full-tree', sha], {
      env: gitEnv(),
      windowsHide: true,
      stdio: ['ignore', 'pipe', 'pipe']
    });
    const entries: TreeEntry[] = [];
    let rest = '';
    let truncated = false;
    let stderr = '';
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => {
      if (truncated) return;
      const parts = (rest + chunk).split('\0');
      rest = parts.pop() ?? '';
      for (const p of parts) {
        const e = parseTreeRecord(p);
        if (!e) continue;
        if (entries.length >= max) {
          truncated = true;
          proc.kill();
          return;
        }
        entries.push(e);
      }
    });
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (c: string) => {
      if (stderr.length < 4096) stderr += c;
    });
    proc.on('error', (e) => resolve({ entries, truncated, error: e.message }));
    proc.on('close', (code) => {
      if (code !== 0 && !truncated)
        resolve({ entries, truncated, error: stderr.trim().split('\n')[0] || `exit ${code}` });
      else resolve({ entries, truncated });
    });
  });
}

/** Why the base is not here, with the advice that helps. */
async function notFound(dir: string, ref: string, label: string): Promise<BaseRead> {
  if (await isShallow(dir)) {
    return {
      status: 'no-base',
      ref: label,
      reason: `the base ${quoteContent(label, 100)} is not in this checkout (a shallow clone).`,
      advice: FETCH_DEPTH_ADVICE
    };
  }
  return {
    status: 'no-base',
    ref: label,
    reason: `${quoteContent(ref, 100)} names no commit in this checkout.`,
    advice: 'Fetch the base branch (or check out with fetch-depth: 0), or set audit-base to a commit that is there.'
  };
}

/** Reads the base side at `ref` from the checkout in `dir`. Never throws for what is in the repository. */
export async function readBaseTree(dir: string, ref: string, opts: BaseTreeOptions = {}): Promise<BaseRead> {
  const label = opts.label ?? ref;
  const bad = checkBaseRef(ref);
  if (bad) return { status: 'no-base', ref: label, reason: `the base ref ${quoteContent(ref, 100)} ${bad}.` };
  if (!(await isGitCheckout(dir))) {
    return { status: 'no-base', ref: label, reason: 'the workspace is not a git checkout.' };
  }
  const sha = await resolveCommit(dir, ref);
  if (!sha) return notFound(dir, ref, label);

  const limits = { ...DEFAULT_SCAN_LIMITS, ...opts.limits };
  const tree = await listTree(dir, sha, opts.maxEntries ?? 2_000_000);
  if (tree.error) return { status: 'no-base', ref: label, reason: `git ls-tree failed: ${tree.error}` };
  const goworkFile = opts.gowork?.mode === 'file' ? opts.gowork.file : undefined;
  const selection = selectTree(tree.entries, {
    patterns: opts.patterns,
    goworkFile,
    maxDepth: limits.maxDepth,
    maxFileBytes: limits.maxFileBytes
  });
  const problems: FileProblem[] = [...selection.problems];
  if (tree.truncated) {
    problems.push({
      kind: 'skipped',
      file: '.',
      message: `more than ${opts.maxEntries ?? 2_000_000} entries in the base tree: the rest not read`
    });
  }

  const reader = new BlobReader(dir, opts.timeoutMs ?? 60_000);
  let spent = 0;
  let budgetNoted = false;
  const take = (size: number, file: string): boolean => {
    if (spent + size <= limits.maxTotalBytes) {
      spent += size;
      return true;
    }
    if (!budgetNoted) {
      budgetNoted = true;
      problems.push({
        kind: 'skipped',
        file,
        message: `${limits.maxTotalBytes} bytes read in all: this and later files not read`
      });
    }
    return false;
  };
  const text = (b: Buffer): string => {
    const s = b.toString('utf8');
    return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  };

  const files: SideFile[] = [];
  const packages: PackageSources[] = [];
  try {
    // Pipelined: every request goes in at once (answers come in order), within the byte budget.
    const wanted = [];
    for (const f of selection.files) {
      if (!take(f.size, f.path)) break;
      wanted.push(f);
    }
    const blobs = await Promise.all(wanted.map((f) => reader.read(f.oid)));
    wanted.forEach((f, i) => {
      const b = blobs[i];
      if (!b) problems.push({ kind: 'unreadable', file: f.path, message: 'is missing from the base commit' });
      else files.push({ path: f.path, kind: f.kind, text: text(b) });
    });
    const parsed = await parseSideFiles(files);
    problems.push(...parsed.problems);
    const dirs = goModDirsOf(parsed.modules);
    for (const folder of selection.goFolders) {
      if (budgetNoted) break;
      if (ownerDir(folder.dir, dirs) === undefined) continue;
      const read: GoSourceFile[] = [];
      let decided: 'main' | 'other' | undefined;
      let undecided = 0;
      for (const f of folder.files) {
        if (decided === 'other' || (decided === undefined && undecided >= MAX_UNDECIDED_FILES)) break;
        if (!take(f.size, f.path)) break;
        const b = await reader.read(f.oid);
        if (!b) continue;
        const header = readSourceHeader(b.subarray(0, HEADER_BYTES).toString('utf8'));
        read.push({ file: f.path, header });
        if (decided === undefined) {
          const p = packageOf(header);
          if (p === 'undecided') undecided++;
          else decided = p;
        }
      }
      if (decided === 'main') packages.push(packageSources(folder.dir, read));
    }
    const root = rootPath(parsed.modules, opts.gowork ?? { mode: 'file', file: 'go.work' });
    sortByPath(
      problems,
      (p) => p.file,
      (a, b) => (a.line ?? 0) - (b.line ?? 0)
    );
    return {
      status: 'read',
      ref: label,
      sha,
      side: {
        modules: parsed.modules,
        declarations: parsed.declarations,
        packages,
        ...(root ? { root } : {}),
        problems
      }
    };
  } catch (err) {
    return { status: 'no-base', ref: label, reason: `the base could not be read: ${(err as Error).message}` };
  } finally {
    reader.close();
  }
}
