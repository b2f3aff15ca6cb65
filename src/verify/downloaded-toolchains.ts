/**
 * Toolchains the go command downloaded during the job (GOTOOLCHAIN=auto): Go unpacks each into
 * `$GOMODCACHE/golang.org/toolchain@v0.0.1-go<version>.<os>-<arch>`. The main step records which
 * were there after the cache restore; the post step lists the new ones as drift findings (the
 * build ran with another Go than the one installed). Pure.
 */
import { isObject } from '../json.js';
import type { CheckFinding } from './findings.js';

export const TOOLCHAINS_STATE = 'setup-go-enforced-toolchains';

/** A toolchain module folder: `toolchain@v0.0.1-go1.25.0.linux-amd64`. */
const FOLDER = /^toolchain@v0\.0\.1-go(.+)\.([a-z0-9]+)-([a-z0-9]+)$/;

export interface ToolchainModule {
  /** the folder name under $GOMODCACHE/golang.org */
  folder: string;
  /** Go spelling ("1.25.0") */
  version: string;
  os: string;
  arch: string;
}

export function toolchainModule(folder: string): ToolchainModule | undefined {
  const m = FOLDER.exec(folder);
  return m ? { folder, version: m[1], os: m[2], arch: m[3] } : undefined;
}

/** What the main step hands to the post step. */
export interface ToolchainsState {
  modCache: string;
  /** toolchain folders present when the main step ended */
  before: string[];
  /** the installed Go */
  installed: string;
  /** the GOTOOLCHAIN later steps ran with */
  gotoolchain: string;
}

export function decodeToolchainsState(text: string): ToolchainsState | undefined {
  if (!text) return undefined;
  try {
    const s: unknown = JSON.parse(text);
    if (!isObject(s) || typeof s.modCache !== 'string' || !Array.isArray(s.before)) return undefined;
    return {
      modCache: s.modCache,
      before: s.before.filter((b): b is string => typeof b === 'string'),
      installed: typeof s.installed === 'string' ? s.installed : '',
      gotoolchain: typeof s.gotoolchain === 'string' ? s.gotoolchain : ''
    };
  } catch {
    return undefined;
  }
}

/** The toolchains that appeared during the job, as drift findings of the environment check. */
export function downloadedFindings(state: ToolchainsState, after: readonly string[]): CheckFinding[] {
  const before = new Set(state.before);
  return after
    .filter((f) => !before.has(f))
    .map(toolchainModule)
    .filter((t): t is ToolchainModule => t !== undefined)
    .map((t) => ({
      check: 'environment' as const,
      kind: 'drift' as const,
      message: `the go command downloaded go${t.version} (${t.os}/${t.arch}) during this job${state.gotoolchain ? ` (GOTOOLCHAIN=${state.gotoolchain})` : ''}: a go.mod or go.work asked for a newer Go than the installed go${state.installed}, so that build ran with go${t.version}`
    }));
}
