/**
 * The cache service through @actions/cache (edge). Runs in the cache worker (cache-worker.ts):
 * the library, and the Azure storage SDK it pulls in, load on that thread only, never in the main
 * or post bundle.
 *
 * @actions/cache never throws for a service problem: it logs "Failed to restore: ..." (an error
 * annotation for a 5xx, a warning otherwise) and answers as for a miss. To report failures as data
 * and keep them warnings at most, each call runs in an AsyncLocalStorage context, and while it runs
 * the library's failure lines on stdout are taken out and recorded for the caller instead.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import * as toolkit from '@actions/cache';

type Toolkit = typeof toolkit;

interface Capture {
  failures: string[];
  conflict: boolean;
}

const context = new AsyncLocalStorage<Capture>();
let patched = false;

/**
 * How the lines of @actions/cache that report a failed call begin (its core.warning/core.error
 * texts; __tests__/cache/cache-service-lines.test.ts pins each against the installed version).
 */
export const FAILURE_PREFIXES = [
  'Failed to restore',
  'Failed to save',
  'Cache reservation failed',
  'uploadCacheArchiveSDK',
  "You've hit a rate limit",
  'Unable to reserve',
  'Unable to finalize'
] as const;

/** Lines of @actions/cache that report a failed call, and the text to keep of them. */
const FAILURE = new RegExp(`^::(?:error|warning)(?: [^:]*)?::((?:${FAILURE_PREFIXES.join('|')})[^\\r\\n]*)`);
const CONFLICT = /^Failed to save: Unable to reserve cache with key /;

function unescapeData(s: string): string {
  return s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
}

/** Routes the library's failure lines into the current capture, once per process. */
function patchStdout(): void {
  if (patched) return;
  patched = true;
  const original = process.stdout.write.bind(process.stdout) as (...args: unknown[]) => boolean;
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const capture = context.getStore();
    if (capture && (typeof chunk === 'string' || chunk instanceof Uint8Array)) {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const kept: string[] = [];
      for (const line of text.split(/(?<=\n)/)) {
        const m = FAILURE.exec(line);
        if (m) capture.failures.push(unescapeData(m[1]).split(/\r?\n/)[0].trim());
        else {
          if (CONFLICT.test(line)) capture.conflict = true;
          kept.push(line);
        }
      }
      if (kept.length === 0) {
        const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
        cb?.();
        return true;
      }
      return original(kept.join(''), ...rest);
    }
    return original(chunk, ...rest);
  };
  process.stdout.write = write;
}

async function captured<T>(fn: (t: Toolkit) => Promise<T>): Promise<{ value?: T } & Capture> {
  patchStdout();
  const capture: Capture = { failures: [], conflict: false };
  try {
    const value = await context.run(capture, () => fn(toolkit));
    return { value, ...capture };
  } catch (e) {
    // ValidationError (bad key or paths) and anything unexpected: a failure, never a thrown error.
    capture.failures.push(e instanceof Error ? e.message.split(/\r?\n/)[0] : String(e));
    return capture;
  }
}

export interface RestoreAnswer {
  matchedKey?: string;
  /** why the restore failed (the entry was not restored) */
  failure?: string;
}

/** Restores `paths` from the first of key, then restoreKeys (prefixes, newest first). */
export async function restoreEntry(paths: string[], key: string, restoreKeys: string[]): Promise<RestoreAnswer> {
  const r = await captured((t) => t.restoreCache(paths, key, restoreKeys));
  return r.failures.length > 0 ? { failure: r.failures.join('; ') } : { matchedKey: r.value };
}

/** Whether an entry with exactly `key` exists for `paths` (a lookup, no download). */
export interface ExistsAnswer {
  exists: boolean;
  failure?: string;
}

export async function entryExists(paths: string[], key: string): Promise<ExistsAnswer> {
  const r = await captured((t) => t.restoreCache(paths, key, [], { lookupOnly: true }));
  if (r.failures.length > 0) return { exists: false, failure: r.failures.join('; ') };
  return { exists: r.value === key };
}

export interface SaveAnswer {
  saved: boolean;
  /** the key exists already (another job saved it first) */
  exists?: boolean;
  failure?: string;
}

export async function saveEntry(paths: string[], key: string): Promise<SaveAnswer> {
  const r = await captured((t) => t.saveCache(paths, key));
  if (r.value !== undefined && r.value !== -1) return { saved: true };
  if (r.conflict) return { saved: false, exists: true };
  return { saved: false, failure: r.failures.join('; ') || 'the cache service did not store the entry' };
}
