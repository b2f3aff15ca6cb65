/**
 * The terminal as a Host for the CLI: the engine's PATH changes are collected (`use` prints them
 * as activation lines) and its annotations kept for the caller; warnings and notices go to stderr
 * as plain lines; outputs, info, debug lines and the job summary are dropped (the CLI prints its
 * own table); nothing is written to the user's environment. The environment starts as a copy of
 * the process's.
 */
import type { Annotation, Host } from './host.js';
import { whichOn } from '../system/which.js';

export interface TerminalStreams {
  /** where warnings and notices go */
  err: { write(s: string): unknown };
}

export interface TerminalHost extends Host {
  /** folders added to PATH, first one first */
  readonly paths: string[];
  readonly annotations: Annotation[];
}

export function terminalHost(
  env: NodeJS.ProcessEnv,
  streams: TerminalStreams,
  opts: { pathDelimiter?: string; quiet?: boolean } = {}
): TerminalHost {
  const own: NodeJS.ProcessEnv = { ...env };
  const delimiter = opts.pathDelimiter ?? ':';
  const state: Record<string, string> = {};
  const host: TerminalHost = {
    env: own,
    paths: [],
    annotations: [],
    setOutput() {
      // the report carries the outputs
    },
    exportVariable(name, value) {
      own[name] = value;
    },
    addPath(dir) {
      host.paths.unshift(dir);
      own.PATH = own.PATH ? `${dir}${delimiter}${own.PATH}` : dir;
    },
    annotate(a) {
      host.annotations.push(a);
    },
    info() {
      // the engine's progress lines are the runner log's; the CLI prints its result
    },
    warning(message) {
      if (!opts.quiet) streams.err.write(`warning: ${message}\n`);
    },
    notice(message) {
      if (!opts.quiet) streams.err.write(`note: ${message}\n`);
    },
    debug() {
      // as info
    },
    setSecret() {
      // nothing is logged by the terminal host that a secret could appear in
    },
    writeSummary() {
      return Promise.resolve();
    },
    saveState(name, value) {
      state[name] = value;
    },
    getState(name) {
      return state[name] ?? '';
    },
    addMatcher() {
      // a terminal has no later steps whose output a matcher would read
    },
    fail() {
      // the CLI's exit code comes from the report
    },
    which: (name) => whichOn(name, own)
  };
  return host;
}
