/**
 * The OpenTelemetry project's own protobuf definitions, as @opentelemetry/otlp-transformer ships
 * them (protobufjs static code generated from opentelemetry-proto), to decode what the exporter
 * sends: the protobuf bodies with `decode`, the JSON bodies through the OTLP JSON mapping (hex ids,
 * integer enums, 64-bit integers as strings) with a walk of every key against the generated message
 * types, `fromObject`, `verify` and a round trip. Shared by the unit tests and the end-to-end test.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A generated message class (protobufjs static code), as the tests use it. */
export interface MessageType {
  name: string;
  prototype: object;
  decode(bytes: Uint8Array): object;
  fromObject(o: object): object;
  toObject(m: object, opts?: object): unknown;
  verify(o: object): string | null;
}

// The decoded shapes: what toObject gives with AS_JSON below (defaults left out).
export interface KeyValue {
  key: string;
  value: Record<string, unknown>;
}
export interface DecodedSpan {
  traceId: string;
  spanId: string;
  traceState?: string;
  parentSpanId?: string;
  name: string;
  kind?: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes?: KeyValue[];
  events?: { timeUnixNano: string; name: string; attributes?: KeyValue[] }[];
  droppedEventsCount?: number;
  links?: { traceId: string; spanId: string; attributes?: KeyValue[] }[];
  status: { code?: number; message?: string };
}
export interface DecodedTraces {
  resourceSpans: {
    resource: { attributes?: KeyValue[] };
    scopeSpans: { scope: { name?: string; version?: string }; spans: DecodedSpan[] }[];
  }[];
}
export interface DecodedPoint {
  attributes?: KeyValue[];
  startTimeUnixNano: string;
  timeUnixNano: string;
  asInt: string;
}
export interface DecodedMetric {
  name: string;
  description?: string;
  unit?: string;
  sum: { dataPoints: DecodedPoint[]; aggregationTemporality: number; isMonotonic?: boolean };
}
export interface DecodedMetrics {
  resourceMetrics: {
    resource: { attributes?: KeyValue[] };
    scopeMetrics: { scope: { name?: string; version?: string }; metrics: DecodedMetric[] }[];
  }[];
}

interface Root {
  opentelemetry: {
    proto: {
      collector: {
        trace: { v1: { ExportTraceServiceRequest: MessageType } };
        metrics: { v1: { ExportMetricsServiceRequest: MessageType } };
      };
    };
  };
}
const root = require('@opentelemetry/otlp-transformer/build/src/generated/root.js') as Root;
const collector = root.opentelemetry.proto.collector;

export const ExportTraceServiceRequest = collector.trace.v1.ExportTraceServiceRequest;
export const ExportMetricsServiceRequest = collector.metrics.v1.ExportMetricsServiceRequest;

/** toObject options: 64-bit integers as decimal strings, enums as numbers, bytes as Buffers, no defaults. */
const AS_JSON = { longs: String, enums: Number, defaults: false, arrays: false, objects: false, oneofs: false };

const ID_KEYS = new Set(['traceId', 'spanId', 'parentSpanId']);

const isRecord = (o: unknown): o is Record<string, unknown> =>
  typeof o === 'object' && o !== null && !Array.isArray(o) && !(o instanceof Uint8Array);

/** Buffers of the id fields -> lowercase hex, everywhere in the object. */
function hexIds(o: unknown): unknown {
  if (Array.isArray(o)) return o.map(hexIds);
  if (!isRecord(o)) return o;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    out[k] = ID_KEYS.has(k) && v instanceof Uint8Array ? Buffer.from(v).toString('hex') : hexIds(v);
  }
  return out;
}

/** The JSON mapping's hex ids -> bytes, as fromObject takes them (it reads strings as base64). */
function idBytes(o: unknown, path: string): unknown {
  if (Array.isArray(o)) return o.map((v, i) => idBytes(v, `${path}[${i}]`));
  if (!isRecord(o)) return o;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (!ID_KEYS.has(k)) {
      out[k] = idBytes(v, `${path}.${k}`);
      continue;
    }
    const len = k === 'traceId' ? 32 : 16;
    if (typeof v !== 'string' || !new RegExp(`^[0-9a-f]{${len}}$`).test(v)) {
      throw new Error(`${path}.${k}: expected ${len} lowercase hex digits, got ${JSON.stringify(v)}`);
    }
    out[k] = Buffer.from(v, 'hex');
  }
  return out;
}

function decodeBody(type: MessageType, body: Uint8Array): unknown {
  const msg = type.decode(body);
  const err = type.verify(msg);
  if (err) throw new Error(`${type.name}: ${err}`);
  return hexIds(type.toObject(msg, AS_JSON));
}

