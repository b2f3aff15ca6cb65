/**
 * Every HTTP(S) and file:// read of the action: JSON documents (release manifest, vulnerability
 * database) and streamed downloads, with bounded retries, idle timeouts, redirects, proxy support
 * (HTTP(S)_PROXY / NO_PROXY as @actions/http-client reads them) and a token sent only to GitHub hosts.
 *
 * Mirrors given as `file:///folder` or a plain local folder serve files from that folder; their
 * manifest is `<folder>/manifest.json` (see manifestUrl).
 */
import * as fs from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { PassThrough, type Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import * as zlib from 'node:zlib';
import * as nodeHttp from 'node:http';
import * as nodeHttps from 'node:https';
import type { ProxyAgent } from 'undici';
import { getProxyUrl } from '@actions/http-client/lib/proxy';
import { InputError, UserError } from '../errors.js';
import { TooLongError, readAll } from './read-all.js';
import { isTransientError, retryPolicy, retrying, type GiveUp, type RetryPolicy } from './retry.js';
import { parseUrl } from '../url.js';

export const USER_AGENT = 'setup-go-enforced';

const MAX_REDIRECTS = 10;
/** fetchJson refuses bodies larger than this. */
const MAX_JSON_BYTES = 256 * 1024 * 1024;

/** A download or fetch that failed for good: one line for the log. */
export class HttpError extends UserError {
  constructor(
    message: string,
    readonly url: string,
    readonly status?: number,
    readonly tries = 1,
    /** true when trying the whole transfer again may help (transport errors, cut-off bodies) */
    readonly transient = false
  ) {
    super(message);
  }
}

/** An answer that is not JSON where JSON was asked for (a mirror without a listing, say). */
export class NotJsonError extends HttpError {}

/** A response body that broke off; `reason` is the cause without the "could not download" prefix. */
export class BodyError extends HttpError {
  constructor(
    readonly reason: string,
    url: string,
    what: string
  ) {
    super(`could not download ${what} from ${url}: ${reason}`, url, undefined, 1, true);
  }
}

export interface FetchOptions {
  /** what is fetched, for messages: "the Go release manifest", "go1.22.3.linux-amd64.tar.gz" */
  what?: string;
  headers?: Record<string, string>;
  /** tries, budget, backoff and idle timeout (DEFAULT_RETRY of system/retry.ts for absent fields) */
  retry?: Partial<RetryPolicy>;
}

export interface OpenedStream {
  stream: NodeJS.ReadableStream & Readable;
  contentLength?: number;
  finalUrl: string;
}

// ---------------------------------------------------------------------------------------------
// Pure helpers

const GITHUB_HOSTS = ['github.com', 'raw.githubusercontent.com', 'objects.githubusercontent.com'];

/** The go-download-token and the mirror (go-download-base-url) it belongs to. */
export interface MirrorAuth {
  baseUrl: string;
  token: string;
}

/**
 * The mirror's `Authorization` for a URL on the mirror's own scheme, host and port: the token as
 * given when it names its scheme ("Basic ...", "Bearer ..."), else `Bearer <token>`; undefined
 * for any other URL and when there is no token.
 */
function mirrorAuthorization(url: string, mirror: MirrorAuth | undefined): string | undefined {
  const token = mirror?.token.trim();
  if (!token) return undefined;
  const u = parseUrl(url);
  const b = parseUrl(mirror!.baseUrl);
  if (!u || !b || !/^https?:$/.test(u.protocol) || u.protocol !== b.protocol) return undefined;
  if (u.host.toLowerCase() !== b.host.toLowerCase()) return undefined;
  return /\s/.test(token) ? token : `Bearer ${token}`;
}

/**
 * `Authorization: token <t>` for GitHub hosts only (github.com, *.github.com, *.githubusercontent.com
 * over https, and the host of `githubServerUrl` for GitHub Enterprise Server); `{}` for every other
 * host (go.dev, dl.google.com, mirrors) and when there is no token. A URL on the mirror's host gets
 * the mirror's go-download-token instead (see mirrorAuthorization), and never `token`.
 */
export function authHeaders(
  url: string,
  token: string | undefined,
  githubServerUrl?: string,
  mirror?: MirrorAuth
): Record<string, string> {
  const forMirror = mirrorAuthorization(url, mirror);
  if (forMirror) return { Authorization: forMirror };
  if (!token) return {};
  const u = parseUrl(url);
  if (!u) return {};
  const host = u.hostname.toLowerCase();
  const isGithub =
    u.protocol === 'https:' &&
    (GITHUB_HOSTS.includes(host) || host.endsWith('.github.com') || host.endsWith('.githubusercontent.com'));
  const s = githubServerUrl ? parseUrl(githubServerUrl) : undefined;
  const isGhes = s !== undefined && s.host.toLowerCase() === u.host.toLowerCase() && s.protocol === u.protocol;
  return isGithub || isGhes ? { Authorization: `token ${token}` } : {};
}

/** Retry-After header (seconds or HTTP date) in ms from `nowMs`; undefined if absent or malformed. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^[0-9]+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, t - nowMs);
}

function isHttpUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

function isFileUrl(url: string): boolean {
  return /^file:/i.test(url);
}

/** A path of the local file system ("/mnt/mirror", "C:\\mirror", "./mirror", "\\\\server\\share"). */
function isPlainPath(url: string): boolean {
  return !/^[a-z][a-z0-9+.-]+:/i.test(url);
}

/**
 * The local path a `file://` URL or plain path names; undefined for http(s) URLs.
 * Throws InputError for other schemes or file URLs that name no local path.
 */
export function localPathOf(url: string): string | undefined {
  if (isHttpUrl(url)) return undefined;
  if (isFileUrl(url)) {
    try {
      return fileURLToPath(url);
    } catch (e) {
      throw new InputError(`${url} is not a usable file:// URL: ${(e as Error).message}`);
    }
  }
  if (isPlainPath(url)) return url;
  throw new InputError(`unsupported URL ${url}: expected https://, http://, file:// or a local folder`);
}

/** `base` + "/" + `name`, for https/http/file URLs (name URL-encoded) and local folders. */
export function joinUrl(base: string, name: string): string {
  if (isHttpUrl(base) || isFileUrl(base)) {
    const u = base.replace(/\/+$/, '');
    return `${u}/${encodeURIComponent(name)}`;
  }
  const sep = base.includes('\\') && !base.includes('/') ? '\\' : '/';
  return `${base.replace(/[\\/]+$/, '')}${sep}${name}`;
}

/**
 * The release manifest of a download base: `<base>/?mode=json&include=all` for http(s) bases
 * (go.dev/dl and mirrors of it), `<folder>/manifest.json` for file:// and local folders.
 */
export function manifestUrl(base: string): string {
  if (isHttpUrl(base)) return `${base.replace(/\/+$/, '')}/?mode=json&include=all`;
  return joinUrl(base, 'manifest.json');
}

/**
 * Where a static mirror (a file server, an object store, a Pages site: none of them answers a query
 * string) keeps the same listing: `<base>/index.json`, as `setup-go-enforced mirror` writes it.
 * Read when the `?mode=json` listing is absent; undefined for file:// (manifest.json is the listing).
 */
export function staticListingUrl(base: string): string | undefined {
  return isHttpUrl(base) ? joinUrl(base, 'index.json') : undefined;
}

/** The file name at the end of a URL or path, for messages. */
function defaultWhat(url: string): string {
  const name = url.split(/[?#]/)[0].split('/').filter(Boolean).pop();
  if (!name) return url;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

function plural(n: number): string {
  return n === 1 ? '1 try' : `${n} tries`;
}

// ---------------------------------------------------------------------------------------------
// One try

/** Why one try failed. */
class TryFailure extends Error {
  constructor(
    readonly reason: string,
    readonly retryable: boolean,
    readonly status?: number,
    readonly retryAfterMs?: number
  ) {
    super(reason);
  }
}

function transportFailure(e: unknown): TryFailure {
  if (e instanceof TryFailure) return e;
  const err = e as NodeJS.ErrnoException;
  const code = err.code ?? '';
  const msg = err.message || String(e);
  return new TryFailure(code && !msg.includes(code) ? `${msg} (${code})` : msg, isTransientError(e));
}

/**
 * The transport. HTTP(S)_PROXY and NO_PROXY are read as @actions/http-client reads them (its
 * getProxyUrl). Without a proxy: node:http(s), one connection per request (no agent), so no idle
 * socket keeps a finished step alive. Through a proxy: undici's ProxyAgent (CONNECT for https),
 * loaded only then: loading undici and compiling its WebAssembly HTTP parser cost a warm run about
 * 80 ms and 30 MiB on Node 20 (docs/performance.md). No TCP keep-alive probes (setting them fails
 * under Wine, where the Windows suite runs).
 */
const connect = { keepAlive: false };
const proxies = new Map<string, ProxyAgent>();

async function proxyAgent(proxy: URL): Promise<ProxyAgent> {
  let agent = proxies.get(proxy.href);
  if (!agent) {
    const { ProxyAgent } = await import('undici');
    agent = new ProxyAgent({ uri: proxy.href, connect });
    proxies.set(proxy.href, agent);
  }
  return agent;
}

/** A GET straight to the server: resolves with the response once its headers arrived. */
function directGet(url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<Answer> {
  const client = url.protocol === 'https:' ? nodeHttps : nodeHttp;
  return new Promise((resolve, reject) => {
    const req = client.get(url, { headers, agent: false, signal }, (res) =>
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res })
    );
    req.on('error', reject);
  });
}

/** A GET through a proxy, with undici. */
async function proxiedGet(url: URL, proxy: URL, headers: Record<string, string>, signal: AbortSignal): Promise<Answer> {
  const { request } = await import('undici');
  const res = await request(url, {
    method: 'GET',
    headers,
    dispatcher: await proxyAgent(proxy),
    maxRedirections: 0,
    reset: true,
    signal,
    // the body's idle time is guardBody's; the headers' wait is getOnce's timer
    headersTimeout: 0,
    bodyTimeout: 0
  });
  return { status: res.statusCode, headers: res.headers, body: res.body };
}

/** A response: status, headers (lower-case names) and the body stream. */
interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Readable;
}

const header = (h: Answer['headers'], name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

/** One GET without following redirects; resolves when headers arrive or fails after timeoutMs. */
async function getOnce(url: URL, headers: Record<string, string>, timeoutMs: number): Promise<Answer> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  timer.unref();
  try {
    const all = { 'user-agent': USER_AGENT, ...headers };
    const proxy = getProxyUrl(url);
    return await (proxy ? proxiedGet(url, proxy, all, abort.signal) : directGet(url, all, abort.signal));
  } catch (e) {
    if (abort.signal.aborted) throw new TryFailure(`no response within ${timeoutMs} ms`, true);
    throw transportFailure((e as { cause?: unknown }).cause ?? e);
  } finally {
    clearTimeout(timer);
  }
}

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() !== 'authorization') out[k] = v;
  return out;
}

