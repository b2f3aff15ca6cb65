/**
 * GOWORK, read once for planning and for the checks: `off` disables the workspace file, a path
 * selects one (relative to the workspace root, as the go command resolves it from there), and
 * empty or `auto` means `go.work` in the root. Pure.
 */
import path from 'node:path';

export type GoWork =
  | { mode: 'off' }
  /** the workspace file, repository-relative with forward slashes */
  | { mode: 'file'; file: string }
  /** GOWORK names a file outside the workspace: it is not read */
  | { mode: 'outside'; path: string };

export function goWorkOf(gowork: string | undefined, workspace: string): GoWork {
  const v = (gowork ?? '').trim();
  if (v === 'off') return { mode: 'off' };
  if (v === '' || v === 'auto') return { mode: 'file', file: 'go.work' };
  const abs = path.resolve(workspace, v);
  const rel = path.relative(path.resolve(workspace), abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { mode: 'outside', path: abs };
  return { mode: 'file', file: rel.split(path.sep).join('/') };
}
