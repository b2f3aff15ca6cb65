/**
 * Walks the workspace for the files the checks read: go.mod, go.work, .go-version, .tool-versions,
 * mise.toml / .mise.toml and Dockerfiles, parses them, and resolves go.work `use` paths.
 * Edge module: reads the file system.
 *
 * The walk is synchronous (readdirSync with `withFileTypes`, readFileSync) in slices of
 * `SLICE_FOLDERS` folders, yielding to the event loop between slices so concurrent work (such as
 * the vulnerability database fetch) keeps going. Measured on a generated tree of 5,000 modules:
 * 2-4x faster than fs/promises with 32 reads in flight, where every small file costs four
 * thread-pool round trips (open, fstat, read, close).
 */
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { Minimatch } from 'minimatch';
import { InputError } from '../errors.js';
import { type ModFile, type UseTarget, type VersionDeclaration, type WorkspaceFacts } from '../model.js';
import { parseModFile } from '../go/modfile.js';
import { parseDockerfile, parseGoVersionFile, parseMiseToml, parseToolVersions } from '../go/version-files.js';

export type ScannedKind = 'go.mod' | 'go.work' | '.go-version' | '.tool-versions' | 'mise.toml' | 'Dockerfile';

/** Folder names skipped by default (besides every hidden folder, whose name starts with "."). */
export const SKIPPED_FOLDERS: readonly string[] = ['vendor', 'testdata', 'node_modules'];

/** Folders read between two yields to the event loop. */
const SLICE_FOLDERS = 64;

/** The kind of a file by its name, or undefined when the scan ignores it. */
export function scannedKind(name: string): ScannedKind | undefined {
  switch (name) {
    case 'go.mod':
    case 'go.work':
    case '.go-version':
    case '.tool-versions':
      return name;
    case 'mise.toml':
    case '.mise.toml':
      return 'mise.toml';
  }
  if (/\.dockerignore$/i.test(name)) return undefined;
  if (/^(dockerfile|containerfile)(\..+)?$/i.test(name) || /\.(dockerfile|containerfile)$/i.test(name)) {
    return 'Dockerfile';
  }
  return undefined;
}

/** True for folders the default scope skips: vendor, testdata, node_modules and hidden ones. */
export function isSkippedFolder(name: string): boolean {
  return name.startsWith('.') || SKIPPED_FOLDERS.includes(name);
}

/** Which folders the walk enters and which files are in scope. */
export interface Scope {
  /** `covered` is true when a positive pattern matched the parent folder or one of its ancestors */
  enterDir(rel: string, name: string, parentCovered: boolean): { enter: boolean; covered: boolean };
  includeFile(rel: string, dirCovered: boolean): boolean;
}

function cleanPattern(p: string): string {
  let s = p.trim().replace(/\\/g, '/');
  while (s.startsWith('./')) s = s.slice(2);
  while (s.length > 1 && s.endsWith('/')) s = s.slice(0, -1);
  return s;
}

/**
 * The scope rule for the `modules` input (glob lines relative to the workspace root, matched with
 * minimatch and `dot: true`; blank lines and `#` comments ignored):
 * - no positive pattern: every recognized file is in scope, except below skipped folders
 *   (vendor/, testdata/, node_modules/, hidden folders);
 * - with positive patterns: a recognized file is in scope only when a positive pattern matches its
 *   path or the path of one of its folders (`svc/api` and `svc/**` both take in `svc/api/go.mod`;
 *   `**\/go.mod` takes in every go.mod). A skipped folder is entered only when a positive pattern
 *   names it in one of its segments (`tools/testdata/**`, `**\/testdata/**`, `.ci/**`), so
 *   `**` alone never reaches into vendor/ or .git/;
 * - `!pattern` excludes: a file whose path, or the path of one of its folders, matches a negative
 *   pattern is out of scope, whatever the positive patterns say.
 */
export function makeScope(patterns: readonly string[] = []): Scope {
  const lines = patterns.map((p) => p.trim()).filter((p) => p !== '' && !p.startsWith('#'));
  const opts = { dot: true };
  const negatives = lines.filter((p) => p.startsWith('!')).map((p) => new Minimatch(cleanPattern(p.slice(1)), opts));
  const positiveText = lines.filter((p) => !p.startsWith('!')).map(cleanPattern);
  const positives = positiveText.map((p) => new Minimatch(p, opts));
  const segments = positiveText.map((p) => new Set(p.split('/')));
  const excluded = (rel: string): boolean => negatives.some((m) => m.match(rel));

  return {
    enterDir(rel, name, parentCovered) {
      if (excluded(rel)) return { enter: false, covered: false };
      if (positives.length === 0) return { enter: !isSkippedFolder(name), covered: false };
      if (isSkippedFolder(name) && !segments.some((s) => s.has(name))) return { enter: false, covered: false };
      const covered = parentCovered || positives.some((m) => m.match(rel));
      return { enter: covered || positives.some((m) => m.match(rel, true)), covered };
    },
    includeFile(rel, dirCovered) {
      if (excluded(rel)) return false;
      if (positives.length === 0) return true;
      return dirCovered || positives.some((m) => m.match(rel));
    }
  };
}

const KIND_RANK: Record<string, number> = { 'go.work': 0, 'go.mod': 1 };

/**
 * Orders repository-relative paths: folders by their segments, a folder's own files before its
 * subfolders' (so root files come first), go.work before go.mod, then by name.
 */
export function comparePaths(a: string, b: string): number {
  return compareSegments(a.split('/'), b.split('/'));
}

