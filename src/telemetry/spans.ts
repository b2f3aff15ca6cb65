/**
 * A run -> spans (pure). The main step is one span (start = end - timings.total) with a child per
 * phase from the report's timings: plan, install, then cache restore alongside scan, then checks;
 * a run that stopped gets a span for the phase it stopped in, with status error. Each error finding
 * is an event of the step's span (check, kind, file, line; never the message). The post step is
 * one span for the cache save, a sibling of the main step's span, linked to it.
 */
import type { RunReport } from '../report/json-report.js';
import type { SaveReport } from '../cache/save.js';
import { PHASES, type RunFacts } from './facts.js';
import type { Attributes, Span, SpanEvent } from './model.js';
import { attrs } from './resource.js';
import { repositoryFacts, type RunSource } from './source.js';
import type { TraceContext } from './trace-context.js';

/** Error findings beyond this many are counted (droppedEventsCount), not sent. */
export const MAX_EVENTS = 100;

export const MAIN_SPAN_NAME = 'setup-go-enforced';
export const POST_SPAN_NAME = 'setup-go-enforced cache save';
/** The child span of each timing, by its key in report.timings. */
export const PHASE_SPAN_NAMES: Record<string, string> = {
  plan: 'plan',
  install: 'install',
  scan: 'scan',
  checks: 'checks',
  cache: 'cache restore'
};

const NS = 'setup_go_enforced';

/** The CICD and VCS attributes of a step's span. */
export function runAttributes(source: RunSource, headRef: string | undefined): Attributes {
  const repo = repositoryFacts(source, headRef);
  return attrs({
    'cicd.pipeline.name': source.workflow,
    'cicd.pipeline.run.id': source.runId,
    'cicd.pipeline.run.url.full': source.runUrl,
    'cicd.pipeline.task.name': source.job,
    'vcs.owner.name': repo.owner,
    'vcs.repository.name': repo.name,
    'vcs.repository.url.full': repo.url,
    'vcs.ref.head.name': repo.refName,
    'vcs.ref.head.type': repo.refType,
    'vcs.ref.head.revision': source.sha,
    'vcs.change.id': repo.changeId
  });
}

/** The action's own attributes of the main step's span (namespace setup_go_enforced.*). */
export function factAttributes(f: RunFacts): Attributes {
  return attrs({
    [`${NS}.mode`]: f.mode,
    [`${NS}.consistency`]: f.consistency,
    [`${NS}.on_mismatch`]: f.onMismatch,
    [`${NS}.go.requested`]: f.goRequested,
    [`${NS}.go.request_kind`]: f.requestKind,
    [`${NS}.go.resolved_from`]: f.resolvedFrom,
    [`${NS}.go.installed`]: f.goInstalled,
    [`${NS}.go.previous`]: f.goPrevious,
    [`${NS}.go.toolchain_cache_hit`]: f.toolchainCacheHit,
    [`${NS}.go.sha256_verified`]: f.sha256Verified,
    [`${NS}.go.downloaded_bytes`]: f.downloadedBytes,
    [`${NS}.cache.modules.result`]: f.cacheModules,
    [`${NS}.cache.build.result`]: f.cacheBuild,
    [`${NS}.findings.error`]: f.counts.error,
    [`${NS}.findings.warning`]: f.counts.warning,
    [`${NS}.findings.break`]: f.counts.break,
    [`${NS}.findings.drift`]: f.counts.drift,
    [`${NS}.findings.advice`]: f.counts.advice,
    [`${NS}.stopped_in`]: f.stoppedIn
  });
}

export interface MainSpansInput {
  report: RunReport | undefined;
  facts: RunFacts;
  source: RunSource;
  /** GITHUB_HEAD_REF (a pull request's branch) */
  headRef?: string;
  context: TraceContext;
  stepSpanId: string;
  /** when the step ended (now) */
  endMs: number;
  /** when the step started, for a run without a report (the process's start) */
  fallbackStartMs: number;
  /** a new span id for each child */
  newSpanId: () => string;
}

function base(
  input: { context: TraceContext },
  spanId: string,
  parentSpanId: string | undefined,
  name: string,
  startMs: number,
  endMs: number
): Span {
  const s: Span = {
    traceId: input.context.traceId,
    spanId,
    name,
    kind: 'internal',
    startMs,
    endMs: Math.max(startMs, endMs),
    attributes: {},
    events: [],
    droppedEvents: 0,
    links: [],
    status: { code: 'unset' }
  };
  if (parentSpanId) s.parentSpanId = parentSpanId;
  if (input.context.traceState) s.traceState = input.context.traceState;
  return s;
}

