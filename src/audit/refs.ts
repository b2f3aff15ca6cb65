/**
 * Which commit the audit compares with, and which refs may reach git at all. A ref is passed to git
 * as one argument after `--end-of-options`, and it must also not start with `-`, hold blanks or
 * control characters, a `:` (`<rev>:<path>` names a file), or glob characters; so no input can
 * become an option or a path. The default base: on a pull request, the first parent of the merge
 * commit actions/checkout checks out (the base branch when the merge ref was made), else the merge
 * base of HEAD with the base branch (when HEAD is no merge commit); elsewhere (the CLI), the merge base of HEAD with the default
 * branch. Pure.
 */

/** Longest ref accepted. */
const MAX_REF = 256;

/** Why `ref` cannot be used as a base, or undefined when it can. */
export function checkBaseRef(ref: string): string | undefined {
  if (ref === '') return 'is empty';
  if (ref.length > MAX_REF) return `is longer than ${MAX_REF} characters`;
  if (ref.startsWith('-')) return 'starts with "-" (git would read it as an option)';
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (/[\s\u0000-\u001f\u007f]/.test(ref)) return 'holds a blank or a control character';
  if (ref.includes(':')) return 'holds ":" (git reads <rev>:<path> as a file)';
  if (/[*?[\\]/.test(ref)) return 'holds a glob character or a backslash';
  if (ref.includes('..')) return 'holds ".." (a range, not one commit)';
  return undefined;
}

/** One way to find the base: a ref as it is, or the merge base of HEAD with the first ref that exists. */
export type BaseCandidate =
  { kind: 'ref'; ref: string; how: string } | { kind: 'merge-base'; with: string[]; how: string };

export interface BaseCandidateArgs {
  /** the `audit-base` input or `--base` flag */
  input?: string;
  /** GITHUB_EVENT_NAME */
  eventName?: string;
  /** GITHUB_BASE_REF (the base branch of a pull request) */
  baseRef?: string;
  /** how many parents HEAD has (2: the merge commit of a pull request checkout) */
  headParents?: number;
}

export function isPullRequestEvent(eventName: string | undefined): boolean {
  return eventName === 'pull_request' || eventName === 'pull_request_target';
}

/** The ways to find the base, in order. */
export function baseCandidates(args: BaseCandidateArgs): BaseCandidate[] {
  const input = args.input?.trim();
  if (input) return [{ kind: 'ref', ref: input, how: 'audit-base' }];
  const branch = args.baseRef?.trim();
  if (isPullRequestEvent(args.eventName) && branch) {
    // The merge commit's first parent is the base; when it is not fetched, nothing else is (a merge
    // base with a branch fetched some other way would not be the base the merge was made on).
    if (args.headParents === 2) return [{ kind: 'ref', ref: 'HEAD^1', how: 'the first parent of the merge commit' }];
    return [{ kind: 'merge-base', with: [`origin/${branch}`, branch], how: `the merge base of HEAD and ${branch}` }];
  }
  return [
    {
      kind: 'merge-base',
      with: ['origin/HEAD', 'origin/main', 'origin/master', 'main', 'master'],
      how: 'the merge base of HEAD and the default branch'
    }
  ];
}

/** The advice for a checkout without the base commit. */
export const FETCH_DEPTH_ADVICE =
  'Check out with fetch-depth: 0 (all history), or fetch-depth: 2 on a pull request (the merge commit and its parents), so that the base commit is there.';
