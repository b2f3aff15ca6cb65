/**
 * The job summary: Markdown rendered from the JSON report, so both always say the same. Pure.
 */
import { count } from '../text.js';
import { formatWhere } from '../errors.js';
import type { CheckStatus } from '../verify/run-checks.js';
import type { ReportCacheEntry, RunReport } from './json-report.js';
import { renderAuditMarkdown } from '../audit/markdown.js';

/** Rows shown in the findings, modules and version files tables before "N more" (the summary has a 1 MiB cap). */
export const MAX_TABLE_ROWS = 200;

const ICONS: Record<CheckStatus, string> = {
  pass: '✅',
  error: '❌',
  warning: '⚠️',
  off: '⏸️',
  skipped: '⏭️'
};

/** Escapes a table cell: `|` and backslashes, newlines become <br>. */
export function cell(text: string | number | null | undefined): string {
  if (text === null || text === undefined || text === '') return '—';
  return String(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function table(head: string[], rows: (string | number | null | undefined)[][]): string {
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  for (const r of rows) lines.push(`| ${r.map(cell).join(' | ')} |`);
  return lines.join('\n');
}

function limited<T>(items: T[], what: string): { shown: T[]; note: string } {
  if (items.length <= MAX_TABLE_ROWS) return { shown: items, note: '' };
  return {
    shown: items.slice(0, MAX_TABLE_ROWS),
    note: `\n\n…and ${items.length - MAX_TABLE_ROWS} more ${what}: every one is in the JSON report (the \`report\` output).`
  };
}

function statusLine(r: RunReport): string {
  if (r.error) return '❌ stopped before the checks';
  const warnings = r.findings.filter((f) => f.severity === 'warning').length;
  if (r.consistent) {
    return warnings > 0 ? `✅ consistent (${count(warnings, 'warning')})` : '✅ consistent';
  }
  if (r.errorCount > 0) return `❌ ${count(r.errorCount, 'error')}`;
  return `⚠️ ${count(r.mismatchCount, 'error')} reported as warnings (on-mismatch: warn)`;
}

function location(file?: string, line?: number): string | undefined {
  return formatWhere({ file, line }) || undefined;
}

function requested(r: RunReport): string {
  if (!r.request) return '### Requested\n\nNo version was requested: the Go found on PATH was checked.';
  return [
    '### Requested',
    '',
    table(
      ['Item', 'Value'],
      [
        ['spec', r.request.spec],
        ['from', r.request.from],
        ['file', location(r.request.file, r.request.line)]
      ]
    )
  ].join('\n');
}

function resolved(r: RunReport): string {
  const res = r.resolution;
  const prev = r.previousGo;
  const version = res?.version;
  const prevText = prev
    ? `${prev.version ?? 'unknown version'} -> ${version ?? '?'} (was ${prev.path})`
    : `none -> ${version ?? '?'}`;
  if (!res) return ['### Resolved', '', 'Nothing was resolved.'].join('\n');
  const source =
    r.mode === 'verify'
      ? 'found on PATH'
      : r.mode === 'plan'
        ? 'not installed (plan mode)'
        : res.toolchainCacheHit
          ? 'tool cache'
          : `downloaded${res.downloadedBytes !== undefined ? ` (${res.downloadedBytes} bytes)` : ''}`;
  const sha = res.sha256Verified
    ? `yes${res.sha256 ? ` (${res.sha256})` : ''}`
    : res.toolchainCacheHit
      ? 'no (tool cache)'
      : 'no';
  return [
    '### Resolved',
    '',
    table(
      ['Item', 'Value'],
      [
        ['version', version],
        ['archive', res.archive],
        ['sha256 verified', sha],
        ['source', source],
        ['install path', res.goRoot],
        ['previous Go', prevText]
      ]
    )
  ].join('\n');
}

function stopped(r: RunReport): string | undefined {
  if (!r.error) return undefined;
  const at = formatWhere(r.error) || undefined;
  return ['### Stopped', '', table(['Error', 'Where'], [[r.error.message, at]])].join('\n');
}

/** "❌ 2 errors", "⚠️ 1 warning", "❌ 1 error, 2 warnings": what a check's findings were, after every setting. */
function outcomeCell(c: RunReport['checks'][number]): string {
  if (c.status === 'pass' || c.status === 'off' || c.status === 'skipped') return `${ICONS[c.status]} ${c.status}`;
  const errors = c.findings.filter((f) => f.severity === 'error').length;
  const warnings = c.findings.length - errors;
  const parts = [errors ? count(errors, 'error') : '', warnings ? count(warnings, 'warning') : ''];
  return `${ICONS[c.status]} ${parts.filter(Boolean).join(', ')}`;
}

function checks(r: RunReport): string | undefined {
  if (r.checks.length === 0) return undefined;
  return [
    '### Checks',
    '',
    table(
      ['Result', 'Check', 'Message'],
      r.checks.map((c) => [outcomeCell(c), c.id, c.message])
    )
  ].join('\n');
}

/** Every finding with its location, up to MAX_TABLE_ROWS; the rest are in the JSON report. */
function findings(r: RunReport): string | undefined {
  if (r.findings.length === 0) return undefined;
  const { shown, note } = limited(r.findings, 'findings');
  return [
    `### Findings (${r.findings.length})`,
    '',
    table(
      ['Severity', 'Kind', 'Check', 'Location', 'Message'],
      shown.map((f) => [
        f.severity === 'error' ? '❌ error' : '⚠️ warning',
        f.kind,
        f.check,
        location(f.file, f.line),
        f.message
      ])
    ) + note
  ].join('\n');
}

function modules(r: RunReport): string {
  if (r.modules.length === 0) return '### Modules\n\nNo go.mod or go.work in scope.';
  const { shown, note } = limited(r.modules, 'files');
  const line = (v: string | null, l: number | null): string | undefined =>
    v === null ? undefined : l !== null ? `${v} (line ${l})` : v;
  return [
    '### Modules',
    '',
    table(
      ['Path', 'go line', 'toolchain line'],
      shown.map((m) => [
        m.path === r.root ? `${m.path} (main)` : m.path,
        line(m.go, m.goLine),
        line(m.toolchain, m.toolchainLine)
      ])
    ) + note
  ].join('\n');
}

function versionFiles(r: RunReport): string | undefined {
  if (r.versionFiles.length === 0) return undefined;
  const { shown, note } = limited(r.versionFiles, 'declarations');
  return [
    '### Version files',
    '',
    table(
      ['File', 'Line', 'Kind', 'Written', 'States'],
      shown.map((d) => [d.file, d.line, d.kind, d.raw, d.version])
    ) + note
  ].join('\n');
}

function vulnerabilities(r: RunReport): string | undefined {
  const v = r.vulnerabilities;
  if (!v || v.status !== 'checked' || v.matches.length === 0) return undefined;
  return [
    '### Vulnerabilities',
    '',
    table(
      ['ID', 'Aliases', 'Summary', 'Fixed in'],
      v.matches.map((m) => [
        `[${m.id}](${m.url})`,
        m.aliases.join(', '),
        m.summary,
        m.fixedInMinor ?? (m.newestFix ? `no fix in this minor (newest fix ${m.newestFix})` : 'no fix')
      ])
    )
  ].join('\n');
}

function matrix(r: RunReport): string | undefined {
  const m = r.matrix;
  if (!m) return undefined;
  return [
    '### Matrix',
    '',
    table(
      ['Output', 'Value'],
      [
        ['matrix', JSON.stringify(m.matrix)],
        ['minimal', m.minimal],
        ['latest', m.latest],
        ['range', m.range]
      ]
    )
  ].join('\n');
}

function warnings(r: RunReport): string | undefined {
  if (r.warnings.length === 0) return undefined;
  return ['### Warnings', '', ...r.warnings.map((w) => `- ${w.replace(/\r?\n/g, ' ')}`)].join('\n');
}

function size(bytes: number | undefined, files: number | undefined): string | undefined {
  if (bytes === undefined) return undefined;
  const mib = bytes / (1024 * 1024);
  const text = mib >= 1 ? `${mib.toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
  return files !== undefined ? `${text} (${files} files)` : text;
}

/** What the cache restore found: one row per entry (exact, partial, miss, failed), sizes and time. */
function cache(r: RunReport): string | undefined {
  const c = r.cache;
  if (!c) return undefined;
  if (c.status === 'skipped') return `### Cache\n\nNot restored: ${c.reason ?? 'skipped'}.`;
  const row = (name: string, e: ReportCacheEntry | null): (string | undefined)[] =>
    e
      ? [name, e.result, e.matchedKey ?? e.message, size(e.bytes, e.files), e.path]
      : [name, 'off', undefined, undefined, undefined];
  return [
    '### Cache',
    '',
    table(['Entry', 'Restored', 'Key', 'Size', 'Path'], [row('modules', c.modules), row('build', c.build)]),
    '',
    `Looked up and restored in ${c.ms} ms; ${c.save ? 'the post step saves what the job adds' : 'cache-save is false: nothing will be saved'}.`
  ].join('\n');
}

/** The post step's summary: what was saved of each cache entry. */
export function renderCacheSaveSummary(
  saved: { entry: string; outcome: string; key: string; detail: string; bytes?: number }[]
): string {
  return `${[
    '### Cache saved',
    '',
    table(
      ['Entry', 'Outcome', 'Key', 'Size', 'Detail'],
      saved.map((s) => [s.entry, s.outcome, s.key, size(s.bytes, undefined), s.detail])
    )
  ].join('\n')}\n`;
}

/** The post step's list of toolchains the go command downloaded during the job (drift findings). */
export function renderDownloadedToolchains(found: { kind: string; message: string }[]): string {
  return `${[
    '### Toolchains downloaded during the job',
    '',
    table(
      ['Kind', 'Finding'],
      found.map((f) => [f.kind, f.message])
    )
  ].join('\n')}\n`;
}

/** Renders the Markdown job summary of a run. */
export function renderSummary(report: RunReport): string {
  const version = report.resolution?.version;
  const title = `## ${report.action.name}${version ? `: Go ${version}` : ''}`;
  const parts = [
    title,
    '',
    `**${statusLine(report)}** · mode ${report.mode} · consistency ${report.consistency} · on-mismatch ${report.onMismatch}`,
    '',
    stopped(report),
    requested(report),
    resolved(report),
    checks(report),
    findings(report),
    report.audit ? renderAuditMarkdown(report.audit, { marker: false, headingLevel: 3 }) : undefined,
    modules(report),
    versionFiles(report),
    vulnerabilities(report),
    matrix(report),
    cache(report),
    warnings(report)
  ].filter((p): p is string => p !== undefined);
  return `${parts.join('\n\n').replace(/\n{3,}/g, '\n\n')}\n`;
}
