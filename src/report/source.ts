/**
 * Where a report came from, so a fleet of reports can be told apart (the dashboard keeps the newest
 * per repository and job): the workflow run on a runner (GITHUB_*), or the repository's git facts
 * when the CLI runs locally. Pure: the git facts are read by system/git.ts.
 */
import { parseUrl } from '../url.js';

export interface ReportSource {
  /** runner: a GitHub Actions job (GITHUB_ACTIONS=true); local: the CLI or another host */
  origin: 'runner' | 'local';
  /** owner/name */
  repository?: string;
  serverUrl?: string;
  /** refs/heads/main, refs/pull/12/merge */
  ref?: string;
  sha?: string;
  workflow?: string;
  /** the job's id (GITHUB_JOB) */
  job?: string;
  runId?: string;
  runAttempt?: string;
  /** the run's page: <server>/<repository>/actions/runs/<id>[/attempts/<n>] */
  runUrl?: string;
  /** push, pull_request, schedule, ... */
  event?: string;
}

/** What git says of a local checkout (system/git.ts). */
export interface GitFacts {
  /** the URL of the remote `origin` */
  remoteUrl?: string;
  sha?: string;
  /** refs/heads/<branch>, when on a branch */
  ref?: string;
}

const nonEmpty = (v: string | undefined): string | undefined => (v && v.trim() !== '' ? v.trim() : undefined);

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** The source of a run on a GitHub Actions runner, or undefined elsewhere. */
export function runnerSource(env: NodeJS.ProcessEnv): ReportSource | undefined {
  if (env.GITHUB_ACTIONS !== 'true') return undefined;
  const serverUrl = (nonEmpty(env.GITHUB_SERVER_URL) ?? 'https://github.com').replace(/\/+$/, '');
  const repository = nonEmpty(env.GITHUB_REPOSITORY);
  const runId = nonEmpty(env.GITHUB_RUN_ID);
  const runAttempt = nonEmpty(env.GITHUB_RUN_ATTEMPT);
  const runUrl =
    repository && runId
      ? `${serverUrl}/${repository}/actions/runs/${runId}${runAttempt && runAttempt !== '1' ? `/attempts/${runAttempt}` : ''}`
      : undefined;
  return defined({
    origin: 'runner' as const,
    repository,
    serverUrl,
    ref: nonEmpty(env.GITHUB_REF),
    sha: nonEmpty(env.GITHUB_SHA),
    workflow: nonEmpty(env.GITHUB_WORKFLOW),
    job: nonEmpty(env.GITHUB_JOB),
    runId,
    runAttempt,
    runUrl,
    event: nonEmpty(env.GITHUB_EVENT_NAME)
  });
}

/**
 * owner/name and the server of a git remote URL: https://github.com/o/r(.git), git@github.com:o/r.git,
 * ssh://git@host/o/r; undefined when the URL names no owner/name.
 */
export function repositoryOfRemote(url: string): { repository: string; serverUrl: string } | undefined {
  const u = url.trim();
  const scp = /^[\w.-]+@([\w.-]+):([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(u);
  if (scp) return { repository: `${scp[2]}/${scp[3]}`, serverUrl: `https://${scp[1]}` };
  const parsed = parseUrl(u);
  if (!parsed) return undefined;
  const parts = parsed.pathname
    .replace(/\.git\/?$/, '')
    .split('/')
    .filter(Boolean);
  if (parts.length < 2 || !/^(https?|ssh|git):$/.test(parsed.protocol)) return undefined;
  return {
    repository: `${parts[parts.length - 2]}/${parts[parts.length - 1]}`,
    serverUrl: `https://${parsed.hostname}`
  };
}

/** The source of a local run from git's facts (nothing when the folder is not a checkout). */
export function localSource(git: GitFacts): ReportSource {
  const remote = git.remoteUrl ? repositoryOfRemote(git.remoteUrl) : undefined;
  return defined({ origin: 'local' as const, ...remote, ref: git.ref, sha: git.sha });
}
