/**
 * go-directive: every go.mod and go.work in scope can be built by the checked Go, by Go's own rule
 * (go/compat.ts): a go line Go refuses or cannot parse is a break; a newer go line that an older
 * Go (before 1.21) only warns about is drift; a file without a go line is advice (Go assumes 1.16
 * for go.mod, 1.18 for go.work).
 */
import type { CheckFinding, Facts } from '../../model.js';
import { goLineVerdict, verdictReason } from '../../go/compat.js';
import { mainGoVersion } from '../../go/modfile.js';
import { fromVersionInput } from '../../request-origin.js';
import { howObtained } from './common.js';

export function checkGoDirective(facts: Facts): CheckFinding[] {
  const out: CheckFinding[] = [];
  for (const m of facts.workspace.modules) {
    if (!m.go) {
      out.push({
        check: 'go-directive',
        kind: 'advice',
        message: `${m.kind} has no go line, so Go assumes go ${mainGoVersion(m)}; add one (go mod edit -go=<version>)`,
        file: m.path,
        line: m.module?.line
      });
      continue;
    }
    const need = m.go.value;
    const verdict = goLineVerdict(need, facts.version);
    if (verdict === 'ok') continue;
    const what = m.kind === 'go.work' ? 'workspace' : 'module';
    const subject = fromVersionInput(facts.request)
      ? `go-version ${facts.version} (e.g. a matrix entry) is ${howObtained(facts)}`
      : `${facts.version} is ${howObtained(facts)}`;
    const consequence =
      verdict === 'advisory'
        ? `; ${verdictReason(verdict, need, facts.version)}`
        : `: ${verdictReason(verdict, need, facts.version)}, so this Go cannot build the ${what}`;
    out.push({
      check: 'go-directive',
      kind: verdict === 'advisory' ? 'drift' : 'break',
      message: `go ${need} requires Go >= ${need}, but ${subject}${consequence}`,
      file: m.path,
      line: m.go.line
    });
  }
  return out;
}
