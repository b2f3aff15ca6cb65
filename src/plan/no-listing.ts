/**
 * Mirrors without a `?mode=json` listing: plain file servers, artifact proxies, and
 * https://aka.ms/golang/release/latest (the Microsoft build of Go). When the listing is absent
 * (404, or an answer that is not JSON) and the spec is exact, the archive is `<base>/<file>` and
 * its sha256 is read from `<base>/<file>.sha256`, which go.dev and the Microsoft build both
 * publish. Without that file the archive is refused unless allow-missing-checksum; a non-exact spec
 * cannot be resolved without a listing and is an error at the place the version came from.
 */
import { InputError } from '../errors.js';
import { originWhere } from '../request-origin.js';
import type { ManifestFile, Platform, VersionRequest, VersionSpec } from '../model.js';
import { archiveFileName } from '../go/manifest.js';
import { goArch, goOs } from '../go/platform-names.js';
import { HttpError, NotJsonError, joinUrl, openStream } from '../edge/http.js';
import { TooLongError, readAll } from '../edge/read-all.js';

/** A .sha256 file is 64 hex digits and a file name: more is not one. */
const MAX_SHA256_FILE = 4096;

/** Bases known to serve files only: the listing is not even asked for. */
export const KNOWN_WITHOUT_LISTING = ['https://aka.ms/golang/release/latest'];

export function knownWithoutListing(base: string): boolean {
  const b = base.replace(/\/+$/, '').toLowerCase();
  return KNOWN_WITHOUT_LISTING.some((k) => k.toLowerCase() === b);
}

/** True when a request failed because the mirror has no such file: HTTP 404 or 410. */
function gone(err: unknown): boolean {
  return err instanceof HttpError && (err.status === 404 || err.status === 410);
}

/** True when reading the listing failed because there is none: HTTP 404/410, or not JSON. */
export function listingAbsent(err: unknown): boolean {
  return gone(err) || err instanceof NotJsonError;
}

/** The sha256 in a `.sha256` file: the first 64-hex word ("<hex>" or "<hex>  <file name>"). */
export function parseSha256File(text: string): string | undefined {
  const m = /^\s*([0-9a-fA-F]{64})(\s|$)/.exec(text);
  return m ? m[1].toLowerCase() : undefined;
}

/** The exact version to download, or an InputError when the spec is not exact. */
export function exactVersionWithoutListing(
  spec: VersionSpec,
  request: VersionRequest,
  base: string,
  why: string
): string {
  if (spec.kind === 'exact') return spec.version;
  throw new InputError(
    `"${request.raw}" is not an exact version, and go-download-base-url ${base} has no version listing to resolve it (${why}): give an exact release such as 1.22.3`,
    originWhere(request.origin)
  );
}

export interface NoListingContext {
  spec: VersionSpec;
  request: VersionRequest;
  platform: Platform;
  base: string;
  /** headers for the mirror (go-download-token) */
  headers: Record<string, string>;
  allowMissingChecksum: boolean;
  /** why the listing is not used, for messages */
  why: string;
}

/** Reads `<base>/<file>.sha256`; undefined when the mirror has none (404). */
async function readSha256(url: string, headers: Record<string, string>): Promise<string | undefined> {
  let text: string;
  try {
    const { stream } = await openStream(url, { what: 'the archive checksum', headers });
    text = (await readAll(stream, MAX_SHA256_FILE)).toString('utf8');
  } catch (e) {
    if (gone(e)) return undefined;
    if (e instanceof TooLongError) {
      throw new InputError(`${url} is ${e.message}, not a .sha256 file (expected 64 hex digits)`, {
        input: 'go-download-base-url'
      });
    }
    throw e;
  }
  const sha = parseSha256File(text);
  if (!sha) throw new InputError(`${url} holds no sha256 (expected 64 hex digits)`, { input: 'go-download-base-url' });
  return sha;
}

/** The resolution of an exact version from a mirror without listing, checksum included. */
export async function resolveWithoutListing(
  ctx: NoListingContext
): Promise<{ version: string; file: ManifestFile; warnings: string[] }> {
  const version = exactVersionWithoutListing(ctx.spec, ctx.request, ctx.base, ctx.why);
  const filename = archiveFileName(version, ctx.platform);
  const shaUrl = `${joinUrl(ctx.base, filename)}.sha256`;
  const sha256 = await readSha256(shaUrl, ctx.headers);
  const warnings: string[] = [];
  if (!sha256) {
    if (!ctx.allowMissingChecksum) {
      throw new InputError(
        `no version listing (${ctx.why}) and no ${shaUrl}, so ${filename} cannot be verified; set allow-missing-checksum: true to install it unverified`,
        { input: 'go-download-base-url' }
      );
    }
    warnings.push(
      `${filename} is installed without sha256 verification: ${shaUrl} does not exist (allow-missing-checksum)`
    );
  }
  const file: ManifestFile = {
    filename,
    os: goOs(ctx.platform),
    arch: goArch(ctx.platform),
    version: `go${version}`,
    sha256: sha256 ?? '',
    size: 0,
    kind: 'archive'
  };
  return { version, file, warnings };
}
