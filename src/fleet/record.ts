/**
 * One parsed report file -> a FleetRecord (what the dashboard needs of it) or the reason it is
 * skipped. Reports are untrusted input (anyone can put a file in the folder): every field is
 * checked, every text is clipped and has its control characters escaped (text.ts), nothing of a
 * report is ever interpreted. Pure.
 *
 * Accepted: schemaVersion 3 (the fleet record: `generatedAt`, `source`). Refused with a reason:
 * schemaVersion 2 (it names no repository, so counting it would guess; see docs/dashboard.md),
 * schemaVersion 3 without `source.repository`, unknown schema versions, anything else.
 */
import { isObject } from '../json.js';
import { clipContent, showPath } from '../text.js';
import { isValidGo, compareGo } from '../go/gover.js';
import { defaultGoLine } from '../go/modfile.js';

/** The schema versions this reader knows; 2 is known but refused (no repository). */
export const READABLE_SCHEMA_VERSION = 3;

/** Longest texts kept from a report (characters), after control characters are escaped. */
export const MAX_REPOSITORY = 200;
export const MAX_NAME = 100;
export const MAX_MESSAGE = 400;
/** Findings kept per report for the row's details; the rest are counted. */
export const MAX_FINDINGS = 50;
/** Vulnerability ids kept per report. */
export const MAX_VULN_IDS = 20;
/** Distinct go-line versions kept per report (a monorepo has many files, few versions). */
export const MAX_GO_LINES = 20;

export type SkipKind =
  | 'unreadable'
  | 'too-large'
  | 'not-json'
  | 'not-a-report'
  | 'unknown-schema'
  | 'schema-2'
  | 'no-repository'
  | 'invalid'
  | 'outside-root';

/** What each kind of skip is, in a few words (the command's summary groups by it). */
export const SKIP_LABELS: Record<SkipKind, string> = {
  unreadable: 'not readable',
  'too-large': 'too large',
  'not-json': 'not JSON',
  'not-a-report': 'not a setup-go-enforced report',
  'unknown-schema': 'an unknown schemaVersion',
  'schema-2': 'schemaVersion 2 (names no repository)',
  'no-repository': 'no source.repository',
  invalid: 'malformed',
  'outside-root': 'a symbolic link out of its folder'
};

/** A file that did not become a record, and why (one line). */
export interface SkippedFile {
  file: string;
  kind: SkipKind;
  reason: string;
}

/** What the supported-release check said: supported (pass), unsupported (warning, error), unknown. */
export type SupportStatus = 'supported' | 'unsupported' | 'unknown';
/** What the latest-patch check said: latest (pass), behind (warning, error), unknown. */
export type PatchStatus = 'latest' | 'behind' | 'unknown';
/** A check's status in the report, or `absent` when the report has no result for it. */
export type CheckState = 'pass' | 'warning' | 'error' | 'skipped' | 'off' | 'absent';

export interface FleetFinding {
  check: string;
  kind: string;
  severity: string;
  message: string;
  file?: string;
  line?: number;
}

/** A place in the repository and what is wrong there (the first error, the first drift). */
export interface FleetPlace {
  message: string;
  file?: string;
  line?: number;
}

/** One go-line version of a report: how many go.mod/go.work files state it, the first of them. */
export interface FleetGoLine {
  version: string;
  files: number;
  first: string;
  /** the first file has no go line: Go assumes 1.16 (go.mod) or 1.18 (go.work) */
  defaulted: boolean;
}

export interface FleetRecord {
  /** the file it was read from, as shown (relative to the current folder when inside it) */
  file: string;
  repository: string;
  /** https://github.com or a GitHub Enterprise Server address; null when absent or not http(s) */
  serverUrl: string | null;
  workflow: string | null;
  job: string | null;
  ref: string | null;
  sha: string | null;
  runId: string | null;
  runAttempt: number | null;
  /** the run's address; null when absent or not http(s) */
  runUrl: string | null;
  event: string | null;
  origin: 'runner' | 'local';
  /** when the report was written, ISO-8601 UTC as in the report */
  generatedAt: string;
  generatedMs: number;
  actionVersion: string | null;
  mode: string | null;
  /** `resolution.version`: the Go the repository was checked against; null when none was resolved */
  installed: string | null;
  /** distinct go-line versions, ascending in Go's order (null go lines as Go's default) */
  goLines: FleetGoLine[];
  support: SupportStatus;
  supportCheck: CheckState;
  supportMessage: string | null;
  patch: PatchStatus;
  patchCheck: CheckState;
  patchMessage: string | null;
  vulnerabilities: {
    status: 'checked' | 'unknown' | 'skipped' | 'absent';
    count: number;
    ids: string[];
  };
  /** errorCount > 0 or the run stopped (error not null) */
  failing: boolean;
  errorCount: number;
  /** why the run stopped before the checks */
  stopped: FleetPlace | null;
  firstError: FleetPlace | null;
  drifting: boolean;
  driftCount: number;
  firstDrift: FleetPlace | null;
  /** up to MAX_FINDINGS findings in report order */
  findings: FleetFinding[];
  findingsTotal: number;
}

