/**
 * What a run does with each file: keep what DIR already holds verified, add what is missing,
 * replace what changed, and, without --prune, go on holding what the previous listing holds
 * (accumulating: `--prune` is what shrinks a mirror to its selection). Pure: what DIR holds comes
 * in as sha256 and size per name (dir-state.ts hashed them, or trusted its state file).
 *
 * A file is kept only when its bytes are the ones expected: the upstream's sha256 (and size when
 * known); for a file the upstream lists without sha256 (--allow-missing-checksum), the sha256
 * the previous listing recorded when it was first downloaded. A file of the previous listing that
 * the upstream no longer lists cannot be fetched again: kept when intact, else dropped.
 */
import type { HeldFile } from './selection.js';

/** A file in DIR: what its bytes are. */
export interface Present {
  sha256: string;
  size: number;
}

export type Action = 'keep' | 'add' | 'replace';

export interface Decision {
  /**
   * what the new listing will say; for a download, the sha256 it must have ("" only for a file the
   * upstream lists without one, under --allow-missing-checksum) and the size when known
   */
  held: HeldFile;
  action: Action;
}

export interface Decisions {
  decisions: Decision[];
  /** files of the previous listing that cannot be held any more (not upstream, not intact here) */
  dropped: { filename: string; why: string }[];
}

export interface DecideInput {
  selected: readonly HeldFile[];
  previous: readonly HeldFile[];
  /** every file of the upstream listing by name; undefined for an upstream without one */
  upstream?: ReadonlyMap<string, HeldFile>;
  present: ReadonlyMap<string, Present>;
  prune: boolean;
}

/** The sha256 a file must have: the upstream's, else the one recorded when it was first mirrored. */
function expectedSha(target: HeldFile, previous: HeldFile | undefined): string {
  return target.file.sha256 || previous?.file.sha256 || '';
}

function intact(have: Present | undefined, sha: string, size: number): boolean {
  return have !== undefined && sha !== '' && have.sha256 === sha && (size <= 0 || have.size === size);
}

export function decide(input: DecideInput): Decisions {
  const previous = new Map(input.previous.map((h) => [h.file.filename, h]));
  const targets = new Map<string, { held: HeldFile; fetchable: boolean }>();
  for (const s of input.selected) targets.set(s.file.filename, { held: s, fetchable: true });
  if (!input.prune) {
    for (const p of input.previous) {
      const name = p.file.filename;
      if (targets.has(name)) continue;
      const up = input.upstream?.get(name);
      if (up && (up.file.sha256 !== '' || p.file.sha256 !== '')) {
        targets.set(name, { held: { ...up, reasons: p.reasons }, fetchable: true });
      } else targets.set(name, { held: p, fetchable: false });
    }
  }
  const decisions: Decision[] = [];
  const dropped: Decisions['dropped'] = [];
  for (const [name, t] of targets) {
    const prev = previous.get(name);
    const sha = expectedSha(t.held, prev);
    const have = input.present.get(name);
    if (intact(have, sha, t.held.file.size)) {
      const file = { ...t.held.file, sha256: sha, size: have!.size };
      decisions.push({ held: { ...t.held, file }, action: 'keep' });
    } else if (!t.fetchable) {
      dropped.push({
        filename: name,
        why: have
          ? 'its bytes are not the ones the previous listing names, and the upstream no longer lists it'
          : 'it is missing here, and the upstream no longer lists it'
      });
    } else {
      const file = { ...t.held.file, sha256: sha };
      decisions.push({ held: { ...t.held, file }, action: have ? 'replace' : 'add' });
    }
  }
  return { decisions, dropped };
}
