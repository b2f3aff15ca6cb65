/**
 * Mirrors without a `?mode=json` listing: plain file servers, artifact proxies, and
 * https://aka.ms/golang/release/latest (the Microsoft build of Go). When the listing is absent
 * (404, or an answer that is not JSON) and the spec is exact, the archive is `<base>/<file>` and
 * its sha256 is read from `<base>/<file>.sha256`, which go.dev and the Microsoft build both
 * publish. Without that file the archive is refused unless allow-missing-checksum; a non-exact spec
 * cannot be resolved without a listing and is an error at the place the version came from.
 *
 * Pure: the requests (the listing, the .sha256 file) are plan/mirror-files.ts's.
 */
import { InputError } from '../errors.js';
import { originWhere } from './request-origin.js';
import type { ManifestFile, Platform } from '../go/types.js';
import type { VersionRequest, VersionSpec } from './types.js';
import { archiveFileName } from '../go/manifest.js';
import { goArch, goOs } from '../go/platform-names.js';

/** Bases known to serve files only: the listing is not even asked for. */
export const KNOWN_WITHOUT_LISTING = ['https://aka.ms/golang/release/latest'];

export function knownWithoutListing(base: string): boolean {
  const b = base.replace(/\/+$/, '').toLowerCase();
  return KNOWN_WITHOUT_LISTING.some((k) => k.toLowerCase() === b);
}

/** The sha256 in a `.sha256` file: the first 64-hex word ("<hex>" or "<hex>  <file name>"). */
export function parseSha256File(text: string): string | undefined {
  const m = /^\s*([0-9a-fA-F]{64})(\s|$)/.exec(text);
  return m ? m[1].toLowerCase() : undefined;
}

/** Where the mirror's address came from: the go-download-base-url input, or GO_DOWNLOAD_BASE_URL. */
export type BaseFrom = { input: string } | { env: string };

const INPUT_BASE: BaseFrom = { input: 'go-download-base-url' };

const nameOf = (from: BaseFrom): string => ('input' in from ? from.input : from.env);

/** The exact version to download, or an InputError when the spec is not exact. */
export function exactVersionWithoutListing(
  spec: VersionSpec,
  request: VersionRequest,
  base: string,
  why: string,
  from: BaseFrom = INPUT_BASE
): string {
  if (spec.kind === 'exact') return spec.version;
  throw new InputError(
    `"${request.raw}" is not an exact version, and ${nameOf(from)} ${base} has no version listing to resolve it (${why}): give an exact release such as 1.22.3`,
    originWhere(request.origin)
  );
}

/** The archive of an exact version on a mirror without a listing (`<base>/<file>`). */
export function archiveWithoutListing(
  spec: VersionSpec,
  request: VersionRequest,
  platform: Platform,
  base: string,
  why: string,
  from: BaseFrom = INPUT_BASE
): { version: string; filename: string } {
  const version = exactVersionWithoutListing(spec, request, base, why, from);
  return { version, filename: archiveFileName(version, platform) };
}

/**
 * The resolution of that archive, given the sha256 its `.sha256` file (at `shaUrl`) states;
 * undefined when the mirror has none, which is refused unless allow-missing-checksum.
 */
export function resolutionWithoutListing(
  a: { version: string; filename: string; shaUrl: string },
  sha256: string | undefined,
  platform: Platform,
  allowMissingChecksum: boolean,
  why: string,
  from: BaseFrom = INPUT_BASE
): { version: string; file: ManifestFile; warnings: string[] } {
  const { version, filename, shaUrl } = a;
  const warnings: string[] = [];
  if (!sha256) {
    if (!allowMissingChecksum) {
      throw new InputError(
        `no version listing (${why}) and no ${shaUrl}, so ${filename} cannot be verified; set allow-missing-checksum: true to install it unverified`,
        from
      );
    }
    warnings.push(
      `${filename} is installed without sha256 verification: ${shaUrl} does not exist (allow-missing-checksum)`
    );
  }
  const file: ManifestFile = {
    filename,
    os: goOs(platform),
    arch: goArch(platform),
    version: `go${version}`,
    sha256: sha256 ?? '',
    size: 0,
    kind: 'archive'
  };
  return { version, file, warnings };
}