export type RecordResult = { ok: true; record: FleetRecord } | { ok: false; kind: SkipKind; reason: string };

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const CHECK_STATES = new Set<string>(['pass', 'warning', 'error', 'skipped', 'off']);

/** A report's text as kept: clipped to `max` characters, control characters escaped. */
function text(v: unknown, max: number): string | null {
  return typeof v === 'string' && v !== '' ? clipContent(v, max) : null;
}

/** A repository path as kept: escaped, long ones shortened in the middle. */
function filePath(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? showPath(v) : undefined;
}

function lineOf(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
}

/** An http(s) address, or null: no javascript:, data: or relative links reach the page. */
function webUrl(v: unknown): string | null {
  if (typeof v !== 'string' || v.length > 2000 || !/^https?:\/\/[^\s<>"'`\\]+$/i.test(v)) return null;
  return v;
}

/** A run attempt: a positive whole number, written as a number or (as the runner's env has it) a string. */
function attemptOf(v: unknown): number | null {
  const n = typeof v === 'string' && /^[1-9]\d{0,8}$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : null;
}

function fail(kind: SkipKind, reason: string): RecordResult {
  return { ok: false, kind, reason };
}

function checkState(checks: unknown[], id: string): { state: CheckState; message: string | null } {
  for (const c of checks) {
    if (isObject(c) && c.id === id) {
      const state = typeof c.status === 'string' && CHECK_STATES.has(c.status) ? (c.status as CheckState) : 'absent';
      return { state, message: text(c.message, MAX_MESSAGE) };
    }
  }
  return { state: 'absent', message: null };
}

function findingOf(f: Record<string, unknown>): FleetFinding {
  const out: FleetFinding = {
    check: text(f.check, MAX_NAME) ?? '?',
    kind: text(f.kind, MAX_NAME) ?? '?',
    severity: text(f.severity, MAX_NAME) ?? '?',
    message: text(f.message, MAX_MESSAGE) ?? ''
  };
  const file = filePath(f.file);
  const line = lineOf(f.line);
  if (file !== undefined) out.file = file;
  if (file !== undefined && line !== undefined) out.line = line;
  return out;
}

function placeOf(f: FleetFinding): FleetPlace {
  const p: FleetPlace = { message: f.message };
  if (f.file !== undefined) p.file = f.file;
  if (f.line !== undefined) p.line = f.line;
  return p;
}

function goLinesOf(modules: unknown[]): FleetGoLine[] {
  const by = new Map<string, FleetGoLine>();
  for (const m of modules) {
    if (!isObject(m) || (m.kind !== 'go.mod' && m.kind !== 'go.work')) continue;
    const declared = typeof m.go === 'string' && isValidGo(m.go) ? m.go : undefined;
    if (m.go !== null && declared === undefined) continue; // a go line that is not a Go version
    const version = declared ?? defaultGoLine(m.kind);
    const seen = by.get(version);
    if (seen) seen.files++;
    else by.set(version, { version, files: 1, first: filePath(m.path) ?? m.kind, defaulted: declared === undefined });
  }
  return [...by.values()].sort((a, b) => compareGo(a.version, b.version)).slice(0, MAX_GO_LINES);
}

/** Validates one parsed report file. `file` is the path as shown. */
export function toFleetRecord(json: unknown, file: string): RecordResult {
  if (!isObject(json)) return fail('not-a-report', 'not a setup-go-enforced report (not a JSON object)');
  const sv = json.schemaVersion;
  const action = json.action;
  if (sv === undefined || !isObject(action) || action.name !== 'setup-go-enforced') {
    return fail('not-a-report', 'not a setup-go-enforced report (no schemaVersion and action.name)');
  }
  if (sv === 2) {
    return fail(
      'schema-2',
      'schemaVersion 2 report: it names no repository (reports of schemaVersion 3 do, in source.repository)'
    );
  }
  if (sv !== READABLE_SCHEMA_VERSION) {
    const shown = typeof sv === 'number' ? String(sv) : clipContent(JSON.stringify(sv) ?? typeof sv, 20);
    return fail('unknown-schema', `schemaVersion ${shown} is not known (this dashboard reads schemaVersion 3)`);
  }
  const generatedAt = json.generatedAt;
  const generatedMs = typeof generatedAt === 'string' && ISO_UTC.test(generatedAt) ? Date.parse(generatedAt) : NaN;
  if (typeof generatedAt !== 'string' || !Number.isFinite(generatedMs)) {
    return fail('invalid', 'generatedAt is missing or not an ISO-8601 UTC time (expected 2026-01-31T12:00:00Z)');
  }
  const source = json.source;
  if (source !== null && !isObject(source)) return fail('invalid', 'source is not an object or null');
  const repository = source ? text(source.repository, MAX_REPOSITORY) : null;
  if (repository === null) {
    return fail('no-repository', 'the report names no repository (source.repository is missing: a local run?)');
  }
  for (const key of ['checks', 'findings', 'modules'] as const) {
    if (!Array.isArray(json[key])) return fail('invalid', `${key} is not an array`);
  }
  const checks = json.checks as unknown[];
  const rawFindings = (json.findings as unknown[]).filter(isObject);
  const modules = json.modules as unknown[];
  if (typeof json.errorCount !== 'number' || !Number.isInteger(json.errorCount) || json.errorCount < 0) {
    return fail('invalid', 'errorCount is not a count');
  }
  const resolution = json.resolution;
  if (resolution !== null && !isObject(resolution)) return fail('invalid', 'resolution is not an object or null');
  let installed: string | null = null;
  if (resolution) {
    if (typeof resolution.version !== 'string' || !isValidGo(resolution.version)) {
      return fail('invalid', 'resolution.version is not a Go version');
    }
    installed = resolution.version;
  }
  const error = json.error;
  if (error !== null && error !== undefined && !isObject(error))
    return fail('invalid', 'error is not an object or null');

  const findings = rawFindings.map(findingOf);
  const stopped: FleetPlace | null = isObject(error)
    ? placeOf(
        findingOf({
          check: '',
          kind: '',
          severity: 'error',
          message: error.message,
          file: error.file,
          line: error.line
        })
      )
    : null;
  const firstErrorFinding = findings.find((f) => f.severity === 'error');
  const drift = findings.filter((f) => f.kind === 'drift');
  const support = checkState(checks, 'supported-release');
  const patch = checkState(checks, 'latest-patch');
  const patchFinding = findings.find((f) => f.check === 'latest-patch');

  const vulns = json.vulnerabilities;
  let vulnerabilities: FleetRecord['vulnerabilities'] = { status: 'absent', count: 0, ids: [] };
  if (isObject(vulns) && (vulns.status === 'checked' || vulns.status === 'unknown' || vulns.status === 'skipped')) {
    const matches = vulns.status === 'checked' && Array.isArray(vulns.matches) ? vulns.matches.filter(isObject) : [];
    vulnerabilities = {
      status: vulns.status,
      count: matches.length,
      ids: matches
        .slice(0, MAX_VULN_IDS)
        .map((m) => text(m.id, MAX_NAME))
        .filter((x): x is string => x !== null)
    };
  }

  const runAttempt = source?.runAttempt;
  const runId = source?.runId;
  const record: FleetRecord = {
    file,
    repository,
    serverUrl: webUrl(source?.serverUrl),
    workflow: text(source?.workflow, MAX_NAME),
    job: text(source?.job, MAX_NAME),
    ref: text(source?.ref, MAX_NAME),
    sha: text(source?.sha, 64),
    runId: typeof runId === 'number' && Number.isSafeInteger(runId) ? String(runId) : text(runId, 30),
    runAttempt: attemptOf(runAttempt),
    runUrl: webUrl(source?.runUrl),
    event: text(source?.event, MAX_NAME),
    origin: source?.origin === 'local' ? 'local' : 'runner',
    generatedAt,
    generatedMs,
    actionVersion: text(action.version, MAX_NAME),
    mode: text(json.mode, MAX_NAME),
    installed,
    goLines: goLinesOf(modules),
    support:
      support.state === 'pass'
        ? 'supported'
        : support.state === 'warning' || support.state === 'error'
          ? 'unsupported'
          : 'unknown',
    supportCheck: support.state,
    supportMessage: support.message,
    patch:
      patch.state === 'pass' ? 'latest' : patch.state === 'warning' || patch.state === 'error' ? 'behind' : 'unknown',
    patchCheck: patch.state,
    patchMessage: patchFinding?.message ?? patch.message,
    vulnerabilities,
    failing: json.errorCount > 0 || stopped !== null,
    errorCount: json.errorCount,
    stopped,
    firstError: firstErrorFinding ? placeOf(firstErrorFinding) : stopped,
    drifting: drift.length > 0,
    driftCount: drift.length,
    firstDrift: drift.length > 0 ? placeOf(drift[0]) : null,
    findings: findings.slice(0, MAX_FINDINGS),
    findingsTotal: findings.length
  };
  return { ok: true, record };
}
