/**
 * Cache keys of the two entries, and what a lookup found (pure).
 *
 *   modules: setup-go-enforced-mod-<RUNNER_OS>-<dependency hash>
 *            restore key setup-go-enforced-mod-<RUNNER_OS>-  (the newest older entry)
 *   build:   setup-go-enforced-build-<RUNNER_OS>-<arch>[-<ImageOS>]-go<version>-<job>[+<suffix>]~<dependency hash>-<run id>-<attempt>
 *            looked up by the prefix up to the dependency hash, then up to the job, then up to the
 *            Go version (another job's entry, when this job has none yet)
 *
 * The module cache does not depend on the Go version and is shared by every job; the build cache
 * depends on the target (OS, arch, runner image), the Go version and the job (GITHUB_JOB, plus the
 * cache-key-suffix input for what the key cannot see: tags, -race, GOEXPERIMENT), so a lint job
 * and a test job of one run keep an entry each instead of the first one to finish deciding what
 * every next run restores (actions/setup-go #324, #262, #497). `~` ends the job segment, and no
 * job or suffix holds one, so `test~` never matches `test-race~`. Build entries are saved under a
 * new key (run id and attempt) whenever the job added entries, since keys are immutable.
 */

export const KEY_PREFIX = 'setup-go-enforced';

/** What a lookup of one entry found. */
export type LookupResult = 'exact' | 'partial' | 'miss' | 'failed';

export interface KeyFacts {
  /** RUNNER_OS: Linux, Windows, macOS */
  runnerOs: string;
  /** node arch of the installed Go: x64, arm64 */
  arch: string;
  /** ImageOS of hosted runners (ubuntu24, win22, macos15); "" elsewhere */
  imageOs: string;
  /** the installed Go, Go spelling */
  goVersion: string;
  /** hex digest of the dependency files (see dependencyHash) */
  dependencyHash: string;
  /** GITHUB_RUN_ID and GITHUB_RUN_ATTEMPT; any unique text outside a runner */
  runId: string;
  runAttempt: string;
  /** GITHUB_JOB (the job's id); "" outside a runner */
  job: string;
  /** the cache-key-suffix input; "" for none */
  suffix: string;
}

export interface ModulesKeys {
  key: string;
  restoreKeys: string[];
}

export interface BuildKeys {
  /** looked up first; never saved under (saved keys carry the run id) */
  lookupKey: string;
  restoreKeys: string[];
  /** a matched key with this prefix has the same target, Go and dependencies: an exact hit */
  exactPrefix: string;
  /** the key a new build entry is saved under */
  saveKey: string;
}

/** Keys may hold no commas and at most 512 characters; blanks are squeezed out as well. */
export function keyPart(text: string): string {
  return text.replace(/[,\s]+/g, '_').slice(0, 64);
}

export function modulesKeys(f: Pick<KeyFacts, 'runnerOs' | 'dependencyHash'>): ModulesKeys {
  const prefix = `${KEY_PREFIX}-mod-${keyPart(f.runnerOs)}-`;
  return { key: `${prefix}${f.dependencyHash}`, restoreKeys: [prefix] };
}

/** A job or suffix in the job segment: no `~` or `+` (they delimit it), no commas or blanks. */
function segmentPart(text: string): string {
  return keyPart(text).replace(/[~+]/g, '_');
}

export function buildKeys(f: KeyFacts): BuildKeys {
  const target = [f.runnerOs, f.arch, f.imageOs].filter(Boolean).map(keyPart).join('-');
  const goPrefix = `${KEY_PREFIX}-build-${target}-go${keyPart(f.goVersion)}-`;
  const job = `${segmentPart(f.job) || '_'}${f.suffix ? `+${segmentPart(f.suffix)}` : ''}~`;
  const jobPrefix = `${goPrefix}${job}`;
  const exactPrefix = `${jobPrefix}${f.dependencyHash}-`;
  return {
    lookupKey: `${jobPrefix}${f.dependencyHash}`,
    restoreKeys: [exactPrefix, jobPrefix, goPrefix],
    exactPrefix,
    saveKey: `${exactPrefix}${keyPart(f.runId)}-${keyPart(f.runAttempt)}`
  };
}

/** modules: exact when the matched key is the key itself; otherwise a restore-key match. */
export function modulesResult(keys: ModulesKeys, matchedKey: string | undefined): LookupResult {
  if (!matchedKey) return 'miss';
  return matchedKey === keys.key ? 'exact' : 'partial';
}

/** build: exact when the matched entry has the same target, Go and dependency hash. */
export function buildResult(keys: BuildKeys, matchedKey: string | undefined): LookupResult {
  if (!matchedKey) return 'miss';
  return matchedKey.startsWith(keys.exactPrefix) || matchedKey === keys.lookupKey ? 'exact' : 'partial';
}

/**
 * What the runner's ACTIONS_CACHE_MODE permits, as @actions/cache reads it: `read` restores only,
 * `write-only` saves only, `write` both, `none` neither; unset or unknown, both.
 */
export function cacheModeAllows(env: NodeJS.ProcessEnv): { read: boolean; write: boolean } {
  const mode = (env.ACTIONS_CACHE_MODE ?? '').trim().toLowerCase();
  if (!['none', 'read', 'write', 'write-only'].includes(mode)) return { read: true, write: true };
  return { read: mode === 'read' || mode === 'write', write: mode === 'write' || mode === 'write-only' };
}

/**
 * Whether @actions/cache can reach a cache service from this environment (its isFeatureAvailable,
 * without loading the library): v2 needs ACTIONS_RESULTS_URL, v1 ACTIONS_CACHE_URL; a
 * ACTIONS_CACHE_MODE of `none` turns caching off.
 */
export function cacheServiceConfigured(env: NodeJS.ProcessEnv): boolean {
  const mode = cacheModeAllows(env);
  if (!mode.read && !mode.write) return false;
  const host = (() => {
    try {
      return new URL(env.GITHUB_SERVER_URL || 'https://github.com').hostname.toUpperCase();
    } catch {
      return '';
    }
  })();
  const ghes = host !== 'GITHUB.COM' && !host.endsWith('.GHE.COM') && !host.endsWith('.LOCALHOST');
  const v2 = !ghes && Boolean(env.ACTIONS_CACHE_SERVICE_V2);
  return v2 ? Boolean(env.ACTIONS_RESULTS_URL) : Boolean(env.ACTIONS_CACHE_URL);
}
