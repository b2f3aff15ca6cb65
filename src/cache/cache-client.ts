/**
 * The cache service as the stages use it (edge): requests to the cache worker (cache-worker.ts,
 * bundled as dist/cache-worker/index.js beside the entry bundles), started once per process. The
 * worker thread keeps the process alive only while a request is in flight.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ExistsAnswer, RestoreAnswer, SaveAnswer } from './cache-service.js';

export type WorkerRequest =
  | { id: number; op: 'restore'; paths: string[]; key: string; restoreKeys: string[] }
  | { id: number; op: 'exists'; paths: string[]; key: string }
  | { id: number; op: 'save'; paths: string[]; key: string };

export interface WorkerReply {
  id: number;
  restore?: RestoreAnswer;
  exists?: ExistsAnswer;
  save?: SaveAnswer;
  error?: string;
}

/**
 * The worker bundle for an entry script: dist/index.js and dist/post/index.js both use
 * dist/cache-worker/index.js.
 */
function workerFile(entryScript: string): string {
  const dir = path.dirname(entryScript);
  const dist = path.basename(dir) === 'post' ? path.dirname(dir) : dir;
  return path.join(dist, 'cache-worker', 'index.js');
}

let worker: Worker | undefined;
let failed: string | undefined;
let next = 0;
const pending = new Map<number, (reply: WorkerReply) => void>();

function settleAll(error: string): void {
  for (const [id, resolve] of pending) resolve({ id, error });
  pending.clear();
}

/** Starts the worker (once); it begins loading @actions/cache right away. */
export function startCacheWorker(entryScript = process.argv[1] ?? ''): void {
  if (worker || failed) return;
  const file = workerFile(entryScript);
  if (!entryScript || !existsSync(file)) {
    failed = `the cache worker ${file} is missing (run the bundled action)`;
    return;
  }
  worker = new Worker(file);
  worker.on('message', (reply: WorkerReply) => {
    const resolve = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) worker?.unref();
    resolve?.(reply);
  });
  worker.on('error', (e) => {
    failed = `the cache worker failed: ${e.message}`;
    settleAll(failed);
  });
  worker.on('exit', () => {
    worker = undefined;
    failed ??= 'the cache worker stopped';
    settleAll(failed);
  });
  // Last: a 'message' listener added after unref() would ref the worker again, and an idle worker
  // (a run that stopped before its restore) would then keep the process alive forever.
  worker.unref();
}

type Request = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

function ask(req: Request): Promise<WorkerReply> {
  startCacheWorker();
  const w = worker;
  if (!w) return Promise.resolve({ id: -1, error: failed ?? 'no cache worker' });
  const id = ++next;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    w.ref();
    w.postMessage({ ...req, id });
  });
}

export async function restoreEntry(paths: string[], key: string, restoreKeys: string[]): Promise<RestoreAnswer> {
  const r = await ask({ op: 'restore', paths, key, restoreKeys });
  return r.restore ?? { failure: r.error ?? 'no answer' };
}

export async function entryExists(paths: string[], key: string): Promise<ExistsAnswer> {
  const r = await ask({ op: 'exists', paths, key });
  return r.exists ?? { exists: false, failure: r.error ?? 'no answer' };
}

export async function saveEntry(paths: string[], key: string): Promise<SaveAnswer> {
  const r = await ask({ op: 'save', paths, key });
  return r.save ?? { saved: false, failure: r.error ?? 'no answer' };
}

/** Ends the worker (after the last request of the step). */
export async function stopCacheWorker(): Promise<void> {
  const w = worker;
  worker = undefined;
  failed = 'the cache worker was stopped';
  if (w) await w.terminate();
}