/** One try: GET with redirects; resolves with a 2xx response, throws TryFailure otherwise. */
async function tryGet(
  url: string,
  headers: Record<string, string>,
  timeoutMs: number
): Promise<{ res: Answer; finalUrl: string }> {
  let current = new URL(url);
  let hdrs = headers;
  const deadline = Date.now() + timeoutMs;
  for (let hop = 0; ; hop++) {
    const left = deadline - Date.now();
    if (left <= 0) throw new TryFailure(`no response within ${timeoutMs} ms`, true);
    let res: Answer;
    try {
      res = await getOnce(current, hdrs, left);
    } catch (e) {
      // the try's own budget, not what was left of it for this hop
      if (e instanceof TryFailure && e.reason.startsWith('no response within')) {
        throw new TryFailure(`no response within ${timeoutMs} ms`, true);
      }
      throw e;
    }
    const status = res.status;
    if (status >= 200 && status < 300) return { res, finalUrl: current.href };
    res.body.resume(); // discard the body of anything else
    const location = header(res.headers, 'location');
    if ([301, 302, 303, 307, 308].includes(status) && location) {
      if (hop >= MAX_REDIRECTS) throw new TryFailure(`more than ${MAX_REDIRECTS} redirects`, false);
      const next = new URL(location, current);
      if (next.protocol !== 'https:' && next.protocol !== 'http:') {
        throw new TryFailure(`redirected to unsupported URL ${next.href}`, false);
      }
      if (current.protocol === 'https:' && next.protocol === 'http:') {
        throw new TryFailure(`refusing redirect from https to ${next.href}`, false);
      }
      if (next.host !== current.host) hdrs = withoutAuthorization(hdrs);
      current = next;
      continue;
    }
    const text = `HTTP ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''}`;
    const retryable = status === 429 || status >= 500;
    const retryAfter = parseRetryAfter(header(res.headers, 'retry-after'), Date.now());
    throw new TryFailure(text, retryable, status, retryAfter);
  }
}

