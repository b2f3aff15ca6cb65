/**
 * Whether two paths name the same place as written, for the checks (paths Go and the runner
 * report, from any OS) and for doctor (paths of the machine it runs on). Pure: symbolic links are
 * resolved by the edge, which hands the real paths in (checks/common.ts sameFolder).
 */
import * as path from 'node:path';

/**
 * Separators, `.` and `..`, and a trailing separator do not count; nor does case on Windows: when
 * `os` is win32, or, with no `os`, when the path looks like one (a drive letter, or UNC `//server`).
 */
export function samePath(a: string, b: string, os?: string): boolean {
  return comparable(a, os) === comparable(b, os);
}

/** True when `file` is below the folder `dir` (both absolute; the path shapes decide, as in samePath). */
export function below(file: string, dir: string): boolean {
  const d = comparable(dir, undefined);
  return comparable(file, undefined).startsWith(d.endsWith('/') ? d : `${d}/`);
}

/** True when `file` is directly inside the folder `dir` (both absolute). */
export function directlyInside(file: string, dir: string): boolean {
  const f = comparable(file, undefined);
  const d = comparable(dir, undefined);
  const prefix = d.endsWith('/') ? d : `${d}/`;
  return f.startsWith(prefix) && !f.slice(prefix.length).includes('/');
}

function comparable(p: string, os: string | undefined): string {
  const t = p.trim();
  const windows = os === 'win32' || (os === undefined && /^([A-Za-z]:|[\\/]{2})/.test(t));
  // With no os, a backslash is a separator: Go on Windows reports C:\..., and so may the runner.
  let s = path.posix.normalize(windows || os === undefined ? t.replace(/\\/g, '/') : t);
  while (s.length > 1 && s.endsWith('/') && !/^[A-Za-z]:\/$/.test(s)) s = s.slice(0, -1);
  return windows ? s.toLowerCase() : s;
}
