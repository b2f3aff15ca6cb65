// Runs the bundled action with Windows node.exe under Wine, the way a Windows runner does: the
// runner's variables in Windows form (C:\ and D:\ drives of the Wine prefix, Z:\ for this
// machine's files), action.yml defaults as INPUT_* variables, fresh GITHUB_* command files; then
// reads what the step wrote (the action writes them with CRLF line ends, as on Windows).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DEFAULT_ACTION_YML,
  DEFAULT_DIST,
  inputEnvName,
  parseAnnotations,
  parseKeyValueText,
  readActionDefaults,
  resolveInputs
} from './run-action.mjs';
import { runWindows, winPath } from './wine.mjs';

/**
 * The Unix path of a Windows path under the prefix (C:\, D:\ and Z:\ only).
 * @param {import('./wine.mjs').WineSetup} w @param {string} p
 */
export function unixPathOf(w, p) {
  const m = /^([A-Za-z]):[\\/]?(.*)$/.exec(p);
  if (!m) throw new Error(`not a drive path: ${p}`);
  const rest = m[2].split(/[\\/]+/).filter(Boolean);
  const drive = m[1].toUpperCase();
  const root = drive === 'C' ? path.join(w.prefix, 'drive_c') : drive === 'D' ? w.driveD : drive === 'Z' ? '/' : '';
  if (!root) throw new Error(`drive ${drive}: is not mapped`);
  // Wine's C: drive is case-insensitive over a case-sensitive folder: keep the case as written
  return path.join(root, ...rest);
}

/**
 * @typedef {object} WineRunOptions
 * @property {Record<string, string>} [inputs]
 * @property {Record<string, string | null | undefined>} [env]  extra variables (null removes one)
 * @property {string} workspace   GITHUB_WORKSPACE, Windows form
 * @property {string} toolCache   RUNNER_TOOL_CACHE, Windows form
 * @property {string} temp        RUNNER_TEMP, Windows form
 * @property {string[]} [winePath]  Windows folders put in front of PATH (WINEPATH)
 * @property {boolean} [hosted]   RUNNER_ENVIRONMENT github-hosted (default) or self-hosted
 * @property {number} [timeoutMs]
 * @property {string} [distPath]  Unix path of the bundle
 */

/**
 * @typedef {object} WineRunResult
 * @property {number | null} code
 * @property {NodeJS.Signals | null} signal
 * @property {boolean} timedOut
 * @property {string} stdout
 * @property {string} stderr
 * @property {Record<string, string>} outputs
 * @property {Record<string, string>} env        GITHUB_ENV
 * @property {string[]} path                     GITHUB_PATH entries in the order added
 * @property {string} rawEnvFile                 GITHUB_ENV as written (CRLF)
 * @property {import('./run-action.mjs').Annotation[]} annotations
 * @property {string[]} errors
 * @property {number} durationMs
 */

/**
 * @param {import('./wine.mjs').WineSetup} w
 * @param {WineRunOptions} o
 * @returns {Promise<WineRunResult>}
 */
export async function runActionUnderWine(w, o) {
  const files = mkdtempSync(path.join(os.tmpdir(), 'sge-wine-files-'));
  try {
    const f = {
      path: path.join(files, 'path.txt'),
      env: path.join(files, 'env.txt'),
      output: path.join(files, 'output.txt'),
      state: path.join(files, 'state.txt'),
      summary: path.join(files, 'step_summary.md')
    };
    for (const p of Object.values(f)) writeFileSync(p, '');
    /** @type {Record<string, string | null | undefined>} */
    const env = {};
    for (const k of Object.keys(w.env)) if (/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_|GO)/i.test(k)) env[k] = null;
    Object.assign(env, {
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_API_URL: 'https://api.github.com',
      GITHUB_PATH: winPath(f.path),
      GITHUB_ENV: winPath(f.env),
      GITHUB_OUTPUT: winPath(f.output),
      GITHUB_STATE: winPath(f.state),
      GITHUB_STEP_SUMMARY: winPath(f.summary),
      GITHUB_WORKSPACE: o.workspace,
      RUNNER_WORKSPACE: o.workspace.replace(/[\\/][^\\/]+$/, ''),
      RUNNER_TEMP: o.temp,
      RUNNER_TOOL_CACHE: o.toolCache,
      RUNNER_OS: 'Windows',
      RUNNER_ARCH: 'X64',
      RUNNER_ENVIRONMENT: o.hosted === false ? 'self-hosted' : 'github-hosted',
      WINEPATH: (o.winePath ?? []).join(';') || null
    });
    const inputs = resolveInputs(o.inputs ?? {}, readActionDefaults(DEFAULT_ACTION_YML));
    for (const [name, value] of Object.entries(inputs)) env[inputEnvName(name)] = value;
    Object.assign(env, o.env ?? {});
    const r = await runWindows(w, w.nodeExe, [winPath(o.distPath ?? DEFAULT_DIST)], {
      env,
      cwd: unixPathOf(w, o.workspace),
      timeoutMs: o.timeoutMs ?? 300_000
    });
    const read = (/** @type {string} */ p) => (existsSync(p) ? readFileSync(p, 'utf8') : '');
    const annotations = parseAnnotations(r.stdout);
    return {
      ...r,
      outputs: parseKeyValueText(read(f.output)),
      env: parseKeyValueText(read(f.env)),
      rawEnvFile: read(f.env),
      path: read(f.path)
        .split(/\r?\n/)
        .filter((l) => l.trim() !== ''),
      annotations,
      errors: annotations.filter((a) => a.level === 'error').map((a) => a.message)
    };
  } finally {
    rmSync(files, { recursive: true, force: true });
  }
}