/**
 * Wraps a response body: errors (connection reset, body shorter than Content-Length, no bytes
 * for timeoutMs while the consumer is reading) become transient HttpErrors; destroying the
 * returned stream aborts the response.
 */
function guardBody(res: Answer, url: string, what: string, timeoutMs: number): PassThrough {
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  const body = res.body;
  const len = header(res.headers, 'content-length');
  const expected = len !== undefined ? Number(len) : undefined;
  let received = 0;
  let done = false;
  const fail = (reason: string): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    body.destroy();
    out.destroy(new BodyError(`${reason} after ${received} bytes`, url, what));
  };
  const timer = setTimeout(function idle() {
    // a paused response means the consumer is slow, not the network
    if (body.isPaused() || out.writableNeedDrain) timer.refresh();
    else fail(`no data for ${timeoutMs} ms`);
  }, timeoutMs);
  timer.unref();
  body.on('data', (b: Buffer) => {
    received += b.length;
    timer.refresh();
  });
  body.on('error', (e) => fail(`connection broke off (${e.message})`));
  body.on('end', () => {
    if (done) return;
    if (expected !== undefined && Number.isFinite(expected) && received !== expected) {
      fail(`body ended early (Content-Length ${expected})`);
      return;
    }
    done = true;
    clearTimeout(timer);
    out.end();
  });
  out.on('close', () => {
    clearTimeout(timer);
    if (!done) body.destroy();
  });
  body.pipe(out, { end: false });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Retry loop