function findingEvents(f: RunFacts, timeMs: number): { events: SpanEvent[]; dropped: number } {
  const events = f.errorFindings.slice(0, MAX_EVENTS).map((e) => ({
    name: 'finding',
    timeMs,
    attributes: attrs({
      [`${NS}.finding.check`]: e.check,
      [`${NS}.finding.kind`]: e.kind,
      [`${NS}.finding.severity`]: 'error',
      'code.file.path': e.file,
      'code.line.number': e.line
    })
  }));
  return { events, dropped: f.errorFindings.length - events.length };
}

/** The main step's span and its children, the step's span first. */
export function mainStepSpans(input: MainSpansInput): Span[] {
  const { report, facts, endMs } = input;
  const timings = report?.timings ?? {};
  const total = timings.total;
  const startMs = typeof total === 'number' && total >= 0 ? endMs - total : Math.min(input.fallbackStartMs, endMs);
  const step = base(input, input.stepSpanId, input.context.parentSpanId, MAIN_SPAN_NAME, startMs, endMs);
  step.attributes = {
    ...runAttributes(input.source, input.headRef),
    'cicd.pipeline.result': facts.result,
    'cicd.pipeline.task.run.result': facts.result,
    ...(facts.errorType ? { 'error.type': facts.errorType } : {}),
    ...factAttributes(facts)
  };
  if (facts.result !== 'success') step.status = { code: 'error', message: facts.statusMessage };

  const children: Span[] = [];
  const child = (key: string, from: number, ms: number): Span => {
    const s = base(input, input.newSpanId(), step.spanId, PHASE_SPAN_NAMES[key] ?? key, from, from + ms);
    children.push(s);
    return s;
  };
  let cursor = startMs;
  let installEnd: number | undefined;
  let checksEnd: number | undefined;
  for (const phase of PHASES) {
    const ms = timings[phase];
    if (typeof ms === 'number') {
      const s = child(phase, cursor, ms);
      if (phase === 'install') {
        installEnd = s.endMs;
        s.attributes = attrs({
          [`${NS}.go.installed`]: facts.goInstalled,
          [`${NS}.go.toolchain_cache_hit`]: facts.toolchainCacheHit,
          [`${NS}.go.downloaded_bytes`]: facts.downloadedBytes
        });
      }
      if (phase === 'checks') checksEnd = s.endMs;
      cursor = s.endMs;
      continue;
    }
    if (facts.stoppedIn === phase) {
      const s = child(phase, cursor, Math.max(0, endMs - cursor));
      s.status = { code: 'error', message: facts.statusMessage };
    }
    break;
  }
  if (typeof timings.cache === 'number' && installEnd !== undefined) {
    const s = child('cache', installEnd, timings.cache);
    s.attributes = attrs({
      [`${NS}.cache.modules.result`]: facts.cacheModules,
      [`${NS}.cache.build.result`]: facts.cacheBuild
    });
  }
  const { events, dropped } = findingEvents(facts, checksEnd ?? endMs);
  step.events = events;
  step.droppedEvents = dropped;
  return [step, ...children];
}

export interface PostSpanInput {
  /** what the post step did per entry; undefined when the save itself threw */
  saves: SaveReport[] | undefined;
  source: RunSource;
  headRef?: string;
  context: TraceContext;
  /** the main step's span, linked when the main step handed it over */
  mainSpanId?: string;
  spanId: string;
  startMs: number;
  endMs: number;
}

/** The post step's span: the cache save, a sibling of the main step's span. */
export function postStepSpan(input: PostSpanInput): Span {
  const s = base(input, input.spanId, input.context.parentSpanId, POST_SPAN_NAME, input.startMs, input.endMs);
  const saves = input.saves ?? [];
  const outcome = (entry: SaveReport['entry']): string | undefined => saves.find((r) => r.entry === entry)?.outcome;
  const saved = saves.filter((r) => r.outcome === 'saved');
  const failed = input.saves === undefined || saves.some((r) => r.outcome === 'failed');
  s.attributes = {
    ...runAttributes(input.source, input.headRef),
    'cicd.pipeline.task.run.result': failed ? 'failure' : 'success',
    ...attrs({
      [`${NS}.cache.modules.save`]: outcome('modules') ?? 'none',
      [`${NS}.cache.build.save`]: outcome('build') ?? 'none',
      [`${NS}.cache.saved_bytes`]: saved.reduce((n, r) => n + (r.bytes ?? 0), 0)
    })
  };
  if (failed) s.status = { code: 'error', message: 'cache save failed' };
  if (input.mainSpanId) s.links = [{ traceId: input.context.traceId, spanId: input.mainSpanId, attributes: {} }];
  return s;
}
