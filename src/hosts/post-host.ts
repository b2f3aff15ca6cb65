/**
 * The runner as a Host for the post step: it only reads its state, logs, annotates and appends to
 * the job summary, so it is the runner host (actions-host.ts) narrowed to those, without outputs,
 * exports or PATH to change.
 */
import type { PostHost } from './host.js';
import { actionsHost } from './actions-host.js';

export function postHost(env: NodeJS.ProcessEnv = process.env): PostHost {
  const h = actionsHost(env);
  return {
    env,
    annotate: (a) => h.annotate(a),
    info: (message) => h.info(message),
    warning: (message) => h.warning(message),
    notice: (message) => h.notice(message),
    debug: (message) => h.debug(message),
    setSecret: (value) => h.setSecret(value),
    writeSummary: (markdown) => h.writeSummary(markdown),
    getState: (name) => h.getState(name)
  };
}
