/**
 * workspace: every go.work in scope is usable, as the go command requires: each `use` folder
 * exists and holds a go.mod, and the go.work's go line (1.18 when absent) is at least the go line of
 * every module it uses; each is a break (a go.work below a module is drift for a Go before 1.21,
 * which builds it). A `use` path that leaves the workspace is advice: it is
 * reported and not read.
 */
import type { CheckFinding } from '../findings.js';
import type { Facts } from '../facts.js';
import type { ModFile } from '../../go/types.js';
import { compareGo } from '../../go/gover.js';
import { mainGoVersion } from '../../go/modfile.js';
import { refusesWorkBelowModule } from '../../go/compat.js';
import { showPath } from '../../text.js';
import { goModIn } from './common.js';

export function checkWorkspace(facts: Facts): CheckFinding[] {
  const out: CheckFinding[] = [];
  const byPath = new Map<string, ModFile>();
  for (const m of facts.workspace.modules) byPath.set(m.path, m);
  for (const work of facts.workspace.modules) {
    if (work.kind !== 'go.work') continue;
    const workGo = mainGoVersion(work);
    for (const t of facts.workspace.useTargets) {
      if (t.workFile !== work.path) continue;
      const at = { file: work.path, line: t.line };
      const use = showPath(t.use);
      if (t.outside) {
        out.push({ check: 'workspace', kind: 'advice', message: `use ${use} leaves the workspace: not read`, ...at });
        continue;
      }
      if (!t.exists || !t.hasGoMod) {
        const why = t.exists ? 'has no go.mod' : 'does not exist';
        out.push({ check: 'workspace', kind: 'break', message: `use ${use}: folder ${showPath(t.dir)} ${why}`, ...at });
        continue;
      }
      const mod = byPath.get(goModIn(t.dir));
      const modGo = mod?.go?.value;
      if (modGo === undefined || compareGo(workGo, modGo) >= 0) continue;
      const stated = work.go ? `go ${workGo}` : `no go line (go ${workGo} assumed)`;
      const refused = refusesWorkBelowModule(facts.version);
      out.push({
        check: 'workspace',
        kind: refused ? 'break' : 'drift',
        message: `${work.path} has ${stated}, but it uses ${mod!.path} with go ${modGo}: ${refused ? 'the workspace' : `Go ${facts.version} builds it, but from Go 1.21 the workspace`}'s go line must be at least ${modGo} (go work use)`,
        file: work.path,
        line: work.go?.line ?? t.line
      });
    }
  }
  return out;
}
