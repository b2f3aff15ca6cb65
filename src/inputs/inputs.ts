/**
 * The action's inputs: raw strings (as the runner passes them, defaults from action.yml applied by
 * the runner) -> typed, validated values. Pure: every bad value is an InputError naming the input.
 */
import { InputError } from '../errors.js';
import { type CheckId } from '../verify/checks/ids.js';
import { type Mode } from './mode.js';
import { type SeveritySetting } from '../verify/findings.js';
import { parseChecksInput, parseConsistency, parseOnMismatch, type Consistency } from '../verify/run-checks.js';
import { parseBaseUrl } from '../url.js';
import type { MatrixRange } from '../plan/matrix.js';
import type { SwitchMode } from '../go/gotoolchain.js';

/** Every input of action.yml, in its order. */
export const INPUT_NAMES = [
  'go-version',
  'go-version-file',
  'check-latest',
  'token',
  'architecture',
  'go-download-base-url',
  'cache',
  'cache-dependency-path',
  'cache-save',
  'cache-key-suffix',
  'go-download-token',
  'mode',
  'checks',
  'on-mismatch',
  'consistency',
  'modules',
  'report-file',
  'sarif-file',
  'matrix-range',
  'vulndb-url',
  'allow-missing-checksum',
  'toolchain-switching',
  'annotate-test-logs',
  'audit-base',
  'audit-file'
] as const;

export type InputName = (typeof INPUT_NAMES)[number];
export type RawInputs = Partial<Record<InputName, string>>;

export interface Inputs {
  goVersion: string;
  goVersionFile: string;
  checkLatest: boolean;
  token: string;
  /** as given (validated later against the platform module); "" for the runner's */
  architecture: string;
  /** without trailing slash: https://go.dev/dl, a mirror, or file:///folder */
  downloadBaseUrl: string;
  /** where it came from, for messages: the input, or GO_DOWNLOAD_BASE_URL */
  downloadBaseFrom: { input: 'go-download-base-url' } | { env: 'GO_DOWNLOAD_BASE_URL' };
  cache: boolean;
  cacheDependencyPath: string;
  /** save new cache entries in the post step (false: restore only) */
  cacheSave: boolean;
  /** added to the build entry's key: what the key cannot see (build tags, -race, GOEXPERIMENT) */
  cacheKeySuffix: string;
  /** sent only to the go-download-base-url host */
  goDownloadToken: string;
  mode: Mode;
  checks: Map<CheckId, SeveritySetting>;
  onMismatch: 'fail' | 'warn';
  consistency: Consistency;
  modules: string[];
  reportFile: string;
  /** write the findings as SARIF 2.1.0 here (relative to the workspace); '' for none */
  sarifFile: string;
  matrixRange: MatrixRange;
  vulndbUrl: string;
  allowMissingChecksum: boolean;
  /** GOTOOLCHAIN for later steps; undefined when not given (the job's own GOTOOLCHAIN, else local) */
  toolchainSwitching?: SwitchMode;
  /** also turn `file_test.go:12: message` lines (t.Log, t.Error of go test -v) into annotations */
  annotateTestLogs: boolean;
  /** the git ref the upgrade audit compares with ('' : on a pull request its base, else no audit) */
  auditBase: string;
  /** write the audit as a pull-request comment (Markdown) here, relative to the workspace; '' for none */
  auditFile: string;
}

export const DEFAULT_DOWNLOAD_BASE_URL = 'https://go.dev/dl';
export const DEFAULT_VULNDB_URL = 'https://vuln.go.dev';

const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

/** YAML 1.2 core booleans, as @actions/core's getBooleanInput; empty means the default. */
export function parseBoolean(name: InputName, value: string | undefined, dflt: boolean): boolean {
  const v = (value ?? '').trim();
  if (v === '') return dflt;
  if (TRUE.includes(v)) return true;
  if (FALSE.includes(v)) return false;
  throw new InputError(`"${v}" is not a boolean (expected true or false)`, { input: name });
}

