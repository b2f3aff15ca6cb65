#!/usr/bin/env node
// Writes three images of one real pull-request run of the bundled action (pull-request-run.mjs:
// acme/shop's "Bump Go to 1.26", which forgets two statements and fails):
//   docs/images/summary-failing.png  the run's page with the job summary (GITHUB_STEP_SUMMARY)
//   docs/images/annotations.png      the pull request's "Files changed" with the annotations
//                                    (the ::error/::warning file=,line= commands of the run)
//   docs/images/audit-comment.png    the pull request's conversation with the audit comment
//                                    (the audit-file, as the pr-audit.yml recipe posts it)
// Each page is styled like GitHub and rendered in Debian's headless chromium. The one change made
// to the run's text: the scratch folders of this machine are shown as a hosted runner's
// (/opt/hostedtoolcache, /home/runner/work/...). Flags: --dist FILE (default dist/index.js),
// --out DIR (default docs/images), --keep (keep the scratch folder).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_DIST } from '../test-support/run-action.mjs';
import { escapeHtml, renderMarkdown } from './markdown.mjs';
import { avatar, icon, launchChromium, page, repoHeader, screenshot } from './github-page.mjs';
import {
  HEAD_BRANCH,
  JOB,
  PULL_NUMBER,
  PULL_TITLE,
  REPOSITORY,
  WORKFLOW,
  runPullRequest
} from './pull-request-run.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const WIDTH = 1280;
const AUTHOR = 'dana-dev';

/**
 * The run's text with this machine's scratch folders shown as a hosted runner's.
 * @param {string} text @param {string} scratch
 */
export function asOnRunner(text, scratch) {
  return text
    .split(path.join(scratch, 'toolcache'))
    .join('/opt/hostedtoolcache')
    .split(path.join(scratch, 'runner-temp'))
    .join('/home/runner/work/_temp')
    .split(path.join(scratch, 'shop'))
    .join('/home/runner/work/shop/shop');
}

const RUN_CSS = `
.run-title { padding: 16px 24px 0; }
.run-back { font-size: 14px; color: #59636e; display: flex; align-items: center; gap: 6px; }
.run-title h1 { margin: 6px 0 16px; font-size: 24px; font-weight: 400; display: flex; align-items: center; gap: 10px; }
.run-title h1 .num { color: #59636e; font-weight: 300; }
.run-title h1 .right { margin-left: auto; display: flex; gap: 8px; }
.run-layout { display: flex; border-top: 1px solid #d1d9e0; }
.run-sidebar { width: 256px; flex: none; padding: 16px 8px 24px 16px; border-right: 1px solid #d1d9e0; min-height: 900px; }
.nav-item { display: flex; align-items: center; gap: 8px; padding: 6px 8px; border-radius: 6px; color: #1f2328; }
.nav-item.selected { background: #818b981a; font-weight: 600; position: relative; }
.nav-item.selected::before { content: ""; position: absolute; left: -8px; top: 6px; bottom: 6px; width: 4px; border-radius: 6px; background: #0969da; }
.nav-heading { font-size: 12px; font-weight: 600; color: #59636e; padding: 16px 8px 6px; }
.run-main { flex: 1; padding: 16px 16px 0; background: #f6f8fa; min-width: 0; }
.status-box { display: flex; gap: 48px; padding: 16px; margin-bottom: 16px; }
.status-box .k { font-size: 12px; color: #59636e; }
.status-box .v { font-size: 14px; font-weight: 600; margin-top: 2px; display: flex; align-items: center; gap: 6px; }
.graph-box { margin-bottom: 16px; }
.graph-box .Box-header { display: flex; gap: 8px; align-items: baseline; }
.graph-body { padding: 32px 24px; background: #f6f8fa; border-radius: 0 0 6px 6px;
  background-image: radial-gradient(#d1d9e0 1px, transparent 1px); background-size: 16px 16px; }
.job-node { display: inline-flex; align-items: center; gap: 8px; width: 240px; padding: 10px 12px; border: 1px solid #d1d9e0; border-radius: 6px; background: #fff; box-shadow: 0 1px 0 #1f23280a; font-weight: 600; }
.job-node .t { margin-left: auto; font-weight: 400; color: #59636e; font-size: 12px; }
.summary-box { margin-bottom: 0; }
.summary-box .Box-header { display: flex; align-items: center; gap: 8px; background: #fff; font-weight: 600; font-size: 14px; }
.summary-box .markdown-body { padding: 16px 24px 24px; }
.cut { position: relative; }
`;

