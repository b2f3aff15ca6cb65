/** Whether a run audits an upgrade (no other import: the audit itself is loaded only then). */
import { isPullRequestEvent } from './refs.js';

/** audit-base is set, or the run is for a pull request (GITHUB_EVENT_NAME with GITHUB_BASE_REF). */
export function auditRequested(auditBase: string, env: NodeJS.ProcessEnv): boolean {
  return auditBase.trim() !== '' || (isPullRequestEvent(env.GITHUB_EVENT_NAME) && Boolean(env.GITHUB_BASE_REF));
}
