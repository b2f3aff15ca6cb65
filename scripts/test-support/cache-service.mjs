// A local stand-in for the GitHub Actions cache service (v2), enough to drive the real
// @actions/cache end to end: the Twirp JSON routes of github.actions.results.api.v1.CacheService
// and path-style blob PUT/GET (single shot, or blocks + block list as @azure/storage-blob sends
// them above 128 MiB). Listens on 127.0.0.1 port 0. Entries live in memory.
import { createServer } from 'node:http';

const TWIRP = '/twirp/github.actions.results.api.v1.CacheService/';

/**
 * @typedef {{ key: string, version: string, data?: Buffer, blocks: Map<string, Buffer>, finalized: boolean, created: number }} Entry
 * @typedef {{ method: string, path: string, status: number }} ServiceRequest
 */

/**
 * Starts the service. `env` is what a runner gives a step: ACTIONS_RESULTS_URL, ACTIONS_RUNTIME_TOKEN,
 * ACTIONS_CACHE_SERVICE_V2.
 * @param {{ token?: string }} [opts]
 */
export async function startCacheService(opts = {}) {
  const token = opts.token ?? 'stand-in-runtime-token';
  /** @type {Map<string, Entry>} by blob id */
  const blobs = new Map();
  /** @type {ServiceRequest[]} */
  const requests = [];
  let seq = 0;
  let base = '';

  /** @param {string} key @param {string} version */
  const find = (key, version) => [...blobs.values()].find((e) => e.key === key && e.version === version);
  /** @param {import('node:http').ServerResponse} res @param {number} code @param {unknown} body */
  const json = (res, code, body) => {
    const text = JSON.stringify(body);
    res.writeHead(code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  /** @type {Record<string, (b: any) => [number, unknown]>} */
  const routes = {
    CreateCacheEntry({ key, version }) {
      if (find(key, version)) return [409, { code: 'already_exists', msg: 'cache entry already exists' }];
      const id = `e${++seq}`;
      blobs.set(id, { key, version, blocks: new Map(), finalized: false, created: seq });
      return [200, { ok: true, signed_upload_url: `${base}/devstoreaccount1/cache/${id}?sig=stand-in` }];
    },
    FinalizeCacheEntryUpload({ key, version, size_bytes }) {
      const e = find(key, version);
      if (!e?.data || String(e.data.length) !== String(size_bytes)) return [200, { ok: false, entry_id: '0' }];
      e.finalized = true;
      return [200, { ok: true, entry_id: String(e.created) }];
    },
    GetCacheEntryDownloadURL({ key, restore_keys = [], version }) {
      const done = [...blobs.entries()].filter(([, e]) => e.finalized && e.version === version);
      const newest = (/** @type {(k: string) => boolean} */ match) =>
        done.filter(([, e]) => match(e.key)).sort((a, b) => b[1].created - a[1].created)[0];
      let hit = newest((k) => k === key);
      for (const prefix of restore_keys) hit ??= newest((k) => k.startsWith(prefix));
      if (!hit) return [200, { ok: false, signed_download_url: '', matched_key: '' }];
      return [
        200,
        { ok: true, signed_download_url: `${base}/devstoreaccount1/cache/${hit[0]}`, matched_key: hit[1].key }
      ];
    }
  };

  const server = createServer((req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', base);
      const done = (/** @type {number} */ code, /** @type {unknown} */ payload) => {
        requests.push({ method: req.method ?? '', path: url.pathname + url.search, status: code });
        if (payload instanceof Buffer) {
          res.writeHead(code, { 'content-type': 'application/octet-stream', 'content-length': payload.length });
          res.end(payload);
        } else if (code === 201) {
          res.writeHead(201, { etag: `"${seq}"`, 'last-modified': new Date().toUTCString(), 'content-length': 0 });
          res.end();
        } else json(res, code, payload);
      };
      if (url.pathname.startsWith(TWIRP) && req.method === 'POST') {
        if (req.headers.authorization !== `Bearer ${token}`)
          return done(401, { code: 'unauthenticated', msg: 'bad token' });
        const route = routes[url.pathname.slice(TWIRP.length)];
        if (!route) return done(404, { code: 'bad_route', msg: url.pathname });
        const [code, payload] = route(JSON.parse(body.toString('utf8') || '{}'));
        return done(code, payload);
      }
      const blob = /^\/devstoreaccount1\/cache\/(e\d+)$/.exec(url.pathname);
      const entry = blob ? blobs.get(blob[1]) : undefined;
      if (!entry) return done(404, { code: 'not_found', msg: url.pathname });
      if (req.method === 'GET' && entry.finalized && entry.data) return done(200, entry.data);
      if (req.method !== 'PUT' || entry.finalized) return done(405, { code: 'method', msg: String(req.method) });
      const comp = url.searchParams.get('comp');
      if (comp === 'block') entry.blocks.set(url.searchParams.get('blockid') ?? '', body);
      else if (comp === 'blocklist') {
        const ids = [...body.toString('utf8').matchAll(/<Latest>([^<]*)<\/Latest>/g)].map((m) => m[1]);
        entry.data = Buffer.concat(ids.map((id) => entry.blocks.get(id) ?? Buffer.alloc(0)));
        entry.blocks.clear();
      } else entry.data = body;
      return done(201, undefined);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  base = `http://127.0.0.1:${address.port}`;

  return {
    url: base,
    requests,
    /** the step environment that points @actions/cache at this service */
    env: { ACTIONS_CACHE_SERVICE_V2: 'true', ACTIONS_RESULTS_URL: `${base}/`, ACTIONS_RUNTIME_TOKEN: token },
    /** finalized entries, oldest first */
    entries: () =>
      [...blobs.values()]
        .filter((e) => e.finalized)
        .map((e) => ({ key: e.key, version: e.version, size: e.data?.length ?? 0 })),
    /** the stored archive of the newest finalized entry with `key` */
    blob: (/** @type {string} */ key) =>
      [...blobs.values()].filter((e) => e.finalized && e.key === key).sort((a, b) => b.created - a.created)[0]?.data,
    /** forgets every entry (a new repository, or caches evicted) */
    clear: () => blobs.clear(),
    close: async () => {
      const closed = new Promise((resolve) => server.close(() => resolve(undefined)));
      server.closeAllConnections();
      await closed;
    }
  };
}
