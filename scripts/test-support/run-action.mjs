// Runs the bundled action (`node dist/index.js`) the way a GitHub runner does: action.yml
// defaults applied, inputs as INPUT_* variables, fresh GITHUB_* command files, then parses
// what the step wrote (outputs, env, path, summary, annotations).
import { spawn } from 'node:child_process';
import {
  mkdtempSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
  existsSync,
  readdirSync,
  lstatSync,
  readlinkSync,
  rmSync
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Default bundle and action metadata. */
/** Default bundle; SETUP_GO_ENFORCED_DIST runs the end-to-end tests against another build (e.g. an older one, to see a test fail). */
export const DEFAULT_DIST = process.env.SETUP_GO_ENFORCED_DIST || path.join(repoRoot, 'dist', 'index.js');
export const DEFAULT_ACTION_YML = path.join(repoRoot, 'action.yml');

/**
 * @typedef {object} RunOptions
 * @property {Record<string, string>} [inputs]  by input name as in action.yml (`go-version`)
 * @property {Record<string, string | undefined | null>} [env]  extra variables; undefined/null removes one
 * @property {string} workspace        GITHUB_WORKSPACE
 * @property {string} [toolCache]      RUNNER_TOOL_CACHE (default: a fresh temp folder)
 * @property {string} [temp]           RUNNER_TEMP (default: a fresh temp folder)
 * @property {string} [cwd]            default: the workspace (as the runner does)
 * @property {number} [timeoutMs]      SIGKILL after this long (default 120000)
 * @property {string} [node]           node binary (default: this process's)
 * @property {string[]} [nodeArgs]     arguments before the script (e.g. `--import`, preload)
 * @property {string} [distPath]       default dist/index.js of this repository
 * @property {string} [actionYml]      default action.yml of this repository
 * @property {string} [runnerOs]       RUNNER_OS (default from this machine: Linux, macOS, Windows)
 * @property {string} [runnerArch]     RUNNER_ARCH (default from this machine: X64, ARM64, X86, ARM)
 */

/**
 * @typedef {object} Annotation
 * @property {'error' | 'warning' | 'notice'} level
 * @property {string} [file]
 * @property {number} [line]
 * @property {number} [endLine]
 * @property {number} [col]
 * @property {number} [endColumn]
 * @property {string} [title]
 * @property {string} message
 */

/**
 * @typedef {object} RunResult
 * @property {number | null} code
 * @property {NodeJS.Signals | null} signal
 * @property {boolean} timedOut
 * @property {string} stdout
 * @property {string} stderr
 * @property {Record<string, string>} outputs   from GITHUB_OUTPUT
 * @property {Record<string, string>} env       from GITHUB_ENV
 * @property {Record<string, string>} state     from GITHUB_STATE
 * @property {string[]} path                    GITHUB_PATH entries in the order added
 * @property {string} summary                   GITHUB_STEP_SUMMARY content
 * @property {Annotation[]} annotations
 * @property {string[]} errors                  messages of the ::error:: annotations
 * @property {number} durationMs
 * @property {string} toolCache
 * @property {string} temp
 * @property {string} workspace
 * @property {Record<string, string>} processEnv  the environment the action ran with
 */

/**
 * Runs the action to completion.
 * @param {RunOptions} opts
 * @returns {Promise<RunResult>}
 */
export function runAction(opts) {
  return spawnAction(opts).result;
}

/**
 * Starts the action and returns its ChildProcess at once (e.g. to SIGKILL it mid-install);
 * `child.result` resolves like runAction when the process has exited.
 * @param {RunOptions} opts
 * @returns {import('node:child_process').ChildProcess & { result: Promise<RunResult> }}
 */
export function spawnAction(opts) {
  const distPath = opts.distPath ?? DEFAULT_DIST;
  const toolCache = opts.toolCache ?? mkdtempSync(path.join(os.tmpdir(), 'sge-toolcache-'));
  const temp = opts.temp ?? mkdtempSync(path.join(os.tmpdir(), 'sge-runner-temp-'));
  mkdirSync(toolCache, { recursive: true });
  mkdirSync(temp, { recursive: true });
  const files = commandFiles();

  const env = buildEnv(opts, { toolCache, temp, files });
  const started = process.hrtime.bigint();
  const child = spawn(opts.node ?? process.execPath, [...(opts.nodeArgs ?? []), distPath], {
    cwd: opts.cwd ?? opts.workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d) => (stderr += d));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, opts.timeoutMs ?? 120_000);

  const result = new Promise((resolve, reject) => {
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      let parsed;
      try {
        const annotations = parseAnnotations(stdout);
        parsed = {
          code,
          signal,
          timedOut,
          stdout,
          stderr,
          outputs: { ...parseStdoutCommand(stdout, 'set-output'), ...parseKeyValueFile(files.output) },
          env: { ...parseStdoutCommand(stdout, 'set-env'), ...parseKeyValueFile(files.env) },
          state: { ...parseStdoutCommand(stdout, 'save-state'), ...parseKeyValueFile(files.state) },
          path: readLines(files.path),
          summary: readText(files.summary),
          annotations,
          errors: annotations.filter((a) => a.level === 'error').map((a) => a.message),
          durationMs,
          toolCache,
          temp,
          workspace: opts.workspace,
          processEnv: env
        };
      } catch (err) {
        reject(err);
        return;
      } finally {
        rmSync(files.dir, { recursive: true, force: true });
      }
      resolve(parsed);
    });
  });
  // Let callers await child.result without an unhandled rejection if they never do.
  result.catch(() => {});
  return Object.assign(child, { result });
}

