/**
 * The version a bump goes to: the VERSION argument resolved as the action resolves `go-version`
 * (plan/spec.ts, then plan/resolve.ts over the manifest of the same mirror, with the same
 * go-download-base-url / GO_DOWNLOAD_BASE_URL and token rules: plan/stage.ts readManifest).
 * Edge module: it reads the manifest.
 *
 * - An exact release needs no manifest: when the manifest can be read, a release it does not list
 *   is refused (bad input); when it cannot, the bump goes ahead with a warning.
 * - Any other spec (stable, oldstable, 1.27, ^1.26) needs the manifest: without it, one error.
 */
import { InputError, UserError } from '../errors.js';
import { parseInputs, type RawInputs } from '../inputs/inputs.js';
import { tryParseVersionSpec } from '../plan/spec.js';
import { resolveSpec } from '../plan/resolve.js';
import { canonicalRelease, lang, sameRelease } from '../go/gover.js';
import { newest } from '../go/releases.js';
import { readManifest } from '../plan/stage.js';
import { currentPlatform } from '../system/platform.js';
import { manifestUrl } from '../system/http.js';
import { quoteContent } from '../text.js';
import type { Release } from '../go/types.js';

export interface Target {
  /** the exact release (Go spelling) */
  version: string;
  /** the argument as given */
  spec: string;
  /** whether the manifest was read */
  manifest: 'read' | 'unreachable';
  /** why the manifest could not be read (an exact target goes ahead without it) */
  warning?: string;
}

/** The mirror flags: go-download-base-url and go-download-token (the environment supplies GO_DOWNLOAD_BASE_URL). */
export type MirrorFlags = Pick<RawInputs, 'go-download-base-url' | 'go-download-token'>;

/** The message for a VERSION that is not a spec (the command says it before anything is read). */
export function notASpec(specText: string): string {
  return `VERSION ${quoteContent(specText.trim())} is not a Go version, range or alias (expected e.g. 1.27.0, 1.27, stable, oldstable)`;
}

export async function resolveTarget(specText: string, mirror: MirrorFlags, env: NodeJS.ProcessEnv): Promise<Target> {
  const spec = tryParseVersionSpec(specText);
  if (!spec || spec.kind === 'minimum') throw new InputError(notASpec(specText), { input: 'VERSION' });
  const inputs = parseInputs({ ...mirror, mode: 'plan' }, env);
  let releases: Release[] | undefined;
  let failure: string | undefined;
  try {
    releases = await readManifest(inputs, env);
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    failure = e.message;
  }
  const url = manifestUrl(inputs.downloadBaseUrl);
  if (spec.kind === 'exact') {
    const version = canonicalRelease(spec.version);
    if (!releases) {
      return {
        version,
        spec: specText,
        manifest: 'unreachable',
        warning: `the release manifest (${url}) could not be read: ${failure}`
      };
    }
    if (!releases.some((r) => sameRelease(r.version, version))) {
      const sameMinor = newest(releases.filter((r) => r.stable && lang(r.version) === lang(version)));
      const hint = sameMinor
        ? `newest ${lang(version)}.x: ${sameMinor.version}`
        : `newest stable: ${newest(releases.filter((r) => r.stable))?.version ?? 'none'}`;
      throw new InputError(`Go ${version} is not a release in the manifest (${hint})`, { input: 'VERSION' });
    }
    return { version, spec: specText, manifest: 'read' };
  }
  if (!releases) {
    throw new UserError(
      `VERSION ${quoteContent(specText.trim())} is resolved against the release manifest (${url}), which could not be read: ${failure}; give an exact version such as 1.27.0 to bump without it`
    );
  }
  return { version: resolveSpec(spec, releases, currentPlatform()).version, spec: specText, manifest: 'read' };
}
