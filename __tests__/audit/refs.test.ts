import { baseCandidates, checkBaseRef, isPullRequestEvent } from '../../src/audit/refs.js';

describe('checkBaseRef: no ref can become an option or a path', () => {
  test.each<[string, string | undefined]>([
    ['main', undefined],
    ['origin/main', undefined],
    ['HEAD^1', undefined],
    ['HEAD~3', undefined],
    ['v1.2.3', undefined],
    ['release/1.x', undefined],
    ['0123456789abcdef0123456789abcdef01234567', undefined],
    ['', 'is empty'],
    ['--output=/tmp/x', 'starts with "-" (git would read it as an option)'],
    ['-n', 'starts with "-" (git would read it as an option)'],
    ['HEAD:go.mod', 'holds ":" (git reads <rev>:<path> as a file)'],
    ['main feature', 'holds a blank or a control character'],
    ['main\nfeature', 'holds a blank or a control character'],
    ['main\u0000', 'holds a blank or a control character'],
    ['main..feature', 'holds ".." (a range, not one commit)'],
    ['refs/heads/*', 'holds a glob character or a backslash'],
    ['a\\b', 'holds a glob character or a backslash'],
    ['x'.repeat(257), 'is longer than 256 characters']
  ])('%j', (ref, why) => {
    expect(checkBaseRef(ref)).toBe(why);
  });
});

describe('baseCandidates: where the base is', () => {
  test.each<[string, Parameters<typeof baseCandidates>[0], ReturnType<typeof baseCandidates>]>([
    [
      'the input wins',
      { input: ' v1.0 ', eventName: 'pull_request', baseRef: 'main', headParents: 2 },
      [{ kind: 'ref', ref: 'v1.0', how: 'audit-base' }]
    ],
    [
      'a pull request checkout (a merge commit): its first parent, nothing else',
      { eventName: 'pull_request', baseRef: 'main', headParents: 2 },
      [{ kind: 'ref', ref: 'HEAD^1', how: 'the first parent of the merge commit' }]
    ],
    [
      'pull_request_target with the head checked out: the merge base with the base branch',
      { eventName: 'pull_request_target', baseRef: 'main', headParents: 1 },
      [{ kind: 'merge-base', with: ['origin/main', 'main'], how: 'the merge base of HEAD and main' }]
    ],
    [
      'no event (the CLI): the merge base with the default branch',
      {},
      [
        {
          kind: 'merge-base',
          with: ['origin/HEAD', 'origin/main', 'origin/master', 'main', 'master'],
          how: 'the merge base of HEAD and the default branch'
        }
      ]
    ],
    [
      'a pull request event without GITHUB_BASE_REF: the default branch',
      { eventName: 'pull_request', headParents: 2 },
      [
        {
          kind: 'merge-base',
          with: ['origin/HEAD', 'origin/main', 'origin/master', 'main', 'master'],
          how: 'the merge base of HEAD and the default branch'
        }
      ]
    ]
  ])('%s', (_name, args, want) => {
    expect(baseCandidates(args)).toEqual(want);
  });

  test.each([
    ['pull_request', true],
    ['pull_request_target', true],
    ['push', false],
    [undefined, false]
  ])('%s is a pull request event: %s', (e, want) => {
    expect(isPullRequestEvent(e)).toBe(want);
  });
});