/** Runs `attempt` under the retry policy; turns the last failure into a one-line HttpError. */
function withRetry<T>(
  url: string,
  what: string,
  policy: RetryPolicy,
  attempt: (timeoutMs: number) => Promise<T>
): Promise<T> {
  const failure = (e: unknown): TryFailure | HttpError => {
    if (e instanceof BodyError) return new TryFailure(e.reason, true);
    if (e instanceof HttpError) return e;
    return transportFailure(e);
  };
  return retrying(
    policy,
    (_n, timeoutMs) => attempt(timeoutMs),
    (e) => {
      const f = failure(e);
      return f instanceof TryFailure ? { retry: f.retryable, retryAfterMs: f.retryAfterMs } : { retry: false };
    },
    {
      giveUp: (e, tries, why: GiveUp) => {
        const f = failure(e);
        if (f instanceof HttpError) return f;
        if (f.status === 404) return new HttpError(`${what} not found at ${url} (HTTP 404)`, url, 404, tries);
        const reason =
          why.kind === 'retry-after-beyond-budget'
            ? `${f.reason}, server asks to retry after ${Math.ceil(why.retryAfterMs / 1000)} s`
            : why.kind === 'no-time-left'
              ? `${f.reason}, no time left to retry`
              : f.reason;
        return new HttpError(
          `could not download ${what} from ${url}: ${reason} (${plural(tries)})`,
          url,
          f.status,
          tries
        );
      }
    }
  );
}

