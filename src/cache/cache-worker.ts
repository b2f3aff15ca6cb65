/**
 * Entry of the cache worker (bundle dist/cache-worker/index.js): runs @actions/cache on a thread
 * of its own. Loading the library (and the Azure storage SDK it pulls in) costs about as much CPU
 * as the rest of a warm main step; on its own thread, started before the rest of the action loads
 * (worker-first.ts), it overlaps that loading, the plan, the install and the
 * checks instead of delaying them. It loads as it starts and answers one request per message.
 */
import { parentPort } from 'node:worker_threads';
import { entryExists, restoreEntry, saveEntry } from './cache-service.js';
import type { WorkerReply, WorkerRequest } from './cache-client.js';

parentPort?.on('message', (req: WorkerRequest) => {
  const answer = async (): Promise<WorkerReply> => {
    if (req.op === 'restore') return { id: req.id, restore: await restoreEntry(req.paths, req.key, req.restoreKeys) };
    if (req.op === 'exists') return { id: req.id, exists: await entryExists(req.paths, req.key) };
    return { id: req.id, save: await saveEntry(req.paths, req.key) };
  };
  answer().then(
    (reply) => parentPort?.postMessage(reply),
    (e: unknown) => parentPort?.postMessage({ id: req.id, error: e instanceof Error ? e.message : String(e) })
  );
});