function compareSegments(sa: string[], sb: string[]): number {
  const da = sa.length - 1;
  const db = sb.length - 1;
  for (let i = 0; i < Math.min(da, db); i++) {
    if (sa[i] !== sb[i]) return sa[i] < sb[i] ? -1 : 1;
  }
  if (da !== db) return da < db ? -1 : 1;
  const na = sa[da];
  const nb = sb[db];
  const ra = KIND_RANK[na] ?? 2;
  const rb = KIND_RANK[nb] ?? 2;
  if (ra !== rb) return ra - rb;
  return na === nb ? 0 : na < nb ? -1 : 1;
}

/** Sorts in place by `comparePaths` of each item's path (then `tie`), splitting each path once. */
function sortByPath<T>(items: T[], pathOf: (t: T) => string, tie: (a: T, b: T) => number = () => 0): void {
  const keys = new Map<T, string[]>();
  for (const it of items) keys.set(it, pathOf(it).split('/'));
  items.sort((a, b) => compareSegments(keys.get(a)!, keys.get(b)!) || tie(a, b));
}

function errorText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code ? `${e.code}` : String((err as Error)?.message ?? err);
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function isDir(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

function isFile(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Resolves the `use` entries of a go.work against the file system. */
function resolveUses(root: string, work: ModFile): UseTarget[] {
  const workDir = path.posix.dirname(work.path);
  return work.use.map((u): UseTarget => {
    const written = u.value;
    const absolute = path.isAbsolute(written) || /^[A-Za-z]:[\\/]/.test(written);
    const abs = absolute ? written : path.join(root, ...workDir.split('/'), written);
    let dir = absolute
      ? toPosix(path.relative(root, written)) || '.'
      : path.posix.normalize(path.posix.join(workDir, written.replace(/\\/g, '/')));
    dir = dir.replace(/\/+$/, '') || '.';
    const exists = isDir(abs);
    const hasGoMod = exists && isFile(path.join(abs, 'go.mod'));
    return { workFile: work.path, use: written, line: u.line, dir, exists, hasGoMod };
  });
}

/**
 * Scans `root` for every go.mod, go.work, .go-version, .tool-versions, mise.toml / .mise.toml,
 * Dockerfile / *.Dockerfile / Dockerfile.* / Containerfile in scope (see `makeScope` for the
 * rule of `patterns`, the `modules` input). Paths in the result are relative to `root` with
 * forward slashes, sorted with root files first (`comparePaths`). Files that cannot be read or
 * parsed do not stop the scan: each yields one InputError (`file[:line]: ...`) in `errors`.
 * Symbolic links to folders are not followed.
 */
export async function scanWorkspace(
  root: string,
  opts: { patterns?: string[] } = {}
): Promise<{ workspace: WorkspaceFacts; errors: InputError[] }> {
  const scope = makeScope(opts.patterns ?? []);
  const modules: ModFile[] = [];
  const declarations: VersionDeclaration[] = [];
  const errors: InputError[] = [];

  const parse = (kind: ScannedKind, text: string, rel: string): void => {
    switch (kind) {
      case 'go.mod':
      case 'go.work':
        modules.push(parseModFile(text, rel, kind));
        return;
      case '.go-version': {
        const d = parseGoVersionFile(text, rel);
        if (d) declarations.push(d);
        return;
      }
      case '.tool-versions': {
        const d = parseToolVersions(text, rel);
        if (d) declarations.push(d);
        return;
      }
      case 'mise.toml': {
        const d = parseMiseToml(text, rel);
        if (d) declarations.push(d);
        return;
      }
      case 'Dockerfile':
        declarations.push(...parseDockerfile(text, rel));
        return;
    }
  };

  const readOne = (abs: string, rel: string, kind: ScannedKind): void => {
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch (err) {
      errors.push(new InputError(`cannot be read (${errorText(err)})`, { file: rel }));
      return;
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    try {
      parse(kind, text, rel);
    } catch (err) {
      errors.push(err instanceof InputError ? err : new InputError((err as Error).message, { file: rel }));
    }
  };

  /** Folders still to read: absolute path, relative path, covered by a positive pattern. */
  const pending: [string, string, boolean][] = [[root, '', false]];
  let sinceYield = 0;
  while (pending.length > 0) {
    const [abs, rel, covered] = pending.pop()!;
    if (++sinceYield >= SLICE_FOLDERS) {
      sinceYield = 0;
      await yieldToEventLoop();
    }
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch (err) {
      const where = rel === '' ? '.' : rel;
      errors.push(new InputError(`folder cannot be read (${errorText(err)})`, { file: where }));
      continue;
    }
    for (const e of entries) {
      const childRel = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        const d = scope.enterDir(childRel, e.name, covered);
        if (d.enter) pending.push([path.join(abs, e.name), childRel, d.covered]);
        continue;
      }
      if (!e.isFile() && !e.isSymbolicLink()) continue;
      const kind = scannedKind(e.name);
      if (kind === undefined || !scope.includeFile(childRel, covered)) continue;
      readOne(path.join(abs, e.name), childRel, kind);
    }
  }

  sortByPath(modules, (m) => m.path);
  sortByPath(
    declarations,
    (d) => d.file,
    (a, b) => a.line - b.line
  );
  sortByPath(
    errors,
    (e) => e.file ?? '',
    (a, b) => (a.line ?? 0) - (b.line ?? 0)
  );
  const useTargets = modules.filter((m) => m.kind === 'go.work').flatMap((w) => resolveUses(root, w));
  return { workspace: { modules, useTargets, declarations }, errors };
}
