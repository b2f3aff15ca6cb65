/** A local HTTP server with fault modes, for the network-edge tests (not a test file itself). */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, hit: number) => void;

export interface FaultServer {
  url: string;
  /** requests per path (without query) */
  hits: Map<string, number>;
  /** headers of the last request per path */
  lastHeaders: Map<string, http.IncomingHttpHeaders>;
  route(path: string, handler: Handler): void;
  close(): Promise<void>;
}

export async function startServer(): Promise<FaultServer> {
  const routes = new Map<string, Handler>();
  const hits = new Map<string, number>();
  const lastHeaders = new Map<string, http.IncomingHttpHeaders>();
  const server = http.createServer((req, res) => {
    const p = new URL(req.url ?? '/', 'http://x').pathname;
    const n = (hits.get(p) ?? 0) + 1;
    hits.set(p, n);
    lastHeaders.set(p, req.headers);
    const h = routes.get(p);
    if (!h) {
      res.writeHead(404).end('no route');
      return;
    }
    h(req, res, n);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    lastHeaders,
    route: (p, h) => routes.set(p, h),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })
  };
}

/** Fault modes. */
export const faults = {
  /** closes the connection before any response */
  drop: ((req: http.IncomingMessage) => req.socket.destroy()) as Handler,
  /** never answers */
  hang: (() => undefined) as Handler,
  /** sends headers and part of the body, then nothing */
  stall:
    (size: number, sent: number): Handler =>
    (_req, res) => {
      res.writeHead(200, { 'content-length': String(size) });
      res.write(Buffer.alloc(sent, 1));
    },
  /** sends headers and part of the body, then resets the connection */
  truncate:
    (size: number, sent: number): Handler =>
    (req, res) => {
      res.writeHead(200, { 'content-length': String(size) });
      res.write(Buffer.alloc(sent, 1), () => setTimeout(() => req.socket.destroy(), 20));
    },
  /** 200 with the body */
  ok:
    (body: Buffer | string, headers: Record<string, string> = {}): Handler =>
    (_req, res) => {
      const b = Buffer.isBuffer(body) ? body : Buffer.from(body);
      res.writeHead(200, { 'content-length': String(b.length), ...headers });
      res.end(b);
    },
  status:
    (code: number, headers: Record<string, string> = {}): Handler =>
    (_req, res) => {
      res.writeHead(code, headers).end(`status ${code}`);
    },
  redirect:
    (location: string, code = 302): Handler =>
    (_req, res) => {
      res.writeHead(code, { location }).end();
    },
  /** the first `n` hits go to `first`, later ones to `then` */
  firstThen:
    (n: number, first: Handler, then: Handler): Handler =>
    (req, res, hit) =>
      hit <= n ? first(req, res, hit) : then(req, res, hit)
};
