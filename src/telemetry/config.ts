/**
 * The OTLP exporter's environment variables -> what to send where (pure). As the OpenTelemetry
 * specification defines them (sdk-environment-variables.md, protocol/exporter.md):
 * - OTEL_EXPORTER_OTLP_ENDPOINT gets `v1/traces` and `v1/metrics` appended to its path; the
 *   per-signal OTEL_EXPORTER_OTLP_TRACES_ENDPOINT / _METRICS_ENDPOINT are used as they are, and
 *   a signal without an endpoint is not sent;
 * - OTEL_EXPORTER_OTLP_HEADERS (and _TRACES_ / _METRICS_, which win per key): `k=v,k2=v2`,
 *   values percent-decoded;
 * - OTEL_EXPORTER_OTLP_PROTOCOL (and per signal): `http/protobuf` (the default) or `http/json`;
 * - OTEL_EXPORTER_OTLP_COMPRESSION (and per signal): `gzip` or `none` (the default);
 * - OTEL_EXPORTER_OTLP_TIMEOUT (and per signal): milliseconds, capped at MAX_TIMEOUT_MS here so
 *   that a slow collector never holds the step long;
 * - OTEL_TRACES_EXPORTER / OTEL_METRICS_EXPORTER: a list without `otlp` (`none`) turns a signal off;
 * - OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: `delta` (the default here, see
 *   docs/telemetry.md), `cumulative`, `lowmemory` (delta for counters);
 * - OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (`k=v,...`, percent-decoded);
 * - OTEL_SDK_DISABLED=true: nothing at all.
 * A malformed value makes the whole export `invalid`: one warning naming the variable (never its
 * value), nothing sent. Header values and URL passwords are listed as secrets in every outcome, so
 * the caller masks them before anything could print them.
 */
import type { Attributes, Temporality } from './model.js';
import { parseUrl } from '../url.js';

export type Protocol = 'http/protobuf' | 'http/json';
export type Compression = 'gzip' | 'none';
export type Signal = 'traces' | 'metrics';

/** The spec's default timeout per export. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** The longest one signal's export may take (both are sent at the same time). */
export const MAX_TIMEOUT_MS = 3_000;

export interface SignalConfig {
  /** where the signal is POSTed */
  url: string;
  protocol: Protocol;
  /** header name (as given) -> value (decoded) */
  headers: Record<string, string>;
  compression: Compression;
  /** the export's time limit, at most MAX_TIMEOUT_MS */
  timeoutMs: number;
}

export interface TelemetryConfig {
  traces?: SignalConfig;
  metrics?: SignalConfig;
  /** OTEL_SERVICE_NAME, when set */
  serviceName?: string;
  /** OTEL_RESOURCE_ATTRIBUTES, decoded */
  resource: Attributes;
  temporality: Temporality;
}

export type ConfigResult =
  | { kind: 'off' }
  | { kind: 'invalid'; variable: string; reason: string; secrets: string[] }
  | { kind: 'on'; config: TelemetryConfig; secrets: string[] };

type Env = Readonly<Record<string, string | undefined>>;

/** A malformed value, by the variable that holds it. */
class Malformed extends Error {
  constructor(
    readonly variable: string,
    readonly reason: string
  ) {
    super(`${variable}: ${reason}`);
  }
}

const PREFIX = 'OTEL_EXPORTER_OTLP_';
const SIGNAL_NAME: Record<Signal, string> = { traces: 'TRACES', metrics: 'METRICS' };

function value(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

/** The per-signal variable when set, else the generic one: [variable name, value]. */
function perSignal(env: Env, signal: Signal, suffix: string): [string, string] | undefined {
  const specific = `${PREFIX}${SIGNAL_NAME[signal]}_${suffix}`;
  const generic = `${PREFIX}${suffix}`;
  const s = value(env, specific);
  if (s !== undefined) return [specific, s];
  const g = value(env, generic);
  return g !== undefined ? [generic, g] : undefined;
}

function decode(variable: string, text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new Malformed(variable, `${what} is not valid percent-encoding`);
  }
}

