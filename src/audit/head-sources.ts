/**
 * The `//go:debug` headers of the main packages in the working tree (the head side), for the audit
 * and the godebug check; the lead calls it from the scan with the modules the scan found. Walks the
 * folders of the go.mod files in scope as `./...` does (not vendor, testdata, node_modules, hidden
 * or `_` folders; symbolic links to folders not followed; the `modules` patterns honoured), reads
 * only `.go` files, and only their first HEADER_BYTES, through system/workspace-files.ts (inside the
 * workspace after symlinks, regular: a link out of it is not read). A folder's files are read in
 * name order until one says its package (at most a few that do not); a `package main` folder then
 * has all its files read, `_test.go` ones too; other folders no more (vet's directive analyzer,
 * which go test runs, reports `//go:debug` lines outside package main and tests). Bounded by the
 * scan's limits (depth, folders, bytes in all); what was left out is a problem. Edge module: the
 * file system.
 */
import { readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { FileProblem } from '../verify/facts.js';
import type { ModFile } from '../go/types.js';
import { HEADER_BYTES, readSourceHeader } from '../go/source-header.js';
import type { GoSourceFile } from '../go/godebug.js';
import { DEFAULT_SCAN_LIMITS, type ScanLimits } from '../verify/workspace-scan.js';
import { readWorkspaceFile, workspaceRoot } from '../system/workspace-files.js';
import { makeScope } from '../verify/scope.js';
import {
  goModDirsOf,
  isGoFileName,
  isPackageFolderName,
  isTestFileName,
  MAX_UNDECIDED_FILES,
  packageOf,
  packageSources
} from './packages.js';
import type { PackageSources } from './types.js';

export interface HeadSourcesOptions {
  /** the `modules` input */
  patterns?: string[];
  limits?: Partial<ScanLimits>;
}

export interface HeadSources {
  /** main packages with the files read (tests included), folders in order */
  packages: PackageSources[];
  problems: FileProblem[];
}

/** Reads the headers of the main packages of `modules` (the scan's go.mod files) under `dir`. */
export function readHeadGoSources(
  dir: string,
  modules: readonly ModFile[],
  opts: HeadSourcesOptions = {}
): HeadSources {
  const limits = { ...DEFAULT_SCAN_LIMITS, ...opts.limits };
  const root = workspaceRoot(dir);
  const scope = makeScope(opts.patterns ?? []);
  const moduleDirs = [...goModDirsOf(modules)].sort();
  const isModuleDir = new Set(moduleDirs);
  const problems: FileProblem[] = [];
  const packages: PackageSources[] = [];
  let bytes = 0;
  let folders = 0;
  let stopped = false;

  const stop = (file: string, message: string): void => {
    if (stopped) return;
    stopped = true;
    problems.push({ kind: 'skipped', file, message });
  };

  const readFolder = (abs: string, rel: string, names: string[]): void => {
    const files: GoSourceFile[] = [];
    const read = (n: string): GoSourceFile | undefined => {
      if (bytes >= limits.maxTotalBytes) {
        stop(rel || '.', `${limits.maxTotalBytes} bytes of Go file headers read in all: later packages not read`);
        return undefined;
      }
      const got = readWorkspaceFile(root, path.join(abs, n), HEADER_BYTES, { prefix: true });
      if (got.status !== 'read') return undefined;
      bytes += got.text.length;
      const f = { file: rel === '' ? n : `${rel}/${n}`, header: readSourceHeader(got.text) };
      files.push(f);
      return f;
    };
    const sources = names.filter((n) => !isTestFileName(n));
    let decided: 'main' | 'other' | undefined;
    let undecided = 0;
    for (const n of sources) {
      if (undecided >= MAX_UNDECIDED_FILES || stopped) break;
      const f = read(n);
      if (!f) continue;
      const p = packageOf(f.header);
      if (p === 'undecided') undecided++;
      else {
        decided = p;
        break;
      }
    }
    if (decided !== 'main') return;
    const done = new Set(files.map((f) => f.file));
    for (const n of names) {
      if (stopped) break;
      if (!done.has(rel === '' ? n : `${rel}/${n}`)) read(n);
    }
    packages.push(
      packageSources(
        rel,
        files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
      )
    );
  };

  /** Whether the patterns cover a module folder (entered from the root, as the scan does). */
  const coveredOf = (modDir: string): boolean => {
    let covered = false;
    let rel = '';
    for (const seg of modDir === '' ? [] : modDir.split('/')) {
      rel = rel === '' ? seg : `${rel}/${seg}`;
      covered = scope.enterDir(rel, seg, covered).covered;
    }
    return covered;
  };

  for (const modDir of moduleDirs) {
    // A nested module's folders are walked from its own go.mod.
    const start = modDir === '' ? 0 : modDir.split('/').length;
    const pending: [string, number, boolean][] = [[modDir, start, coveredOf(modDir)]];
    while (pending.length > 0 && !stopped) {
      const [rel, depth, covered] = pending.pop()!;
      if (++folders > limits.maxFolders) {
        stop(rel || '.', `more than ${limits.maxFolders} folders: the rest not read for //go:debug lines`);
        break;
      }
      let entries: Dirent[];
      const abs = path.join(dir, ...rel.split('/').filter((s) => s !== ''));
      try {
        entries = readdirSync(abs, { withFileTypes: true });
      } catch {
        continue;
      }
      const names: string[] = [];
      for (const e of entries) {
        const childRel = rel === '' ? e.name : `${rel}/${e.name}`;
        if (e.isDirectory()) {
          if (!isPackageFolderName(e.name)) continue;
          const d = scope.enterDir(childRel, e.name, covered);
          if (!d.enter) continue;
          if (depth + 1 > limits.maxDepth) continue;
          if (isModuleDir.has(childRel)) continue;
          pending.push([childRel, depth + 1, d.covered]);
        } else if ((e.isFile() || e.isSymbolicLink()) && isGoFileName(e.name)) names.push(e.name);
      }
      names.sort();
      if (names.length > 0) readFolder(abs, rel, names);
    }
  }
  packages.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  return { packages, problems };
}
