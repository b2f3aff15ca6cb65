import { createHash } from 'node:crypto';
import {
  decodeTelemetryState,
  encodeTelemetryState,
  parentContext,
  type TelemetryState
} from '../../src/telemetry/trace-context.js';

const hex = (s: string) => createHash('sha256').update(s).digest('hex');
const random = (n: number) => Uint8Array.from({ length: n }, (_, i) => i + 1);
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

describe('parentContext', () => {
  test.each([
    {
      name: 'a TRACEPARENT wins over the run',
      vars: { traceparent: `00-${TRACE}-${SPAN}-01`, tracestate: 'vendor=x', runId: '77', runAttempt: '1' },
      want: { traceId: TRACE, parentSpanId: SPAN, sampled: true, traceState: 'vendor=x', origin: 'traceparent' }
    },
    {
      name: 'a TRACEPARENT that says not sampled',
      vars: { traceparent: `00-${TRACE}-${SPAN}-00` },
      want: { traceId: TRACE, parentSpanId: SPAN, sampled: false, origin: 'traceparent' }
    },
    {
      name: 'on a runner: the receiver trace, under the run root span',
      vars: { runId: '987654321', runAttempt: '3' },
      want: {
        traceId: hex('9876543213t').slice(0, 32),
        parentSpanId: hex('9876543213s').slice(16, 32),
        sampled: true,
        origin: 'github-run'
      }
    },
    {
      name: 'an invalid TRACEPARENT is ignored (and said so): the run trace',
      vars: { traceparent: 'garbage', runId: '5', runAttempt: '1' },
      want: {
        traceId: hex('51t').slice(0, 32),
        parentSpanId: hex('51s').slice(16, 32),
        sampled: true,
        origin: 'github-run',
        invalidTraceparent: true
      }
    },
    {
      name: 'outside a runner: a new trace without a parent',
      vars: {},
      want: { traceId: '0102030405060708090a0b0c0d0e0f10', sampled: true, origin: 'new' }
    },
    {
      name: 'a run id that is not a number (a test harness): a new trace',
      vars: { runId: 'run1', runAttempt: '1' },
      want: { traceId: '0102030405060708090a0b0c0d0e0f10', sampled: true, origin: 'new' }
    },
    {
      name: 'a TRACESTATE longer than 512 characters is not passed along',
      vars: { traceparent: `00-${TRACE}-${SPAN}-01`, tracestate: `k=${'v'.repeat(600)}` },
      want: { traceId: TRACE, parentSpanId: SPAN, sampled: true, origin: 'traceparent' }
    }
  ])('$name', ({ vars, want }) => {
    expect(parentContext(vars, random)).toEqual(want);
  });
});

describe('the state handed to the post step', () => {
  const state: TelemetryState = {
    v: 1,
    traceId: TRACE,
    parentSpanId: SPAN,
    sampled: true,
    traceState: 'a=b',
    mainSpanId: 'aaaaaaaaaaaaaaaa'
  };
  test('round trip', () => {
    expect(decodeTelemetryState(encodeTelemetryState(state))).toEqual(state);
    const { parentSpanId: _p, traceState: _t, ...minimal } = state;
    expect(decodeTelemetryState(encodeTelemetryState(minimal))).toEqual(minimal);
  });
  test.each([
    ['empty', ''],
    ['not JSON', '{'],
    ['another version', JSON.stringify({ ...state, v: 2 })],
    ['a bad trace id', JSON.stringify({ ...state, traceId: 'xyz' })],
    ['a bad main span id', JSON.stringify({ ...state, mainSpanId: TRACE })],
    ['a bad parent', JSON.stringify({ ...state, parentSpanId: 12 })],
    ['no sampled flag', JSON.stringify({ ...state, sampled: undefined })],
    ['an array', '[]']
  ])('not ours: %s', (_name, text) => {
    expect(decodeTelemetryState(text)).toBeUndefined();
  });
});