/** RFC 9110 token: what a header name may be. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** What Node accepts in a header value: tab, visible ASCII, space, and Latin-1. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * `k=v,k2=v2` (OTEL_EXPORTER_OTLP_HEADERS, OTEL_RESOURCE_ATTRIBUTES): keys and values trimmed,
 * values percent-decoded; empty entries skipped. Throws Malformed naming `variable`.
 */
export function parseKeyValues(variable: string, text: string, isHeader: boolean): [string, string][] {
  const out: [string, string][] = [];
  const entries = text.split(',');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i].trim();
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    const n = i + 1;
    if (eq <= 0) throw new Malformed(variable, `entry ${n} is not key=value`);
    const key = decode(variable, entry.slice(0, eq).trim(), `the key of entry ${n}`);
    const v = decode(variable, entry.slice(eq + 1).trim(), `the value of entry ${n}`);
    if (key === '') throw new Malformed(variable, `entry ${n} has an empty key`);
    if (isHeader && !TOKEN.test(key)) throw new Malformed(variable, `entry ${n} is not a valid header name`);
    if (isHeader && !HEADER_VALUE.test(v)) {
      throw new Malformed(variable, `the value of entry ${n} has characters a header cannot carry`);
    }
    out.push([key, v]);
  }
  return out;
}

/**
 * Values shorter than this are not masked: no credential is that short, and a mask of "1" (a
 * tenant id, say) would star every 1 in the rest of the job's log (@actions/toolkit's advice).
 */
export const MIN_MASKED = 4;

/**
 * Every value a header variable may hold, decoded and raw, well formed or not, and the user name
 * and password of any endpoint URL: what must be masked before anything is logged.
 */
export function secretsOf(env: Env): string[] {
  const out = new Set<string>();
  const add = (s: string): void => {
    const t = s.trim();
    if (t.length < MIN_MASKED) return;
    out.add(t);
    // "Bearer <token>", "Basic <credentials>": the credential alone as well.
    const parts = t.split(/\s+/);
    if (parts.length === 2 && parts[1].length >= MIN_MASKED) out.add(parts[1]);
  };
  for (const signal of ['', 'TRACES_', 'METRICS_']) {
    const text = env[`${PREFIX}${signal}HEADERS`];
    if (text) {
      for (const entry of text.split(',')) {
        const eq = entry.indexOf('=');
        if (eq < 0) continue;
        const raw = entry.slice(eq + 1);
        add(raw);
        add(decoded(raw.trim()));
      }
    }
    // an endpoint that is not a URL is reported as malformed, never printed
    const endpoint = parseUrl(env[`${PREFIX}${signal}ENDPOINT`]?.trim() ?? '');
    for (const part of endpoint ? [endpoint.username, endpoint.password].filter(Boolean) : []) {
      add(part);
      add(decoded(part));
    }
  }
  return [...out];
}

function endpointOf(env: Env, signal: Signal): string | undefined {
  const specific = `${PREFIX}${SIGNAL_NAME[signal]}_ENDPOINT`;
  const generic = `${PREFIX}ENDPOINT`;
  const s = value(env, specific);
  const g = s === undefined ? value(env, generic) : undefined;
  const variable = s !== undefined ? specific : generic;
  const text = s ?? g;
  if (text === undefined) return undefined;
  const u = parseUrl(text);
  if (!u) throw new Malformed(variable, 'not a URL');
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new Malformed(variable, 'not an http:// or https:// URL');
  }
  // The generic endpoint is a base: the signal's path is appended ("with a / in between").
  if (s === undefined) u.pathname = `${u.pathname.replace(/\/+$/, '')}/v1/${signal}`;
  return u.href;
}

function protocolOf(env: Env, signal: Signal): Protocol {
  const p = perSignal(env, signal, 'PROTOCOL');
  if (!p) return 'http/protobuf';
  const [variable, v] = p;
  if (v === 'http/protobuf' || v === 'http/json') return v;
  if (v === 'grpc') throw new Malformed(variable, 'grpc is not supported (http/protobuf or http/json)');
  throw new Malformed(variable, 'neither http/protobuf nor http/json');
}

