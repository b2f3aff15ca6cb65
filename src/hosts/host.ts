/**
 * The ports between the engine and where it runs: the log, the step's outputs (and its PATH), the
 * state for the post step. The action implements them over @actions/core (hosts/actions-host.ts),
 * the post step without it (hosts/post-host.ts), the CLI over the terminal (hosts/terminal-host.ts),
 * tests with an in-memory recorder (memoryHost). Stages receive a Host in their RunContext and never
 * import @actions/core themselves. Modelled on actions/cache's restoreImpl(stateProvider).
 */

import { whichOn } from '../system/which.js';

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  /** repository-relative path with forward slashes */
  file?: string;
  line?: number;
}

/** The log: lines, annotations, and values that must never appear in it. */
export interface Log {
  annotate(a: Annotation): void;
  info(message: string): void;
  warning(message: string): void;
  notice(message: string): void;
  debug(message: string): void;
  /** a value that must never appear in logs */
  setSecret(value: string): void;
}

/** What a step leaves for the steps after it, and its own result. */
export interface StepOutputs {
  /**
   * The environment of this process as later work sees it: exportVariable and addPath change it
   * (a runner also passes them on to later steps).
   */
  readonly env: NodeJS.ProcessEnv;
  setOutput(name: string, value: string): void;
  /** sets `name` for this process and, on a runner, for later steps */
  exportVariable(name: string, value: string): void;
  /** prepends `dir` to PATH for this process and, on a runner, for later steps */
  addPath(dir: string): void;
  /** registers a problem matcher file (turns matching lines of later steps into annotations) */
  addMatcher(file: string): void;
  /** Markdown for the job summary (a runner) or nothing (the terminal) */
  writeSummary(markdown: string): Promise<void>;
  /** marks the run failed (exit code 1) without a message of its own */
  fail(): void;
  /** the first `name` on this host's PATH (env.PATH, as exported so far), or '' */
  which(name: string): Promise<string>;
}

/** State handed from the main step to the post step. */
export interface SavedState {
  saveState(name: string, value: string): void;
  getState(name: string): string;
}

/**
 * Everything the main step may do to where it runs. Stages take the narrowest part they need
 * (`Log`, `Pick<StepOutputs, ...>`); the post step's host is a `PostHost`.
 */
export interface Host extends Log, StepOutputs, SavedState {}

/** The post step: it logs, reads the main step's state and appends to the job summary. */
export interface PostHost extends Log, Pick<StepOutputs, 'env' | 'writeSummary'>, Pick<SavedState, 'getState'> {}

/** What a memory host recorded, in order. */
export interface HostRecord {
  outputs: Record<string, string>;
  exported: Record<string, string>;
  paths: string[];
  annotations: Annotation[];
  log: { level: 'info' | 'warning' | 'notice' | 'debug'; message: string }[];
  secrets: string[];
  summary: string;
  state: Record<string, string>;
  matchers: string[];
  failed: boolean;
}

/**
 * A host that keeps everything in memory: for tests and for callers that want the result as data.
 * `env` starts as a copy of `env` and follows exportVariable/addPath like a runner's process does.
 */
export function memoryHost(env: NodeJS.ProcessEnv = {}, pathDelimiter = ':'): Host & { record: HostRecord } {
  const record: HostRecord = {
    outputs: {},
    exported: {},
    paths: [],
    annotations: [],
    log: [],
    secrets: [],
    summary: '',
    state: {},
    matchers: [],
    failed: false
  };
  const own: NodeJS.ProcessEnv = { ...env };
  return {
    env: own,
    record,
    setOutput: (name, value) => void (record.outputs[name] = value),
    exportVariable: (name, value) => {
      record.exported[name] = value;
      own[name] = value;
    },
    addPath: (dir) => {
      record.paths.push(dir);
      own.PATH = own.PATH ? `${dir}${pathDelimiter}${own.PATH}` : dir;
    },
    annotate: (a) => void record.annotations.push(a),
    info: (message) => void record.log.push({ level: 'info', message }),
    warning: (message) => void record.log.push({ level: 'warning', message }),
    notice: (message) => void record.log.push({ level: 'notice', message }),
    debug: (message) => void record.log.push({ level: 'debug', message }),
    setSecret: (value) => void record.secrets.push(value),
    writeSummary: (markdown) => {
      record.summary += markdown;
      return Promise.resolve();
    },
    saveState: (name, value) => void (record.state[name] = value),
    getState: (name) => record.state[name] ?? '',
    addMatcher: (file) => void record.matchers.push(file),
    fail: () => void (record.failed = true),
    which: (name) => whichOn(name, own)
  };
}
