/**
 * Which files the checks read (pure): the scope rule of the `modules` input and the order findings
 * and tables use (root files first). The kind of a file by its path is the file-kind registry's
 * (go/readers/registry.ts kindOfPath).
 */
import { Minimatch } from 'minimatch';

/** Folder names skipped by default (besides every hidden folder, whose name starts with "."). */
export const SKIPPED_FOLDERS: readonly string[] = ['vendor', 'testdata', 'node_modules'];

/**
 * True for folders the default scope skips: vendor, testdata, node_modules and hidden ones (as Go
 * skips them), except `.github`, where Dockerfiles and workflows are read.
 */
export function isSkippedFolder(name: string): boolean {
  if (name === '.github') return false;
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
export function sortByPath<T>(items: T[], pathOf: (t: T) => string, tie: (a: T, b: T) => number = () => 0): void {
  const keys = new Map<T, string[]>();
  for (const it of items) keys.set(it, pathOf(it).split('/'));
  items.sort((a, b) => compareSegments(keys.get(a)!, keys.get(b)!) || tie(a, b));
}
