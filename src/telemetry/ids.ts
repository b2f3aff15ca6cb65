/**
 * Trace and span ids: the OpenTelemetry Collector's GitHub receiver's deterministic ids of a
 * workflow run (receiver/githubreceiver/trace_event_handling.go), W3C Trace Context's traceparent
 * (https://www.w3.org/TR/trace-context/#traceparent-header), and random ids. Pure; the randomness
 * is the caller's.
 */
import { createHash } from 'node:crypto';

/** n random bytes (node:crypto's randomBytes in the action, a fixed sequence in tests). */
export type RandomBytes = (n: number) => Uint8Array;

const INT64_MAX = (1n << 63n) - 1n;

/** A decimal integer as Go's %d prints the int64 it parses to; undefined for anything else. */
function goInt(text: string | undefined): string | undefined {
  const t = text?.trim();
  if (!t || !/^[0-9]+$/.test(t)) return undefined;
  const n = BigInt(t);
  return n <= INT64_MAX ? n.toString() : undefined;
}

function sha256Hex(input: string): string {
  return createHash('sha256').update(input, 'utf8').digest('hex');
}

/**
 * The receiver's ids of a run: trace id = sha256("<runID><runAttempt>t") hex [0:32], the run's
 * root span id = sha256("<runID><runAttempt>s") hex [16:32]. Undefined unless both are integers
 * (GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT).
 */
export function receiverRunIds(
  runId: string | undefined,
  runAttempt: string | undefined
): { traceId: string; rootSpanId: string } | undefined {
  const id = goInt(runId);
  const attempt = goInt(runAttempt);
  if (id === undefined || attempt === undefined) return undefined;
  return {
    traceId: sha256Hex(`${id}${attempt}t`).slice(0, 32),
    rootSpanId: sha256Hex(`${id}${attempt}s`).slice(16, 32)
  };
}

export interface TraceParent {
  traceId: string;
  /** the caller's span: the parent of ours */
  spanId: string;
  /** the sampled flag (bit 0 of trace-flags) */
  sampled: boolean;
}

const HEX = /^[0-9a-f]+$/;
const allZero = (s: string): boolean => /^0+$/.test(s);

/**
 * A traceparent value as W3C Trace Context level 1 parses it: version 00 exactly
 * `00-<32 hex>-<16 hex>-<2 hex>`; a later version (not ff) at least that, and anything after the
 * flags only after a `-`. Lowercase hex only; an all-zero trace or span id is invalid.
 * Undefined when it is not valid (the trace then starts afresh, as the specification says).
 */
export function parseTraceparent(text: string | undefined): TraceParent | undefined {
  if (text === undefined) return undefined;
  const s = text.trim();
  if (s.length < 55) return undefined;
  const version = s.slice(0, 2);
  if (!HEX.test(version) || version === 'ff') return undefined;
  if (version === '00' && s.length !== 55) return undefined;
  if (s.length > 55 && s[55] !== '-') return undefined;
  if (s[2] !== '-' || s[35] !== '-' || s[52] !== '-') return undefined;
  const traceId = s.slice(3, 35);
  const spanId = s.slice(36, 52);
  const flags = s.slice(53, 55);
  if (!HEX.test(traceId) || !HEX.test(spanId) || !HEX.test(flags)) return undefined;
  if (allZero(traceId) || allZero(spanId)) return undefined;
  return { traceId, spanId, sampled: (parseInt(flags, 16) & 1) === 1 };
}

/** `00-<trace id>-<span id>-<01|00>`. */
export function formatTraceparent(traceId: string, spanId: string, sampled: boolean): string {
  return `00-${traceId}-${spanId}-${sampled ? '01' : '00'}`;
}

function randomHex(random: RandomBytes, bytes: number): string {
  // An all-zero id is invalid; drawing again is all but never needed.
  for (let i = 0; i < 8; i++) {
    const b = random(bytes);
    if (b.length !== bytes) throw new Error(`expected ${bytes} random bytes, got ${b.length}`);
    const hex = Buffer.from(b).toString('hex');
    if (!allZero(hex)) return hex;
  }
  throw new Error('the random source gives only zeros');
}

export function randomTraceId(random: RandomBytes): string {
  return randomHex(random, 16);
}

export function randomSpanId(random: RandomBytes): string {
  return randomHex(random, 8);
}