/** @param {import('./pull-request-run.mjs').PullRequestRun} r @param {string} scratch */
function runPage(r, scratch) {
  const failed = r.run.code !== 0;
  const state = failed
    ? `${icon('x-circle', { size: 24, cls: 'color-danger' })}`
    : `${icon('check-circle', { size: 24, cls: 'color-success' })}`;
  const jobIcon = (/** @type {number} */ size) =>
    failed ? icon('x-circle', { size, cls: 'color-danger' }) : icon('check-circle', { size, cls: 'color-success' });
  const body = `${repoHeader({ repository: REPOSITORY, tab: 'actions' })}
<div class="run-title">
  <div class="run-back">${icon('arrow-left')} ${WORKFLOW}</div>
  <h1>${state}<span>${escapeHtml(PULL_TITLE)}</span> <span class="num">#412</span>
    <span class="right"><span class="btn">Re-run jobs ${icon('chevron-down')}</span><span class="btn">${icon('kebab')}</span></span></h1>
</div>
<div class="run-layout">
  <aside class="run-sidebar">
    <div class="nav-item selected">${icon('clock', { cls: 'muted' })} Summary</div>
    <div class="nav-heading">Jobs</div>
    <div class="nav-item">${jobIcon(16)} ${JOB}</div>
    <div class="nav-heading">Run details</div>
    <div class="nav-item">${icon('clock', { cls: 'muted' })} Usage</div>
    <div class="nav-item">${icon('file', { cls: 'muted' })} Workflow file</div>
  </aside>
  <main class="run-main">
    <div class="Box status-box">
      <div><div class="k">Triggered via pull request</div><div class="v">${avatar(AUTHOR, 20)} <span style="font-weight:400">${AUTHOR} synchronize <a>#${PULL_NUMBER}</a></span> <span class="Label mono" style="background:#ddf4ff;color:#0969da;border-color:transparent">${HEAD_BRANCH}</span></div></div>
      <div><div class="k">Status</div><div class="v">${failed ? 'Failure' : 'Success'}</div></div>
      <div><div class="k">Artifacts</div><div class="v">–</div></div>
    </div>
    <div class="Box graph-box">
      <div class="Box-header"><b>${WORKFLOW}.yml</b> <span class="muted">on: pull_request</span></div>
      <div class="graph-body"><span class="job-node">${jobIcon(16)} ${JOB}</span></div>
    </div>
    <div class="Box summary-box">
      <div class="Box-header">${JOB} summary</div>
      <div class="markdown-body">${renderMarkdown(asOnRunner(r.run.summary, scratch))}</div>
    </div>
  </main>
</div>`;
  return page(`${PULL_TITLE} · ${REPOSITORY}`, body, RUN_CSS);
}

