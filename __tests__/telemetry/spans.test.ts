import { runFacts } from '../../src/telemetry/facts.js';
import type { Span } from '../../src/telemetry/model.js';
import type { RunSource } from '../../src/telemetry/source.js';
import { MAX_EVENTS, mainStepSpans, postStepSpan, type MainSpansInput } from '../../src/telemetry/spans.js';
import type { TraceContext } from '../../src/telemetry/trace-context.js';
import type { Finding } from '../../src/verify/findings.js';
import type { RunReport } from '../../src/report/json-report.js';
import { FINDINGS, INSTALL_FAILED, finishedReport, stoppedReport } from './run-fixture.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const ROOT = '00f067aa0ba902b7';
const STEP = 'aaaaaaaaaaaaaaaa';
const END = 1_700_000_000_000;
const CONTEXT: TraceContext = { traceId: TRACE, parentSpanId: ROOT, sampled: true, origin: 'github-run' };
const SOURCE: RunSource = {
  origin: 'runner',
  repository: 'acme/widgets',
  serverUrl: 'https://github.com',
  ref: 'refs/heads/main',
  sha: 'f'.repeat(40),
  workflow: 'CI',
  job: 'build',
  runId: '123',
  runAttempt: '1',
  runUrl: 'https://github.com/acme/widgets/actions/runs/123'
};

function spansOf(report: RunReport | undefined, over: Partial<MainSpansInput> = {}): Span[] {
  let n = 0;
  return mainStepSpans({
    report,
    facts: runFacts(report),
    source: SOURCE,
    context: CONTEXT,
    stepSpanId: STEP,
    endMs: END,
    fallbackStartMs: END - 2000,
    newSpanId: () => `c${String(++n).padStart(15, '0')}`,
    ...over
  });
}

/** name, start and end relative to the step's end, parent, status code. */
const timeline = (spans: Span[]) =>
  spans.map((s) => [s.name, s.startMs - END, s.endMs - END, s.parentSpanId, s.status.code]);

describe('mainStepSpans', () => {
  test('a finished run: the step, then plan -> install -> (cache restore alongside scan) -> checks', () => {
    // timings: plan 100, install 300, scan 50, checks 10, cache 40, total 500
    expect(timeline(spansOf(finishedReport()))).toEqual([
      ['setup-go-enforced', -500, 0, ROOT, 'unset'],
      ['plan', -500, -400, STEP, 'unset'],
      ['install', -400, -100, STEP, 'unset'],
      ['scan', -100, -50, STEP, 'unset'],
      ['checks', -50, -40, STEP, 'unset'],
      ['cache restore', -100, -60, STEP, 'unset']
    ]);
  });

  test('every span is in the trace, with distinct ids', () => {
    const spans = spansOf(finishedReport());
    expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set([TRACE]));
    expect(new Set(spans.map((s) => s.spanId)).size).toBe(spans.length);
    expect(spans[0].spanId).toBe(STEP);
    expect(spans.every((s) => s.kind === 'internal')).toBe(true);
  });

  test('the step span: CICD and VCS conventions, the action facts', () => {
    expect(spansOf(finishedReport())[0].attributes).toEqual({
      'cicd.pipeline.name': 'CI',
      'cicd.pipeline.run.id': '123',
      'cicd.pipeline.run.url.full': 'https://github.com/acme/widgets/actions/runs/123',
      'cicd.pipeline.task.name': 'build',
      'vcs.owner.name': 'acme',
      'vcs.repository.name': 'widgets',
      'vcs.repository.url.full': 'https://github.com/acme/widgets',
      'vcs.ref.head.name': 'main',
      'vcs.ref.head.type': 'branch',
      'vcs.ref.head.revision': 'f'.repeat(40),
      'cicd.pipeline.result': 'success',
      'cicd.pipeline.task.run.result': 'success',
      'setup_go_enforced.mode': 'install',
      'setup_go_enforced.consistency': 'compatible',
      'setup_go_enforced.on_mismatch': 'fail',
      'setup_go_enforced.go.requested': '1.22',
      'setup_go_enforced.go.request_kind': 'minimum',
      'setup_go_enforced.go.resolved_from': 'go.mod:3 go 1.22',
      'setup_go_enforced.go.installed': '1.22.12',
      'setup_go_enforced.go.previous': '1.21.5',
      'setup_go_enforced.go.toolchain_cache_hit': false,
      'setup_go_enforced.go.sha256_verified': true,
      'setup_go_enforced.go.downloaded_bytes': 1000,
      'setup_go_enforced.cache.modules.result': 'partial',
      'setup_go_enforced.cache.build.result': 'miss',
      'setup_go_enforced.findings.error': 0,
      'setup_go_enforced.findings.warning': 0,
      'setup_go_enforced.findings.break': 0,
      'setup_go_enforced.findings.drift': 0,
      'setup_go_enforced.findings.advice': 0
    });
  });

  test('error findings: status error, one event each at the end of the checks, no message', () => {
    const [step] = spansOf(finishedReport(FINDINGS));
    expect(step.status).toEqual({ code: 'error', message: '2 error findings' });
    expect(step.attributes['cicd.pipeline.result']).toBe('failure');
    expect(step.attributes['error.type']).toBe('error_findings');
    expect(step.events).toEqual([
      {
        name: 'finding',
        timeMs: END - 40,
        attributes: {
          'setup_go_enforced.finding.check': 'go-directive',
          'setup_go_enforced.finding.kind': 'break',
          'setup_go_enforced.finding.severity': 'error',
          'code.file.path': 'go.mod',
          'code.line.number': 3
        }
      },
      {
        name: 'finding',
        timeMs: END - 40,
        attributes: {
          'setup_go_enforced.finding.check': 'version-files',
          'setup_go_enforced.finding.kind': 'drift',
          'setup_go_enforced.finding.severity': 'error',
          'code.file.path': '.go-version',
          'code.line.number': 1
        }
      }
    ]);
    expect(step.droppedEvents).toBe(0);
    expect(JSON.stringify(step)).not.toMatch(/newer than|says 1\.21/);
  });

  test(`more than ${MAX_EVENTS} error findings: the rest counted as dropped`, () => {
    const many: Finding[] = Array.from({ length: MAX_EVENTS + 7 }, (_, i) => ({
      check: 'files',
      kind: 'break',
      severity: 'error',
      message: 'x',
      file: `m${i}/go.mod`,
      line: 1
    }));
    const [step] = spansOf(finishedReport(many));
    expect(step.events).toHaveLength(MAX_EVENTS);
    expect(step.droppedEvents).toBe(7);
  });

  test.each<{ name: string; timings: Record<string, number>; want: unknown[][] }>([
    {
      name: 'in install: plan, then install until the end, in error',
      timings: { plan: 100 },
      want: [
        ['setup-go-enforced', -300, 0, ROOT, 'error'],
        ['plan', -300, -200, STEP, 'unset'],
        ['install', -200, 0, STEP, 'error']
      ]
    },
    {
      name: 'in plan: one child for the whole step, in error',
      timings: {},
      want: [
        ['setup-go-enforced', -300, 0, ROOT, 'error'],
        ['plan', -300, 0, STEP, 'error']
      ]
    }
  ])('a run that stopped $name', ({ timings, want }) => {
    const spans = spansOf(stoppedReport({ ...timings, total: 300 }, INSTALL_FAILED));
    expect(timeline(spans)).toEqual(want);
    const phase = String(want[want.length - 1][0]);
    expect(spans[0].status.message).toBe(`stopped in ${phase}`);
    expect(spans[spans.length - 1].status.message).toBe(`stopped in ${phase}`);
    expect(spans[0].attributes['setup_go_enforced.stopped_in']).toBe(phase);
  });

  test('no report: the step from the process start, status error, no children', () => {
    const spans = spansOf(undefined);
    expect(timeline(spans)).toEqual([['setup-go-enforced', -2000, 0, ROOT, 'error']]);
    expect(spans[0].attributes['cicd.pipeline.result']).toBe('error');
  });

  test('a new trace: the step span is a root; a trace state is carried', () => {
    const [step] = spansOf(finishedReport(), {
      context: { traceId: TRACE, sampled: true, origin: 'traceparent', traceState: 'v=1', parentSpanId: undefined }
    });
    expect(step.parentSpanId).toBeUndefined();
    expect(step.traceState).toBe('v=1');
  });
});

