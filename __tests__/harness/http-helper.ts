// Raw HTTP GET for the harness tests (no redirect following, no retries).
import http from 'node:http';
import { createHash } from 'node:crypto';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** Set when the connection failed or ended before the body was complete. */
  error?: string;
}

export function get(
  url: string,
  opts: { headers?: Record<string, string>; timeoutMs?: number } = {}
): Promise<RawResponse> {
  return new Promise((resolve) => {
    let settled = false;
    const chunks: Buffer[] = [];
    let status = 0;
    let headers: http.IncomingHttpHeaders = {};
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ status, headers, body: Buffer.concat(chunks), ...(error ? { error } : {}) });
    };
    const req = http.get(url, { headers: opts.headers, agent: false }, (res) => {
      status = res.statusCode ?? 0;
      headers = res.headers;
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => finish(res.complete ? undefined : 'incomplete'));
      res.on('aborted', () => finish('aborted'));
      res.on('error', (e) => finish(e.message || 'error'));
      res.on('close', () => finish(res.complete ? undefined : 'closed early'));
    });
    req.on('error', (e: NodeJS.ErrnoException) => finish(e.code ?? e.message));
    const timer = setTimeout(() => {
      finish('timeout');
      req.destroy();
    }, opts.timeoutMs ?? 5000);
  });
}

export const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
