/**
 * Which files of a release a mirror holds for each platform: `--kinds`, by the extension go.dev
 * serves them with. The archives (`.tar.gz`, `.zip`: what the action installs) by default; the
 * installers (`.msi`, `.pkg`) only when asked. Pure.
 */
import { UsageError } from '../cli/args.js';
import type { ManifestFile } from '../go/types.js';

export const FILE_KINDS = ['tar.gz', 'zip', 'msi', 'pkg'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export const DEFAULT_KINDS: readonly FileKind[] = ['tar.gz', 'zip'];

/** The manifest's `kind` of each: archives and installers. */
const MANIFEST_KIND: Record<FileKind, string> = {
  'tar.gz': 'archive',
  zip: 'archive',
  msi: 'installer',
  pkg: 'installer'
};

/** The kinds of --kinds (comma-separated, the flag may repeat; a leading dot is allowed), else the default. */
export function parseKinds(values: readonly string[], flag = '--kinds'): FileKind[] {
  if (values.length === 0) return [...DEFAULT_KINDS];
  const out: FileKind[] = [];
  for (const raw of values.flatMap((v) => v.split(','))) {
    const k = raw.trim().toLowerCase().replace(/^\./, '');
    if (k === '') continue;
    if (!(FILE_KINDS as readonly string[]).includes(k)) {
      throw new UsageError(`${flag}: "${raw.trim()}" is not a kind of release file (expected tar.gz, zip, msi or pkg)`);
    }
    if (!out.includes(k as FileKind)) out.push(k as FileKind);
  }
  if (out.length === 0) throw new UsageError(`${flag}: no kind given (expected e.g. tar.gz,zip)`);
  return out;
}

/** The kind of a manifest file, when it is one a mirror can hold (never the source tarball). */
export function kindOf(file: Pick<ManifestFile, 'filename' | 'kind'>): FileKind | undefined {
  for (const k of FILE_KINDS) {
    if (file.kind === MANIFEST_KIND[k] && file.filename.endsWith(`.${k}`)) return k;
  }
  return undefined;
}

/** The kinds go.dev publishes for an os: tar.gz everywhere but Windows (zip), msi on Windows, pkg on macOS. */
export function kindsForOs(goos: string): FileKind[] {
  if (goos === 'windows') return ['zip', 'msi'];
  if (goos === 'darwin') return ['tar.gz', 'pkg'];
  return ['tar.gz'];
}

/** The manifest `kind` field of a file kind. */
export function manifestKind(k: FileKind): string {
  return MANIFEST_KIND[k];
}
