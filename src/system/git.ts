/**
 * What git says of a checkout: the origin remote's URL, HEAD and its branch (edge: runs git).
 * Never throws: outside a checkout, or without git, the facts are empty.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { GitFacts } from '../report/source.js';

const run = promisify(execFile);

async function git(dir: string, args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['-C', dir, ...args], { timeout: 5000, windowsHide: true });
    const out = stdout.trim();
    return out === '' ? undefined : out;
  } catch {
    return undefined;
  }
}

export async function readGitFacts(dir: string): Promise<GitFacts> {
  const [remoteUrl, sha, ref] = await Promise.all([
    git(dir, ['remote', 'get-url', 'origin']),
    git(dir, ['rev-parse', 'HEAD']),
    git(dir, ['symbolic-ref', '-q', 'HEAD'])
  ]);
  return { remoteUrl, sha, ref };
}