/** Fresh, empty GITHUB_* command files in their own folder. */
function commandFiles() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sge-files-'));
  const f = {
    dir,
    path: path.join(dir, 'path.txt'),
    env: path.join(dir, 'env.txt'),
    output: path.join(dir, 'output.txt'),
    state: path.join(dir, 'state.txt'),
    summary: path.join(dir, 'step_summary.md')
  };
  for (const p of [f.path, f.env, f.output, f.state, f.summary]) writeFileSync(p, '');
  return f;
}

/**
 * The step's environment: this process's minus GITHUB_*, INPUT_*, RUNNER_*, ACTIONS_*, plus
 * the runner variables, the inputs (defaults from action.yml unless overridden) and opts.env.
 * @param {RunOptions} opts
 * @param {{ toolCache: string, temp: string, files: ReturnType<typeof commandFiles> }} dirs
 */
function buildEnv(opts, { toolCache, temp, files }) {
  /** @type {Record<string, string>} */
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^(GITHUB_|INPUT_|RUNNER_|ACTIONS_)/i.test(k)) continue;
    env[k] = v;
  }
  Object.assign(env, {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_PATH: files.path,
    GITHUB_ENV: files.env,
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_WORKSPACE: opts.workspace,
    RUNNER_WORKSPACE: path.dirname(opts.workspace),
    RUNNER_TEMP: temp,
    RUNNER_TOOL_CACHE: toolCache,
    RUNNER_OS: opts.runnerOs ?? runnerOs(),
    RUNNER_ARCH: opts.runnerArch ?? runnerArch(),
    RUNNER_ENVIRONMENT: 'github-hosted'
  });
  const inputs = resolveInputs(opts.inputs ?? {}, readActionDefaults(opts.actionYml ?? DEFAULT_ACTION_YML));
  for (const [name, value] of Object.entries(inputs)) env[inputEnvName(name)] = value;
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined || v === null) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** `go-version` -> `INPUT_GO-VERSION` (upper-cased, spaces to `_`, hyphens kept). @param {string} name */
export function inputEnvName(name) {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/**
 * Input values as the runner passes them: every action.yml default, then the given inputs
 * (matched to action.yml names case-insensitively; unknown names pass through).
 * @param {Record<string, string>} given
 * @param {Record<string, string>} defaults
 * @returns {Record<string, string>}
 */
export function resolveInputs(given, defaults) {
  /** @type {Record<string, string>} */
  const out = { ...defaults };
  const byLower = new Map(Object.keys(defaults).map((k) => [k.toLowerCase(), k]));
  for (const [k, v] of Object.entries(given)) out[byLower.get(k.toLowerCase()) ?? k] = String(v);
  return out;
}

/**
 * Reads the defaults of an action.yml's `inputs:` (parsed with the `yaml` package).
 * An expression default (`${{ ... }}`) evaluates to '' here (no github context in tests).
 * Inputs without a default are omitted, as the runner omits them.
 * @param {string} [file]
 * @returns {Record<string, string>}
 */
export function readActionDefaults(file = DEFAULT_ACTION_YML) {
  return parseActionDefaults(readFileSync(file, 'utf8'));
}

/** @param {string} yml @returns {Record<string, string>} */
export function parseActionDefaults(yml) {
  /** @type {{ inputs?: Record<string, { default?: unknown }> }} */
  const doc = parseYaml(yml) ?? {};
  /** @type {Record<string, string>} */
  const out = {};
  for (const [name, spec] of Object.entries(doc.inputs ?? {})) {
    if (spec?.default === undefined || spec.default === null) continue;
    const value = String(spec.default);
    // an expression default (${{ ... }}) has no github context in tests
    out[name] = value.includes('${{') ? '' : value;
  }
  return out;
}

/**
 * Parses a GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE file: heredoc entries
 * `name<<DELIM\nvalue\nDELIM` and plain `name=value` lines; later entries win.
 * @param {string} file
 * @returns {Record<string, string>}
 */
export function parseKeyValueFile(file) {
  return parseKeyValueText(readText(file));
}

/** @param {string} text @returns {Record<string, string>} */
export function parseKeyValueText(text) {
  /** @type {Record<string, string>} */
  const out = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    const eq = line.indexOf('=');
    if (heredoc && (eq < 0 || eq > line.indexOf('<<'))) {
      const [, name, delim] = heredoc;
      const value = [];
      i++;
      while (i < lines.length && lines[i] !== delim) value.push(lines[i++]);
      if (i >= lines.length) throw new Error(`unterminated ${name}<<${delim} entry in command file`);
      out[name] = value.join('\n');
    } else if (eq > 0) {
      out[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return out;
}

/**
 * Workflow-command annotations in stdout: `::error file=go.mod,line=3::message`, `::warning`,
 * `::notice`, with the toolkit's escapes undone.
 * @param {string} stdout
 * @returns {Annotation[]}
 */
export function parseAnnotations(stdout) {
  /** @type {Annotation[]} */
  const out = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    /** @type {Annotation} */
    const a = { level: /** @type {Annotation['level']} */ (m[1]), message: unescapeData(m[3]) };
    for (const prop of (m[2] ?? '').split(',')) {
      const eq = prop.indexOf('=');
      if (eq <= 0) continue;
      const key = prop.slice(0, eq).trim();
      const value = unescapeProperty(prop.slice(eq + 1));
      if (key === 'line' || key === 'endLine' || key === 'col' || key === 'endColumn') a[key] = Number(value);
      else if (key === 'file' || key === 'title') a[key] = value;
    }
    out.push(a);
  }
  return out;
}

/** Legacy stdout commands (`::set-output name=x::v`), used by the toolkit when no file is set. @param {string} stdout @param {string} cmd */
function parseStdoutCommand(stdout, cmd) {
  /** @type {Record<string, string>} */
  const out = {};
  const re = new RegExp(`^::${cmd} name=([^:]*)::(.*)$`);
  for (const line of stdout.split(/\r?\n/)) {
    const m = re.exec(line);
    if (m) out[unescapeProperty(m[1])] = unescapeData(m[2]);
  }
  return out;
}

/** @param {string} s */
function unescapeData(s) {
  return s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
}

/** @param {string} s */
function unescapeProperty(s) {
  return s
    .replace(/%0D/gi, '\r')
    .replace(/%0A/gi, '\n')
    .replace(/%3A/gi, ':')
    .replace(/%2C/gi, ',')
    .replace(/%25/g, '%');
}

/** @param {string} file */
function readText(file) {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** @param {string} file */
function readLines(file) {
  return readText(file)
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
}

/**
 * The environment a later step of the job sees: GITHUB_ENV variables applied, and PATH with the
 * GITHUB_PATH entries prepended (the entry added last comes first, as on the runner).
 * @param {Pick<RunResult, 'env' | 'path'>} result
 * @param {Record<string, string | undefined>} [baseEnv]  default: process.env
 * @returns {Record<string, string>}
 */
export function envForNextStep(result, baseEnv = process.env) {
  /** @type {Record<string, string>} */
  const env = {};
  for (const [k, v] of Object.entries(baseEnv)) if (v !== undefined) env[k] = v;
  Object.assign(env, result.env);
  const pathKey = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  const prepend = [...result.path].reverse();
  const rest = env[pathKey] ? env[pathKey].split(path.delimiter) : [];
  env[pathKey] = [...prepend, ...rest].join(path.delimiter);
  return env;
}

/**
 * Sorted recursive listing of a folder: `dir/` for folders, `file <size>` for files,
 * `link -> target` for symlinks; paths relative with forward slashes. A missing folder is [].
 * For "the tool cache did not change" assertions.
 * @param {string} dir
 * @returns {string[]}
 */
export function listTree(dir) {
  /** @type {string[]} */
  const out = [];
  if (!existsSync(dir)) return out;
  /** @param {string} abs @param {string} rel */
  const walk = (abs, rel) => {
    for (const name of readdirSync(abs).sort()) {
      const childAbs = path.join(abs, name);
      const childRel = rel ? `${rel}/${name}` : name;
      const st = lstatSync(childAbs);
      if (st.isSymbolicLink()) out.push(`${childRel} -> ${readlinkSync(childAbs)}`);
      else if (st.isDirectory()) {
        out.push(`${childRel}/`);
        walk(childAbs, childRel);
      } else out.push(`${childRel} ${st.size}`);
    }
  };
  walk(dir, '');
  return out;
}

/** RUNNER_OS for this machine. */
export function runnerOs() {
  return process.platform === 'win32' ? 'Windows' : process.platform === 'darwin' ? 'macOS' : 'Linux';
}

/** RUNNER_ARCH for this machine. */
export function runnerArch() {
  /** @type {Record<string, string>} */
  const map = { x64: 'X64', arm64: 'ARM64', ia32: 'X86', arm: 'ARM' };
  return map[process.arch] ?? process.arch.toUpperCase();
}
