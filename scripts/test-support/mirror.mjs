// A local stand-in for https://go.dev/dl (and optionally https://vuln.go.dev) for end-to-end
// tests, the demo and the benchmark. Listens on 127.0.0.1 port 0, logs every request and can
// inject faults per path.
import { createServer } from 'node:http';
import { createReadStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { buildFixtureManifest } from './manifest-fixture.mjs';

/**
 * @typedef {{ kind: 'drop' }
 *   | { kind: 'stall' }
 *   | { kind: 'truncate' }
 *   | { kind: 'corrupt' }
 *   | { kind: 'status', code: number }
 *   | { kind: '429', retryAfter?: number | string }
 *   | { kind: 'redirect', to?: string }
 *   | { kind: 'delay', ms: number }} FaultKind
 * One injected fault:
 * - drop: destroy the socket before any header is sent;
 * - stall: send the headers, then nothing (until close());
 * - truncate: announce the full Content-Length, send the first half, then close the socket;
 * - corrupt: send the body with bytes flipped, same length and headers;
 * - status: answer `code` with a short text body;
 * - 429: answer 429 with `Retry-After: retryAfter` (default 1);
 * - redirect: answer 302 to `to` (absolute URL or path; default `/_redirect<path>`, which serves
 *   the same content, like go.dev/dl -> dl.google.com/go);
 * - delay: wait `ms` milliseconds, then answer normally.
 * `times` (default: unlimited) is how many matching requests get the fault; later ones are normal.
 */
/** @typedef {FaultKind & { times?: number }} Fault */
/** @typedef {Fault | Fault['kind'] | number} FaultSpec  a fault, its kind alone, or an HTTP status */

/**
 * @typedef {object} MirrorRequest
 * @property {string} method
 * @property {string} path       path and query, e.g. `/?mode=json&include=all`
 * @property {Record<string, string | string[] | undefined>} headers  lower-cased, as received
 * @property {number} status     0 when the socket was dropped before any header
 * @property {string} [fault]    kind of the fault applied to this request
 */

/**
 * @typedef {object} Mirror
 * @property {string} url        base URL without trailing slash (`http://127.0.0.1:<port>`)
 * @property {number} port
 * @property {MirrorRequest[]} requests  the request log, oldest first
 * @property {(json: unknown) => void} setManifest
 * @property {(name: string, filePath: string) => void} addFile   serve `filePath` at `/<name>`
 * @property {(name: string, content: string | Buffer) => void} addContent
 * @property {(dir: string | undefined) => void} setVulnDir  serve `dir` under `/vuln/`
 * @property {(pathOrPrefix: string, fault: FaultSpec | null) => void} setFault
 *   a key matches the request path with or without its query; a key ending in `*` is a prefix.
 *   `null` removes the fault.
 * @property {(prefix?: string) => MirrorRequest[]} requestsFor  log entries whose path starts with prefix
 * @property {() => void} clearRequests
 * @property {() => Promise<void>} close  stops the server and destroys every open socket
 */

/**
 * Starts the mirror.
 * @param {{ dir?: string, manifest?: unknown, faults?: Record<string, FaultSpec>, vulnDir?: string }} [opts]
 *   dir: static folder served at `/` for paths not otherwise known (e.g. archives by file name).
 * @returns {Promise<Mirror>}
 */
export async function startMirror(opts = {}) {
  /** @type {unknown} */
  let manifest = opts.manifest;
  /** @type {Map<string, { path?: string, content?: Buffer }>} */
  const files = new Map();
  /** @type {Map<string, Fault & { remaining: number }>} */
  const faults = new Map();
  let vulnDir = opts.vulnDir;
  const staticDir = opts.dir;
  /** @type {MirrorRequest[]} */
  const requests = [];
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  /** @type {Set<NodeJS.Timeout>} */
  const timers = new Set();
  let base = '';

  for (const [key, spec] of Object.entries(opts.faults ?? {})) setFault(key, spec);

  /** @param {string} key @param {FaultSpec | null} spec */
  function setFault(key, spec) {
    if (spec === null || spec === undefined) {
      faults.delete(key);
      return;
    }
    const fault = normalizeFault(spec);
    faults.set(key, { ...fault, remaining: fault.times ?? Infinity });
  }

  /** @param {string} pathname @param {string} full */
  function takeFault(pathname, full) {
    let best;
    for (const [key, f] of faults) {
      if (f.remaining <= 0) continue;
      const match = key.endsWith('*')
        ? full.startsWith(key.slice(0, -1)) || pathname.startsWith(key.slice(0, -1))
        : key === full || key === pathname;
      if (!match) continue;
      // An exact key wins over a prefix; a longer prefix wins over a shorter one.
      const rank = key.endsWith('*') ? key.length : Infinity;
      if (!best || rank > best.rank) best = { f, rank };
    }
    if (!best) return undefined;
    best.f.remaining -= 1;
    return best.f;
  }

  const server = createServer((req, res) => {
    const rawUrl = (req.url ?? '/').replace(/^\/{2,}/, '/');
    const parsed = new URL(rawUrl, 'http://mirror.invalid');
    const pathname = decodeURIComponent(parsed.pathname);
    const full = pathname + parsed.search;
    /** @type {MirrorRequest} */
    const entry = { method: req.method ?? 'GET', path: full, headers: { ...req.headers }, status: 0 };
    requests.push(entry);
    const origWriteHead = res.writeHead.bind(res);
    // Record the status actually sent.
    res.writeHead = /** @type {any} */ (
      (/** @type {any[]} */ ...args) => {
        entry.status = args[0];
        return origWriteHead(...args);
      }
    );

    const fault = takeFault(pathname, full);
    if (fault) entry.fault = fault.kind;
    handle(req, res, pathname, parsed.searchParams, fault).catch((err) => {
      if (!res.headersSent) send(res, 500, `mirror error: ${err && err.message}\n`);
      else res.destroy();
    });
  });

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {string} pathname
   * @param {URLSearchParams} query
   * @param {(Fault & { remaining: number }) | undefined} fault
   */
  async function handle(req, res, pathname, query, fault) {
    if (fault) {
      switch (fault.kind) {
        case 'drop':
          req.socket.destroy();
          return;
        case 'status':
          send(res, fault.code, `injected status ${fault.code}\n`);
          return;
        case '429':
          send(res, 429, 'too many requests\n', { 'Retry-After': String(fault.retryAfter ?? 1) });
          return;
        case 'redirect': {
          const search = query.toString();
          const to = fault.to ?? `/_redirect${pathname}${search ? '?' + search : ''}`;
          const location = /^[a-z]+:/i.test(to) ? to : base + (to.startsWith('/') ? to : '/' + to);
          send(res, 302, '', { Location: location });
          return;
        }
        case 'delay':
          await new Promise((resolve) => {
            const t = setTimeout(() => {
              timers.delete(t);
              resolve(undefined);
            }, fault.ms);
            timers.add(t);
          });
          break;
        default:
          break; // stall, truncate, corrupt act on the body below
      }
    }
    if (res.destroyed) return;

    const body = await lookup(
      pathname.startsWith('/_redirect/') ? pathname.slice('/_redirect'.length) : pathname,
      query
    );
    if (!body) {
      send(res, 404, 'not found\n');
      return;
    }
    const headers = { 'Content-Type': body.type, 'Content-Length': String(body.size) };
    if (req.method === 'HEAD') {
      res.writeHead(200, headers);
      res.end();
      return;
    }
    if (fault?.kind === 'stall') {
      res.writeHead(200, headers);
      res.flushHeaders();
      return; // nothing more until close()
    }
    if (fault?.kind === 'truncate') {
      res.writeHead(200, headers);
      const half = Math.floor(body.size / 2);
      const stream = body.open(0, half);
      stream.on('error', () => res.destroy());
      stream.on('data', (chunk) => res.write(chunk));
      stream.on('end', () => {
        // Flush what was written, then close the connection short of Content-Length.
        res.socket?.end();
        const t = setTimeout(() => res.socket?.destroy(), 50);
        timers.add(t);
      });
      return;
    }
    res.writeHead(200, headers);
    let stream = body.open(0, body.size);
    if (fault?.kind === 'corrupt') stream = stream.pipe(flipBytes(body.size));
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  /**
   * Finds what a path serves.
   * @param {string} pathname
   * @param {URLSearchParams} query
   * @returns {Promise<{ size: number, type: string, open: (start: number, end: number) => NodeJS.ReadableStream } | undefined>}
   */
  async function lookup(pathname, query) {
    if ((pathname === '/' || pathname === '') && query.get('mode') === 'json') {
      if (manifest === undefined) return undefined;
      const list = query.get('include') === 'all' ? manifest : supportedOnly(manifest);
      return fromBuffer(Buffer.from(JSON.stringify(list, null, 1)), 'application/json');
    }
    if (pathname === '/manifest.json' && manifest !== undefined) {
      return fromBuffer(Buffer.from(JSON.stringify(manifest, null, 1)), 'application/json');
    }
    if (pathname.startsWith('/vuln/') && vulnDir) {
      return fromDir(vulnDir, pathname.slice('/vuln/'.length), 'application/json');
    }
    const name = pathname.slice(1);
    const file = files.get(name);
    if (file?.content) return fromBuffer(file.content, 'application/octet-stream');
    if (file?.path) return fromFile(file.path, 'application/octet-stream');
    if (staticDir) return fromDir(staticDir, name, 'application/octet-stream');
    return undefined;
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  base = `http://127.0.0.1:${port}`;

  let closed = false;
  return {
    url: base,
    port,
    requests,
    setManifest(json) {
      manifest = json;
    },
    addFile(name, filePath) {
      files.set(name.replace(/^\/+/, ''), { path: filePath });
    },
    addContent(name, content) {
      files.set(name.replace(/^\/+/, ''), { content: Buffer.from(content) });
    },
    setVulnDir(dir) {
      vulnDir = dir;
    },
    setFault,
    requestsFor(prefix = '/') {
      return requests.filter((r) => r.path.startsWith(prefix));
    },
    clearRequests() {
      requests.length = 0;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const done = new Promise((resolve) => server.close(() => resolve(undefined)));
      for (const s of sockets) s.destroy();
      sockets.clear();
      await done;
    }
  };
}

/** @param {FaultSpec} spec @returns {Fault} */
function normalizeFault(spec) {
  if (typeof spec === 'number') return spec === 429 ? { kind: '429' } : { kind: 'status', code: spec };
  if (typeof spec === 'string') {
    if (/^\d+$/.test(spec)) return normalizeFault(Number(spec));
    return normalizeFault(/** @type {Fault} */ ({ kind: spec }));
  }
  const kinds = ['drop', 'stall', 'truncate', 'corrupt', 'status', '429', 'redirect', 'delay'];
  const kind = String(spec.kind);
  if (!kinds.includes(kind))
    throw new Error(`unknown mirror fault kind "${kind}"; expected one of ${kinds.join(', ')}`);
  if (kind === 'status' && !Number.isInteger(/** @type {any} */ (spec).code))
    throw new Error('mirror fault "status" needs a numeric code');
  if (kind === 'delay' && typeof (/** @type {any} */ (spec).ms) !== 'number')
    throw new Error('mirror fault "delay" needs ms');
  return /** @type {Fault} */ ({ ...spec, kind });
}

/**
 * The `?mode=json` view: the latest stable patch of the two newest stable minors, newest first.
 * @param {unknown} manifest
 */
export function supportedOnly(manifest) {
  if (!Array.isArray(manifest)) return manifest;
  /** @type {Map<string, { entry: any, key: number[] }>} */
  const latestPerMinor = new Map();
  for (const entry of manifest) {
    if (!entry || entry.stable !== true) continue;
    const m = /^go(\d+)\.(\d+)(?:\.(\d+))?$/.exec(String(entry.version));
    if (!m) continue;
    const key = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
    const minor = `${key[0]}.${key[1]}`;
    const prev = latestPerMinor.get(minor);
    if (!prev || compareKeys(key, prev.key) > 0) latestPerMinor.set(minor, { entry, key });
  }
  return [...latestPerMinor.values()]
    .sort((a, b) => compareKeys(b.key, a.key))
    .slice(0, 2)
    .map((v) => v.entry);
}

/** @param {number[]} a @param {number[]} b */
function compareKeys(a, b) {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** @param {Buffer} buf @param {string} type */
function fromBuffer(buf, type) {
  return {
    size: buf.length,
    type,
    /** @param {number} start @param {number} end */
    open(start, end) {
      const t = new Transform({ transform: (c, _e, cb) => cb(null, c) });
      t.end(buf.subarray(start, end));
      return t;
    }
  };
}

/** @param {string} filePath @param {string} type */
async function fromFile(filePath, type) {
  let st;
  try {
    st = await fsp.stat(filePath);
  } catch {
    return undefined;
  }
  if (!st.isFile()) return undefined;
  return {
    size: st.size,
    type,
    /** @param {number} start @param {number} end */
    open(start, end) {
      if (end <= start) return fromBuffer(Buffer.alloc(0), type).open(0, 0);
      return createReadStream(filePath, { start, end: end - 1, highWaterMark: 1 << 20 });
    }
  };
}

/** Serves `rel` from `dir`, refusing paths that leave it. @param {string} dir @param {string} rel @param {string} type */
function fromDir(dir, rel, type) {
  const root = path.resolve(dir);
  const target = path.resolve(root, rel);
  if (target !== root && !target.startsWith(root + path.sep)) return Promise.resolve(undefined);
  return fromFile(target, type);
}

/** Flips (xor 0xff) the byte in the middle of the body and the last byte. @param {number} size */
function flipBytes(size) {
  const positions = new Set([Math.floor(size / 2), size - 1]);
  let offset = 0;
  return new Transform({
    transform(chunk, _enc, cb) {
      const buf = Buffer.from(chunk);
      for (const p of positions) {
        if (p >= offset && p < offset + buf.length) buf[p - offset] ^= 0xff;
      }
      offset += buf.length;
      cb(null, buf);
    }
  });
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} code
 * @param {string} text
 * @param {Record<string, string>} [extra]
 */
function send(res, code, text, extra = {}) {
  const body = Buffer.from(text);
  res.writeHead(code, { 'Content-Type': 'text/plain', 'Content-Length': String(body.length), ...extra });
  res.end(body);
}

/**
 * A mirror whose fixture manifest lists one built archive for `version` on os/arch (GOOS/GOARCH
 * names) and serves its bytes: what most end-to-end suites and benchmarks start.
 * @param {{ version: string, os: string, arch: string, upTo?: string, vulnDir?: string,
 *   archive: { filename: string, path: string, sha256: string, size: number } }} o
 * @returns {Promise<Mirror>}
 */
export async function startMirrorServing(o) {
  const { filename, path: file, sha256, size } = o.archive;
  const manifest = buildFixtureManifest({
    upTo: o.upTo,
    files: { [o.version]: [{ os: o.os, arch: o.arch, filename, sha256, size }] }
  });
  const mirror = await startMirror({ manifest, vulnDir: o.vulnDir });
  mirror.addFile(filename, file);
  return mirror;
}