function compressionOf(env: Env, signal: Signal): Compression {
  const c = perSignal(env, signal, 'COMPRESSION');
  if (!c) return 'none';
  const v = c[1].toLowerCase();
  if (v === 'gzip' || v === 'none') return v;
  throw new Malformed(c[0], 'neither gzip nor none');
}

function timeoutOf(env: Env, signal: Signal): number {
  const t = perSignal(env, signal, 'TIMEOUT');
  const ms = t ? Number(t[1]) : DEFAULT_TIMEOUT_MS;
  if (t && (!/^[0-9]+$/.test(t[1]) || ms <= 0)) throw new Malformed(t[0], 'not a positive number of milliseconds');
  return Math.min(ms, MAX_TIMEOUT_MS);
}

function headersOf(env: Env, signal: Signal): Record<string, string> {
  const out: Record<string, string> = {};
  // The generic headers first; the signal's own win for the same (case-insensitive) name.
  for (const variable of [`${PREFIX}HEADERS`, `${PREFIX}${SIGNAL_NAME[signal]}_HEADERS`]) {
    const text = value(env, variable);
    if (text === undefined) continue;
    for (const [k, v] of parseKeyValues(variable, text, true)) {
      for (const existing of Object.keys(out)) if (existing.toLowerCase() === k.toLowerCase()) delete out[existing];
      out[k] = v;
    }
  }
  return out;
}

/**
 * OTEL_TRACES_EXPORTER / OTEL_METRICS_EXPORTER: the signal is sent when the list names `otlp` (or
 * is unset); `none`, or only exporters this action does not have (prometheus, console, zipkin), turn
 * it off.
 */
function exporterOn(env: Env, signal: Signal): boolean {
  const v = value(env, `OTEL_${SIGNAL_NAME[signal]}_EXPORTER`);
  if (v === undefined) return true;
  return v
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .includes('otlp');
}

function signalConfig(env: Env, signal: Signal): SignalConfig | undefined {
  if (!exporterOn(env, signal)) return undefined;
  const url = endpointOf(env, signal);
  if (url === undefined) return undefined;
  return {
    url,
    protocol: protocolOf(env, signal),
    headers: headersOf(env, signal),
    compression: compressionOf(env, signal),
    timeoutMs: timeoutOf(env, signal)
  };
}

function temporalityOf(env: Env): Temporality {
  const variable = `${PREFIX}METRICS_TEMPORALITY_PREFERENCE`;
  const v = value(env, variable)?.toLowerCase();
  if (v === undefined || v === 'delta' || v === 'lowmemory') return 'delta';
  if (v === 'cumulative') return 'cumulative';
  throw new Malformed(variable, 'none of cumulative, delta, lowmemory');
}

function resourceOf(env: Env): Attributes {
  const text = value(env, 'OTEL_RESOURCE_ATTRIBUTES');
  return text === undefined ? {} : Object.fromEntries(parseKeyValues('OTEL_RESOURCE_ATTRIBUTES', text, false));
}

/** The environment -> off, invalid (which variable, why), or what to send where. */
export function readTelemetryConfig(env: Env): ConfigResult {
  if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true') return { kind: 'off' };
  const secrets = secretsOf(env);
  try {
    const traces = signalConfig(env, 'traces');
    const metrics = signalConfig(env, 'metrics');
    if (!traces && !metrics) return { kind: 'off' };
    const config: TelemetryConfig = {
      resource: resourceOf(env),
      temporality: temporalityOf(env)
    };
    if (traces) config.traces = traces;
    if (metrics) config.metrics = metrics;
    const serviceName = value(env, 'OTEL_SERVICE_NAME');
    if (serviceName !== undefined) config.serviceName = serviceName;
    return { kind: 'on', config, secrets };
  } catch (e) {
    if (e instanceof Malformed) return { kind: 'invalid', variable: e.variable, reason: e.reason, secrets };
    throw e;
  }
}

/** Percent-decoded `s`, or `s` itself when it is not valid percent-encoding (then the raw value is masked). */
function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
