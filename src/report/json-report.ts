/**
 * The JSON report (schemaVersion 3): everything the job summary shows plus every finding, as one
 * plain object, also for a run that stopped before the checks (`error`). Documented field by field
 * in docs/report-schema.md. Pure.
 */
import { UserError, oneLine } from '../errors.js';
import { describeOrigin } from '../plan/request-origin.js';
import type { EnvironmentBefore, VulnFacts, WorkspaceFacts } from '../verify/facts.js';
import type { Finding } from '../verify/findings.js';
import type { ManifestFile, ModFile, VersionDeclaration } from '../go/types.js';
import type { Mode } from '../inputs/mode.js';
import type { VersionRequest } from '../plan/types.js';
import type { CheckResult, ChecksOutcome, Consistency, OnMismatch } from '../verify/run-checks.js';
import type { ReportSource } from './source.js';
import type { AuditResult } from '../audit/types.js';
import type { ToolchainSwitching } from '../plan/toolchain-switching.js';
import type { PlannedMatrix } from '../plan/matrix.js';

export const REPORT_SCHEMA_VERSION = 3;

export interface ReportRequest {
  /** the spec as typed or written ("1.22", "toolchain go1.22.3", "^1.21") */
  spec: string;
  /** the spec's kind: exact, minor, range, alias, minimum */
  kind: string;
  /** where it came from: "input go-version", "go.mod:5 toolchain go1.23.0" */
  from: string;
  file?: string;
  line?: number;
}

export interface ReportResolution {
  /** the installed (or found, or in plan mode resolved) Go, Go spelling */
  version: string;
  /** archive file name, when one was chosen from the manifest */
  archive?: string;
  url?: string;
  /** expected sha256 from the manifest */
  sha256?: string;
  /** true when the downloaded archive's sha256 was computed and matched */
  sha256Verified: boolean;
  /** true when the toolchain came from the tool cache without a download */
  toolchainCacheHit: boolean;
  /** the Go root (GOROOT) used for later steps */
  goRoot?: string;
  downloadedBytes?: number;
}

export interface ReportModule {
  path: string;
  kind: ModFile['kind'];
  /** module path (go.mod only) */
  module?: string;
  /** the go line's version, null when the file has none */
  go: string | null;
  goLine: number | null;
  /** the toolchain line's name, null when the file has none */
  toolchain: string | null;
  toolchainLine: number | null;
}

/** The matrix outputs (`matrix`: versions in Go spelling; `range`: the matrix-range input). */
export type ReportMatrix = PlannedMatrix;

export interface ReportPreviousGo {
  path: string;
  version?: string;
}

/** Why the run stopped before the checks: the error line and where it points. */
export interface ReportError {
  message: string;
  input?: string;
  env?: string;
  file?: string;
  line?: number;
}

/** One cache entry as the main step restored it (see docs/report-schema.md, `cache`). */
export interface ReportCacheEntry {
  /** the folder it holds: `go env GOMODCACHE` or `go env GOCACHE` */
  path: string;
  /** the key looked up first */
  key: string;
  /** prefixes looked up next, newest entry first */
  restoreKeys: string[];
  /** exact: the key's own entry; partial: an older entry by restore key; miss; failed: service or extraction error */
  result: 'exact' | 'partial' | 'miss' | 'failed';
  /** the key of the restored entry */
  matchedKey?: string;
  /** files and bytes of the restored entry, as it recorded them when it was saved */
  files?: number;
  bytes?: number;
  /** why the restore failed */
  message?: string;
}

/** Module and build caching in the main step; null when caching was off or not applicable. */
export interface ReportCache {
  /** restored: the lookups ran; skipped: they did not (reason says why) */
  status: 'restored' | 'skipped';
  reason?: string;
  /** the cache-save input: whether the post step saves new entries */
  save: boolean;
  /** workspace-relative dependency files the modules key hashes */
  dependencyFiles: string[];
  modules: ReportCacheEntry | null;
  build: ReportCacheEntry | null;
  /** milliseconds from the start of the lookups to the end of the restores */
  ms: number;
}

/** The GOTOOLCHAIN later steps run with (toolchain-switching), as the report shows it. */
export interface ReportToolchainSwitching {
  /** the GOTOOLCHAIN value */
  gotoolchain: string;
  /** input: toolchain-switching; environment: the job's own, kept; default: local */
  from: 'input' | 'environment' | 'default';
  /** whether install mode exported it for later steps */
  exported: boolean;
}