function isField(type: MessageType, key: string): boolean {
  return (
    Object.prototype.hasOwnProperty.call(type.prototype, key) &&
    typeof (type.prototype as Record<string, unknown>)[key] !== 'function'
  );
}

/** The generated class of the message field `key` of `type` (found by what fromObject builds). */
function fieldType(type: MessageType, key: string, repeated: boolean): MessageType | undefined {
  const m = type.fromObject({ [key]: repeated ? [{}] : {} }) as Record<string, unknown>;
  const field = m[key];
  const v: unknown = repeated && Array.isArray(field) ? field[0] : field;
  return isRecord(v) ? (v.constructor as unknown as MessageType) : undefined;
}

/**
 * Every key of the JSON is a field of the generated message type it is in, recursively: a misspelt
 * field fails here (fromObject alone would drop it silently). Returns the keys checked.
 */
export function assertKnownFields(type: MessageType, json: unknown, path = type.name): string[] {
  const checked: string[] = [];
  if (!isRecord(json)) throw new Error(`${path}: expected an object`);
  for (const [key, value] of Object.entries(json)) {
    if (!isField(type, key)) throw new Error(`${path}.${key}: no such field in ${type.name}`);
    checked.push(`${path}.${key}`);
    if (Array.isArray(value)) {
      const child = value.some(isRecord) ? fieldType(type, key, true) : undefined;
      if (child) value.forEach((v, i) => checked.push(...assertKnownFields(child, v, `${path}.${key}[${i}]`)));
    } else if (isRecord(value)) {
      const child = fieldType(type, key, false);
      if (!child) throw new Error(`${path}.${key}: an object where ${type.name} has no message field`);
      checked.push(...assertKnownFields(child, value, `${path}.${key}`));
    }
  }
  return checked;
}

/** Keys sorted, empty lists left out (toObject lists no empty repeated field; a sender may). */
function canonical(o: unknown): unknown {
  if (Array.isArray(o)) return o.map(canonical);
  if (!isRecord(o)) return o;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) {
    const v = o[k];
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = canonical(v);
  }
  return out;
}

/**
 * An OTLP/JSON body -> the same plain object as the protobuf decoding: every key checked against
 * the definitions, ids checked as hex, then fromObject + verify, and a round trip (toObject) that
 * must give back what was sent (so no value was dropped or changed by the definitions).
 */
function decodeJsonBody(type: MessageType, body: Uint8Array | string): unknown {
  const json: unknown = JSON.parse(typeof body === 'string' ? body : Buffer.from(body).toString('utf8'));
  assertKnownFields(type, json);
  const msg = type.fromObject(idBytes(json, type.name) as object);
  const err = type.verify(msg);
  if (err) throw new Error(`${type.name}: ${err}`);
  const back = hexIds(type.toObject(msg, AS_JSON));
  const sent = JSON.stringify(canonical(json));
  const round = JSON.stringify(canonical(back));
  if (round !== sent) throw new Error(`${type.name}: the round trip differs:\nsent  ${sent}\nback  ${round}`);
  return back;
}

export type Encoding = 'protobuf' | 'json';

/** An ExportTraceServiceRequest body, decoded with the definitions. */
export function decodeTraces(body: Uint8Array | string, encoding: Encoding = 'protobuf'): DecodedTraces {
  const t = ExportTraceServiceRequest;
  return (encoding === 'json' ? decodeJsonBody(t, body) : decodeBody(t, body as Uint8Array)) as DecodedTraces;
}

/** An ExportMetricsServiceRequest body, decoded with the definitions. */
export function decodeMetrics(body: Uint8Array | string, encoding: Encoding = 'protobuf'): DecodedMetrics {
  const t = ExportMetricsServiceRequest;
  return (encoding === 'json' ? decodeJsonBody(t, body) : decodeBody(t, body as Uint8Array)) as DecodedMetrics;
}

/** An attribute list (KeyValue[]) -> { key: value } with OTLP's AnyValue unwrapped (ints as numbers). */
export function attributeMap(list: KeyValue[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of list ?? []) {
    const v = kv.value ?? {};
    if ('stringValue' in v) out[kv.key] = v.stringValue;
    else if ('boolValue' in v) out[kv.key] = v.boolValue;
    else if ('intValue' in v) out[kv.key] = Number(v.intValue);
    else if ('doubleValue' in v) out[kv.key] = v.doubleValue;
    else out[kv.key] = v;
  }
  return out;
}

/** Sets the value at `path` of a parsed JSON object (to spoil a body in a test). */
export function setPath(o: unknown, path: (string | number)[], value: unknown): void {
  let cur: unknown = o;
  for (const p of path.slice(0, -1)) cur = (cur as Record<string | number, unknown>)[p];
  (cur as Record<string | number, unknown>)[path[path.length - 1]] = value;
}
