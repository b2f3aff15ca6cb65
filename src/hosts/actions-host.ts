/**
 * The runner as a Host: inputs, outputs, exported environment and PATH, annotations, the job
 * summary, state for the post step, the log, written as workflow commands and command files the
 * way @actions/core writes them (workflow-commands.ts), without loading @actions/core.
 */
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Host } from './host.js';
import { whichOn } from '../system/which.js';
import { addPathCommand, command, keyValue } from './workflow-commands.js';

/**
 * A log line that starts with "::" is read by the runner as a workflow command. Text that may carry
 * repository content (file names, quoted lines) goes through here before it reaches stdout raw.
 */
export function neutralizeCommands(message: string): string {
  return message.replace(/^(\s*):/gm, '$1%3A');
}

/** The GitHub Actions runner. */
export function actionsHost(env: NodeJS.ProcessEnv = process.env): Host {
  return {
    // exportVariable and addPath update the environment as well, as @actions/core's do.
    env,
    setOutput: (name, value) => keyValue(env, 'GITHUB_OUTPUT', 'set-output', name, value),
    exportVariable: (name, value) => {
      env[name] = value;
      keyValue(env, 'GITHUB_ENV', 'set-env', name, value);
    },
    addPath: (dir) => {
      addPathCommand(env, dir);
      env.PATH = `${dir}${path.delimiter}${env.PATH ?? ''}`;
    },
    annotate: (a) => command(a.level, a.message, a.file ? { file: a.file, line: a.line } : {}),
    info: (message) =>
      void process.stdout.write(`${message.includes('::') ? neutralizeCommands(message) : message}${os.EOL}`),
    warning: (message) => command('warning', message),
    notice: (message) => command('notice', message),
    debug: (message) => command('debug', message),
    setSecret: (value) => {
      if (value) command('add-mask', value);
    },
    writeSummary(markdown) {
      if (env.GITHUB_STEP_SUMMARY)
        appendFileSync(env.GITHUB_STEP_SUMMARY, `${markdown}${os.EOL}`, { encoding: 'utf8' });
      return Promise.resolve();
    },
    saveState: (name, value) => keyValue(env, 'GITHUB_STATE', 'save-state', name, value),
    getState: (name) => env[`STATE_${name}`] ?? '',
    // The runner reads this workflow command from stdout (@actions/core has no function for it).
    addMatcher: (file) => void process.stdout.write(`::add-matcher::${file}${os.EOL}`),
    fail: () => {
      process.exitCode = 1;
    },
    which: (name) => whichOn(name, env)
  };
}
