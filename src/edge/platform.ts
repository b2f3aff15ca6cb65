/**
 * The runner's platform and folders. The only module that reads process.platform / process.arch.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { normalizeArchitectureInput } from '../go/platform-names.js';
import type { Platform } from '../model.js';

/**
 * The platform to install for: process.platform, and the `architecture` input when given
 * (Go names such as "amd64" or "386" are mapped to node's "x64", "ia32"), else process.arch.
 */
export function currentPlatform(architectureInput?: string): Platform {
  return { os: process.platform, arch: normalizeArchitectureInput(architectureInput ?? '') ?? process.arch };
}

export interface RunnerDirs {
  /** RUNNER_TOOL_CACHE, else <os.tmpdir()>/setup-go-enforced/tool-cache */
  toolCache: string;
  /** RUNNER_TEMP, else <os.tmpdir()>/setup-go-enforced/temp */
  temp: string;
  /** GITHUB_WORKSPACE, else the current directory */
  workspace: string;
  /** RUNNER_ENVIRONMENT is "github-hosted" (self-hosted runners share their tool cache) */
  hosted: boolean;
}

/**
 * The runner's folders. Outside a runner (local runs, tests) the fallbacks live under the OS temp
 * folder, like @actions/tool-cache's defaults, so nothing is written to the user's home.
 */
export function runnerDirs(env: NodeJS.ProcessEnv = process.env): RunnerDirs {
  const base = path.join(os.tmpdir(), 'setup-go-enforced');
  return {
    toolCache: env.RUNNER_TOOL_CACHE || path.join(base, 'tool-cache'),
    temp: env.RUNNER_TEMP || path.join(base, 'temp'),
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    hosted: env.RUNNER_ENVIRONMENT === 'github-hosted'
  };
}
