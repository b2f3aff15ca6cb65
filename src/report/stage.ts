/**
 * Report: outputs, annotations on the offending file lines, the job summary, the JSON report,
 * and the final verdict (exit 1 when an error finding remains).
 */
import { count } from '../text.js';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Inputs } from '../inputs/inputs.js';
import type { RunnerDirs } from '../system/platform.js';
import type { InstallOutcome } from '../install/stage.js';
import { toAnnotations } from './annotations.js';
import { buildReport, type RunReport } from './json-report.js';
import { describeOrigin } from '../plan/request-origin.js';
import { ACTION_URL, ACTION_VERSION } from '../version.js';
import { toSarif } from './sarif.js';
import { renderSummary } from './summary.js';
import { renderAuditMarkdown } from '../audit/markdown.js';
import type { Host } from '../hosts/host.js';
import type { CacheRestoreOutcome } from '../cache/restore.js';
import type { CompletedRun, RunContext, RunState } from '../run-context.js';

/**
 * go-path, go-cache, go-mod-cache: `go env` of the installed (verify: found) Go as later steps see
 * it (with GOMODCACHE/GOCACHE as the cache step placed them); empty in plan mode.
 */
function goEnvOutputs(
  outcome: InstallOutcome | undefined,
  cache: CacheRestoreOutcome | undefined
): Record<string, string> {
  const env = { ...outcome?.goEnv, ...cache?.moved };
  return { 'go-path': env.GOPATH ?? '', 'go-cache': env.GOCACHE ?? '', 'go-mod-cache': env.GOMODCACHE ?? '' };
}

/** Where the JSON report goes: the report-file input (relative to the workspace), else under RUNNER_TEMP. */
function reportPath(inputs: Pick<Inputs, 'reportFile'> | undefined, dirs: RunnerDirs): string {
  return inputs?.reportFile
    ? path.resolve(dirs.workspace, inputs.reportFile)
    : path.join(dirs.temp, 'setup-go-enforced', 'report.json');
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(value, null, 2) + '\n');
}

/** The findings of a report as SARIF 2.1.0 (the sarif-file input, and the CLI's --sarif). */
export function writeSarif(file: string, report: RunReport): Promise<void> {
  return writeJson(file, toSarif(report, ACTION_URL));
}

/** Publishes the run and returns its report. */
export async function publish(ctx: RunContext, state: CompletedRun): Promise<RunReport> {
  const { host, inputs, dirs } = ctx;
  const { plan, install: outcome, facts, checked, before, matrix } = state;
  const version = outcome?.version || plan.resolution?.version || '';
  const reportFile = reportPath(inputs, dirs);

  const outputs: Record<string, string> = {
    'go-version': version,
    'cache-hit': state.cache?.outputs['cache-hit'] ?? 'false',
    'cache-matched-key': state.cache?.outputs['cache-matched-key'] ?? '',
    'go-root': outcome?.goRoot ?? '',
    'toolchain-cache-hit': String(outcome?.toolchainCacheHit ?? false),
    ...goEnvOutputs(outcome, state.cache),
    'resolved-from': plan.request ? describeOrigin(plan.request) : inputs.mode === 'verify' ? 'go on PATH' : '',
    consistent: String(checked.consistent),
    report: reportFile,
    matrix: matrix ? JSON.stringify(matrix.matrix) : '',
    minimal: matrix?.minimal ?? '',
    latest: matrix?.latest ?? ''
  };
  for (const [name, value] of Object.entries(outputs)) host.setOutput(name, value);

  const resolution = version
    ? {
        version,
        file: plan.resolution?.file,
        url: outcome?.url,
        sha256Verified: outcome?.sha256Verified ?? false,
        toolchainCacheHit: outcome?.toolchainCacheHit ?? false,
        goRoot: outcome?.goRoot || undefined,
        downloadedBytes: outcome?.downloadedBytes
      }
    : undefined;
  const report = buildReport({
    actionVersion: ACTION_VERSION,
    mode: inputs.mode,
    request: plan.request,
    resolution,
    env: before,
    outputs,
    outcome: checked,
    onMismatch: inputs.onMismatch,
    consistency: inputs.consistency,
    workspace: facts.workspace,
    root: facts.root,
    vulns: facts.vulns,
    matrix,
    warnings: plan.warnings,
    timings: { ...state.timings, total: Date.now() - state.startedAt },
    cache: state.cache?.report,
    source: state.source,
    switching: plan.switching,
    audit: facts.audit,
    now: new Date()
  });

  await writeJson(reportFile, report);
  if (inputs.auditFile && facts.audit) {
    const file = path.resolve(dirs.workspace, inputs.auditFile);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, renderAuditMarkdown(facts.audit));
  }
  if (inputs.sarifFile) await writeSarif(path.resolve(dirs.workspace, inputs.sarifFile), report);
  for (const a of toAnnotations(checked.findings)) host.annotate(a);
  await host.writeSummary(renderSummary(report));

  if (checked.errorCount > 0) {
    host.info(
      `setup-go-enforced: ${count(checked.errorCount, 'error finding')}; see the annotations and the job summary`
    );
    host.fail();
  } else {
    host.info(
      `setup-go-enforced: Go ${version || '(none)'} ${checked.consistent ? 'is consistent with the repository' : 'has mismatches reported as warnings'}`
    );
  }
  return report;
}

/**
 * A run that stopped before the checks (a bad input, a resolution or install failure) still writes
 * the JSON report with its error, sets the `report` output, and writes a job summary. Best effort:
 * a failure here is logged at debug level and never hides the original error.
 */
export async function publishStopped(
  where: { host: Host; dirs: RunnerDirs; inputs?: Inputs },
  state: RunState,
  error: Error
): Promise<RunReport | undefined> {
  const { host, inputs } = where;
  const { plan } = state;
  try {
    const reportFile = reportPath(inputs, where.dirs);
    const outputs = { report: reportFile, consistent: 'false' };
    for (const [name, value] of Object.entries(outputs)) host.setOutput(name, value);
    const report = buildReport({
      actionVersion: ACTION_VERSION,
      mode: inputs?.mode ?? 'install',
      request: plan?.request,
      resolution: plan?.resolution
        ? {
            version: plan.resolution.version,
            file: plan.resolution.file,
            sha256Verified: false,
            toolchainCacheHit: false
          }
        : undefined,
      env: state.before ?? {},
      outputs,
      onMismatch: inputs?.onMismatch ?? 'fail',
      consistency: inputs?.consistency ?? 'compatible',
      error,
      warnings: plan?.warnings,
      timings: { ...state.timings, total: Date.now() - state.startedAt },
      source: state.source,
      switching: plan?.switching,
      now: new Date()
    });
    await writeJson(reportFile, report);
    await host.writeSummary(renderSummary(report));
    return report;
  } catch (err) {
    host.debug(`the report of the stopped run could not be written: ${(err as Error).message}`);
    return undefined;
  }
}
