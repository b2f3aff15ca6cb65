/**
 * Commands with flags of their own (beyond the action's inputs): each parses its argv itself
 * (node:util parseArgs) and returns the exit code (0 done, 1 findings or a failure, 2 bad usage).
 * A new command is its file plus one line here; `setup-go-enforced --help` lists `usage`.
 */
import type { CliIo } from './io.js';
import { bumpCommand } from './bump-command.js';
import { mirrorCommand } from './mirror-command.js';
import { dashboardCommand } from './dashboard-command.js';

export interface OwnCommand {
  /** the usage lines, indented as the other commands in args.ts USAGE */
  usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

export const OWN_COMMANDS: Record<string, OwnCommand> = {
  // one line per command: name: command (imported above)
  bump: bumpCommand,
  mirror: mirrorCommand,
  dashboard: dashboardCommand
};
