/**
 * dashboard.md: the dashboard as the body of a GitHub issue. The totals, the distribution and the
 * progress always fit; the repository rows follow, the ones that need attention first, until the
 * body would pass GitHub's 65,536-character limit; then one line says how many were left out and
 * points to the page. Every text of a report is escaped (mdText): no table cell can be split, no
 * markup or HTML rendered, no one mentioned (@) or cross-referenced (#1). Pure.
 */
import type { Dashboard, DashboardRow, DistributionBar, ProgressPart } from './dashboard-json.js';
import { age, num, pct, where } from './format.js';

/** GitHub's limit on an issue body, in characters. */
export const MARKDOWN_LIMIT = 65_536;
/** Skipped files listed before "…and N more". */
export const MAX_SKIPPED_LISTED = 30;

/**
 * Report text for Markdown: one line; the characters Markdown (or GitHub's HTML) would act on are
 * backslash-escaped; `@` and `#<digit>` get a zero-width space after them so that GitHub neither
 * notifies a user or team nor links an issue (the way Renovate keeps its dashboards quiet).
 */
export function mdText(s: string): string {
  return s
    .replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ')
    .replace(/[\\`*_[\]<>|~&!]|@|#(?=\d)/g, (c) => (c === '@' || c === '#' ? `${c}&#8203;` : `\\${c}`));
}

/** A link whose address the record checked (http(s), no spaces, quotes or angle brackets). */
function link(label: string, url: string | null): string {
  return url ? `[${label}](<${url}>)` : label;
}

function repoUrl(r: DashboardRow): string | null {
  return r.serverUrl && /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(r.repository)
    ? `${r.serverUrl.replace(/\/+$/, '')}/${r.repository}`
    : null;
}

function counted(n: number, of: number): string {
  return `${num(n)} (${pct(n, of)})`;
}

/** A bar of 10 cells for a share, with the percentage (readable without colour or images). */
function bar(n: number, of: number): string {
  const full = of > 0 ? Math.round((n / of) * 10) : 0;
  return `${'█'.repeat(full)}${'░'.repeat(10 - full)} ${pct(n, of)}`;
}

function distribution(title: string, bars: DistributionBar[], unknown: number, of: number): string {
  const lines = [`## ${title}`, '', '| Go | Repositories | Share |', '| --- | ---: | --- |'];
  for (const b of bars) lines.push(`| ${mdText(b.minor)} | ${num(b.repositories)} | ${bar(b.repositories, of)} |`);
  if (unknown > 0) lines.push(`| unknown | ${num(unknown)} | ${bar(unknown, of)} |`);
  if (bars.length === 0 && unknown === 0) lines.push('| — | 0 | |');
  return lines.join('\n');
}

function progressRow(label: string, p: ProgressPart, of: number): string {
  return `| ${label} | ${counted(p.reached, of)} | ${counted(p.behind, of)} | ${num(p.unknown)} |`;
}

/** Rows that need attention first: failing, vulnerable, unsupported, drifting, behind on patches. */
function attention(r: DashboardRow): number {
  return (
    (r.failing ? 16 : 0) +
    (r.vulnerabilities.count > 0 ? 8 : 0) +
    (r.support === 'unsupported' ? 4 : 0) +
    (r.drifting ? 2 : 0) +
    (r.patch === 'behind' ? 1 : 0)
  );
}

const SUPPORT: Record<DashboardRow['support'], string> = {
  supported: '✅ supported',
  unsupported: '❌ unsupported',
  unknown: '— unknown'
};

function countAt(n: number, place: string): string {
  if (n === 0) return '0';
  return place ? `${num(n)} · ${mdText(place)}` : num(n);
}

function rowLine(r: DashboardRow): string {
  const job = [r.workflow, r.job].filter((x): x is string => x !== null).join(' / ');
  const goLines = r.goLines.map((g) => g.version + (g.defaulted ? ' (default)' : '')).join(', ');
  const installed = r.installed ? `${r.installed}${r.patch === 'behind' ? ' ⬆ behind' : ''}` : '—';
  const errors = r.stopped
    ? `stopped · ${mdText(where(r.stopped) || r.stopped.message)}`
    : countAt(r.errorCount, where(r.firstError));
  const cells = [
    link(mdText(r.repository), repoUrl(r)),
    job ? mdText(job) : '—',
    goLines ? mdText(goLines) : '—',
    mdText(installed),
    SUPPORT[r.support],
    num(r.vulnerabilities.count),
    errors,
    countAt(r.driftCount, where(r.firstDrift)),
    age(r.ageSeconds),
    r.runUrl ? link('run', r.runUrl) : '—'
  ];
  return `| ${cells.join(' | ')} |`;
}

function pointer(d: Dashboard): string {
  return d.pageUrl
    ? `the full dashboard: ${link('open it', d.pageUrl)}`
    : 'the full dashboard is index.html, next to this file';
}

function skippedSection(d: Dashboard): string | undefined {
  if (d.skipped.length === 0) return undefined;
  const lines = [`## Skipped files (${num(d.skipped.length)})`, ''];
  for (const s of d.skipped.slice(0, MAX_SKIPPED_LISTED)) lines.push(`- ${mdText(s.file)}: ${mdText(s.reason)}`);
  if (d.skipped.length > MAX_SKIPPED_LISTED) {
    lines.push(
      `- …and ${num(d.skipped.length - MAX_SKIPPED_LISTED)} more: every one is in dashboard.json and on the page`
    );
  }
  return lines.join('\n');
}

export function renderMarkdown(d: Dashboard): string {
  const t = d.totals;
  const n = t.repositories;
  const head = [
    `# Go across ${num(n)} ${n === 1 ? 'repository' : 'repositories'}`,
    '',
    `Built ${d.generatedAt} by ${mdText(d.generator.name)} ${mdText(d.generator.version)} from ${num(d.inputs.files)} report files: ` +
      `${num(d.inputs.reports)} reports (${num(d.inputs.superseded)} replaced by newer ones of the same job), ` +
      `${num(d.inputs.skipped)} skipped. One row per job: ${num(t.rows)}. ${pointer(d).replace(/^t/, 'T')}.`,
    '',
    '| Repositories | On a supported Go | Behind on patches | With known vulnerabilities | Failing | Drifting |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${num(n)} | ${counted(t.supported, n)} | ${counted(t.behindOnPatches, n)} | ${counted(t.vulnerable, n)} | ${counted(t.failing, n)} | ${counted(t.drifting, n)} |`,
    '',
    distribution('Installed Go', d.distribution.installed, d.distribution.installedUnknown, n),
    '',
    distribution('Lowest go line', d.distribution.goLine, d.distribution.goLineUnknown, n)
  ];
  if (d.progress) {
    const p = d.progress;
    const target = mdText(p.target);
    head.push(
      '',
      `## Progress to Go ${target}${d.target?.source === 'newest-installed' ? ' (the newest minor installed)' : ''}`,
      '',
      '| | Reached | Behind | Unknown |',
      '| --- | ---: | ---: | ---: |',
      progressRow(`Installed Go ≥ ${target}`, p.installed, n),
      progressRow(`Lowest go line ≥ ${target}`, p.goLine, n)
    );
  }
  const headText = head.join('\n');
  const skipped = skippedSection(d);
  const rows = [...d.rows].sort(
    (a, b) => attention(b) - attention(a) || (a.repository < b.repository ? -1 : a.repository > b.repository ? 1 : 0)
  );
  const tableHead = [
    `## Repositories (${num(rows.length)} ${rows.length === 1 ? 'row' : 'rows'}, the ones that need attention first)`,
    '',
    '| Repository | Workflow / job | go line | Go | Support | Vulnerabilities | Errors | Drift | Age | Run |',
    '| --- | --- | --- | --- | --- | ---: | --- | --- | ---: | --- |'
  ].join('\n');
  const cutLine = (left: number): string =>
    `\n\n_…and ${num(left)} more ${left === 1 ? 'row' : 'rows'} did not fit in this issue: ${pointer(d)}._`;
  const tail = skipped ? `\n\n${skipped}\n` : '\n';
  let used = headText.length + 2 + tableHead.length + tail.length + cutLine(rows.length).length;
  const lines: string[] = [];
  for (const r of rows) {
    const line = rowLine(r);
    if (used + 1 + line.length > MARKDOWN_LIMIT) break;
    lines.push(line);
    used += 1 + line.length;
  }
  const left = rows.length - lines.length;
  const table = rows.length === 0 ? 'No rows.' : [tableHead, ...lines].join('\n') + (left > 0 ? cutLine(left) : '');
  return `${headText}\n\n${table}${tail}`;
}
