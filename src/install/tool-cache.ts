/**
 * What the tool cache already holds: complete Go installs (marker written last, bin/go present).
 * Read by the plan (which versions are there to choose from) and the install (a cache hit, or a
 * finished install found after waiting for the lock); the installer writes what this reads.
 */
import { promises as fs } from 'node:fs';
import { exists } from '../system/fs-probe.js';
import { isValidGo, sortGo } from '../go/gover.js';
import { goBinaryIn, toolCacheArch } from '../go/platform-names.js';
import { type Platform } from '../go/types.js';
import { installLayout, pathFor, versionFromCacheFolder, type InstallLayout } from './layout.js';
import { removeAbandonedLock } from './lock.js';

/** An install is complete when its marker and its bin/go(.exe) are both there. */
export function isComplete(platform: Platform, layout: Pick<InstallLayout, 'marker' | 'toolDir'>): Promise<boolean> {
  return Promise.all([exists(layout.marker), exists(goBinaryIn(platform, layout.toolDir))]).then(([a, b]) => a && b);
}

/**
 * A complete install, found outside the lock: also removes the lock of a dead job beside it (one
 * killed after it wrote the marker and before it released the lock).
 */
export async function completeInstall(platform: Platform, layout: InstallLayout): Promise<boolean> {
  if (!(await isComplete(platform, layout))) return false;
  await removeAbandonedLock(layout.lockDir).catch(() => undefined);
  return true;
}

/**
 * Versions (Go spelling, ascending in Go's order) complete in the tool cache for this platform and
 * arch: marker present and bin/go(.exe) present. Folders of other tools' spellings are ignored.
 */
export async function listCachedVersions(toolCache: string, platform: Platform, arch: string): Promise<string[]> {
  const p = pathFor(platform);
  const root = p.join(toolCache, 'go');
  let names: string[];
  try {
    names = await fs.readdir(root);
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const name of names) {
    const version = versionFromCacheFolder(name);
    if (!version || !isValidGo(version)) continue;
    const toolDir = p.join(root, name, toolCacheArch({ arch }));
    if (await isComplete(platform, { toolDir, marker: `${toolDir}.complete` })) found.push(version);
  }
  return sortGo([...new Set(found)]);
}

/**
 * The GOROOT of a complete install of `version` in the tool cache, if there is one (and the lock
 * of a dead job beside it is removed).
 */
export async function findCached(
  toolCache: string,
  version: string,
  platform: Platform,
  arch: string
): Promise<string | undefined> {
  if (!isValidGo(version)) return undefined;
  let layout: InstallLayout;
  try {
    layout = installLayout({ platform, toolCache, temp: toolCache, version, arch });
  } catch {
    return undefined;
  }
  return (await completeInstall(platform, layout)) ? layout.toolDir : undefined;
}
