/**
 * go-directive: every go.mod and go.work in scope can be built by the checked Go, by Go's own rule
 * (go/compat.ts): a go line Go refuses or cannot parse is a break; a newer go line that an older
 * Go (before 1.21) only warns about is drift; a file without a go line is advice (Go assumes 1.16
 * for go.mod, 1.18 for go.work). Under GOTOOLCHAIN=auto (toolchain-switching, or the job's own) a
 * Go 1.21+ does not refuse a newer go line: it downloads that toolchain, so the module builds with
 * another Go than the checked one: drift naming it. Under `path` it runs go1.X.Y from PATH, and
 * fails when there is none (a break). A GOTOOLCHAIN=<name> base runs instead of the checked Go.
 */
import type { CheckFinding } from '../findings.js';
import type { Facts } from '../facts.js';
import type { ModFile } from '../../go/types.js';
import { goLineVerdict, verdictReason } from '../../go/compat.js';
import { describeSetting, goThatRuns } from '../../go/gotoolchain.js';
import { mainGoVersion } from '../../go/modfile.js';
import { fromVersionInput } from '../../plan/request-origin.js';
import { howObtained } from './common.js';

/** The finding when GOTOOLCHAIN makes another Go than the checked one build `m`, if it does. */
function switched(facts: Facts, m: ModFile, need: string): CheckFinding | undefined {
  const setting = facts.switching.setting;
  const onPath = (v: string): boolean => facts.toolchainsOnPath?.includes(v) ?? false;
  const r = goThatRuns(setting, facts.version, need, undefined, onPath);
  if (r.kind === 'runs') return undefined;
  const what = m.kind === 'go.work' ? 'workspace' : 'module';
  const where = { file: m.path, line: m.go?.line };
  const head = `go ${need} requires Go >= ${need}, but ${facts.version} is ${howObtained(facts)}`;
  if (r.kind === 'missing') {
    return {
      check: 'go-directive',
      kind: 'break',
      message: `${head}: with ${describeSetting(setting)} the go command runs go${r.version} from PATH, and there is none, so it cannot build the ${what}`,
      ...where
    };
  }
  const how =
    r.via === 'download' ? `downloads go${r.version} and builds the ${what} with it` : `runs go${r.version} from PATH`;
  return {
    check: 'go-directive',
    kind: 'drift',
    message: `${head}: with ${describeSetting(setting)} the go command ${how}, not with ${facts.version}`,
    ...where
  };
}

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
    const other = switched(facts, m, need);
    if (other) {
      out.push(other);
      continue;
    }
    const base = facts.switching.setting.base;
    const running = goThatRuns(facts.switching.setting, facts.version, need, undefined).version;
    const verdict = goLineVerdict(need, running);
    if (verdict === 'ok') continue;
    const what = m.kind === 'go.work' ? 'workspace' : 'module';
    const subject =
      base !== undefined && running === base
        ? `${describeSetting(facts.switching.setting)} runs go${base}`
        : fromVersionInput(facts.request)
          ? `go-version ${facts.version} (e.g. a matrix entry) is ${howObtained(facts)}`
          : `${facts.version} is ${howObtained(facts)}`;
    const consequence =
      verdict === 'advisory'
        ? `; ${verdictReason(verdict, need, running)}`
        : `: ${verdictReason(verdict, need, running)}, so this Go cannot build the ${what}`;
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
