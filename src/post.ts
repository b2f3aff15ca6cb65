/**
 * The post step (runs.post, post-if: success()): saves the module and build caches that the main
 * step restored, when something changed. Never fails the job: every problem is a warning, and the
 * process ends with exit code 0.
 */
import { postHost } from './hosts/post-host.js';
import { renderCacheSaveSummary } from './report/summary.js';
import { saveCaches, type SaveReport } from './cache/save.js';
import { stopCacheWorker } from './cache/cache-client.js';
import { reportDownloadedToolchains } from './verify/toolchain-modules.js';
import { exportTelemetry } from './telemetry/requested.js';

const startedAt = Date.now();
const host = postHost();
// The storage SDK runs on the cache worker, whose errors arrive as its 'error' event (a failed
// entry); this guard is for anything else: the post step must never fail the job.
process.on('uncaughtException', (e) => host.warning(`cache: ${e.message}`));

// Before the save trims the module cache: toolchains the go command downloaded (GOTOOLCHAIN=auto).
await reportDownloadedToolchains(host);
let saves: SaveReport[] | undefined;
try {
  saves = await saveCaches(host);
  if (saves.length > 0) await host.writeSummary(renderCacheSaveSummary(saves));
} catch (e) {
  host.warning(`cache: not saved: ${e instanceof Error ? e.message : String(e)}`);
}
await stopCacheWorker();
// OpenTelemetry, only when an OTLP endpoint is set: the span of the cache save.
await exportTelemetry(host, { step: 'post', startedAt, saves });
// Nothing should be left to keep the process alive once the worker has stopped; should anything
// be, the timer ends it (it does not itself keep the process alive), after stdout had time to
// drain (pipes are asynchronous on Windows).
process.exitCode = 0;
setTimeout(() => process.exit(0), 1000).unref();
