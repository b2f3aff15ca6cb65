/**
 * Verify: collect the facts (workspace scan, the installed go, the environment before, known
 * vulnerabilities) and run the checks over them.
 */
import { type EnvironmentBefore, type Facts, type VulnFacts } from './facts.js';
import { type ModFile } from '../go/types.js';
import type { Inputs } from '../inputs/inputs.js';
import type { Plan } from '../plan/stage.js';
import type { InstallOutcome } from '../install/stage.js';
import { scanWorkspace } from './workspace-scan.js';
import { goWorkOf, type GoWork } from '../plan/gowork.js';
import { loadVulnFacts } from './vulndb/load.js';
import { runChecks } from './run-checks.js';
import { fetchJson } from '../system/http.js';
import { retryFromEnv } from '../system/retry.js';

import { goThatRuns, type GoToolchainSetting } from '../go/gotoolchain.js';
import { mainGoVersion, toolchainLine } from '../go/modfile.js';
import type { RunContext } from '../run-context.js';
import type { Host } from '../hosts/host.js';
import { readHeadGoSources } from '../audit/head-sources.js';
import { auditRequested } from '../audit/requested.js';

/** The main module or workspace, as the go command picks it in the workspace root under GOWORK. */
export function rootModule(modules: ModFile[], gowork: GoWork): ModFile | undefined {
  const work = gowork.mode === 'file' ? modules.find((m) => m.kind === 'go.work' && m.path === gowork.file) : undefined;
  return work ?? modules.find((m) => m.path === 'go.mod');
}

/** What the vulnerability database knows of `version` (the checks', and the CLI's doctor). */
export function readVulnFacts(version: string, baseUrl: string, env: NodeJS.ProcessEnv): Promise<VulnFacts> {
  return loadVulnFacts(version, {
    baseUrl,
    fetchJson: (url: string) =>
      fetchJson(url, {
        what: 'the Go vulnerability database',
        retry: retryFromEnv(env, { tries: 2, totalMs: 15_000 })
      })
  });
}

async function vulnerabilities(inputs: Inputs, version: string, env: NodeJS.ProcessEnv): Promise<VulnFacts> {
  if (inputs.mode === 'plan') return { status: 'skipped', reason: 'mode plan checks no vulnerabilities' };
  if (inputs.checks.get('vulnerabilities') === 'off') return { status: 'skipped', reason: 'check turned off' };
  if (!version) return { status: 'skipped', reason: 'no Go version to check' };
  return readVulnFacts(version, inputs.vulndbUrl, env);
}

export async function collectFacts(
  ctx: RunContext,
  plan: Plan,
  before: EnvironmentBefore,
  outcome: InstallOutcome | undefined
): Promise<Facts> {
  const { inputs } = ctx;
  const { workspace } = ctx.dirs;
  const { env } = ctx.host;
  const version = outcome?.version ?? plan.resolution?.version ?? '';
  const gowork = goWorkOf(env.GOWORK, workspace);
  const [scan, vulns] = await Promise.all([
    scanWorkspace(workspace, {
      patterns: inputs.modules.length ? inputs.modules : undefined,
      goworkFile: gowork.mode === 'file' && gowork.file !== 'go.work' ? gowork.file : undefined
    }),
    vulnerabilities(inputs, version, env)
  ]);
  // The headers of the main packages' Go files: their //go:debug directives (godebug check, audit).
  const sources = readHeadGoSources(workspace, scan.modules, {
    patterns: inputs.modules.length ? inputs.modules : undefined
  });
  scan.problems.push(...sources.problems);
  if (gowork.mode === 'outside') {
    scan.problems.unshift({
      kind: 'refused',
      file: 'go.work',
      message: `GOWORK names ${gowork.path}, outside the workspace: not read`
    });
  }
  const facts: Facts = {
    mode: inputs.mode,
    version,
    // The checks see the spec after check-latest (a moved toolchain pin is a `minimum`).
    request: plan.request && plan.spec ? { ...plan.request, spec: plan.spec } : plan.request,
    installed: outcome?.installed,
    env: before,
    workspace: scan,
    root: rootModule(scan.modules, gowork),
    releases: plan.releases,
    vulns,
    switching: plan.switching,
    goPackages: sources.packages,
    ...(plan.switching.setting.mode === 'path'
      ? { toolchainsOnPath: await toolchainsOnPath(scan.modules, plan.switching.setting, version, ctx.host) }
      : {})
  };
  if (!auditRequested(inputs.auditBase, env)) return facts;
  // The audit (git, the base tree, its rules) is loaded only for a run that asks for it.
  const { collectAudit } = await import('../audit/stage.js');
  const audit = await collectAudit(ctx, facts, (v) => readVulnFacts(v, inputs.vulndbUrl, env));
  return audit ? { ...facts, audit } : facts;
}

/**
 * GOTOOLCHAIN=path: the switch targets of the modules (go<version> the go command would run) that
 * are on PATH. Edge: looks them up on the host's PATH.
 */
async function toolchainsOnPath(
  modules: ModFile[],
  setting: GoToolchainSetting,
  version: string,
  host: Pick<Host, 'which'>
): Promise<string[]> {
  const wanted = new Set<string>();
  for (const m of modules) {
    const tc = toolchainLine(m);
    const r = goThatRuns(setting, version, mainGoVersion(m), tc.kind === 'pin' ? tc.pinned : undefined);
    if (r.kind === 'missing') wanted.add(r.version);
  }
  const found: string[] = [];
  for (const v of wanted) if ((await host.which(`go${v}`)) !== '') found.push(v);
  return found;
}

export function check(facts: Facts, inputs: Inputs): ReturnType<typeof runChecks> {
  return runChecks(facts, { overrides: inputs.checks, onMismatch: inputs.onMismatch, consistency: inputs.consistency });
}
