/**
 * index.html: the dashboard as one self-contained page (no network: inline CSS, inline SVG, an
 * inline script, the data embedded as JSON). A Content-Security-Policy forbids every fetch and
 * allows only this page's own style and script, by hash, so even a bug cannot load anything.
 * Without JavaScript the page still shows the totals, the charts and the skipped files, and says
 * where the rows are. Every text of a report is HTML-escaped here or becomes a text node in the
 * script. Pure (sha256 of the constant script and style via node:crypto, no I/O).
 */
import { createHash } from 'node:crypto';
import type { Dashboard } from './dashboard-json.js';
import { distributionChart, progressChart } from './charts.js';
import { escapeHtml as h, jsonForScript } from './html-text.js';
import { num, pct } from './format.js';
import { PAGE_SCRIPT } from './page-script.js';
import { PAGE_STYLE } from './page-style.js';

/** Skipped files listed on the page; every one is in dashboard.json (and the embedded data). */
export const MAX_SKIPPED_SHOWN = 1000;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The page's policy: nothing from anywhere, only its own script and style (by hash), data: images. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `script-src ${sha256(PAGE_SCRIPT)}`,
  `style-src ${sha256(PAGE_STYLE)}`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'"
].join('; ');

const COLUMNS: { key?: string; label: string }[] = [
  { key: 'repository', label: 'Repository' },
  { key: 'goline', label: 'go line' },
  { key: 'installed', label: 'Go' },
  { key: 'support', label: 'Support' },
  { key: 'vulns', label: 'Vulnerabilities' },
  { key: 'errors', label: 'Errors' },
  { key: 'drift', label: 'Drift' },
  { key: 'age', label: 'Age' },
  { label: 'Run' }
];

function total(key: string, n: number, label: string, of?: number): string {
  const share = of !== undefined ? `<span class="p">${pct(n, of)}</span>` : '';
  return `<li data-total="${key}"><span class="n">${num(n)}</span>${h(label)}${share}</li>`;
}

function skippedSection(d: Dashboard): string {
  if (d.skipped.length === 0) return '';
  const items = d.skipped
    .slice(0, MAX_SKIPPED_SHOWN)
    .map(
      (s) =>
        `<li data-kind="${h(s.kind)}"><span class="file">${h(s.file)}</span>: <span class="reason">${h(s.reason)}</span></li>`
    )
    .join('');
  const more =
    d.skipped.length > MAX_SKIPPED_SHOWN
      ? `<p class="muted">…and ${num(d.skipped.length - MAX_SKIPPED_SHOWN)} more: every one is in dashboard.json.</p>`
      : '';
  return (
    `<section id="skipped" aria-labelledby="skipped-h"><h2 id="skipped-h">Skipped files (${num(d.skipped.length)})</h2>` +
    `<details${d.skipped.length <= 20 ? ' open' : ''}><summary>Files that are not reports this dashboard reads, and why</summary>` +
    `<ul class="skipped">${items}</ul>${more}</details></section>`
  );
}

export function renderHtml(d: Dashboard): string {
  const t = d.totals;
  const n = t.repositories;
  const title = `Go across ${num(n)} ${n === 1 ? 'repository' : 'repositories'}`;
  const target = d.target
    ? ` Target: Go ${h(d.target.version)}${d.target.source === 'newest-installed' ? ' (the newest minor installed; set it with --target)' : ''}.`
    : '';
  const charts = [
    distributionChart({
      id: 'chart-installed',
      title: 'Installed Go',
      bars: d.distribution.installed,
      unknown: d.distribution.installedUnknown,
      of: n
    }),
    distributionChart({
      id: 'chart-goline',
      title: 'Lowest go line',
      bars: d.distribution.goLine,
      unknown: d.distribution.goLineUnknown,
      of: n
    })
  ];
  if (d.progress) {
    charts.push(
      progressChart({
        id: 'chart-progress',
        title: `Progress to Go ${d.progress.target}`,
        target: d.progress.target,
        bars: [
          { label: 'Installed Go', part: d.progress.installed },
          { label: 'Lowest go line', part: d.progress.goLine }
        ]
      })
    );
  }
  const head = COLUMNS.map((c) =>
    c.key
      ? `<th scope="col" data-sort="${c.key}" aria-sort="${c.key === 'repository' ? 'ascending' : 'none'}"><button type="button">${h(c.label)}</button></th>`
      : `<th scope="col">${h(c.label)}</th>`
  ).join('');
  const options = [
    ['', 'all rows'],
    ['failing', 'failing'],
    ['drifting', 'drifting'],
    ['vulnerable', 'with known vulnerabilities'],
    ['unsupported', 'on an unsupported Go'],
    ['behind', 'behind on patches'],
    ['healthy', 'none of these']
  ]
    .map(([v, l]) => `<option value="${v}">${h(l)}</option>`)
    .join('');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${h(CONTENT_SECURITY_POLICY)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    '<meta name="referrer" content="no-referrer">',
    '<link rel="icon" href="data:,">',
    `<title>${h(title)} · ${h(d.generator.name)}</title>`,
    `<style>${PAGE_STYLE}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${h(title)}</h1>`,
    `<p class="meta">Built ${h(d.generatedAt)} by ${h(d.generator.name)} ${h(d.generator.version)} from ${num(d.inputs.files)} report files: ` +
      `${num(d.inputs.reports)} reports (${num(d.inputs.superseded)} replaced by newer ones of the same job), ${num(d.inputs.skipped)} skipped; ` +
      `one row per job: ${num(t.rows)} rows.${target}</p></header>`,
    '<main>',
    '<section aria-labelledby="totals-h"><h2 id="totals-h" class="visually-hidden">Totals</h2><ul class="totals" id="totals">',
    total('repositories', n, 'repositories'),
    total('supported', t.supported, 'on a supported Go', n),
    total('behind', t.behindOnPatches, 'behind on patches', n),
    total('vulnerable', t.vulnerable, 'with known vulnerabilities', n),
    total('failing', t.failing, 'failing', n),
    total('drifting', t.drifting, 'drifting', n),
    '</ul></section>',
    `<section aria-labelledby="charts-h"><h2 id="charts-h" class="visually-hidden">Charts</h2><div class="charts">${charts.join('')}</div></section>`,
    '<section id="repositories" aria-labelledby="rows-h"><h2 id="rows-h">Repositories</h2>',
    '<noscript><p class="note" id="noscript-note">The table of repositories needs JavaScript, which is off. The same rows are in dashboard.md and dashboard.json next to this page.</p></noscript>',
    '<div id="table-ui" hidden>',
    '<div class="controls">',
    '<label for="filter">Filter</label><input id="filter" type="search" autocomplete="off" spellcheck="false" placeholder="repository, job, Go version, failing, drifting…">',
    `<label for="show">Show</label><select id="show">${options}</select>`,
    '<span id="count" role="status" aria-live="polite"></span>',
    '</div>',
    `<table class="rows" id="rows"><caption class="visually-hidden">One row per job; choose a column's button to sort, a repository to see its findings</caption><thead><tr>${head}</tr></thead><tbody id="rows-body"></tbody></table>`,
    '<nav class="pager" aria-label="Pages"><button type="button" id="prev">Previous</button><span id="page-label"></span><button type="button" id="next">Next</button></nav>',
    '</div>',
    '</section>',
    skippedSection(d),
    '</main>',
    `<script type="application/json" id="dashboard-data">${jsonForScript(d)}</script>`,
    `<script>${PAGE_SCRIPT}</script>`,
    '</body>',
    '</html>',
    ''
  ].join('\n');
}
