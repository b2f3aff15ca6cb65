/**
 * The selection: specs x the upstream's releases x platforms x kinds -> the set of release files
 * a mirror holds, each with the specs that select it, and what cannot be selected (a spec that no
 * release matches on a platform, a file without a sha256). Resolution is the action's own
 * (plan/resolve.ts resolveSpec, per platform), so a range resolves here exactly as the action will
 * resolve it against the mirror; `supported` is the newest patch of each supported minor
 * (go/releases.ts). A mirror without a listing as upstream: exact versions only, named as go.dev
 * names its files (`go<V>.<os>-<arch>.<ext>`), their sha256 from `<file>.sha256`. Pure.
 */
import { InputError, UserError } from '../errors.js';
import type { ManifestFile, Release } from '../go/types.js';
import type { VersionSpec } from '../plan/types.js';
import { compareGo, isPrerelease, sameRelease } from '../go/gover.js';
import { supportedMinors } from '../go/releases.js';
import { resolveSpec } from '../plan/resolve.js';
import { kindOf, kindsForOs, manifestKind, type FileKind } from './kinds.js';
import type { MirrorPlatform } from './platforms.js';
import type { MirrorSpec } from './specs.js';

/** One release file a mirror holds. */
export interface HeldFile {
  /** Go spelling without "go", and the release's `stable` */
  release: { version: string; stable: boolean };
  file: ManifestFile;
  /** the labels of the specs that select it ("supported", "1.26", "repo/go.mod:3 go 1.22") */
  reasons: string[];
}

export interface Selection {
  files: HeldFile[];
  /** one line each: what could not be selected, and why */
  problems: string[];
}

/** The specs a spec stands for: `supported` is one minor spec per supported minor. */
function expand(s: MirrorSpec, releases: Release[]): VersionSpec[] | string {
  if (s.spec.kind !== 'supported') return [s.spec];
  const minors = supportedMinors(releases);
  if (minors.length === 0) return 'supported: the upstream lists no stable release';
  return minors.map((lang) => ({ kind: 'minor', lang }));
}

/** Orders held files by version (newest first in Go's order), then file name. */
export function compareHeld(a: HeldFile, b: HeldFile): number {
  return compareGo(b.release.version, a.release.version) || (a.file.filename < b.file.filename ? -1 : 1);
}

class Collector {
  readonly byName = new Map<string, HeldFile>();
  readonly problems: string[] = [];
  add(release: HeldFile['release'], file: ManifestFile, reason: string): void {
    const had = this.byName.get(file.filename);
    if (had) {
      if (!had.reasons.includes(reason)) had.reasons.push(reason);
      return;
    }
    this.byName.set(file.filename, { release, file, reasons: [reason] });
  }
  problem(line: string): void {
    if (!this.problems.includes(line)) this.problems.push(line);
  }
  result(): Selection {
    return { files: [...this.byName.values()].sort(compareHeld), problems: this.problems };
  }
}

function missingChecksum(file: ManifestFile): string {
  return `${file.filename}: the upstream lists no sha256 for it; refusing to mirror an unverified file (--allow-missing-checksum allows it)`;
}

/**
 * The files the specs select from an upstream listing. Per platform each spec resolves as the
 * action resolves it; the release's files of that platform whose kind is in `kinds` are held.
 */
