/** What was asked for and what it resolved to: version specs, where a request came from. Plain data. */
import type { ManifestFile } from '../go/types.js';
import type { VersionSourceKind } from '../go/readers/registry.js';

/** What the user asked for, normalized. Versions are in Go's spelling without "go". */
export type VersionSpec =
  /** exactly this release: "1.22.3", "1.21rc1", "1.20" (go-version 1.21.0-rc.1 arrives here as 1.21rc1) */
  | { kind: 'exact'; version: string }
  /** newest stable release of a language version: "1.22", "1.22.x" */
  | { kind: 'minor'; lang: string }
  /** a node-semver range applied to the semver spelling of releases ("^1.21", ">=1.21 <1.23") */
  | { kind: 'range'; range: string }
  /** "stable" (newest stable), "oldstable" (newest of the previous minor), "latest" (= stable) */
  | { kind: 'alias'; alias: 'stable' | 'oldstable' | 'latest' }
  /**
   * from a go line without a toolchain pin: the newest release of `lang(minimum)` that is >= minimum
   * (prereleases only when the minimum names one)
   */
  | { kind: 'minimum'; minimum: string };

/** The files a version may be read from (go-version-file, or go.work / go.mod in the root). */
/** The files a version may be read from (go-version-file, or go.work / go.mod in the root). */
export type VersionFileKind = VersionSourceKind;

/** Where a request came from, as facts; `describeOrigin` (request-origin.ts) makes the display text. */
export type RequestOrigin =
  /** the go-version input (a matrix entry, an explicit version) */
  | { kind: 'input' }
  | {
      kind: 'file';
      format: VersionFileKind;
      /** repository-relative posix path */
      file: string;
      /** the line the version is on; absent for a go.mod/go.work without a go line */
      line?: number;
      /** go.mod/go.work: which line decided */
      directive?: 'go' | 'toolchain';
    };

/** What was asked for and where from. */
export interface VersionRequest {
  spec: VersionSpec;
  /** as typed or as written in the file ("1.22", "go1.22.3") */
  raw: string;
  origin: RequestOrigin;
}

/** The outcome of resolution. */
export interface Resolution {
  /** Go spelling, as `go version` prints it without "go": "1.22.12", "1.21rc1", "1.20" */
  version: string;
  /** the archive to download; absent when served from the tool cache without the manifest */
  file?: ManifestFile;
  /** true when the manifest was not consulted or could not be fetched and a cached version was used */
  fromCacheOnly: boolean;
  /** warnings to show (e.g. manifest unreachable, fell back to cache) */
  warnings: string[];
}
