/**
 * The edge of telemetry: POSTs the encoded signals to their OTLP/HTTP endpoints, both at once,
 * each within its time limit (config.ts caps it), with at most one more try inside that limit for a
 * refused or reset connection and for the statuses OTLP calls retryable (429, 502, 503, 504). Never
 * throws: every failure is an outcome with a one-line reason that names no header and no URL
 * credentials.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { gzipSync } from 'node:zlib';
import { isTransientError, retrying } from '../system/retry.js';
import { displayUrl } from '../url.js';
import type { Compression, Signal } from './config.js';

export interface SignalRequest {
  signal: Signal;
  url: string;
  body: Uint8Array;
  contentType: string;
  headers: Record<string, string>;
  compression: Compression;
  timeoutMs: number;
}

export type SignalOutcome =
  { signal: Signal; url: string; ok: true } | { signal: Signal; url: string; ok: false; reason: string };

/** One POST: resolves with the response status once the response has ended, within timeoutMs. */
export type Post = (url: URL, headers: Record<string, string>, body: Uint8Array, timeoutMs: number) => Promise<number>;

/** A failed try; `retry` when OTLP says another may succeed. */
class TryError extends Error {
  constructor(
    message: string,
    readonly retry: boolean
  ) {
    super(message);
  }
}

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const agents = { http: new http.Agent({ keepAlive: false }), https: new https.Agent({ keepAlive: false }) };

export const httpPost: Post = (url, headers, body, timeoutMs) =>
  new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const req = (secure ? https : http).request(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(body.length) },
      agent: secure ? agents.https : agents.http
    });
    let status = 0;
    const timer = setTimeout(() => {
      req.destroy(new TryError(`no answer within ${timeoutMs} ms`, false));
    }, timeoutMs);
    timer.unref();
    req.on('response', (res) => {
      status = res.statusCode ?? 0;
      // The body (an ExportServiceResponse, maybe a partial success) is not needed.
      res.resume();
      res.on('end', () => {
        clearTimeout(timer);
        resolve(status);
      });
      res.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end(body);
  });

function reasonOf(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const msg = err?.message || String(e);
  return err?.code && !msg.includes(err.code) ? `${msg} (${err.code})` : msg;
}

/** Sends one signal; the outcome, never a throw. */
export async function sendSignal(req: SignalRequest, post: Post = httpPost): Promise<SignalOutcome> {
  const url = displayUrl(req.url, '(the endpoint)');
  try {
    const body = req.compression === 'gzip' ? gzipSync(req.body) : req.body;
    const headers: Record<string, string> = {
      ...req.headers,
      'content-type': req.contentType,
      'user-agent': 'setup-go-enforced-otlp-exporter'
    };
    if (req.compression === 'gzip') headers['content-encoding'] = 'gzip';
    await retrying(
      { tries: 2, totalMs: req.timeoutMs, baseDelayMs: 200, timeoutMs: req.timeoutMs },
      async (_n, timeoutMs) => {
        const status = await post(new URL(req.url), headers, body, timeoutMs);
        if (status >= 200 && status < 300) return;
        const text = `HTTP ${status}${http.STATUS_CODES[status] ? ` ${http.STATUS_CODES[status]}` : ''}`;
        throw new TryError(text, RETRYABLE_STATUS.has(status));
      },
      (e) => ({ retry: e instanceof TryError ? e.retry : isTransientError(e) })
    );
    return { signal: req.signal, url, ok: true };
  } catch (e) {
    return { signal: req.signal, url, ok: false, reason: reasonOf(e) };
  }
}

/** Sends every signal at the same time. */
export function sendAll(reqs: SignalRequest[], post: Post = httpPost): Promise<SignalOutcome[]> {
  return Promise.all(reqs.map((r) => sendSignal(r, post)));
}
