/**
 * Small pure helpers shared by the checks: locations in messages, how the checked Go is named,
 * path comparison.
 */
import type { Facts } from '../../model.js';

/** "go.mod:3: " or "go.mod: " or "" - the prefix of a message about a file. */
export function at(file: string | undefined, line?: number): string {
  if (!file) return '';
  return line ? `${file}:${line}: ` : `${file}: `;
}

/** How the checked Go came to be: "installed", "found on PATH", "resolved" (plan mode). */
export function howObtained(facts: Facts): string {
  if (facts.mode === 'verify') return 'found on PATH';
  if (facts.mode === 'plan') return 'resolved';
  return 'installed';
}

/** True when the request came from the go-version input (e.g. a matrix entry). */
export function fromVersionInput(facts: Facts): boolean {
  return facts.request?.from.startsWith('input') === true;
}

/**
 * Normalizes a path for comparison: backslashes to slashes, no trailing separator, and
 * lower case when it looks like a Windows path (drive letter).
 */
export function normalizePath(p: string): string {
  let s = p.trim().replace(/\\/g, '/');
  while (s.length > 1 && s.endsWith('/') && !/^[A-Za-z]:\/$/.test(s)) s = s.slice(0, -1);
  if (/^[A-Za-z]:/.test(s)) s = s.toLowerCase();
  return s;
}

export function samePath(a: string, b: string): boolean {
  return normalizePath(a) === normalizePath(b);
}

/** True when `file` is directly inside the folder `dir` (both absolute). */
export function directlyInside(file: string, dir: string): boolean {
  const f = normalizePath(file);
  const d = normalizePath(dir);
  const prefix = d.endsWith('/') ? d : `${d}/`;
  return f.startsWith(prefix) && !f.slice(prefix.length).includes('/');
}