function oneOf<T extends string>(name: InputName, value: string | undefined, allowed: readonly T[], dflt: T): T {
  const v = (value ?? '').trim();
  if (v === '') return dflt;
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new InputError(`"${v}" is not valid (expected one of ${allowed.join(', ')})`, { input: name });
}

function lines(value: string | undefined): string[] {
  return (value ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/**
 * Validates every input. `env` supplies GO_DOWNLOAD_BASE_URL (the input wins over it).
 * Version specs and files are parsed later by the plan, which knows where they came from.
 */
export function parseInputs(raw: RawInputs, env: Record<string, string | undefined> = {}): Inputs {
  const t = (n: InputName): string => (raw[n] ?? '').trim();
  const baseInput = t('go-download-base-url');
  const baseEnv = (env.GO_DOWNLOAD_BASE_URL ?? '').trim();
  const downloadBaseFrom: Inputs['downloadBaseFrom'] =
    !baseInput && baseEnv ? { env: 'GO_DOWNLOAD_BASE_URL' } : { input: 'go-download-base-url' };
  const downloadBaseUrl =
    baseInput || baseEnv ? parseBaseUrl(downloadBaseFrom, baseInput || baseEnv) : DEFAULT_DOWNLOAD_BASE_URL;
  return {
    goVersion: t('go-version'),
    goVersionFile: t('go-version-file'),
    checkLatest: parseBoolean('check-latest', raw['check-latest'], false),
    token: t('token'),
    architecture: t('architecture'),
    downloadBaseUrl,
    downloadBaseFrom,
    cache: parseBoolean('cache', raw.cache, true),
    cacheDependencyPath: raw['cache-dependency-path'] ?? '',
    cacheSave: parseBoolean('cache-save', raw['cache-save'], true),
    cacheKeySuffix: cacheKeySuffix(raw['cache-key-suffix']),
    goDownloadToken: t('go-download-token'),
    mode: oneOf('mode', raw.mode, ['install', 'verify', 'plan'] as const, 'install'),
    checks: parseChecksInput(raw.checks ?? ''),
    onMismatch: parseOnMismatch(raw['on-mismatch'] ?? ''),
    consistency: parseConsistency(raw.consistency ?? ''),
    modules: lines(raw.modules),
    reportFile: t('report-file'),
    sarifFile: t('sarif-file'),
    matrixRange: oneOf('matrix-range', raw['matrix-range'], ['all', 'supported', 'minimal-and-latest'] as const, 'all'),
    vulndbUrl: t('vulndb-url') ? parseBaseUrl({ input: 'vulndb-url' }, t('vulndb-url')) : DEFAULT_VULNDB_URL,
    allowMissingChecksum: parseBoolean('allow-missing-checksum', raw['allow-missing-checksum'], false),
    ...(t('toolchain-switching')
      ? { toolchainSwitching: oneOf('toolchain-switching', raw['toolchain-switching'], SWITCH_MODES, 'local') }
      : {}),
    annotateTestLogs: parseBoolean('annotate-test-logs', raw['annotate-test-logs'], false),
    auditBase: t('audit-base'),
    auditFile: t('audit-file')
  };
}

const SWITCH_MODES = ['local', 'auto', 'path'] as const;

/** A cache key part: at most 64 characters, no commas (a key cannot hold one). */
function cacheKeySuffix(value: string | undefined): string {
  const v = (value ?? '').trim();
  if (v.includes(',')) {
    throw new InputError(`"${v}" contains a comma, which a cache key cannot hold`, { input: 'cache-key-suffix' });
  }
  if (v.length > 64) {
    throw new InputError(`"${v.slice(0, 20)}..." is ${v.length} characters (expected at most 64)`, {
      input: 'cache-key-suffix'
    });
  }
  return v;
}
