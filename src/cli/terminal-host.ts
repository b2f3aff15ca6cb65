/**
 * The terminal as a Host for the CLI: the engine's exports and PATH changes are collected (`use`
 * prints them as activation lines), outputs are kept for the caller, warnings and errors go to
 * stderr as plain lines, the job summary is dropped (the CLI prints its own table), and nothing is
 * written to the user's environment. The environment starts as a copy of the process's.
 */
import type { Annotation, Host } from '../host.js';

export interface TerminalStreams {
  /** where warnings, errors and (with verbose) info go */
  err: { write(s: string): unknown };
}

export interface TerminalHost extends Host {
  readonly outputs: Record<string, string>;
  readonly exported: Record<string, string>;
  /** folders added to PATH, first one first */
  readonly paths: string[];
  readonly annotations: Annotation[];
  failed: boolean;
}

export function terminalHost(
  env: NodeJS.ProcessEnv,
  streams: TerminalStreams,
  opts: { verbose?: boolean; pathDelimiter?: string; quiet?: boolean } = {}
): TerminalHost {
  const own: NodeJS.ProcessEnv = { ...env };
  const delimiter = opts.pathDelimiter ?? ':';
  const state: Record<string, string> = {};
  const host: TerminalHost = {
    env: own,
    outputs: {},
    exported: {},
    paths: [],
    annotations: [],
    failed: false,
    setOutput(name, value) {
      host.outputs[name] = value;
    },
    exportVariable(name, value) {
      host.exported[name] = value;
      own[name] = value;
    },
    addPath(dir) {
      host.paths.unshift(dir);
      own.PATH = own.PATH ? `${dir}${delimiter}${own.PATH}` : dir;
    },
    annotate(a) {
      host.annotations.push(a);
    },
    info(message) {
      if (opts.verbose) streams.err.write(`${message}\n`);
    },
    warning(message) {
      if (!opts.quiet) streams.err.write(`warning: ${message}\n`);
    },
    notice(message) {
      if (!opts.quiet) streams.err.write(`note: ${message}\n`);
    },
    debug(message) {
      if (opts.verbose) streams.err.write(`debug: ${message}\n`);
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
      host.failed = true;
    }
  };
  return host;
}
