/**
 * The CLI on the action's engine: `check`, `plan`, `use` run the same pipeline as the action with a
 * terminal Host (so a repository gets the same verdict locally and in CI); `doctor` audits the
 * machine. Exit codes: 0 consistent (or nothing to fix), 1 errors found, 2 bad usage or bad input.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError, UserError, formatMessage } from '../errors.js';
import { parseInputs, type Inputs, type RawInputs } from '../inputs/inputs.js';
import type { RunReport } from '../report/json-report.js';
import { currentPlatform } from '../system/platform.js';
import { toolCacheArch } from '../go/platform-names.js';
import { defaultGoLine } from '../go/modfile.js';
import { readManifest } from '../plan/stage.js';
import { readVulnFacts } from '../verify/stage.js';
import { writeSarif } from '../report/stage.js';
import { runPipeline } from '../pipeline.js';
import { USAGE, UsageError, parseCliArgs, type CliArgs, type Shell } from './args.js';
import { activationLines } from './activate.js';
import { findingsTable, renderCheck, renderPlan, wantsColor } from './render.js';
import { terminalHost, type TerminalHost } from '../hosts/terminal-host.js';
import { collectMachine } from './doctor/machine.js';
import { machineChecks } from './doctor/diagnose.js';
import { runRegistry } from '../verify/run-checks.js';
import { userToolCache, type DoctorPlatform } from './doctor/locations.js';
import type { CliIo } from './io.js';
import { OWN_COMMANDS } from './commands.js';
import { chooseBase } from '../audit/base-ref.js';
import { renderAuditMarkdown } from '../audit/markdown.js';

export type { CliIo } from './io.js';

function exitCodeOf(report: RunReport | undefined): number {
  if (!report) return 2;
  if (report.error) return report.error.input !== undefined || report.error.env !== undefined ? 2 : 1;
  return report.errorCount > 0 ? 1 : 0;
}

/**
 * Runs the engine in `mode` with a terminal host over the repository the command names (its
 * argument, else the current folder; `use`: the current folder) and the per-user tool cache.
 */
export async function engine(
  io: CliIo,
  mode: 'verify' | 'plan' | 'install',
  args: CliArgs,
  opts: { raw?: RawInputs; quiet?: boolean } = {}
): Promise<{ report: RunReport | undefined; host: TerminalHost }> {
  const workspace = path.resolve(io.cwd, mode === 'install' ? '.' : (args.argument ?? '.'));
  const toolCache = userToolCache(doctorPlatform(io));
  const raw = opts.raw ?? args.inputs;
  const quiet = opts.quiet ?? args.json;
  const temp = mkdtempSync(path.join(os.tmpdir(), 'setup-go-enforced-cli-'));
  const host = terminalHost(io.env, { err: io.stderr }, { quiet, pathDelimiter: path.delimiter });
  try {
    const report = await runPipeline({
      host,
      raw: { ...raw, mode },
      dirs: { workspace, toolCache, temp, hosted: false }
    });
    return { report, host };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function doctorPlatform(io: CliIo): DoctorPlatform {
  const p = currentPlatform();
  return { os: p.os, arch: toolCacheArch(p), env: io.env, home: io.env.HOME || io.env.USERPROFILE || os.homedir() };
}

/** The error lines of a run that stopped (or whose report could not be written). */
function printErrors(io: CliIo, report: RunReport | undefined, host: TerminalHost): void {
  if (report && !report.error) return;
  for (const a of host.annotations) if (a.level === 'error') io.stderr.write(`error: ${formatMessage(a.message, a)}\n`);
}

async function check(args: CliArgs, io: CliIo): Promise<number> {
  const { report, host } = await engine(io, 'verify', args);
  if (report && args.sarif) await writeSarif(path.resolve(io.cwd, args.sarif), report);
  if (args.json && report) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    printErrors(io, report, host);
    if (report) io.stdout.write(renderCheck(report, { color: wantsColor(io.stdout.isTTY, io.env) }));
  }
  return exitCodeOf(report);
}

async function plan(args: CliArgs, io: CliIo): Promise<number> {
  const { report, host } = await engine(io, 'plan', args);
  if (args.json && report) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    printErrors(io, report, host);
    if (report && !report.error) io.stdout.write(renderPlan(report));
  }
  return !report || report.error ? exitCodeOf(report) : 0;
}

/**
 * audit: the engine in plan mode with audit-base (given, else the merge base with the default
 * branch), printing the audit as the pull-request comment (or the report as JSON).
 */
async function audit(args: CliArgs, io: CliIo): Promise<number> {
  const raw: RawInputs = { ...args.inputs, 'audit-base': args.inputs['audit-base'] ?? '' };
  if (!raw['audit-base']) {
    const workspace = path.resolve(io.cwd, args.argument ?? '.');
    raw['audit-base'] = (await chooseBase(workspace, {})).ref;
  }
  const { report, host } = await engine(io, 'plan', args, { raw, quiet: args.json });
  if (args.json && report) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    printErrors(io, report, host);
    if (report?.audit) io.stdout.write(renderAuditMarkdown(report.audit, { marker: false, headingLevel: 2 }));
    const breaks = report?.findings.filter((f) => f.severity === 'error') ?? [];
    for (const f of breaks) io.stderr.write(`error: ${formatMessage(f.message, f)}\n`);
  }
  return exitCodeOf(report);
}

