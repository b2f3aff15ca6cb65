/**
 * Which run of which repository the telemetry is about: the JSON report's `source` block
 * (report/source.ts), else, without a report (the post step, a run that broke before its report),
 * the runner's GITHUB_* variables read the same way; and the repository, ref and change facts
 * derived from it (pure).
 */
import type { RunReport } from '../report/json-report.js';
import { runnerSource, type ReportSource } from '../report/source.js';

export type RunSource = ReportSource;

/** The report's source when it has one, else the runner's variables, else a local run. */
export function runSource(report: RunReport | undefined, env: NodeJS.ProcessEnv): RunSource {
  return report?.source ?? runnerSource(env) ?? { origin: 'local' };
}

function nonEmpty(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}

/** The facts of a source that telemetry names: owner, name, url, the head ref, the change. */
export interface RepositoryFacts {
  owner?: string;
  name?: string;
  url?: string;
  refName?: string;
  refType?: 'branch' | 'tag';
  /** the pull request's number (refs/pull/<n>/merge) */
  changeId?: string;
}

/**
 * owner/name split; the ref's short name and type (refs/heads/x: branch x; refs/tags/v: tag v); a
 * pull request's head branch (`headRef`, GITHUB_HEAD_REF) for refs/pull/<n>/..., and its number.
 */
export function repositoryFacts(s: RunSource, headRef?: string): RepositoryFacts {
  const out: RepositoryFacts = {};
  const slash = s.repository?.indexOf('/') ?? -1;
  if (s.repository && slash > 0) {
    out.owner = s.repository.slice(0, slash);
    out.name = s.repository.slice(slash + 1);
  } else if (s.repository) {
    out.name = s.repository;
  }
  if (s.repository && s.serverUrl) out.url = `${s.serverUrl.replace(/\/+$/, '')}/${s.repository}`;
  const ref = s.ref ?? '';
  const pull = /^refs\/pull\/([0-9]+)\//.exec(ref);
  if (ref.startsWith('refs/heads/')) {
    out.refName = ref.slice('refs/heads/'.length);
    out.refType = 'branch';
  } else if (ref.startsWith('refs/tags/')) {
    out.refName = ref.slice('refs/tags/'.length);
    out.refType = 'tag';
  } else if (pull) {
    out.changeId = pull[1];
    const head = nonEmpty(headRef);
    if (head) {
      out.refName = head;
      out.refType = 'branch';
    }
  }
  return out;
}