const PR_CSS = `
.pr-head { padding: 24px 24px 0; }
.pr-head h1 { margin: 0 0 8px; font-size: 32px; font-weight: 400; line-height: 1.25; }
.pr-head h1 .num { color: #59636e; font-weight: 300; }
.pr-meta { display: flex; align-items: center; gap: 8px; padding-bottom: 16px; color: #59636e; }
.pr-meta b { color: #1f2328; font-weight: 600; }
.branch { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; padding: 2px 6px; background: #ddf4ff; color: #0969da; border-radius: 6px; }
.pr-tabs { display: flex; gap: 4px; padding: 0 24px; border-bottom: 1px solid #d1d9e0; }
.pr-tabs .tab { display: flex; gap: 8px; align-items: center; padding: 8px 14px; margin-bottom: -1px; border: 1px solid transparent; border-radius: 6px 6px 0 0; color: #59636e; }
.pr-tabs .tab.selected { border-color: #d1d9e0; border-bottom-color: #fff; background: #fff; color: #1f2328; font-weight: 600; }
.pr-tabs .stat { margin-left: auto; align-self: center; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
.files { padding: 16px 24px 24px; }
.toolbar { display: flex; align-items: center; gap: 12px; padding-bottom: 16px; color: #59636e; }
.file { border: 1px solid #d1d9e0; border-radius: 6px; margin-bottom: 16px; overflow: hidden; }
.file-header { display: flex; align-items: center; gap: 8px; padding: 6px 12px; background: #f6f8fa; border-bottom: 1px solid #d1d9e0; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
.file-header .viewed { margin-left: auto; font-family: -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
.diffstat { display: inline-flex; gap: 1px; margin-left: 2px; }
.diffstat i { display: inline-block; width: 8px; height: 8px; background: #d1d9e0; }
.diffstat i.a { background: #1f883d; } .diffstat i.d { background: #cf222e; }
table.diff { width: 100%; border-collapse: collapse; font-size: 12px; line-height: 20px; table-layout: fixed; }
.diff td { padding: 0 10px; vertical-align: top; }
.diff .blob-num { width: 50px; text-align: right; color: #59636e; user-select: none; font-size: 12px; }
.diff .blob-code { white-space: pre-wrap; word-break: break-all; }
.diff tr.hunk td { background: #ddf4ff; color: #59636e; }
.diff tr.hunk td.blob-num { background: #b6e3ff; }
.diff tr.add td { background: #dafbe1; } .diff tr.add td.blob-num { background: #aceebb; color: #1f2328; }
.diff tr.del td { background: #ffebe9; } .diff tr.del td.blob-num { background: #ffcecb; color: #1f2328; }
.diff .marker { display: inline-block; width: 14px; }
.diff tr.ann > td { padding: 8px 12px; background: #fff; border-top: 1px solid #d1d9e0; border-bottom: 1px solid #d1d9e0; font-family: -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; font-size: 14px; }
.annotation { border: 1px solid #d1d9e0; border-left: 4px solid #d1242f; border-radius: 6px; padding: 10px 14px; background: #fff; }
.annotation + .annotation { margin-top: 8px; }
.annotation.warning { border-left-color: #bf8700; }
.annotation .head { display: flex; align-items: center; gap: 8px; }
.annotation .src { color: #59636e; font-size: 12px; margin: 2px 0 6px 24px; }
.annotation .msg { margin: 0 0 0 24px; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; white-space: pre-wrap; color: #1f2328; }
.section-title { display: flex; align-items: center; gap: 8px; margin: 24px 0 12px; font-size: 16px; font-weight: 600; }
`;

/**
 * @typedef {{ kind: 'hunk', text: string } | { kind: 'add' | 'del' | 'ctx', text: string, old?: number, new?: number }} DiffRow
 * @typedef {{ path: string, rows: DiffRow[], additions: number, deletions: number }} DiffFile
 */

/** git diff --no-prefix to files of rows. @param {string} diff @returns {DiffFile[]} */
export function parseDiff(diff) {
  /** @type {DiffFile[]} */
  const files = [];
  /** @type {DiffFile | undefined} */
  let file;
  let oldN = 0;
  let newN = 0;
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) {
      file = { path: '', rows: [], additions: 0, deletions: 0 };
      files.push(file);
    } else if (!file) continue;
    else if (line.startsWith('+++ ')) {
      if (line !== '+++ /dev/null') file.path = line.slice(4);
    } else if (line.startsWith('--- ')) {
      if (line !== '--- /dev/null') file.path = line.slice(4);
    } else if (line.startsWith('@@')) {
      const m = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@(.*)$/.exec(line);
      if (!m) continue;
      oldN = Number(m[1]);
      newN = Number(m[2]);
      file.rows.push({ kind: 'hunk', text: line });
    } else if (file.rows.length === 0) continue;
    else if (line.startsWith('+')) {
      file.rows.push({ kind: 'add', text: line.slice(1), new: newN++ });
      file.additions++;
    } else if (line.startsWith('-')) {
      file.rows.push({ kind: 'del', text: line.slice(1), old: oldN++ });
      file.deletions++;
    } else if (line.startsWith(' ') || line === '') {
      if (line === '' && oldN === 0) continue;
      file.rows.push({ kind: 'ctx', text: line.slice(1), old: oldN++, new: newN++ });
    }
  }
  // git ends the last hunk with a newline, not an empty context line
  for (const f of files) {
    const last = f.rows[f.rows.length - 1];
    if (last && last.kind === 'ctx' && last.text === '') f.rows.pop();
  }
  return files;
}

/** "+2 −1" and GitHub's five blocks. @param {number} add @param {number} del */
function diffstat(add, del) {
  const total = add + del;
  const colored = Math.min(5, total);
  const green = total === 0 ? 0 : Math.round((add / total) * colored);
  const blocks = [...Array(5)].map((_x, k) => (k < green ? 'a' : k < colored ? 'd' : ''));
  return `<span class="color-success">+${add}</span> <span class="color-danger">−${del}</span><span class="diffstat">${blocks.map((c) => `<i class="${c}"></i>`).join('')}</span>`;
}

