/**
 * The runner's workflow commands, written as @actions/core 3 writes them (the same escaping, the
 * same command files), for the two runner hosts. The main and the post step both start faster
 * without @actions/core, whose import loads undici and its HTTP parser (docs/performance.md): these
 * few functions are all of it that the hosts use. Pinned against @actions/core by
 * __tests__/hosts/workflow-commands.test.ts.
 */
import { appendFileSync, existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import os from 'node:os';

/** @actions/core's escapeData: the message of a workflow command. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** @actions/core's escapeProperty: a property value of a workflow command. */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::name prop=value,...::message` on stdout (properties without a value are left out). */
export function command(name: string, message: string, props: Record<string, string | number | undefined> = {}): void {
  const list = Object.entries(props)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  process.stdout.write(`::${name}${list ? ` ${list}` : ''}::${escapeData(message)}${os.EOL}`);
}

/** One line appended to a command file (GITHUB_PATH, ...), which the runner must have created. */
function appendToFile(file: string, line: string): void {
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`);
  appendFileSync(file, `${line}${os.EOL}`, { encoding: 'utf8' });
}

/**
 * A name and value for GITHUB_OUTPUT, GITHUB_ENV or GITHUB_STATE (a heredoc with a random
 * delimiter, so a value may hold newlines), or the older stdout command when the file is not set.
 */
export function keyValue(env: NodeJS.ProcessEnv, file: string, legacy: string, name: string, value: string): void {
  const path = env[file];
  if (!path) {
    if (legacy === 'set-output') process.stdout.write(os.EOL);
    command(legacy, value, { name });
    return;
  }
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter))
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  if (value.includes(delimiter))
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  appendToFile(path, `${name}<<${delimiter}${os.EOL}${value}${os.EOL}${delimiter}`);
}

/** A folder for GITHUB_PATH (or the add-path command). */
export function addPathCommand(env: NodeJS.ProcessEnv, dir: string): void {
  if (env.GITHUB_PATH) appendToFile(env.GITHUB_PATH, dir);
  else command('add-path', dir);
}

/** An input as @actions/core's getInput reads it: INPUT_<NAME> (spaces as _, upper case), trimmed. */
export function inputValue(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}
