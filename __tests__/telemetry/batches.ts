/**
 * Batches for the encoding tests: one with every edge the encoders have (negative, zero and
 * fractional numbers, false, empty and non-ASCII strings, a root span and a child, events, a link,
 * statuses), and what any OTLP decoder must read from them; and the batches of a real run.
 */
import { runFacts } from '../../src/telemetry/facts.js';
import { runMetrics } from '../../src/telemetry/metrics.js';
import type { MetricBatch, TraceBatch } from '../../src/telemetry/model.js';
import { resourceOf, scopeOf } from '../../src/telemetry/resource.js';
import type { RunSource } from '../../src/telemetry/source.js';
import { mainStepSpans } from '../../src/telemetry/spans.js';
import { FINDINGS, finishedReport } from './run-fixture.js';

export const T0 = 1_700_000_000_000;
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

export const EDGE_TRACES: TraceBatch = {
  resource: {
    'service.name': 'svc',
    'n.neg': -3,
    'n.zero': 0,
    'n.frac': 2.5,
    'b.false': false,
    's.empty': '',
    u: 'ünï ✓'
  },
  scope: { name: 'setup-go-enforced', version: '1.0.0' },
  spans: [
    {
      traceId: TRACE,
      spanId: '00f067aa0ba902b7',
      parentSpanId: '1111111111111111',
      traceState: 'vendor=a',
      name: 'child',
      kind: 'internal',
      startMs: T0,
      endMs: T0 + 1.5,
      attributes: { ok: true },
      events: [{ name: 'finding', timeMs: T0 + 1, attributes: { 'code.line.number': 3 } }],
      droppedEvents: 2,
      links: [{ traceId: TRACE, spanId: '2222222222222222', attributes: {} }],
      status: { code: 'error', message: '2 error findings' }
    },
    {
      traceId: TRACE,
      spanId: '3333333333333333',
      name: 'root',
      kind: 'server',
      startMs: T0,
      endMs: T0,
      attributes: {},
      events: [],
      droppedEvents: 0,
      links: [],
      status: { code: 'unset' }
    }
  ]
};

const ns = (ms: number) => (BigInt(Math.round(ms * 1000)) * 1000n).toString();

/** EDGE_TRACES as a decoder reads it (ids hex, 64-bit integers as strings, enums as numbers). */
export const EDGE_TRACES_DECODED = {
  resourceSpans: [
    {
      resource: {
        attributes: [
          { key: 'service.name', value: { stringValue: 'svc' } },
          { key: 'n.neg', value: { intValue: '-3' } },
          { key: 'n.zero', value: { intValue: '0' } },
          { key: 'n.frac', value: { doubleValue: 2.5 } },
          { key: 'b.false', value: { boolValue: false } },
          { key: 's.empty', value: { stringValue: '' } },
          { key: 'u', value: { stringValue: 'ünï ✓' } }
        ]
      },
      scopeSpans: [
        {
          scope: { name: 'setup-go-enforced', version: '1.0.0' },
          spans: [
            {
              traceId: TRACE,
              spanId: '00f067aa0ba902b7',
              traceState: 'vendor=a',
              parentSpanId: '1111111111111111',
              name: 'child',
              kind: 1,
              startTimeUnixNano: ns(T0),
              endTimeUnixNano: ns(T0 + 1.5),
              attributes: [{ key: 'ok', value: { boolValue: true } }],
              events: [
                {
                  timeUnixNano: ns(T0 + 1),
                  name: 'finding',
                  attributes: [{ key: 'code.line.number', value: { intValue: '3' } }]
                }
              ],
              droppedEventsCount: 2,
              links: [{ traceId: TRACE, spanId: '2222222222222222' }],
              status: { message: '2 error findings', code: 2 }
            },
            {
              traceId: TRACE,
              spanId: '3333333333333333',
              name: 'root',
              kind: 2,
              startTimeUnixNano: ns(T0),
              endTimeUnixNano: ns(T0),
              status: {}
            }
          ]
        }
      ]
    }
  ]
};

export const EDGE_METRICS: MetricBatch = {
  resource: { 'service.name': 'svc' },
  scope: { name: 'setup-go-enforced', version: '1.0.0' },
  metrics: [
    {
      name: 'setup_go_enforced.runs',
      description: 'Runs',
      unit: '{run}',
      temporality: 'delta',
      monotonic: true,
      points: [
        { attributes: { 'cicd.pipeline.result': 'success' }, startMs: T0, timeMs: T0 + 5, value: 1 },
        { attributes: {}, startMs: T0, timeMs: T0 + 5, value: 0 }
      ]
    },
    {
      name: 'gauge.like',
      description: '',
      unit: '',
      temporality: 'cumulative',
      monotonic: false,
      points: [{ attributes: { n: 1 }, startMs: T0, timeMs: T0 + 5, value: 1234567890123 }]
    }
  ]
};

export const EDGE_METRICS_DECODED = {
  resourceMetrics: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
      scopeMetrics: [
        {
          scope: { name: 'setup-go-enforced', version: '1.0.0' },
          metrics: [
            {
              name: 'setup_go_enforced.runs',
              description: 'Runs',
              unit: '{run}',
              sum: {
                dataPoints: [
                  {
                    attributes: [{ key: 'cicd.pipeline.result', value: { stringValue: 'success' } }],
                    startTimeUnixNano: ns(T0),
                    timeUnixNano: ns(T0 + 5),
                    asInt: '1'
                  },
                  { startTimeUnixNano: ns(T0), timeUnixNano: ns(T0 + 5), asInt: '0' }
                ],
                aggregationTemporality: 1,
                isMonotonic: true
              }
            },
            {
              name: 'gauge.like',
              sum: {
                dataPoints: [
                  {
                    attributes: [{ key: 'n', value: { intValue: '1' } }],
                    startTimeUnixNano: ns(T0),
                    timeUnixNano: ns(T0 + 5),
                    asInt: '1234567890123'
                  }
                ],
                aggregationTemporality: 2
              }
            }
          ]
        }
      ]
    }
  ]
};

/** The batches of a failed run with findings, as the main step builds them. */
export function runBatches(): { traces: TraceBatch; metrics: MetricBatch } {
  const report = finishedReport(FINDINGS);
  const facts = runFacts(report);
  const source: RunSource = {
    origin: 'runner',
    repository: 'acme/widgets',
    serverUrl: 'https://github.com',
    runId: '7'
  };
  let n = 0;
  const spans = mainStepSpans({
    report,
    facts,
    source,
    context: { traceId: TRACE, parentSpanId: '1111111111111111', sampled: true, origin: 'github-run' },
    stepSpanId: 'aaaaaaaaaaaaaaaa',
    endMs: T0,
    fallbackStartMs: T0,
    newSpanId: () => `b${String(++n).padStart(15, '0')}`
  });
  const resource = resourceOf(source, {}, undefined);
  const scope = scopeOf('1.0.0');
  const metrics = runMetrics({ report, facts, source, temporality: 'delta', startMs: T0 - 500, endMs: T0 });
  return { traces: { resource, scope, spans }, metrics: { resource, scope, metrics } };
}
