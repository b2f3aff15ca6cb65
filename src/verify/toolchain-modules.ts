/** The toolchain module folders under $GOMODCACHE/golang.org (edge: one readdir; none when absent). */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Host, PostHost } from '../hosts/host.js';
import type { RunState } from '../run-context.js';
import { renderDownloadedToolchains } from '../report/summary.js';
import {
  TOOLCHAINS_STATE,
  decodeToolchainsState,
  downloadedFindings,
  toolchainModule,
  type ToolchainsState
} from './downloaded-toolchains.js';

export async function listToolchainModules(modCache: string): Promise<string[]> {
  if (!modCache || !path.isAbsolute(modCache)) return [];
  const names = await readdir(path.join(modCache, 'golang.org')).catch(() => [] as string[]);
  return names.filter((n) => toolchainModule(n) !== undefined).sort();
}

/**
 * Main step: records the toolchain folders there now (after the cache restore), for the post step.
 * Best effort: without a module cache nothing is recorded.
 */
export async function rememberToolchains(ctx: { host: Pick<Host, 'saveState'> }, run: RunState): Promise<void> {
  const installed = run.install;
  const modCache = run.cache?.moved?.GOMODCACHE ?? installed?.goEnv?.GOMODCACHE;
  if (!installed || !modCache) return;
  const state: ToolchainsState = {
    modCache,
    before: await listToolchainModules(modCache),
    installed: installed.version,
    gotoolchain: run.plan?.switching.setting.raw ?? ''
  };
  ctx.host.saveState(TOOLCHAINS_STATE, JSON.stringify(state));
}

/**
 * Post step: the toolchains that appeared during the job, as warnings and a job summary section.
 * Never throws.
 */
export async function reportDownloadedToolchains(host: PostHost): Promise<void> {
  try {
    const state = decodeToolchainsState(host.getState(TOOLCHAINS_STATE));
    if (!state) return;
    const found = downloadedFindings(state, await listToolchainModules(state.modCache));
    if (found.length === 0) return;
    for (const f of found) host.warning(f.message);
    await host.writeSummary(renderDownloadedToolchains(found));
  } catch (e) {
    host.debug(`toolchains downloaded during the job: not listed: ${(e as Error).message}`);
  }
}