/** @param {import('../test-support/run-action.mjs').Annotation} a @param {string} file */
function annotationBox(a, file) {
  const failure = a.level === 'error';
  return `<div class="annotation ${failure ? 'failure' : 'warning'}">
  <div class="head">${failure ? icon('x-circle', { cls: 'color-danger' }) : icon('alert-fill', { cls: 'color-attention' })}<span><b>Check ${failure ? 'failure' : 'warning'}</b> on line ${a.line} in ${escapeHtml(file)}</span></div>
  <div class="src">GitHub Actions / ${escapeHtml(JOB)}</div>
  ${a.title ? `<div style="margin-left:24px;font-weight:600">${escapeHtml(a.title)}</div>` : ''}
  <pre class="msg">${escapeHtml(a.message)}</pre>
</div>`;
}

/** @param {import('../test-support/run-action.mjs').Annotation[]} anns @param {string} file */
function annotationRow(anns, file) {
  if (anns.length === 0) return '';
  return `<tr class="ann"><td colspan="3">${anns.map((a) => annotationBox(a, file)).join('')}</td></tr>`;
}

/** @param {'conversation' | 'files'} tab @param {number} filesCount @param {string} [stat] */
function prHead(tab, filesCount, stat = '') {
  /** @type {[string, string, string, number][]} */
  const tabs = [
    ['conversation', 'comment', 'Conversation', 1],
    ['commits', 'commit', 'Commits', 1],
    ['checks', 'checklist', 'Checks', 1],
    ['files', 'file-diff', 'Files changed', filesCount]
  ];
  return `<div class="pr-head">
  <h1>${escapeHtml(PULL_TITLE)} <span class="num">#${PULL_NUMBER}</span></h1>
  <div class="pr-meta"><span class="State State--open">${icon('pull-request')} Open</span>
    <span><b>${AUTHOR}</b> wants to merge 1 commit into <span class="branch">main</span> from <span class="branch">${HEAD_BRANCH}</span></span></div>
</div>
<nav class="pr-tabs">${tabs
    .map(
      ([id, ic, label, n]) =>
        `<span class="tab${id === tab ? ' selected' : ''}">${icon(/** @type {any} */ (ic), { cls: 'muted' })} ${label} <span class="Counter">${n}</span></span>`
    )
    .join('')}${stat ? `<span class="stat">${stat}</span>` : ''}</nav>`;
}

/** @param {import('./pull-request-run.mjs').PullRequestRun} r */
function filesPage(r) {
  const files = parseDiff(r.diff);
  const anns = r.run.annotations.filter((a) => a.file && a.line);
  const inDiff = new Set();
  const sections = files.map((f) => {
    const rows = f.rows
      .map((row) => {
        if (row.kind === 'hunk')
          return `<tr class="hunk"><td class="blob-num">${icon('unfold', { cls: 'muted' })}</td><td class="blob-num"></td><td class="blob-code">${escapeHtml(row.text)}</td></tr>`;
        const mark = row.kind === 'add' ? '+' : row.kind === 'del' ? '-' : ' ';
        const here =
          row.kind === 'del'
            ? []
            : anns.filter((a) => a.file === f.path && a.line === row.new && !inDiff.has(a) && inDiff.add(a));
        return `<tr class="${row.kind}"><td class="blob-num">${row.old ?? ''}</td><td class="blob-num">${row.new ?? ''}</td><td class="blob-code"><span class="marker">${mark}</span>${escapeHtml(row.text)}</td></tr>${annotationRow(here, f.path)}`;
      })
      .join('');
    return `<div class="file"><div class="file-header">${icon('chevron-down', { cls: 'muted' })} ${diffstat(f.additions, f.deletions)} <span style="color:#1f2328">${escapeHtml(f.path)}</span><span class="viewed">☐ Viewed</span></div>
<table class="diff"><colgroup><col style="width:50px"><col style="width:50px"><col></colgroup>${rows}</table></div>`;
  });
  // the annotated files the pull request did not change, as GitHub lists them below the diff
  const rest = new Map();
  for (const a of anns) {
    if (inDiff.has(a)) continue;
    if (!rest.has(a.file)) rest.set(a.file, []);
    rest.get(a.file).push(a);
  }
  const unchanged = [...rest.entries()]
    .sort(([x], [y]) => (x < y ? -1 : 1))
    .map(([file, list]) => {
      const lines = (r.headFiles[file] ?? '').replace(/\n$/, '').split('\n');
      const shown = new Set();
      for (const a of list)
        for (let k = a.line - 1; k <= a.line + 1; k++) if (k >= 1 && k <= lines.length) shown.add(k);
      const rows = [...shown]
        .sort((x, y) => x - y)
        .map(
          (n) =>
            `<tr class="ctx"><td class="blob-num"></td><td class="blob-num">${n}</td><td class="blob-code"><span class="marker"> </span>${escapeHtml(lines[n - 1])}</td></tr>${annotationRow(
              list.filter((/** @type {any} */ a) => a.line === n),
              file
            )}`
        )
        .join('');
      return `<div class="file"><div class="file-header">${icon('chevron-down', { cls: 'muted' })} <span style="color:#1f2328">${escapeHtml(file)}</span></div>
<table class="diff"><colgroup><col style="width:50px"><col style="width:50px"><col></colgroup>${rows}</table></div>`;
    });
  const add = files.reduce((n, f) => n + f.additions, 0);
  const del = files.reduce((n, f) => n + f.deletions, 0);
  const body = `${repoHeader({ repository: REPOSITORY, tab: 'pulls', counts: { issues: 7, pulls: 3 } })}
${prHead('files', files.length, `<span class="color-success">+${add}</span> <span class="color-danger">−${del}</span>`)}
<div class="files">
  <div class="toolbar"><span class="btn btn-sm">Changes from all commits ${icon('chevron-down')}</span><span class="btn btn-sm">File filter ${icon('chevron-down')}</span><span class="btn btn-sm">Conversations ${icon('chevron-down')}</span><span style="margin-left:auto">0 / ${files.length} files viewed</span><span class="btn btn-sm" style="background:#1f883d;color:#fff;border-color:#1f883d">Review changes</span></div>
  ${sections.join('\n')}
  ${unchanged.length ? `<div class="section-title">${icon('alert', { cls: 'muted' })} Unchanged files with check annotations <span class="Label">Beta</span></div>${unchanged.join('\n')}` : ''}
</div>`;
  return page(`${PULL_TITLE} by ${AUTHOR} · Pull Request #${PULL_NUMBER} · ${REPOSITORY}`, body, PR_CSS);
}

