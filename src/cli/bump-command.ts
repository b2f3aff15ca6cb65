/**
 * `setup-go-enforced bump VERSION [path]`: rewrites every Go version the repository declares to
 * VERSION (resolved as the action resolves go-version), at the precision each file used, by Go's
 * rules (src/bump/, docs/bump.md); then checks the repository as `check --consistency exact` would
 * against the new version (the engine in plan mode). Exit 0 done and consistent, 1 done with
 * findings left, 2 bad usage.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatMessage } from '../errors.js';
import { showPath } from '../text.js';
import { runBump } from '../bump/bump.js';
import { bumpExitCode, bumpReport, renderSummary, type CheckVerdict } from '../bump/report.js';
import { notASpec, resolveTarget, type MirrorFlags, type Target } from '../bump/target.js';
import { tryParseVersionSpec } from '../plan/spec.js';
import type { BumpOptions, GoLinesPolicy } from '../bump/types.js';
import { UsageError } from './args.js';
import type { OwnCommand } from './commands.js';
import type { CliIo } from './io.js';

export const BUMP_USAGE = `  bump VERSION [path]
                   rewrite every Go version the repository at path (default: .) declares to
                   VERSION (1.27.0, 1.27, stable, oldstable: resolved as the action resolves
                   go-version) at the precision each file used, then check it as
                   check --consistency exact would; exit 0 consistent, 1 findings left, 2 bad usage
    --dry-run        print a unified diff (for git apply) and change nothing
    --exact          write the release also where a file states a language version or minor
    --go-lines WHICH all, main (default: go.work, applications, tools modules) or none
    --allow-downgrade  lower versions newer than VERSION too (a rollback)
    --json           print the result as JSON (edits, kept, unrewritable, refusals, check)
    --go-download-base-url URL, --go-download-token TOKEN  the mirror, as for check
`;

export interface BumpArgs {
  version: string;
  path?: string;
  dryRun: boolean;
  exact: boolean;
  policy: GoLinesPolicy;
  allowDowngrade: boolean;
  json: boolean;
  mirror: MirrorFlags;
  help: boolean;
}

const POLICIES: readonly GoLinesPolicy[] = ['all', 'main', 'none'];

/** The command line of bump (after the command name). A bad one is a UsageError. */
export function parseBumpArgs(argv: string[]): BumpArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'dry-run': { type: 'boolean' },
        exact: { type: 'boolean' },
        'go-lines': { type: 'string' },
        'allow-downgrade': { type: 'boolean' },
        json: { type: 'boolean' },
        'go-download-base-url': { type: 'string' },
        'go-download-token': { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      }
    });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
  const { values: v, positionals } = parsed;
  const help = v.help === true;
  const [version, where, ...extra] = positionals;
  if (version === undefined && !help) throw new UsageError('no VERSION given (e.g. bump 1.27.0, bump stable)');
  if (version !== undefined && !help && tryParseVersionSpec(version) === undefined)
    throw new UsageError(notASpec(version));
  if (extra.length > 0)
    throw new UsageError(`unexpected argument "${extra[0]}" (bump takes VERSION and at most one path)`);
  const policy = (v['go-lines'] ?? 'main').trim().toLowerCase();
  if (!(POLICIES as readonly string[]).includes(policy)) {
    throw new UsageError(`--go-lines: "${v['go-lines']}" is not a policy (expected all, main or none)`);
  }
  const mirror: MirrorFlags = {};
  if (v['go-download-base-url'] !== undefined) mirror['go-download-base-url'] = v['go-download-base-url'];
  if (v['go-download-token'] !== undefined) mirror['go-download-token'] = v['go-download-token'];
  return {
    version: version ?? '',
    ...(where !== undefined ? { path: where } : {}),
    dryRun: v['dry-run'] === true,
    exact: v.exact === true,
    policy: policy as GoLinesPolicy,
    allowDowngrade: v['allow-downgrade'] === true,
    json: v.json === true,
    mirror,
    help
  };
}

/** The repository after writing, checked as `check --consistency exact` checks it, against the target. */
async function checkAfter(io: CliIo, dir: string, target: Target, mirror: MirrorFlags): Promise<CheckVerdict> {
  // Imported when used: main.ts imports the command registry, which imports this file.
  const { engine } = await import('./main.js');
  const { report } = await engine(
    io,
    'plan',
    { command: 'plan', argument: dir, inputs: {}, json: true, help: false },
    { raw: { ...mirror, 'go-version': target.version, consistency: 'exact' }, quiet: true }
  );
  if (!report) return { ran: false, reason: 'the check stopped before its report' };
  if (report.error) {
    const e = report.error;
    return { ran: false, reason: formatMessage(e.message, e.file ? { file: e.file, line: e.line } : {}) };
  }
  const errors = report.findings
    .filter((f) => f.severity === 'error')
    .map((f) => ({
      check: f.check,
      kind: f.kind,
      message: f.message,
      ...(f.file ? { file: f.file } : {}),
      ...(f.line ? { line: f.line } : {})
    }));
  return { ran: true, consistent: errors.length === 0, errors };
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const a = parseBumpArgs(argv);
  if (a.help) {
    io.stdout.write(`Usage: setup-go-enforced bump VERSION [path] [flags]\n\n${BUMP_USAGE}`);
    return 0;
  }
  const dir = path.resolve(io.cwd, a.path ?? '.');
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`path ${showPath(dir)} is not a folder`);
  }
  const target = await resolveTarget(a.version, a.mirror, io.env);
  const options: BumpOptions = {
    target: target.version,
    policy: a.policy,
    exact: a.exact,
    allowDowngrade: a.allowDowngrade
  };
  const outcome = await runBump({ dir, options, dryRun: a.dryRun, env: io.env });
  const check = a.dryRun ? null : await checkAfter(io, dir, target, a.mirror);
  const report = bumpReport(target, options, a.dryRun, outcome, check);
  if (a.json) {
    io.stdout.write(`${JSON.stringify({ ...report, ...(a.dryRun ? { diff: outcome.diff } : {}) }, null, 2)}\n`);
  } else if (a.dryRun) {
    io.stdout.write(outcome.diff);
    io.stderr.write(renderSummary(report));
  } else io.stdout.write(renderSummary(report));
  return bumpExitCode(report);
}

export const bumpCommand: OwnCommand = { usage: BUMP_USAGE, run };
