/**
 * The runner as a Host for the post step, without @actions/core: the post step only reads its
 * state, logs, annotates and appends to the job summary, and loading @actions/core (with undici)
 * would cost it more than the rest of its work when there is nothing to save. Workflow commands
 * are written as @actions/core writes them (workflow-commands.ts).
 */
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import type { Annotation, PostHost } from './host.js';
import { command } from './workflow-commands.js';

export function postHost(env: NodeJS.ProcessEnv = process.env): PostHost {
  const annotate = (a: Annotation): void => command(a.level, a.message, { file: a.file, line: a.line });
  return {
    env,
    annotate,
    info: (message) => void process.stdout.write(`${message}${os.EOL}`),
    warning: (message) => annotate({ level: 'warning', message }),
    notice: (message) => annotate({ level: 'notice', message }),
    debug: (message) => command('debug', message),
    setSecret: (value) => {
      if (value) command('add-mask', value);
    },
    writeSummary(markdown) {
      if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdown);
      return Promise.resolve();
    },
    getState: (name) => env[`STATE_${name}`] ?? ''
  };
}
