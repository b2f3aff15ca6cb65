/**
 * Findings -> annotations for the runner. Paths become relative to the repository root with
 * forward slashes, so they show on a pull request's diff. GitHub shows at most 10 error and 10
 * warning annotations per step, so each level is capped at `max` annotations in all: when there
 * are more, the first `max - 1` are kept and one more, without a file, says how many were left
 * out ("12 more errors: see the job summary"). Pure.
 */
import type { Finding } from '../verify/findings.js';

export interface AnnotationItem {
  level: 'error' | 'warning';
  message: string;
  file?: string;
  line?: number;
}

export const MAX_ANNOTATIONS_PER_LEVEL = 10;

/** A repository-relative posix path for a finding's file (absolute paths under the root are made relative). */
export function relativeFile(file: string, workspaceRoot?: string): string {
  let f = file.replace(/\\/g, '/');
  if (workspaceRoot) {
    const root = workspaceRoot.replace(/\\/g, '/').replace(/\/+$/, '');
    const windows = /^[A-Za-z]:/.test(root);
    const same = (a: string, b: string): boolean => (windows ? a.toLowerCase() === b.toLowerCase() : a === b);
    if (same(f.slice(0, root.length + 1), `${root}/`)) f = f.slice(root.length + 1);
  }
  while (f.startsWith('./')) f = f.slice(2);
  return f;
}

function capped(items: AnnotationItem[], level: 'error' | 'warning', max: number): AnnotationItem[] {
  if (items.length <= max) return items;
  const kept = items.slice(0, max - 1);
  const more = items.length - kept.length;
  const noun = level === 'error' ? (more === 1 ? 'error' : 'errors') : more === 1 ? 'warning' : 'warnings';
  return [...kept, { level, message: `${more} more ${noun}: see the job summary` }];
}

export function toAnnotations(
  findings: readonly Finding[],
  workspaceRoot?: string,
  max: number = MAX_ANNOTATIONS_PER_LEVEL
): AnnotationItem[] {
  const all = findings.map((f): AnnotationItem => {
    const a: AnnotationItem = { level: f.severity, message: f.message };
    if (f.file) {
      a.file = relativeFile(f.file, workspaceRoot);
      if (f.line) a.line = f.line;
    }
    return a;
  });
  const errors = all.filter((a) => a.level === 'error');
  const warnings = all.filter((a) => a.level === 'warning');
  return [...capped(errors, 'error', Math.max(1, max)), ...capped(warnings, 'warning', Math.max(1, max))];
}
