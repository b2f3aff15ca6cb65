// Runs one job the way a GitHub runner does for an action with a post step: the main bundle, the
// job's own steps (with the environment the main step exported), then the post bundle with the
// state the main step saved (as STATE_<name> variables) and the same inputs. Used by the caching
// tests and the benchmark, for this action and for actions/setup-go alike.
//
// With `user` (e.g. "nobody") every process runs as that user through setpriv, and the runner's
// command files are created where that user can write them.
import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { envForNextStep, parseAnnotations, parseKeyValueFile, runAction, DEFAULT_DIST } from './run-action.mjs';

const execFileAsync = promisify(execFile);

export const DEFAULT_POST = path.join(path.dirname(DEFAULT_DIST), 'post', 'index.js');

/** uid and gid of a user name (`id -u`, `id -g`). @param {string} user */
export async function userIds(user) {
  const [u, g] = await Promise.all([
    execFileAsync('id', ['-u', user], { encoding: 'utf8' }),
    execFileAsync('id', ['-g', user], { encoding: 'utf8' })
  ]);
  return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
}

/**
 * The environment of a Go job that caches: its HOME, a GOPROXY, no Go setting inherited from this
 * machine (so GOMODCACHE and GOCACHE default under HOME, as on a fresh runner), and the run id and
 * image the cache keys read.
 * @param {{ home: string, goproxy: string, run: number }} o
 * @returns {Record<string, string | null>}
 */
export function goJobEnv(o) {
  return {
    HOME: o.home,
    GOPROXY: o.goproxy,
    GOSUMDB: 'off',
    CGO_ENABLED: '0',
    GOROOT: null,
    GOPATH: null,
    GOFLAGS: null,
    GOTOOLCHAIN: null,
    GOWORK: null,
    GOCACHE: null,
    GOMODCACHE: null,
    GO_DOWNLOAD_BASE_URL: null,
    GITHUB_RUN_ID: `run${o.run}`,
    GITHUB_RUN_ATTEMPT: '1',
    ImageOS: 'ubuntu24'
  };
}

/**
 * @param {import('./run-action.mjs').RunOptions & { user?: string }} opts
 * @returns {Promise<import('./run-action.mjs').RunResult>}
 */
async function runStep(opts) {
  if (!opts.user) return runAction(opts);
  // As another user: that user must be able to write the command files.
  const { uid, gid } = await userIds(opts.user);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sge-files-'));
  chownSync(dir, uid, gid);
  /** @type {Record<string, string>} */
  const files = {};
  for (const name of ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_STATE', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY']) {
    files[name] = path.join(dir, name.toLowerCase());
    writeFileSync(files[name], '');
    chownSync(files[name], uid, gid);
  }
  try {
    const r = await runAction({
      ...opts,
      node: '/usr/bin/setpriv',
      nodeArgs: [
        `--reuid=${uid}`,
        `--regid=${gid}`,
        '--clear-groups',
        '--',
        process.execPath,
        ...(opts.nodeArgs ?? [])
      ],
      env: { ...opts.env, ...files }
    });
    return {
      ...r,
      outputs: parseKeyValueFile(files.GITHUB_OUTPUT),
      env: parseKeyValueFile(files.GITHUB_ENV),
      state: parseKeyValueFile(files.GITHUB_STATE),
      path: readLines(files.GITHUB_PATH),
      summary: readText(files.GITHUB_STEP_SUMMARY),
      annotations: parseAnnotations(r.stdout),
      errors: parseAnnotations(r.stdout)
        .filter((a) => a.level === 'error')
        .map((a) => a.message)
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** @param {string} f */
function readText(f) {
  try {
    return readFileSync(f, 'utf8');
  } catch {
    return '';
  }
}

/** @param {string} f */
function readLines(f) {
  return readText(f)
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
}

/**
 * @typedef {object} JobOptions
 * @property {string} workspace
 * @property {string} toolCache
 * @property {string} temp                  RUNNER_TEMP
 * @property {Record<string, string>} inputs
 * @property {Record<string, string | undefined | null>} env   the job's environment (HOME, PATH, the cache service, ...)
 * @property {(env: Record<string, string>) => Promise<void>} [steps]  the job's own steps, given the environment after main
 * @property {string} [dist]       main bundle (default dist/index.js)
 * @property {string} [post]       post bundle (default dist/post/index.js)
 * @property {string} [actionYml]  action.yml whose defaults apply
 * @property {string} [user]       run every process as this user (setpriv)
 * @property {string[]} [nodeArgs]
 * @property {number} [timeoutMs]
 */

/**
 * Runs main, the steps, and post (only when main succeeded, as `post-if: success()`).
 * @param {JobOptions} o
 */
export async function runJob(o) {
  const common = {
    workspace: o.workspace,
    toolCache: o.toolCache,
    temp: o.temp,
    inputs: o.inputs,
    actionYml: o.actionYml,
    user: o.user,
    nodeArgs: o.nodeArgs,
    timeoutMs: o.timeoutMs ?? 240_000
  };
  const main = await runStep({ ...common, distPath: o.dist ?? DEFAULT_DIST, env: o.env });
  /** @type {Record<string, string>} */
  const base = {};
  for (const [k, v] of Object.entries(o.env)) if (typeof v === 'string') base[k] = v;
  const stepEnv = envForNextStep(main, { ...process.env, ...base });
  let stepsMs = 0;
  if (main.code === 0 && o.steps) {
    const t0 = Date.now();
    await o.steps(stepEnv);
    stepsMs = Date.now() - t0;
  }
  /** @type {Record<string, string>} */
  const state = {};
  for (const [k, v] of Object.entries(main.state)) state[`STATE_${k}`] = v;
  const post =
    main.code === 0
      ? await runStep({
          ...common,
          distPath: o.post ?? DEFAULT_POST,
          // The job's environment as the later steps saw it (exported variables, PATH), plus the state.
          env: { ...o.env, ...main.env, PATH: stepEnv.PATH, ...state }
        })
      : undefined;
  return { main, post, stepEnv, stepsMs };
}
