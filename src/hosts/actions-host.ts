/**
 * The runner as a Host, through @actions/core: inputs, outputs, exported environment and PATH,
 * annotations, the job summary, state for the post step, the log. The only module that imports
 * @actions/core.
 */
import * as core from '@actions/core';
import { INPUT_NAMES, type RawInputs } from '../inputs/inputs.js';
import type { Host } from './host.js';
import { whichOn } from '../system/which.js';

export function readRawInputs(): RawInputs {
  const raw: RawInputs = {};
  for (const name of INPUT_NAMES) raw[name] = core.getInput(name);
  return raw;
}

/**
 * A log line that starts with "::" is read by the runner as a workflow command. Text that may carry
 * repository content (file names, quoted lines) goes through here before it reaches stdout raw.
 */
export function neutralizeCommands(message: string): string {
  return message.replace(/^(\s*):/gm, '$1%3A');
}

/** The GitHub Actions runner: @actions/core writes the runner's command files and stdout commands. */
export function actionsHost(): Host {
  return {
    // @actions/core's exportVariable and addPath update process.env as well.
    env: process.env,
    setOutput: (name, value) => core.setOutput(name, value),
    exportVariable: (name, value) => core.exportVariable(name, value),
    addPath: (dir) => core.addPath(dir),
    annotate(a) {
      const props = a.file ? { file: a.file, startLine: a.line } : undefined;
      if (a.level === 'error') core.error(a.message, props);
      else if (a.level === 'warning') core.warning(a.message, props);
      else core.notice(a.message, props);
    },
    info: (message) => core.info(message.includes('::') ? neutralizeCommands(message) : message),
    warning: (message) => core.warning(message),
    notice: (message) => core.notice(message),
    debug: (message) => core.debug(message),
    setSecret: (value) => {
      if (value) core.setSecret(value);
    },
    async writeSummary(markdown) {
      if (!process.env.GITHUB_STEP_SUMMARY) return;
      await core.summary.addRaw(markdown, true).write();
    },
    saveState: (name, value) => core.saveState(name, value),
    getState: (name) => core.getState(name),
    // The runner reads this workflow command from stdout; @actions/core has no function for it.
    addMatcher: (file) => core.info(`::add-matcher::${file}`),
    fail: () => {
      process.exitCode = 1;
    },
    which: (name) => whichOn(name, process.env)
  };
}
