/**
 * go-directive: every go.mod and go.work in scope has a `go` line not newer than the checked Go,
 * in Go's order (`go 1.22` is satisfied by 1.22.0 and 1.22rc1; `go 1.22.3` is not by 1.22.2).
 * A file without a `go` line is a warning: Go assumes 1.16 (go.mod) or 1.18 (go.work).
 */
import type { Facts, Finding } from '../../model.js';
import { compareGo } from '../../go/gover.js';
import { mainGoVersion } from '../../go/modfile.js';
import { at, fromVersionInput, howObtained } from './common.js';

export function checkGoDirective(facts: Facts): Finding[] {
  const out: Finding[] = [];
  for (const m of facts.workspace.modules) {
    if (!m.go) {
      out.push({
        check: 'go-directive',
        severity: 'warning',
        message: `${at(m.path, m.module?.line)}${m.kind} has no go line, so Go assumes go ${mainGoVersion(m)}; add one (go mod edit -go=<version>)`,
        file: m.path,
        line: m.module?.line
      });
      continue;
    }
    const need = m.go.value;
    if (compareGo(facts.version, need) >= 0) continue;
    const where = at(m.path, m.go.line);
    const message = fromVersionInput(facts)
      ? `${where}go ${need} requires Go >= ${need}, but go-version ${facts.version} (e.g. a matrix entry) is ${howObtained(facts)}: this entry cannot build the ${m.kind === 'go.work' ? 'workspace' : 'module'}`
      : `${where}go ${need} requires Go >= ${need}, but ${facts.version} is ${howObtained(facts)}`;
    out.push({ check: 'go-directive', severity: 'error', message, file: m.path, line: m.go.line });
  }
  return out;
}
