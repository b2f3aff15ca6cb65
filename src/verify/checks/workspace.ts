/**
 * workspace: every go.work in scope is usable: each `use` path exists and holds a go.mod, and the
 * go.work's go line (1.18 when absent) is at least the go line of every module it uses.
 */
import type { Facts, Finding, ModFile } from '../../model.js';
import { compareGo } from '../../go/gover.js';
import { at } from './common.js';
import { mainGoVersion } from '../../go/modfile.js';

/** The repository-relative go.mod path of a folder ("." -> "go.mod"). */
export function goModIn(dir: string): string {
  const d = dir.replace(/\/+$/, '');
  return d === '' || d === '.' ? 'go.mod' : `${d}/go.mod`;
}

export function checkWorkspace(facts: Facts): Finding[] {
  const out: Finding[] = [];
  const byPath = new Map<string, ModFile>();
  for (const m of facts.workspace.modules) byPath.set(m.path, m);
  for (const work of facts.workspace.modules) {
    if (work.kind !== 'go.work') continue;
    const workGo = mainGoVersion(work);
    for (const t of facts.workspace.useTargets) {
      if (t.workFile !== work.path) continue;
      const where = at(work.path, t.line);
      if (!t.exists) {
        out.push({
          check: 'workspace',
          severity: 'error',
          message: `${where}use ${t.use}: folder ${t.dir} does not exist`,
          file: work.path,
          line: t.line
        });
        continue;
      }
      if (!t.hasGoMod) {
        out.push({
          check: 'workspace',
          severity: 'error',
          message: `${where}use ${t.use}: folder ${t.dir} has no go.mod`,
          file: work.path,
          line: t.line
        });
        continue;
      }
      const mod = byPath.get(goModIn(t.dir));
      const modGo = mod?.go?.value;
      if (modGo === undefined || compareGo(workGo, modGo) >= 0) continue;
      const line = work.go?.line ?? t.line;
      const stated = work.go ? `go ${workGo}` : `no go line (go ${workGo} assumed)`;
      out.push({
        check: 'workspace',
        severity: 'error',
        message: `${at(work.path, line)}${work.path} has ${stated}, but it uses ${mod!.path} with go ${modGo}: the workspace's go line must be at least ${modGo} (go work use)`,
        file: work.path,
        line
      });
    }
  }
  return out;
}