export interface RunReport {
  schemaVersion: 3;
  /** when the report was written (ISO 8601, UTC) */
  generatedAt: string;
  action: { name: string; version: string };
  /** where the run came from: the workflow run (GITHUB_*), or git facts locally; null when unknown */
  source: ReportSource | null;
  mode: Mode;
  /** null when there was no version request (verify mode without a version source) */
  request: ReportRequest | null;
  /** null when nothing was resolved (e.g. the run stopped before resolution) */
  resolution: ReportResolution | null;
  /** the go first on PATH before the step, null when there was none */
  previousGo: ReportPreviousGo | null;
  /** GOROOT, GOTOOLCHAIN, GOFLAGS as the step found them */
  environment: { GOROOT?: string; GOTOOLCHAIN?: string; GOFLAGS?: string };
  /** every output the step set, by name */
  outputs: Record<string, string>;
  checks: CheckResult[];
  /** every finding, after severity overrides and on-mismatch */
  findings: Finding[];
  /** no error finding before on-mismatch (the `consistent` output) */
  consistent: boolean;
  /** error findings left after on-mismatch; the step fails when > 0 */
  errorCount: number;
  /** error findings before on-mismatch */
  mismatchCount: number;
  onMismatch: OnMismatch;
  consistency: Consistency;
  /** null unless the run stopped before the checks (bad input, resolution or install failure) */
  error: ReportError | null;
  /** path of the main module or workspace file, null when there is none */
  root: string | null;
  modules: ReportModule[];
  versionFiles: VersionDeclaration[];
  /** null when the vulnerability check did not get that far */
  vulnerabilities: VulnFacts | null;
  /** null when the matrix outputs were not computed (no manifest) */
  matrix: ReportMatrix | null;
  warnings: string[];
  /** milliseconds per phase ("plan", "install", "scan", "checks") */
  timings?: Record<string, number>;
  /** module and build caching; null when caching was off (cache: false, or mode not install) */
  cache: ReportCache | null;
  /** null when the run stopped before it was decided */
  toolchainSwitching: ReportToolchainSwitching | null;
  /** the upgrade audit against the base (docs/audit.md); null when none was asked for */
  audit: AuditResult | null;
}

/** What the pipeline hands over to build the report. */
export interface ReportParts {
  actionVersion: string;
  mode: Mode;
  request?: VersionRequest;
  resolution?: {
    version: string;
    file?: ManifestFile;
    url?: string;
    sha256Verified: boolean;
    toolchainCacheHit: boolean;
    goRoot?: string;
    downloadedBytes?: number;
  };
  env: EnvironmentBefore;
  outputs?: Record<string, string>;
  /** absent when the run stopped before the checks */
  outcome?: ChecksOutcome;
  onMismatch: OnMismatch;
  consistency: Consistency;
  /** the error that stopped the run, if it stopped */
  error?: UserError | Error;
  /** absent when the run stopped before the scan */
  workspace?: WorkspaceFacts;
  root?: ModFile;
  vulns?: VulnFacts;
  matrix?: ReportMatrix;
  warnings?: string[];
  timings?: Record<string, number>;
  cache?: ReportCache;
  source?: ReportSource;
  switching?: ToolchainSwitching;
  audit?: AuditResult;
  /** when the report is written (injected: the module stays pure) */
  now: Date;
}

export const ACTION_NAME = 'setup-go-enforced';

function moduleRow(m: ModFile): ReportModule {
  const row: ReportModule = {
    path: m.path,
    kind: m.kind,
    go: m.go?.value ?? null,
    goLine: m.go?.line ?? null,
    toolchain: m.toolchain?.value ?? null,
    toolchainLine: m.toolchain?.line ?? null
  };
  if (m.module) row.module = m.module.value;
  return row;
}

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function errorOf(e: UserError | Error): ReportError {
  // The location fields of the schema (an archive name stays in the message).
  const where = e instanceof UserError ? { input: e.input, env: e.env, file: e.file, line: e.line } : {};
  return defined({ message: oneLine(e.message), ...where });
}

export function buildReport(parts: ReportParts): RunReport {
  const { request, resolution, env } = parts;
  const outcome = parts.outcome ?? { results: [], findings: [], consistent: false, errorCount: 0, mismatchCount: 0 };
  const report: RunReport = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: parts.now.toISOString(),
    action: { name: ACTION_NAME, version: parts.actionVersion },
    source: parts.source ?? null,
    mode: parts.mode,
    request: request
      ? defined({
          spec: request.raw,
          kind: request.spec.kind,
          from: describeOrigin(request),
          file: request.origin.kind === 'file' ? request.origin.file : undefined,
          line: request.origin.kind === 'file' ? request.origin.line : undefined
        })
      : null,
    resolution: resolution
      ? defined({
          version: resolution.version,
          archive: resolution.file?.filename,
          url: resolution.url,
          sha256: resolution.file?.sha256 || undefined,
          sha256Verified: resolution.sha256Verified,
          toolchainCacheHit: resolution.toolchainCacheHit,
          goRoot: resolution.goRoot,
          downloadedBytes: resolution.downloadedBytes
        })
      : null,
    previousGo: env.previousGo ? defined({ path: env.previousGo.path, version: env.previousGo.version }) : null,
    environment: defined({ GOROOT: env.GOROOT, GOTOOLCHAIN: env.GOTOOLCHAIN, GOFLAGS: env.GOFLAGS }),
    outputs: { ...(parts.outputs ?? {}) },
    checks: outcome.results,
    findings: outcome.findings,
    consistent: outcome.consistent,
    errorCount: outcome.errorCount,
    mismatchCount: outcome.mismatchCount,
    onMismatch: parts.onMismatch,
    consistency: parts.consistency,
    error: parts.error ? errorOf(parts.error) : null,
    root: parts.root?.path ?? null,
    modules: (parts.workspace?.modules ?? []).map(moduleRow),
    versionFiles: parts.workspace?.declarations ?? [],
    vulnerabilities: parts.vulns ?? null,
    matrix: parts.matrix ?? null,
    warnings: [...(parts.warnings ?? [])],
    cache: parts.cache ?? null,
    toolchainSwitching: parts.switching
      ? { gotoolchain: parts.switching.setting.raw, from: parts.switching.from, exported: parts.switching.exported }
      : null,
    audit: parts.audit ?? null
  };
  if (parts.timings) report.timings = { ...parts.timings };
  return report;
}
