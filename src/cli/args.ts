/**
 * The command line: `setup-go-enforced <command> [argument] [flags]`. Flags take the action's input
 * names (`--go-version`, `--checks`, `--consistency`, `--modules`, ...) so one mental model serves
 * both; multi-line inputs (`checks`, `modules`) take the flag once per line. Pure (node:util's
 * parseArgs); a bad command line is a UsageError (exit code 2).
 */
import { parseArgs } from 'node:util';
import { UserError } from '../errors.js';
import { INPUT_NAMES, type RawInputs } from '../inputs/inputs.js';

export const COMMANDS = ['check', 'doctor', 'use', 'plan', 'audit'] as const;
export type Command = (typeof COMMANDS)[number];

export type Shell = 'posix' | 'powershell' | 'cmd';

/** A bad command line: the usage text goes with it, the exit code is 2. */
export class UsageError extends UserError {}

export interface CliArgs {
  command: Command;
  /** check, plan, doctor: the repository folder (default: the current one); use: the version spec */
  argument?: string;
  /** the action inputs the flags set */
  inputs: RawInputs;
  json: boolean;
  /** write the findings as SARIF 2.1.0 to this file */
  sarif?: string;
  /** use: the shell to print activation lines for */
  shell?: Shell;
  help: boolean;
}

/**
 * Flags that are action inputs: every input but the ones that only make sense on a runner (the
 * GitHub token, caching, the mode that the command sets; --sarif is the CLI's own). The multi-line
 * ones may repeat.
 */
const RUNNER_ONLY = new Set<string>([
  'token',
  'cache',
  'cache-dependency-path',
  'cache-save',
  'cache-key-suffix',
  'mode',
  'sarif-file',
  'annotate-test-logs'
]);
const INPUT_FLAGS = INPUT_NAMES.filter((n) => !RUNNER_ONLY.has(n));
const MULTI_LINE = new Set<string>(['checks', 'modules']);
/** Inputs that are true/false: `--check-latest` alone means true. */
const BOOLEAN_INPUTS = new Set<string>(['check-latest', 'allow-missing-checksum']);

export const USAGE = `Usage: setup-go-enforced <command> [argument] [flags]

Commands:
  check [path]     check the go on PATH against the repository at path (default: .), as the
                   action's mode: verify does; exit 0 consistent, 1 errors found, 2 bad usage
  doctor [path]    audit this machine's Go installations, PATH, GOROOT and go env settings;
                   one line per problem with the commands that fix it
  use [spec]       install a Go (spec, else what the repository in . asks for) into a per-user
                   tool cache and print the lines that activate it in this shell:
                   eval "$(setup-go-enforced use)"       (bash, zsh)
                   setup-go-enforced use --shell powershell | Invoke-Expression
  plan [path]      print the version the repository resolves to, the matrix, minimal and latest
  audit [path]     what the Go bump of this branch changes against --base REF (default: the merge
                   base with the default branch): GODEBUG defaults, vet, language, supported systems,
                   vulnerabilities, files left behind, as the pull-request comment the action writes;
                   exit 0 (the audit is advice), 1 the repository has a break Go would refuse
                   (a godebug line, a go line), 2 bad usage

Flags (the action's inputs):
  --go-version, --go-version-file, --check-latest, --architecture, --go-download-base-url,
  --go-download-token, --checks (once per line), --consistency, --on-mismatch,
  --modules (once per line), --matrix-range, --vulndb-url, --allow-missing-checksum, --report-file,
  --toolchain-switching (check: the GOTOOLCHAIN policy the job runs with)
Output:
  --json           print the JSON report (the action's schema) instead of the table
  --sarif FILE     also write the findings as SARIF 2.1.0
  --shell SHELL    use: posix, powershell or cmd (default: powershell on Windows, else posix)
  --base REF       audit: the git ref to compare with (the action's audit-base input)
Environment: GO_DOWNLOAD_BASE_URL, GOWORK, NO_COLOR, SETUP_GO_ENFORCED_HOME (use installs into <it>/tool-cache).
`;

function shellOf(v: string | undefined): Shell | undefined {
  if (v === undefined) return undefined;
  const s = v.toLowerCase();
  if (s === 'posix' || s === 'bash' || s === 'zsh' || s === 'sh') return 'posix';
  if (s === 'powershell' || s === 'pwsh') return 'powershell';
  if (s === 'cmd') return 'cmd';
  throw new UsageError(`--shell: "${v}" is not a shell (expected posix, powershell or cmd)`);
}

/** `others`: the names of the commands with flags of their own (cli/commands.ts), for the messages. */
export function parseCliArgs(argv: string[], others: readonly string[] = []): CliArgs {
  const expected = [...COMMANDS, ...others].join(', ').replace(/, ([^,]+)$/, ' or $1');
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {
    json: { type: 'boolean' },
    sarif: { type: 'string' },
    'sarif-file': { type: 'string' },
    shell: { type: 'string' },
    base: { type: 'string' },
    help: { type: 'boolean', short: 'h' }
  };
  for (const name of INPUT_FLAGS) {
    options[name] = BOOLEAN_INPUTS.has(name) ? { type: 'boolean' } : { type: 'string', multiple: MULTI_LINE.has(name) };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
  const { values, positionals } = parsed;
  const help = values.help === true;
  const [command, argument, ...extra] = positionals;
  if (command === undefined) {
    if (help) return { command: 'check', inputs: {}, json: false, help: true };
    throw new UsageError(`no command given (expected ${expected})`);
  }
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new UsageError(`unknown command "${command}" (expected ${expected})`);
  }
  if (extra.length > 0) {
    throw new UsageError(
      `unexpected argument "${extra[0]}" (${command} takes at most one ${command === 'use' ? 'version spec' : 'path'})`
    );
  }
  const inputs: RawInputs = {};
  for (const name of INPUT_FLAGS) {
    const v = values[name];
    if (v === undefined) continue;
    inputs[name] = Array.isArray(v) ? v.join('\n') : typeof v === 'boolean' ? String(v) : v;
  }
  const sarif = (values.sarif ?? values['sarif-file']) as string | undefined;
  if (values.base !== undefined) {
    if (command !== 'audit') throw new UsageError('--base: only the audit command takes it');
    inputs['audit-base'] = values.base as string;
  }
  return {
    command: command as Command,
    argument,
    inputs,
    json: values.json === true,
    ...(sarif !== undefined ? { sarif } : {}),
    ...(values.shell !== undefined ? { shell: shellOf(values.shell as string) } : {}),
    help
  };
}
