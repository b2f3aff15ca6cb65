/**
 * The post step (runs.post, post-if: success()): saves the module and build caches that the main
 * step restored, when something changed. Never fails the job: every problem is a warning, and the
 * process ends with exit code 0.
 */
import { postHost } from './edge/post-host.js';
import { renderCacheSaveSummary } from './report/summary.js';
import { saveCaches } from './stages/cache-save-stage.js';
import { stopCacheWorker } from './cache/cache-client.js';

const host = postHost();
// A failed upload can surface as an uncaught exception inside the storage SDK (actions/setup-go
// guards its post step the same way): it must not fail the job.
process.on('uncaughtException', (e) => host.warning(`cache: ${e.message}`));

try {
  const reports = await saveCaches(host);
  if (reports.length > 0) await host.writeSummary(renderCacheSaveSummary(reports));
} catch (e) {
  host.warning(`cache: not saved: ${e instanceof Error ? e.message : String(e)}`);
}
await stopCacheWorker();
// Open keep-alive sockets of the storage SDK must not keep the step alive for nothing; the timer
// does not itself keep the process alive, and waiting lets stdout drain (pipes are asynchronous on
// Windows).
process.exitCode = 0;
setTimeout(() => process.exit(0), 1000).unref();