// ---------------------------------------------------------------------------------------------
// Public API

function parseJson(text: string, what: string, url: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const head = text
      .replace(/^\uFEFF/, '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 60);
    throw new NotJsonError(`${what} at ${url} is not JSON: ${head}`, url);
  }
}

/** A local file that could not be read, as the HttpError a URL would give (no such file: 404). */
function localReadError(e: unknown, what: string, url: string): HttpError {
  if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
    return new HttpError(`${what} not found at ${url} (no such file)`, url, 404);
  }
  return new HttpError(`could not read ${what} from ${url}: ${(e as Error).message}`, url);
}

async function readLocal(path: string, url: string, what: string): Promise<Buffer> {
  try {
    return await fs.promises.readFile(path);
  } catch (e) {
    throw localReadError(e, what, url);
  }
}

/**
 * GETs a JSON document (or reads it from a file:// URL or local path) and parses it.
 * Retries per `retry`; 404 and other 4xx fail at once; a non-JSON body fails without retry.
 */
export async function fetchJson(url: string, opts: FetchOptions = {}): Promise<unknown> {
  const what = opts.what ?? defaultWhat(url);
  const local = localPathOf(url);
  if (local !== undefined) return parseJson((await readLocal(local, url, what)).toString('utf8'), what, url);
  const policy = retryPolicy(opts.retry);
  const body = await withRetry(url, what, policy, async (timeoutMs) => {
    const { res } = await tryGet(
      url,
      { accept: 'application/json', 'accept-encoding': 'gzip', ...(opts.headers ?? {}) },
      timeoutMs
    );
    let stream: Readable = guardBody(res, url, what, policy.timeoutMs);
    if (/^\s*gzip\s*$/i.test(header(res.headers, 'content-encoding') ?? '')) {
      const gunzip = zlib.createGunzip();
      stream.on('error', (e) => gunzip.destroy(e));
      stream = stream.pipe(gunzip);
    }
    return readAll(stream, MAX_JSON_BYTES).catch((e: unknown) => {
      // Not a transport failure: trying again would read the same too long answer.
      if (e instanceof TooLongError) throw new HttpError(`${what} at ${url} is ${e.message}`, url);
      throw e;
    });
  });
  return parseJson(body.toString('utf8'), what, url);
}

/**
 * Opens a download: retries until a 2xx response arrives (redirects followed), then returns its
 * body. The body stream errors with a transient HttpError if the connection breaks, the body is
 * shorter than its Content-Length, or no bytes arrive for timeoutMs while it is being read.
 * `file://` URLs and local paths open a file read stream.
 */
export async function openStream(url: string, opts: FetchOptions = {}): Promise<OpenedStream> {
  const what = opts.what ?? defaultWhat(url);
  const local = localPathOf(url);
  if (local !== undefined) {
    let size: number;
    try {
      size = (await fs.promises.stat(local)).size;
    } catch (e) {
      throw localReadError(e, what, url);
    }
    return { stream: fs.createReadStream(local, { highWaterMark: 1 << 20 }), contentLength: size, finalUrl: url };
  }
  const policy = retryPolicy(opts.retry);
  const { res, finalUrl } = await withRetry(url, what, policy, (timeoutMs) =>
    tryGet(url, opts.headers ?? {}, timeoutMs)
  );
  const len = header(res.headers, 'content-length');
  const contentLength = len !== undefined && /^[0-9]+$/.test(len) ? Number(len) : undefined;
  return { stream: guardBody(res, url, what, policy.timeoutMs), contentLength, finalUrl };
}
