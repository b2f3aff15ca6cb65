/**
 * The runner as a Host for the post step, without @actions/core: the post step only reads its
 * state, logs, annotates and appends to the job summary, and loading @actions/core (with undici)
 * would cost it more than the rest of its work when there is nothing to save. Workflow commands
 * are written as @actions/core writes them (same escaping).
 */
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import type { Annotation, PostHost } from './host.js';

/** @actions/core's escapeData: the message of a workflow command. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** @actions/core's escapeProperty: a property value of a workflow command. */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(name: string, message: string, props: Record<string, string | number | undefined> = {}): void {
  const list = Object.entries(props)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  process.stdout.write(`::${name}${list ? ` ${list}` : ''}::${escapeData(message)}${os.EOL}`);
}

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
