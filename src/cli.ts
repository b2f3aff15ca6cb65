#!/usr/bin/env node
/** The command line entry: `setup-go-enforced check|doctor|use|plan` (see cli/main.ts). */
import { cliMain } from './cli/main.js';

process.exitCode = await cliMain(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd()
});
