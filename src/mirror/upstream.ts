/**
 * The upstream a mirror is made from (edge: HTTP, file://): go.dev by default, or any mirror the
 * action can read (`--from`, else GO_DOWNLOAD_BASE_URL): its listing as the action reads it
 * (plan/stage.ts readManifest: `?mode=json&include=all`, then a static mirror's
 * `index.json`; file://: `manifest.json`), or none (then `<file>` and `<file>.sha256` by name, as
 * the action's no-listing path: plan/mirror-files.ts). The go-download-token goes to the
 * upstream's own host only (system/http.ts authHeaders); never to the vulnerability database.
 */
import { UserError } from '../errors.js';
import type { Release } from '../go/types.js';
import { authHeaders, joinUrl } from '../system/http.js';
import { listingAbsent, readSha256File, sha256FileUrl } from '../plan/mirror-files.js';
import { retryFromEnv, type RetryPolicy } from '../system/retry.js';
import { knownWithoutListing } from '../plan/no-listing.js';
import { readManifest } from '../plan/stage.js';

export interface Upstream {
  /** the base URL, without trailing slash */
  base: string;
  /** go-download-token for the upstream's host ("" for none) */
  token: string;
  env: NodeJS.ProcessEnv;
}

export type UpstreamListing = { kind: 'listing'; releases: Release[] } | { kind: 'files'; why: string };

/** The headers of a request to `url`: the token when `url` is on the upstream's host. */
export function upstreamHeaders(u: Upstream, url: string): Record<string, string> {
  return authHeaders(url, undefined, undefined, { baseUrl: u.base, token: u.token });
}

export function upstreamRetry(u: Upstream): Partial<RetryPolicy> {
  return retryFromEnv(u.env);
}

/** Where the upstream serves a release file. */
export function fileUrl(u: Upstream, filename: string): string {
  return joinUrl(u.base, filename);
}

/** The upstream's listing, or why it has none (an absent listing is not an error). */
export async function readUpstream(u: Upstream): Promise<UpstreamListing> {
  if (knownWithoutListing(u.base)) return { kind: 'files', why: 'it serves files only' };
  try {
    const releases = await readManifest({ downloadBaseUrl: u.base, token: '', goDownloadToken: u.token }, u.env);
    return { kind: 'listing', releases };
  } catch (e) {
    if (listingAbsent(e)) return { kind: 'files', why: (e as Error).message };
    throw e;
  }
}

/** The sha256 the upstream's `<file>.sha256` states; undefined when it has none. */
export async function readUpstreamSha256(u: Upstream, filename: string): Promise<string | undefined> {
  const url = sha256FileUrl(u.base, filename);
  try {
    return await readSha256File(url, upstreamHeaders(u, url), upstreamRetry(u), { input: 'from' });
  } catch (e) {
    if (e instanceof UserError) throw new UserError(e.detail);
    throw e;
  }
}
