// A tiny static server for a vulnerability database folder, with request counting, in-flight
// tracking, per-path delays, hangs and replaced bodies; plus a plain fetchJson for the tests.
import http from 'node:http';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Override = { status?: number; body?: string } | 'hang';

export interface VulnServer {
  url: string;
  requests: string[];
  maxInFlight: number;
  delayMs: number;
  overrides: Map<string, Override>;
  close(): Promise<void>;
}

export async function serveDir(dir: string): Promise<VulnServer> {
  let inFlight = 0;
  const state: Omit<VulnServer, 'url' | 'close'> = { requests: [], maxInFlight: 0, delayMs: 0, overrides: new Map() };
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const p = (req.url ?? '/').split('?')[0];
    state.requests.push(p);
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    let done = false;
    const finished = (): void => {
      if (!done) inFlight--;
      done = true;
    };
    res.on('finish', finished);
    res.on('close', finished);
    {
      const o = state.overrides.get(p);
      if (o === 'hang') return; // never answers (close() destroys the socket)
      if (state.delayMs > 0) await new Promise((r) => setTimeout(r, state.delayMs));
      if (o) {
        res.writeHead(o.status ?? 200, { 'content-type': 'application/json' });
        res.end(o.body ?? '');
        return;
      }
      const file = path.join(dir, ...p.split('/').filter((s) => s !== '' && s !== '..'));
      const body = await fsp.readFile(file).catch(() => undefined);
      if (!body) {
        res.writeHead(404);
        res.end('not found');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(body);
      }
    }
  };
  const server = http.createServer((req, res) => void handle(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      })
  });
}

/** A port where nothing listens (bound, then closed). */
export async function deadPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** GET + JSON.parse over node:http, or read a file:// URL; throws on non-200 or bad JSON. */
export async function testFetchJson(url: string): Promise<unknown> {
  if (url.startsWith('file:')) return JSON.parse(await fsp.readFile(fileURLToPath(url), 'utf8'));
  const text = await new Promise<string>((resolve, reject) => {
    const req = http.get(url, { agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode} for ${url}`));
        else resolve(Buffer.concat(chunks).toString('utf8'));
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  return JSON.parse(text);
}
