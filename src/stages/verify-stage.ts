/**
 * Verify: collect the facts (workspace scan, the installed go, the environment before, known
 * vulnerabilities) and run the checks over them.
 */
import { UserErrorList } from '../errors.js';
import { type EnvironmentBefore, type Facts, type ModFile, type VulnFacts } from '../model.js';
import type { Inputs } from '../inputs/inputs.js';
import type { Plan } from './plan-stage.js';
import type { InstallOutcome } from './install-stage.js';
import { scanWorkspace } from '../verify/scan.js';
import { loadVulnFacts } from '../verify/vulndb.js';
import { runChecks } from '../verify/run-checks.js';
import { fetchJson } from '../edge/http.js';

export interface VerifyContext {
  inputs: Inputs;
  workspace: string;
  env: NodeJS.ProcessEnv;
}

/** The main module or workspace, as the go command would pick it in the workspace root. */
export function rootModule(modules: ModFile[], gowork: string | undefined): ModFile | undefined {
  const work = gowork?.trim() === 'off' ? undefined : modules.find((m) => m.path === 'go.work');
  return work ?? modules.find((m) => m.path === 'go.mod');
}

async function vulnerabilities(inputs: Inputs, version: string): Promise<VulnFacts> {
  if (inputs.mode === 'plan') return { status: 'skipped', reason: 'mode plan checks no vulnerabilities' };
  if (inputs.checks.get('vulnerabilities') === 'off') return { status: 'skipped', reason: 'check turned off' };
  if (!version) return { status: 'skipped', reason: 'no Go version to check' };
  return loadVulnFacts(version, {
    baseUrl: inputs.vulndbUrl,
    fetchJson: (url: string) =>
      fetchJson(url, { what: 'the Go vulnerability database', retry: { tries: 2, totalMs: 15_000 } })
  });
}

export async function collectFacts(
  ctx: VerifyContext,
  plan: Plan,
  before: EnvironmentBefore,
  outcome: InstallOutcome | undefined
): Promise<Facts> {
  const { inputs, workspace, env } = ctx;
  const version = outcome?.version ?? plan.resolution?.version ?? '';
  const [scan, vulns] = await Promise.all([
    scanWorkspace(workspace, { patterns: inputs.modules.length ? inputs.modules : undefined }),
    vulnerabilities(inputs, version)
  ]);
  if (scan.errors.length > 0) throw new UserErrorList(scan.errors);
  return {
    mode: inputs.mode,
    version,
    // The checks see the spec after check-latest (a moved toolchain pin is a `minimum`).
    request: plan.request && plan.spec ? { ...plan.request, spec: plan.spec } : plan.request,
    installed: outcome?.installed,
    env: before,
    workspace: scan.workspace,
    root: rootModule(scan.workspace.modules, env.GOWORK),
    releases: plan.releases,
    vulns
  };
}

export function check(facts: Facts, inputs: Inputs): ReturnType<typeof runChecks> {
  return runChecks(facts, inputs.checks, inputs.onMismatch);
}