export function selectFromListing(
  specs: readonly MirrorSpec[],
  releases: Release[],
  platforms: readonly MirrorPlatform[],
  kinds: readonly FileKind[],
  allowMissingChecksum: boolean
): Selection {
  const c = new Collector();
  for (const s of specs) {
    const expanded = expand(s, releases);
    if (typeof expanded === 'string') {
      c.problem(expanded);
      continue;
    }
    for (const p of platforms) {
      for (const spec of expanded) {
        let version: string;
        try {
          version = resolveSpec(spec, releases, p.platform).version;
        } catch (e) {
          if (!(e instanceof UserError)) throw e;
          c.problem(`${s.label} (${p.name}): ${e.detail}`);
          continue;
        }
        const release = releases.find((r) => sameRelease(r.version, version))!;
        const files = release.files.filter((f) => {
          const k = kindOf(f);
          return f.os === p.goos && f.arch === p.goarch && k !== undefined && kinds.includes(k);
        });
        if (files.length === 0) {
          c.problem(`${s.label} (${p.name}): Go ${version} has no ${kinds.join(' or ')} file for ${p.name} upstream`);
        }
        for (const f of files) {
          if (f.sha256 === '' && !allowMissingChecksum) c.problem(missingChecksum(f));
          else c.add({ version: release.version, stable: release.stable }, f, s.label);
        }
      }
    }
  }
  return c.result();
}

/** A file to fetch from an upstream without a listing: its name and what its manifest entry will say. */
export interface WantedFile {
  version: string;
  platform: MirrorPlatform;
  kind: FileKind;
  filename: string;
  reasons: string[];
}

/**
 * The files the specs name on an upstream without a listing. Only exact versions can be named
 * there: any other spec is an InputError naming the spec (the flag or the repository file) and the
 * upstream, as the action's no-listing path does.
 */
export function selectWithoutListing(
  specs: readonly MirrorSpec[],
  platforms: readonly MirrorPlatform[],
  kinds: readonly FileKind[],
  upstream: string,
  why: string
): WantedFile[] {
  const byName = new Map<string, WantedFile>();
  for (const s of specs) {
    if (s.spec.kind !== 'exact') {
      const where = s.fromFlag ? `--versions: "${s.label}"` : `${s.label}:`;
      throw new InputError(
        `${where} is not an exact version, and the upstream (--from) ${upstream} has no version listing to resolve it (${why}): give exact releases such as 1.26.7`
      );
    }
    const version = s.spec.version;
    for (const p of platforms) {
      for (const kind of kindsForOs(p.goos).filter((k) => kinds.includes(k))) {
        const filename = `go${version}.${p.goos}-${p.goarch}.${kind}`;
        const had = byName.get(filename);
        if (had) {
          if (!had.reasons.includes(s.label)) had.reasons.push(s.label);
        } else byName.set(filename, { version, platform: p, kind, filename, reasons: [s.label] });
      }
    }
  }
  return [...byName.values()].sort((a, b) => compareGo(b.version, a.version) || (a.filename < b.filename ? -1 : 1));
}

/**
 * The held files of an upstream without a listing, given the sha256 each `<file>.sha256` states
 * (undefined: the upstream has none, refused unless allowMissingChecksum). Sizes are unknown (0).
 */
export function heldWithoutListing(
  wanted: readonly WantedFile[],
  sha256Of: ReadonlyMap<string, string | undefined>,
  allowMissingChecksum: boolean
): Selection {
  const c = new Collector();
  for (const w of wanted) {
    const sha256 = sha256Of.get(w.filename) ?? '';
    const file: ManifestFile = {
      filename: w.filename,
      os: w.platform.goos,
      arch: w.platform.goarch,
      version: `go${w.version}`,
      sha256,
      size: 0,
      kind: manifestKind(w.kind)
    };
    if (sha256 === '' && !allowMissingChecksum) {
      c.problem(
        `${w.filename}: the upstream has no ${w.filename}.sha256; refusing to mirror an unverified file (--allow-missing-checksum allows it)`
      );
      continue;
    }
    for (const r of w.reasons) c.add({ version: w.version, stable: !isPrerelease(w.version) }, file, r);
  }
  return c.result();
}

/** Every file of an upstream listing by name (to check files a previous listing holds). */
export function upstreamFiles(releases: Release[]): Map<string, HeldFile> {
  const out = new Map<string, HeldFile>();
  for (const r of releases) {
    for (const f of r.files) {
      if (kindOf(f) !== undefined && !out.has(f.filename)) {
        out.set(f.filename, { release: { version: r.version, stable: r.stable }, file: f, reasons: [] });
      }
    }
  }
  return out;
}
