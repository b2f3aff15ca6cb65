/**
 * Finds the base commit to audit against (refs.ts baseCandidates): the `audit-base` input as given,
 * else on a pull request the merge commit's first parent or the merge base of HEAD with the base
 * branch, else (the CLI) the merge base of HEAD with the default branch. Edge module: runs git.
 * When no candidate resolves, the first one is returned as it is, so that readBaseTree says why
 * (a shallow clone: fetch more history).
 */
import { headParents, mergeBase, resolveCommit } from './git.js';
import { baseCandidates, type BaseCandidateArgs } from './refs.js';

export interface ChosenBase {
  /** what readBaseTree resolves: a ref or a sha */
  ref: string;
  /** how it is shown: the ref, or `the merge base of HEAD and main (origin/main)` */
  label: string;
}

export async function chooseBase(dir: string, args: Omit<BaseCandidateArgs, 'headParents'>): Promise<ChosenBase> {
  const parents = args.input?.trim() ? undefined : await headParents(dir);
  const candidates = baseCandidates({ ...args, ...(parents !== undefined ? { headParents: parents } : {}) });
  for (const c of candidates) {
    if (c.kind === 'ref') {
      if (c.how === 'audit-base' || (await resolveCommit(dir, c.ref))) return { ref: c.ref, label: c.ref };
      continue;
    }
    for (const w of c.with) {
      if (!(await resolveCommit(dir, w))) continue;
      const sha = await mergeBase(dir, w);
      if (sha) return { ref: sha, label: `${c.how} (${w})` };
    }
  }
  const first = candidates[0];
  const ref = first.kind === 'ref' ? first.ref : first.with[0];
  return { ref, label: ref };
}
