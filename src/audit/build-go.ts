/**
 * The Go that builds, by the action's resolution rules: what a go.mod or go.work asks
 * (plan/source.ts modFileRequest: its toolchain pin, else its go line), resolved against the
 * release list (plan/resolve.ts resolveSpec); and the Go a version file, image or workflow states
 * (a minor: its newest patch in the release list). Without the list a language version stays
 * unresolved, and the computations use its language version as a stand-in. Pure.
 */
import { UserError } from '../errors.js';
import type { ModFile, Platform, Release, VersionDeclaration } from '../go/types.js';
import { GODEBUG_TABLES } from '../go/godebug-table.js';
import { compareGo, isValidGo, lang, sameRelease } from '../go/gover.js';
import { newestPatch } from '../go/releases.js';
import { modFileRequest } from '../plan/source.js';
import { resolveSpec } from '../plan/resolve.js';
import { clipContent } from '../text.js';
import type { AuditBuild } from './types.js';

/** The Go that builds `mod` (the file whose lines decide: the workspace file for a workspace). */
export function buildOf(mod: ModFile, releases: Release[] | undefined, platform: Platform): AuditBuild {
  let req;
  try {
    req = modFileRequest(mod);
  } catch (err) {
    const why = err instanceof UserError ? err.detail : 'cannot be read';
    return {
      asks: `toolchain ${clipContent(mod.toolchain?.value ?? '')}`,
      file: mod.path,
      line: mod.toolchain?.line,
      unresolved: why
    };
  }
  const line = req.origin.kind === 'file' ? req.origin.line : undefined;
  const at = { file: mod.path, ...(line !== undefined ? { line } : {}) };
  const raw = clipContent(req.raw);
  if (req.spec.kind === 'exact') {
    const asks = req.origin.kind === 'file' && req.origin.directive === 'toolchain' ? `toolchain ${raw}` : `go ${raw}`;
    const version = req.spec.version;
    if (releases && !releases.some((r) => sameRelease(r.version, version))) {
      return { version, asks, ...at, unresolved: `Go ${version} is not in the release list` };
    }
    return { version, asks, ...at };
  }
  const minimum = req.spec.kind === 'minimum' ? req.spec.minimum : raw;
  const asks = `go ${raw} (newest ${lang(minimum)}.x)`;
  if (!releases) return { asks, ...at, unresolved: 'the release list was not read' };
  try {
    return { version: resolveSpec(req.spec, releases, platform).version, asks, ...at };
  } catch (err) {
    return { asks, ...at, unresolved: err instanceof UserError ? err.detail : 'no release matches' };
  }
}

/** The newest release the GODEBUG tables know of a minor line ("1.25" -> "1.25.8"), or undefined. */
function newestTableRelease(minor: string): string | undefined {
  let best: string | undefined;
  for (const t of GODEBUG_TABLES) {
    for (const r of t.releases) if (lang(r) === minor && (!best || compareGo(r, best) > 0)) best = r;
  }
  return best;
}

/**
 * The version the computations use for a build: its release, else a stand-in for an unresolved
 * language version (the newest release of that minor the tables know, else the language version).
 */
export function effectiveOf(build: AuditBuild): string | undefined {
  if (build.version) return build.version;
  const m = /^go (\S+) \(newest /.exec(build.asks);
  if (!m || !isValidGo(m[1])) return undefined;
  return newestTableRelease(lang(m[1])) ?? lang(m[1]);
}

/**
 * The Go a declaration states: a release itself; a minor (`1.22`) its newest patch in the release
 * list, else the newest release the tables know of it, else the minor. Undefined for a major (`1`).
 */
export function declaredGo(
  d: Pick<VersionDeclaration, 'version'>,
  releases: Release[] | undefined
): string | undefined {
  const v = d.version;
  if (/^\d+$/.test(v) || !isValidGo(v)) return undefined;
  if (!/^\d+\.\d+$/.test(v)) return v;
  return (releases ? newestPatch(v, releases) : undefined) ?? newestTableRelease(v) ?? v;
}

/** Whether two builds run the same Go (by release, else by what they ask). */
export function sameBuild(a: AuditBuild, b: AuditBuild): boolean {
  if (a.version && b.version) return sameRelease(a.version, b.version);
  return a.version === b.version && a.asks === b.asks;
}
