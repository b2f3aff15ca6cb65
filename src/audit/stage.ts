/**
 * The upgrade audit's edges in a run: whether it was asked for (a pull request, or the audit-base
 * input), the base side read with git, the vulnerabilities of the Go that builds before and after,
 * and the runner it runs on; then the pure audit (audit.ts). Never throws for what is in the
 * repository: a base that cannot be read is a `no-base` result (one advice finding).
 */
import os from 'node:os';
import type { RunContext } from '../run-context.js';
import type { Facts, VulnFacts } from '../verify/facts.js';
import { goWorkOf } from '../plan/gowork.js';
import { auditRequested } from './requested.js';
import { chooseBase } from './base-ref.js';
import { readBaseTree } from './base-tree.js';
import { auditUpgrade } from './audit.js';
import type { AuditResult, RunnerTarget } from './types.js';

/** The runner as its environment says; the OS release only on self-hosted runners (hosted images are known). */
function runnerOf(env: NodeJS.ProcessEnv): RunnerTarget | undefined {
  if (!env.RUNNER_OS) return undefined;
  return {
    os: env.RUNNER_OS,
    ...(env.RUNNER_ARCH ? { arch: env.RUNNER_ARCH } : {}),
    ...(env.ImageOS ? { imageOS: env.ImageOS } : {}),
    ...(env.RUNNER_ENVIRONMENT ? { environment: env.RUNNER_ENVIRONMENT } : {}),
    ...(env.RUNNER_ENVIRONMENT === 'self-hosted' ? { release: os.release() } : {})
  };
}

/**
 * The audit of this run, or undefined when none was asked for. `vulnsOf` reads what the
 * vulnerability database knows of a version (the verify stage's reader).
 */
export async function collectAudit(
  ctx: RunContext,
  facts: Facts,
  vulnsOf: (version: string) => Promise<VulnFacts>
): Promise<AuditResult | undefined> {
  const { inputs, host } = ctx;
  const env = host.env;
  if (!auditRequested(inputs.auditBase, env)) return undefined;
  const workspace = ctx.dirs.workspace;
  const base = await chooseBase(workspace, {
    input: inputs.auditBase,
    eventName: env.GITHUB_EVENT_NAME,
    baseRef: env.GITHUB_BASE_REF
  });
  const patterns = inputs.modules.length ? inputs.modules : undefined;
  const read = await readBaseTree(workspace, base.ref, {
    patterns,
    gowork: goWorkOf(env.GOWORK, workspace),
    label: base.label
  });
  const head = {
    modules: facts.workspace.modules,
    declarations: facts.workspace.declarations,
    packages: facts.goPackages ?? [],
    ...(facts.root ? { root: facts.root.path } : {})
  };
  const first = auditUpgrade({
    base: read,
    head,
    releases: facts.releases,
    platform: ctx.platform,
    runner: runnerOf(env)
  });
  // The vulnerabilities of each Go that builds, before and after (only when the versions changed).
  if (inputs.checks.get('audit-vulnerabilities') === 'off' || inputs.mode === 'plan') return first;
  const versions = new Set<string>();
  for (const m of first.modules) {
    if (m.build.before?.version) versions.add(m.build.before.version);
    if (m.build.after?.version) versions.add(m.build.after.version);
  }
  if (versions.size === 0) return first;
  const vulnerabilities = await Promise.all(
    [...versions].map(async (version) => ({ version, facts: await vulnsOf(version) }))
  );
  return auditUpgrade({
    base: read,
    head,
    releases: facts.releases,
    platform: ctx.platform,
    runner: runnerOf(env),
    vulnerabilities
  });
}