const CONVERSATION_CSS = `
.conv { display: flex; gap: 24px; padding: 24px; }
.timeline { flex: 1; min-width: 0; position: relative; }
.timeline::before { content: ""; position: absolute; left: 72px; top: 0; bottom: 0; width: 2px; background: #d1d9e0b3; }
.sidebar { width: 256px; flex: none; font-size: 12px; }
.sidebar .item { padding: 12px 0 16px; border-bottom: 1px solid #d1d9e0b3; }
.sidebar .item b { display: block; font-size: 12px; color: #59636e; margin-bottom: 6px; }
.comment { display: flex; gap: 16px; margin-bottom: 16px; }
.comment .box { flex: 1; min-width: 0; border: 1px solid #d1d9e0; border-radius: 6px; background: #fff; position: relative; }
.comment { position: relative; background: #fff; }
.comment + .event, .commit-row + .comment { margin-top: 0; }
.comment .box-head { display: flex; align-items: center; gap: 6px; padding: 8px 16px; background: #f6f8fa; border-bottom: 1px solid #d1d9e0; border-radius: 6px 6px 0 0; color: #59636e; }
.comment.own .box { border-color: #b6e3ff; } .comment.own .box-head { background: #ddf4ff; border-bottom-color: #b6e3ff; }
.comment .box-head b { color: #1f2328; }
.comment .box-head .right { margin-left: auto; display: flex; gap: 8px; align-items: center; }
.comment .markdown-body { padding: 16px; }
.event { display: flex; align-items: center; gap: 8px; margin: 0 0 16px 56px; padding: 4px 0; color: #59636e; font-size: 14px; position: relative; }
.comment { background: transparent; }
.event .badge { width: 32px; height: 32px; border-radius: 50%; background: #f6f8fa; border: 2px solid #fff; display: inline-flex; align-items: center; justify-content: center; color: #59636e; }
.commit-row { display: flex; align-items: center; gap: 8px; margin: -8px 0 16px 96px; font-size: 14px; position: relative; }
.commit-row .sha { margin-left: auto; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; color: #59636e; }
`;

