/**
 * The mirror's listing: go.dev's `?mode=json&include=all` shape (`[{version, stable, files:
 * [{filename, os, arch, version, sha256, size, kind}]}]`, versions with "go", newest first in Go's
 * order) holding exactly the mirrored files; the same text is written as `index.json` (static
 * servers, object stores: the action reads `<base>/index.json` when `?mode=json` is absent) and
 * `manifest.json` (file://). Also a previous listing read back as held files. Pure.
 */
import type { ManifestFile, Release } from '../go/types.js';
import { compareGo } from '../go/gover.js';
import { compareHeld, type HeldFile } from './selection.js';

/** The static listing (http) and the file:// listing: the same bytes. */
export const LISTING_FILES = ['index.json', 'manifest.json'] as const;

/** A file of the listing: the manifest's fields, written in go.dev's order by listingFile. */
export type ListingFile = ManifestFile;

export interface ListingRelease {
  version: string;
  stable: boolean;
  files: ListingFile[];
}

/** A manifest file with go.dev's field names in go.dev's order (nothing else). */
function listingFile(f: ManifestFile): ListingFile {
  return {
    filename: f.filename,
    os: f.os,
    arch: f.arch,
    version: f.version,
    sha256: f.sha256,
    size: f.size,
    kind: f.kind
  };
}

/** The listing of `held`: one release per version, newest first in Go's order, files by name. */
export function buildListing(held: readonly HeldFile[]): ListingRelease[] {
  const byVersion = new Map<string, { stable: boolean; files: ManifestFile[] }>();
  for (const h of [...held].sort(compareHeld)) {
    const r = byVersion.get(h.release.version) ?? { stable: h.release.stable, files: [] };
    if (!r.files.some((f) => f.filename === h.file.filename)) r.files.push(h.file);
    byVersion.set(h.release.version, r);
  }
  return [...byVersion]
    .sort(([a], [b]) => compareGo(b, a))
    .map(([version, r]) => ({ version: `go${version}`, stable: r.stable, files: r.files.map(listingFile) }));
}

/** The listing's text (one-space indent, as go.dev's own). */
export function listingText(listing: readonly ListingRelease[]): string {
  return `${JSON.stringify(listing, null, 1)}\n`;
}

/** The files a listing read back (go/manifest.ts parseManifest) holds. */
export function heldFromListing(releases: readonly Release[], reason = 'the previous listing'): HeldFile[] {
  return releases.flatMap((r) =>
    r.files.map((file) => ({ release: { version: r.version, stable: r.stable }, file, reasons: [reason] }))
  );
}