describe('postStepSpan', () => {
  const base = {
    source: SOURCE,
    context: CONTEXT,
    mainSpanId: STEP,
    spanId: 'bbbbbbbbbbbbbbbb',
    startMs: END - 700,
    endMs: END
  };
  test('a sibling of the main step span, linked to it; the save outcomes', () => {
    const s = postStepSpan({
      ...base,
      saves: [
        { entry: 'modules', outcome: 'saved', key: 'k', detail: 'saved', bytes: 1200 },
        { entry: 'build', outcome: 'unchanged', key: 'b', detail: 'nothing new' }
      ]
    });
    expect(s).toMatchObject({
      traceId: TRACE,
      spanId: 'bbbbbbbbbbbbbbbb',
      parentSpanId: ROOT,
      name: 'setup-go-enforced cache save',
      startMs: END - 700,
      endMs: END,
      status: { code: 'unset' },
      links: [{ traceId: TRACE, spanId: STEP, attributes: {} }]
    });
    expect(s.attributes).toMatchObject({
      'cicd.pipeline.task.name': 'build',
      'vcs.repository.name': 'widgets',
      'cicd.pipeline.task.run.result': 'success',
      'setup_go_enforced.cache.modules.save': 'saved',
      'setup_go_enforced.cache.build.save': 'unchanged',
      'setup_go_enforced.cache.saved_bytes': 1200
    });
    expect(JSON.stringify(s)).not.toContain('"k"');
  });

  test.each([
    { saves: undefined, code: 'error' },
    { saves: [{ entry: 'build' as const, outcome: 'failed' as const, key: 'b', detail: 'HTTP 500' }], code: 'error' },
    { saves: [], code: 'unset' }
  ])('saves $saves: status $code', ({ saves, code }) => {
    const s = postStepSpan({ ...base, saves });
    expect(s.status.code).toBe(code);
    if (saves?.length === 0) expect(s.attributes['setup_go_enforced.cache.modules.save']).toBe('none');
  });

  test('without the main step state: no link', () => {
    expect(postStepSpan({ ...base, mainSpanId: undefined, saves: [] }).links).toEqual([]);
  });
});
