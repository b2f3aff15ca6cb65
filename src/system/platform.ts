/**
 * The runner's platform and folders. The only module that reads process.platform / process.arch;
 * everything else gets a Platform, so a unit test can hand any module a Windows one.
 */
import { execFile } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { normalizeArchitectureInput } from '../go/platform-names.js';
import type { Platform } from '../go/types.js';

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

/** The code page number in what `chcp` prints ("Active code page: 437", "Aktive Codepage: 850."). */
export function parseChcp(output: string): number | undefined {
  const m = /(\d{1,5})\D*$/.exec(output.trim());
  return m ? Number(m[1]) : undefined;
}

/** A program of Windows' own System32 folder (SystemRoot, else windir, else C:\Windows). */
export function system32(env: NodeJS.ProcessEnv, name: string): string {
  return path.win32.join(env.SystemRoot || env.windir || 'C:\\Windows', 'System32', name);
}

/**
 * Windows: the console code page (`chcp`), in which console programs write their messages to a
 * pipe; asked once, and only when needed (a tool failed). Undefined elsewhere, when chcp cannot
 * be run, or when it says 0 (Wine), which means UTF-8 here.
 */
export function consoleCodePage(platform: Platform, env: NodeJS.ProcessEnv): () => Promise<number | undefined> {
  let asked: Promise<number | undefined> | undefined;
  return () => {
    if (platform.os !== 'win32') return Promise.resolve(undefined);
    asked ??= new Promise((resolve) => {
      const chcp = system32(env, 'chcp.com');
      execFile(chcp, [], { windowsHide: true, timeout: 10_000, encoding: 'latin1' }, (err, stdout) => {
        const cp = err ? undefined : parseChcp(stdout);
        resolve(cp ? cp : undefined);
      });
    });
    return asked;
  };
}
