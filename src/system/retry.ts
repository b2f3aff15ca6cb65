/**
 * The one retry policy of the action and the one list of transient errors, used by every loop
 * that tries again: one HTTP request (system/http.ts), a whole verified download to a file
 * (install/download.ts) and a whole streamed download-and-extract (install/installer.ts).
 * Modelled on @actions/tool-cache's RetryHelper: a bounded number of tries, a backoff between them,
 * and a caller's predicate that says whether a failure is worth another try. No I/O of its own
 * apart from the sleep, which callers may replace.
 */

export interface RetryPolicy {
  /** at most this many tries */
  tries: number;
  /** the whole retry phase, waits included, never takes longer than this */
  totalMs: number;
  /** first backoff wait; doubles per try, with jitter */
  baseDelayMs: number;
  /** a try fails when no response (headers) or no body bytes arrive for this long */
  timeoutMs: number;
}

/** Defaults (the idle timeout is overridden from SETUP_GO_HTTP_TIMEOUT_MS by the stages). */
export const DEFAULT_RETRY: Readonly<RetryPolicy> = Object.freeze({
  tries: 3,
  totalMs: 60_000,
  baseDelayMs: 500,
  timeoutMs: 30_000
});

/** Longest backoff wait between two tries. */
export const MAX_BACKOFF_MS = 15_000;

/**
 * Error codes of a connection or a stream that broke off: trying the whole transfer again may
 * help. Node's network codes, the stream codes of a body that ended early, and zlib's code for
 * gzip data that stops in the middle.
 */
export const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'ERR_STREAM_PREMATURE_CLOSE',
  'ERR_HTTP2_STREAM_ERROR',
  'Z_BUF_ERROR',
  // undici's own codes for the same: the other side closed, a timeout, a cut-off response
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH'
]);

/** Messages of the same failures from code paths that set no code. */
const TRANSIENT_MESSAGE = /socket hang up|premature close|unexpected end of file/i;

/**
 * True when `e` says the connection or the stream broke off. An error that says so itself
 * (a `transient` field: http.ts's HttpError, true for a cut-off body, false for a final failure)
 * is taken at its word; otherwise a code of TRANSIENT_CODES, or the message of one of those.
 */
export function isTransientError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const err = e as { transient?: unknown; code?: unknown; message?: unknown };
  if (typeof err.transient === 'boolean') return err.transient;
  if (typeof err.code === 'string' && TRANSIENT_CODES.has(err.code)) return true;
  return typeof err.message === 'string' && TRANSIENT_MESSAGE.test(err.message);
}

/** The policy with defaults for absent, negative or non-finite fields; tries at least 1. */
export function retryPolicy(p?: Partial<RetryPolicy>): RetryPolicy {
  const out: RetryPolicy = { ...DEFAULT_RETRY };
  for (const key of Object.keys(out) as (keyof RetryPolicy)[]) {
    const v = p?.[key];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[key] = v;
  }
  out.tries = Math.max(1, Math.floor(out.tries));
  return out;
}

/** SETUP_GO_HTTP_TIMEOUT_MS as a timeout in ms: a positive number, else undefined (the default). */
export function timeoutFromSetting(value: string | undefined): number | undefined {
  const v = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isFinite(v) && v > 0 ? v : undefined;
}

/** The retry policy of every request of a run: the defaults, the idle timeout from the environment. */
export function retryFromEnv(env: NodeJS.ProcessEnv, policy: Partial<RetryPolicy> = {}): Partial<RetryPolicy> {
  return { ...policy, timeoutMs: timeoutFromSetting(env.SETUP_GO_HTTP_TIMEOUT_MS) };
}

/** Backoff before try `attempt + 1` (attempt >= 1): base * 2^(attempt-1), capped, jittered to [half, full]. */
export function backoffDelay(attempt: number, baseDelayMs: number, random: number): number {
  const full = Math.min(MAX_BACKOFF_MS, baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(full / 2 + (random * full) / 2);
}

/** What the caller says about a failed try. */
export interface RetryVerdict {
  /** try again (within the policy) */
  retry: boolean;
  /** the server asked for at least this wait (Retry-After) */
  retryAfterMs?: number;
}

/** Why the loop gave up after a failed try. */
export type GiveUp =
  /** the failure is final, or this was the last of `tries` */
  | { kind: 'final' }
  /** the server's Retry-After wait would end after the total budget */
  | { kind: 'retry-after-beyond-budget'; retryAfterMs: number }
  /** the backoff wait plus a minimal try would end after the total budget */
  | { kind: 'no-time-left' };

export interface RetryHooks {
  /** the failure turned into what the caller throws (default: the failure itself) */
  giveUp?: (error: unknown, tries: number, why: GiveUp) => unknown;
  /** default: setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** default: Date.now */
  now?: () => number;
  /** default: Math.random */
  random?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it resolves, `verdict` says a failure is final, `policy.tries` tries have
 * failed, or the next try could not start (and get a minimal second, or its timeout if shorter)
 * within `policy.totalMs`. Between tries it waits backoffDelay (at least the server's Retry-After).
 * `attempt` gets the try number (from 1) and the time it may take (its timeout, capped by what is
 * left of the budget).
 */
export async function retrying<T>(
  policy: RetryPolicy,
  attempt: (tryNumber: number, timeoutMs: number) => Promise<T>,
  verdict: (error: unknown, tryNumber: number) => RetryVerdict,
  hooks: RetryHooks = {}
): Promise<T> {
  const now = hooks.now ?? Date.now;
  const sleep = hooks.sleep ?? realSleep;
  const random = hooks.random ?? Math.random;
  const giveUp = hooks.giveUp ?? ((e: unknown) => e);
  const deadline = now() + policy.totalMs;
  for (let tries = 1; ; tries++) {
    try {
      return await attempt(tries, Math.max(1, Math.min(policy.timeoutMs, deadline - now())));
    } catch (e) {
      const v = verdict(e, tries);
      if (!v.retry || tries >= policy.tries) throw giveUp(e, tries, { kind: 'final' });
      let wait = backoffDelay(tries, policy.baseDelayMs, random());
      if (v.retryAfterMs !== undefined) {
        if (now() + v.retryAfterMs >= deadline) {
          throw giveUp(e, tries, { kind: 'retry-after-beyond-budget', retryAfterMs: v.retryAfterMs });
        }
        wait = Math.max(wait, v.retryAfterMs);
      }
      const minTry = Math.min(policy.timeoutMs, 1000);
      if (now() + wait + minTry > deadline) throw giveUp(e, tries, { kind: 'no-time-left' });
      await sleep(wait);
    }
  }
}
