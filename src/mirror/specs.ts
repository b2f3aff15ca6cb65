/**
 * What a mirror holds, as version specs: `--versions` takes what the action's go-version takes
 * (`1.26`, `1.25.3`, `>=1.24`, `stable`, `oldstable`) and `supported`, the newest patch of every
 * supported minor (go/releases.ts supportedMinors); `--repo` adds the specs a repository's
 * declarations make (repo-versions.ts). Pure.
 */
import { UsageError } from '../cli/args.js';
import type { VersionSpec } from '../plan/types.js';
import { tryParseVersionSpec } from '../plan/spec.js';

/** A spec of the action, or `supported`. */
export type MirrorSpecValue = VersionSpec | { kind: 'supported' };

export interface MirrorSpec {
  spec: MirrorSpecValue;
  /**
   * How messages and the reasons a file is held name it: `supported`, `1.26`, or, from a
   * repository, `repo/go.mod:3 go 1.22` (where the error about it is).
   */
  label: string;
  /** true when it came from --versions (errors name the flag), false from a repository file */
  fromFlag: boolean;
}

/** Without --versions (and without --repo): the newest patch of each supported minor. */
export const DEFAULT_SPECS: readonly string[] = ['supported'];

/** One spec of --versions, else a UsageError naming the flag. */
export function parseMirrorSpec(text: string, flag = '--versions'): MirrorSpec {
  const t = text.trim();
  if (t.toLowerCase() === 'supported') return { spec: { kind: 'supported' }, label: 'supported', fromFlag: true };
  const spec = tryParseVersionSpec(t);
  if (!spec) {
    throw new UsageError(
      `${flag}: "${t}" is not a Go version, range or alias (expected e.g. supported, 1.26, 1.25.3, >=1.24, stable, oldstable)`
    );
  }
  return { spec, label: t, fromFlag: true };
}

/**
 * The specs of --versions: each value a comma-separated list (the flag may repeat), without
 * repeats; `supported` without --versions (what --repo adds comes on top of either).
 */
export function parseMirrorSpecs(values: readonly string[], flag = '--versions'): MirrorSpec[] {
  const items = values.flatMap((v) => v.split(',')).map((s) => s.trim());
  if (values.length > 0 && items.every((s) => s === '')) {
    throw new UsageError(`${flag}: no version given (expected e.g. supported or 1.26,1.25.3)`);
  }
  const texts = values.length > 0 ? items.filter((s) => s !== '') : DEFAULT_SPECS;
  const out: MirrorSpec[] = [];
  for (const t of texts) {
    const s = parseMirrorSpec(t, flag);
    if (!out.some((o) => specKey(o.spec) === specKey(s.spec))) out.push(s);
  }
  return out;
}

/** A key that is equal for equal specs (to drop repeats). */
export function specKey(spec: MirrorSpecValue): string {
  return JSON.stringify(spec);
}