async function use(args: CliArgs, io: CliIo): Promise<number> {
  const p = doctorPlatform(io);
  const raw: RawInputs = { ...args.inputs, checks: args.inputs.checks ?? 'vulnerabilities: off' };
  if (args.argument) raw['go-version'] = args.argument;
  const { report, host } = await engine(io, 'install', args, { raw, quiet: false });
  if (!report || report.error || !report.resolution?.goRoot) {
    printErrors(io, report, host);
    return exitCodeOf(report) || 1;
  }
  const shell: Shell = args.shell ?? (p.os === 'win32' ? 'powershell' : 'posix');
  const lines = activationLines(
    { pathFront: host.paths, set: { GOROOT: report.resolution.goRoot, GOTOOLCHAIN: 'local' } },
    shell
  );
  io.stdout.write(`${lines.join('\n')}\n`);
  io.stderr.write(`go${report.resolution.version} in ${report.resolution.goRoot}\n`);
  return 0;
}

async function doctor(args: CliArgs, io: CliIo): Promise<number> {
  const p = doctorPlatform(io);
  const facts = await collectMachine(p);
  // The repository the command runs in, if any: what the action would install, and the manifest.
  const planned = await engine(io, 'plan', args, { quiet: true });
  const r = planned.report;
  if (r?.request && r.resolution && !r.error) {
    const root = r.modules.find((m) => m.path === r.root);
    if (root)
      facts.repo = {
        goLine: root.go ?? defaultGoLine(root.kind),
        file: root.path,
        wanted: r.resolution.version
      };
  }
  // The manifest and the vulnerability database as the action reads them (mirror, token, timeouts).
  let inputs: Inputs | undefined;
  try {
    inputs = parseInputs({ ...args.inputs, mode: 'plan' }, io.env);
  } catch (e) {
    io.stderr.write(`warning: ${(e as Error).message}: versions are not checked against the manifest\n`);
  }
  const releases =
    inputs &&
    (await readManifest(inputs, io.env).catch((e: Error) => {
      io.stderr.write(
        `warning: the release manifest could not be read, so versions are not checked against it: ${e.message}\n`
      );
      return undefined;
    }));
  if (releases) facts.releases = releases;
  if (inputs && inputs.checks.get('vulnerabilities') !== 'off') {
    facts.vulns = {};
    for (const v of new Set(facts.installs.map((i) => i.version).filter((x): x is string => !!x))) {
      facts.vulns[v] = await readVulnFacts(v, inputs.vulndbUrl, io.env);
    }
  }
  // The machine checks on the engine the repository's checks use: the same severities, the same table.
  const outcome = runRegistry(machineChecks(), facts, {
    overrides: new Map(),
    onMismatch: 'fail',
    consistency: 'compatible'
  });
  if (args.json) io.stdout.write(`${JSON.stringify({ machine: facts, findings: outcome.findings }, null, 2)}\n`);
  else {
    for (const g of facts.installs) io.stdout.write(`go${g.version ?? '?'}  ${g.root}  (${g.source})\n`);
    if (facts.installs.length > 0) io.stdout.write('\n');
    const color = { color: wantsColor(io.stdout.isTTY, io.env) };
    if (outcome.findings.length === 0) io.stdout.write('no problems found\n');
    else io.stdout.write(`${findingsTable(outcome.findings, color).join('\n')}\n`);
  }
  // as check: a break (this machine cannot build the repository, mixes two Go trees) fails
  return outcome.errorCount > 0 ? 1 : 0;
}

/** The usage text: the engine's commands, then those with flags of their own. */
function usage(): string {
  const own = Object.values(OWN_COMMANDS).map((c) => c.usage.replace(/\n*$/, '\n'));
  return own.length === 0 ? USAGE : USAGE.replace('\nFlags (the action', `${own.join('')}\nFlags (the action`);
}

export async function cliMain(argv: string[], io: CliIo): Promise<number> {
  const own = argv[0] !== undefined ? OWN_COMMANDS[argv[0]] : undefined;
  if (own) {
    try {
      return await own.run(argv.slice(1), io);
    } catch (e) {
      if (e instanceof UsageError) {
        io.stderr.write(`setup-go-enforced ${argv[0]}: ${e.message}\n\n${own.usage}`);
        return 2;
      }
      if (e instanceof UserError) {
        io.stderr.write(`setup-go-enforced ${argv[0]}: ${e.message}\n`);
        return e instanceof InputError ? 2 : 1;
      }
      throw e;
    }
  }
  let args: CliArgs;
  try {
    args = parseCliArgs(argv, Object.keys(OWN_COMMANDS));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`setup-go-enforced: ${e.message}\n\n${usage()}`);
    return 2;
  }
  if (args.help) {
    io.stdout.write(usage());
    return 0;
  }
  try {
    switch (args.command) {
      case 'check':
        return await check(args, io);
      case 'plan':
        return await plan(args, io);
      case 'use':
        return await use(args, io);
      case 'doctor':
        return await doctor(args, io);
      case 'audit':
        return await audit(args, io);
    }
  } catch (e) {
    if (e instanceof UserError) {
      io.stderr.write(`setup-go-enforced: ${e.message}\n`);
      return e instanceof InputError ? 2 : 1;
    }
    throw e;
  }
}
