/**
 * The git commands the audit runs on a checkout: resolve a commit, tell a shallow clone, count
 * HEAD's parents, find a merge base. Edge module: runs git with execFile and argument arrays (no
 * shell); refs pass refs.ts checkBaseRef first and follow `--end-of-options`. Never throws: a
 * failure is data. Nothing git prints of a file reaches a log.
 */
import { execFile } from 'node:child_process';
import { checkBaseRef } from './refs.js';

export interface GitResult {
  ok: boolean;
  stdout: string;
  /** the first line of stderr (or of the error) when it failed */
  error?: string;
}

/** The environment git runs with: no prompts, no optional locks, C messages. */
export function gitEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C', GIT_PAGER: 'cat' };
}

/** Runs `git -C dir ...args`; bounded output and time. */
export function git(
  dir: string,
  args: string[],
  opts: { maxBuffer?: number; timeoutMs?: number } = {}
): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-C', dir, ...args],
      {
        env: gitEnv(),
        maxBuffer: opts.maxBuffer ?? 1024 * 1024,
        timeout: opts.timeoutMs ?? 30_000,
        windowsHide: true,
        encoding: 'utf8'
      },
      (err, stdout, stderr) => {
        if (!err) return resolve({ ok: true, stdout });
        const first = (String(stderr || '').trim() || (err as Error).message).split(/\r?\n/)[0];
        resolve({ ok: false, stdout: String(stdout ?? ''), error: first });
      }
    );
  });
}

/** The commit `ref` names (full sha), or undefined when it names none here (or is refused). */
export async function resolveCommit(dir: string, ref: string): Promise<string | undefined> {
  if (checkBaseRef(ref) !== undefined) return undefined;
  const r = await git(dir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  const sha = r.stdout.trim();
  return r.ok && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha) ? sha : undefined;
}

/** Whether `dir` is inside a git work tree. */
export async function isGitCheckout(dir: string): Promise<boolean> {
  const r = await git(dir, ['rev-parse', '--is-inside-work-tree']);
  return r.ok && r.stdout.trim() === 'true';
}

/** Whether the checkout is a shallow clone (actions/checkout's default depth 1). */
export async function isShallow(dir: string): Promise<boolean> {
  const r = await git(dir, ['rev-parse', '--is-shallow-repository']);
  return r.ok && r.stdout.trim() === 'true';
}

/**
 * How many parents HEAD's commit object names (2 for the merge commit of a pull request checkout),
 * read from the object itself so that a shallow clone's missing parents still count.
 */
export async function headParents(dir: string): Promise<number | undefined> {
  const r = await git(dir, ['cat-file', 'commit', 'HEAD'], { maxBuffer: 4 * 1024 * 1024 });
  if (!r.ok) return undefined;
  let n = 0;
  for (const line of r.stdout.split('\n')) {
    if (line === '') break;
    if (/^parent [0-9a-f]{40}/.test(line)) n++;
  }
  return n;
}

/** The merge base of HEAD and `ref`, or undefined. */
export async function mergeBase(dir: string, ref: string): Promise<string | undefined> {
  if (checkBaseRef(ref) !== undefined) return undefined;
  const r = await git(dir, ['merge-base', '--end-of-options', 'HEAD', ref]);
  const sha = r.stdout.trim();
  return r.ok && /^[0-9a-f]{40}/.test(sha) ? sha : undefined;
}
