/**
 * Starts the cache worker before the action's main code loads: @actions/cache (1.4 MiB) then loads
 * on its own thread while this one loads and runs the plan and the install, so a warm run with an
 * exact cache hit does not wait for it. Reads only the two inputs that decide it and the cache
 * service's variables; a wrong guess costs CPU, never behaviour (cache/restore.ts decides for real
 * from the parsed inputs, and an unused worker does not keep the process alive).
 */
import { startCacheWorker } from './cache-client.js';
import { cacheServiceConfigured } from './keys.js';

/** Whether the main step will restore caches, as far as the raw INPUT_* values tell (pure). */
export function cacheWorkerWanted(env: NodeJS.ProcessEnv): boolean {
  const cache = (env.INPUT_CACHE ?? '').trim();
  const mode = (env.INPUT_MODE ?? '').trim();
  return (
    !['false', 'False', 'FALSE'].includes(cache) && (mode === '' || mode === 'install') && cacheServiceConfigured(env)
  );
}

export function startCacheWorkerEarly(env: NodeJS.ProcessEnv): void {
  if (cacheWorkerWanted(env)) startCacheWorker();
}