/** @param {import('./pull-request-run.mjs').PullRequestRun} r */
function conversationPage(r) {
  const failed = r.run.code !== 0;
  const description = [
    'Moves the service to Go 1.26: the go line of go.mod, the image of the Dockerfile and the lint workflow.',
    '',
    'Keeps `updatemaxprocs=0` until the container limits are sorted out.'
  ].join('\n');
  const files = parseDiff(r.diff);
  const body = `${repoHeader({ repository: REPOSITORY, tab: 'pulls', counts: { issues: 7, pulls: 3 } })}
${prHead('conversation', files.length)}
<div class="conv">
  <div class="timeline">
    <div class="comment own">${avatar(AUTHOR, 40)}<div class="box">
      <div class="box-head"><b>${AUTHOR}</b> commented 9 minutes ago<span class="right"><span class="Label">Author</span>${icon('kebab')}</span></div>
      <div class="markdown-body">${renderMarkdown(description, { breaks: true })}</div></div></div>
    <div class="event"><span class="badge">${icon('commit')}</span>${avatar(AUTHOR, 20)} <b style="color:#1f2328">${AUTHOR}</b> added 1 commit 9 minutes ago</div>
    <div class="commit-row">${avatar(AUTHOR, 16)} <span>${escapeHtml(PULL_TITLE)}</span> ${failed ? icon('x-mark', { cls: 'color-danger' }) : icon('check', { cls: 'color-success' })}<span class="sha">${r.headSha.slice(0, 7)}</span></div>
    <div class="comment">${avatar('github-actions[bot]', 40)}<div class="box">
      <div class="box-head"><b>github-actions</b> <span class="Label">bot</span> commented 7 minutes ago<span class="right">${icon('smiley')}${icon('kebab')}</span></div>
      <div class="markdown-body">${renderMarkdown(r.audit, { breaks: true })}</div></div></div>
  </div>
  <aside class="sidebar">
    <div class="item"><b>Reviewers</b>No reviews</div>
    <div class="item"><b>Assignees</b>${avatar(AUTHOR, 20)} ${AUTHOR}</div>
    <div class="item"><b>Labels</b><span class="Label" style="background:#0366d6;color:#fff;border:0">dependencies</span> <span class="Label" style="background:#00add8;color:#fff;border:0">go</span></div>
    <div class="item"><b>Projects</b>None yet</div>
    <div class="item"><b>Milestone</b>No milestone</div>
  </aside>
</div>`;
  return page(
    `${PULL_TITLE} by ${AUTHOR} · Pull Request #${PULL_NUMBER} · ${REPOSITORY}`,
    body,
    PR_CSS + CONVERSATION_CSS
  );
}

/**
 * Runs the pull request and writes the three images.
 * @param {{ outDir?: string, dist?: string, keep?: boolean, browser?: import('playwright-core').Browser }} [o]
 * @returns {Promise<{ file: string, bytes: number, width: number, height: number }[]>}
 */
export async function writePullRequestImages(o = {}) {
  const outDir = o.outDir ?? path.join(root, 'docs', 'images');
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'setup-go-enforced-screenshots-'));
  const browser = o.browser ?? (await launchChromium());
  try {
    const r = await runPullRequest({ scratch, dist: o.dist ?? DEFAULT_DIST });
    if (r.run.code !== 1)
      throw new Error(`the pull request's run was expected to fail (exit 1), it exited ${r.run.code}`);
    const shots = [];
    shots.push(
      await screenshot(browser, {
        html: runPage(r, scratch),
        file: path.join(outDir, 'summary-failing.png'),
        width: WIDTH,
        // the status line, what was asked for and resolved, and every check's result; the
        // findings are in annotations.png, the audit in audit-comment.png
        cutBefore: 'h3:has-text("Findings")'
      })
    );
    shots.push(
      await screenshot(browser, { html: filesPage(r), file: path.join(outDir, 'annotations.png'), width: WIDTH })
    );
    shots.push(
      await screenshot(browser, {
        html: conversationPage(r),
        file: path.join(outDir, 'audit-comment.png'),
        width: WIDTH
      })
    );
    return shots;
  } finally {
    if (!o.browser) await browser.close();
    if (o.keep) console.log(`(kept ${scratch})`);
    else rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const flag = (/** @type {string} */ name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  writePullRequestImages({
    outDir: flag('--out') ? path.resolve(/** @type {string} */ (flag('--out'))) : undefined,
    dist: flag('--dist') ? path.resolve(/** @type {string} */ (flag('--dist'))) : undefined,
    keep: args.includes('--keep')
  }).then(
    (shots) => {
      for (const s of shots)
        console.log(
          `wrote ${path.relative(process.cwd(), s.file)} (${s.width}x${s.height}, ${Math.round(s.bytes / 1024)} KiB)`
        );
    },
    (err) => {
      console.error(`screenshots: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      process.exitCode = 1;
    }
  );
}
