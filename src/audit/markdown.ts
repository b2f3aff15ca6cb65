/**
 * The upgrade audit as Markdown: the pull-request comment (`audit-file`) and the job summary's
 * section. What a reviewer needs on one screen, per module that moved: the lines and the Go that
 * builds before and after, then the GODEBUG defaults that flip (with Go's links), the settings
 * `godebug` lines keep, language, vet and platform changes, vulnerabilities, support and the cold
 * build cache; then the images and version files that moved, and every file left behind. One line
 * when nothing changed. It starts with a hidden marker (AUDIT_MARKER) so that a bot finds and edits
 * its own comment, and stays within GitHub's 65,536-character comment limit (cut at a line, with a
 * note). Every piece of repository text goes through markdown-text.ts. Pure.
 */
import { compareGo } from '../go/gover.js';
import { count, showPath } from '../text.js';
import { sameFlip, sameFlips } from './godebug-delta.js';
import { md, link } from './markdown-text.js';
import type {
  AuditDeclarationChange,
  AuditFlip,
  AuditModule,
  AuditPlatformChange,
  AuditResult,
  AuditSupportState,
  AuditVuln
} from './types.js';

/** The first line of every audit comment: how a bot finds its own comment to edit it. */
export const AUDIT_MARKER = '<!-- setup-go-enforced audit -->';

/** GitHub's limit for an issue or pull-request comment body. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** Settings listed per table before "N more" (Go's tables hold about 50). */
const MAX_FLIPS = 60;

export interface AuditMarkdownOptions {
  /** characters at most (default GITHUB_COMMENT_LIMIT) */
  maxChars?: number;
  /** start with AUDIT_MARKER (default true; the job summary passes false) */
  marker?: boolean;
  /** the level of the title heading (default 3) */
  headingLevel?: number;
}

const path = (p: string): string => md(showPath(p));
const at = (file: string, line?: number): string => (line ? `${path(file)}:${line}` : path(file));
const shortSha = (sha?: string): string => (sha ? ` (${md(sha.slice(0, 7))})` : '');

function row(cells: string[], empty = '—'): string {
  return `| ${cells.map((c) => (c === '' ? empty : c)).join(' | ')} |`;
}

function table(head: string[], rows: string[][]): string[] {
  return [row(head, ' '), row(head.map(() => '---')), ...rows.map((r) => row(r))];
}

const CAUSE: Record<AuditFlip['cause'], string> = {
  toolchain: 'the toolchain',
  removed: 'removed by the toolchain',
  'go-line': 'go line',
  'godebug-default': 'godebug default=',
  'pin-added': 'pin added',
  'pin-removed': 'pin removed',
  'pin-changed': 'pin changed'
};

/** "name before → after" of a flip. */
function flipText(f: AuditFlip): string {
  return `${md(f.name)} ${value(f.before)} → ${value(f.after)}`;
}

/** What a package's flips add to or leave out of the module's. */
function flipDiff(module: readonly AuditFlip[], own: readonly AuditFlip[]): string {
  const added = own.filter((f) => !module.some((m) => sameFlip(m, f))).map(flipText);
  const missing =
    own.length === 0 && module.length > 0
      ? ['none of them']
      : module.filter((m) => !own.some((f) => f.name === m.name)).map((m) => `not ${md(m.name)}`);
  return [...added, ...missing].join('; ');
}

function value(v: string | undefined): string {
  return v === undefined ? 'default' : md(v);
}

function flipRows(flips: readonly AuditFlip[]): string[] {
  const shown = flips.slice(0, MAX_FLIPS);
  const rows = shown.map((f) => [
    md(f.name),
    md(f.package),
    value(f.before),
    value(f.after),
    f.release ? link(`Go ${f.release}`, f.link) : '',
    CAUSE[f.cause]
  ]);
  const out = table(['Setting', 'Package', 'Before', 'After', 'Changed in', 'By'], rows);
  if (flips.length > shown.length) out.push('', `…and ${flips.length - shown.length} more in the JSON report.`);
  return out;
}

function supportText(s: AuditSupportState | undefined, newest: string | undefined): string {
  if (!s) return '';
  if (s.supported) return `supported until Go ${s.endsWith}`;
  if (newest && compareGo(s.minor, newest) > 0) return 'newer than the newest stable';
  return `out of support (since Go ${s.endsWith})`;
}

function vulnCount(m: AuditModule, side: 'before' | 'after'): string {
  const v = m.vulnerabilities;
  if (v.status !== 'checked') return 'not checked';
  const n = side === 'before' ? v.fixed.length + v.stillPresent.length : v.stillPresent.length + v.introduced.length;
  return n === 0 ? 'none known' : `${n} known`;
}

function buildCell(b: AuditModule['build']['before']): string {
  if (b.version) return `**${md(b.version)}**`;
  return `${md(b.asks)} (not resolved)`;
}

const ROLE: Record<AuditModule['role'], string> = {
  workspace: 'workspace',
  'main-module': 'main module',
  'workspace-module': 'module of the workspace',
  module: 'module'
};

function vulnList(list: readonly AuditVuln[]): string {
  return list.map((v) => `${link(v.id, v.url)} ${md(v.summary.slice(0, 80))}`).join('; ');
}

function platformLines(changes: readonly AuditPlatformChange[]): string[] {
  return changes.map((c) => {
    const head = `- ${link(`Go ${c.release}`, c.link)} ${md(c.summary)}`;
    if (!c.applies) return `${head}: no longer applies (the Go after is older)`;
    if (c.targets.length === 0) return `${head}: no runner or image to check`;
    const verdicts = c.targets.map((t) => {
      const where = t.file ? ` (${at(t.file, t.line)})` : '';
      const icon = t.verdict === 'ok' ? '✅' : t.verdict === 'unsupported' ? '⚠️' : '❔';
      const prefix = `Go ${c.release} ${c.summary}; `;
      const reason = t.reason?.startsWith(prefix) ? t.reason.slice(prefix.length) : t.reason;
      const why = reason ? `: ${md(reason)}` : '';
      return `${icon} ${md(t.target)}${where}${why}`;
    });
    return `${head}: ${verdicts.join('; ')}`;
  });
}

function moduleSection(m: AuditModule, h: string, newest: string | undefined): string[] {
  const title = `${h} ${path(m.path)}${m.module ? ` · ${md(m.module)}` : ''} (${ROLE[m.role]}${m.workspace ? ` of ${path(m.workspace)}` : ''})`;
  const out = [title, ''];
  out.push(
    ...table(
      ['', 'Before', 'After'],
      [
        ['go line', md(m.go.before ?? ''), md(m.go.after ?? '')],
        ['toolchain line', md(m.toolchain.before ?? ''), md(m.toolchain.after ?? '')],
        ['Go that builds', buildCell(m.build.before), buildCell(m.build.after)],
        ['support', supportText(m.support.before, newest), supportText(m.support.after, newest)],
        ['vulnerabilities', vulnCount(m, 'before'), vulnCount(m, 'after')]
      ]
    )
  );
  const g = m.godebug;
  const source = g.source === 'go list' ? 'as the installed Go reports it' : 'from Go’s tables';
  out.push('');
  if (g.flips.length === 0) out.push(`**GODEBUG**: no default changes (${source}).`);
  else {
    out.push(`**GODEBUG**: ${count(g.flips.length, 'default')} change (${source}):`, '', ...flipRows(g.flips));
  }
  if (g.held.length > 0) {
    out.push(
      '',
      `Kept by \`godebug\` lines: ${g.held.map((x) => `${md(x.name)}=${value(x.value)} (${at(x.file, x.line)})`).join(', ')}.`
    );
  }
  for (const p of g.packages) {
    out.push('', `Package ${path(p.dir || '.')} differs by its \`//go:debug\` lines: ${flipDiff(g.flips, p.flips)}.`);
  }
  if (m.language.length > 0) {
    out.push('', `**Language** (go line ${md(m.go.before ?? '')} → ${md(m.go.after ?? '')}):`);
    for (const c of m.language) {
      const note = c.changesBehaviour ? ' — **can change how existing code behaves**' : '';
      const dir = c.direction === 'lowered' ? ' (no longer applies: the go line went down)' : '';
      out.push(`- ${link(`Go ${c.goLine}`, c.link)}: ${md(c.title)}${note}${dir}`);
    }
  }
  if (m.vet.length > 0) {
    out.push('', '**vet**:');
    for (const v of m.vet) {
      const scope = v.languageVersion ? ` (files at go ${v.languageVersion} or later)` : '';
      const test = v.goTest && v.effect === 'more-findings' ? ' — run by `go test`, **can fail it**' : '';
      const fewer = v.effect === 'fewer-findings' ? ' (fewer reports)' : '';
      out.push(`- ${link(`Go ${v.release}`, v.link)} ${md(v.analyzer)}: ${md(v.summary)}${scope}${fewer}${test}`);
    }
  }
  if (m.platform.length > 0) out.push('', '**Platform**:', ...platformLines(m.platform));
  const v = m.vulnerabilities;
  if (v.status === 'checked') {
    const parts = [
      v.fixed.length > 0 ? `fixed: ${vulnList(v.fixed)}` : '',
      v.stillPresent.length > 0 ? `still present: ${vulnList(v.stillPresent)}` : '',
      v.introduced.length > 0 ? `new: ${vulnList(v.introduced)}` : ''
    ].filter((p) => p !== '');
    if (parts.length > 0) out.push('', `**Vulnerabilities**: ${parts.join('. ')}.`);
  } else if (v.reason) out.push('', `**Vulnerabilities**: not compared (${md(v.reason)}).`);
  if (m.coldBuildCache) {
    out.push(
      '',
      '**Build cache**: the first build after this change starts cold (the cache key holds the Go version).'
    );
  }
  return out;
}

function declarationRows(list: readonly AuditDeclarationChange[], modules: readonly AuditModule[]): string[] {
  return table(
    ['File', 'Before', 'After', 'Go', 'GODEBUG defaults that change'],
    list.map((d) => {
      const m = modules.find((x) => x.path === d.module);
      const flips =
        d.godebug.length === 0
          ? 'none'
          : m && sameFlips(m.godebug.flips, d.godebug)
            ? `the same as ${path(m.path)}`
            : `${d.godebug.length}: ${d.godebug.map((f) => md(f.name)).join(', ')}`;
      return [
        at(d.file, d.line),
        md(d.before),
        md(d.after),
        `${md(d.goBefore ?? '?')} → ${md(d.goAfter ?? '?')}`,
        flips
      ];
    })
  );
}

/** The lines of the whole audit. */
function lines(result: AuditResult, level: number): string[] {
  const h = '#'.repeat(level);
  const h2 = '#'.repeat(level + 1);
  const against = `${md(result.base.ref)}${shortSha(result.base.sha)}`;
  if (result.status === 'no-base') {
    return [
      `**Go upgrade audit** skipped: ${md(result.reason ?? 'the base was not read')}${result.advice ? ` ${md(result.advice)}` : ''}`
    ];
  }
  if (result.status === 'unchanged') return [`**Go upgrade audit**: no Go version changed against ${against}.`];
  const newest = result.modules.flatMap((m) => m.support.supportedMinors ?? [])[0];
  const summary = [
    result.modules.length > 0 ? count(result.modules.length, 'module') + ' moved' : '',
    result.declarations.length > 0 ? `${count(result.declarations.length, 'version statement')} changed` : '',
    result.leftBehind.length > 0 ? `${count(result.leftBehind.length, 'statement')} left behind` : ''
  ].filter((s) => s !== '');
  const out = [`${h} Go upgrade audit`, '', `Against ${against}: ${summary.join(', ')}.`];
  for (const m of result.modules) out.push('', ...moduleSection(m, h2, newest));
  const images = result.declarations;
  if (images.length > 0) {
    out.push('', `${h2} Images, version files and workflows`, '', ...declarationRows(images, result.modules));
    for (const d of images) {
      // An image of a module that moved is checked in the module's platform list already.
      if (d.platform.length > 0 && !result.modules.some((m) => m.path === d.module)) {
        out.push('', `${at(d.file, d.line)}:`, ...platformLines(d.platform));
      }
    }
  }
  if (result.leftBehind.length > 0) {
    out.push(
      '',
      `${h2} Left behind`,
      '',
      ...table(
        ['File', 'States', 'Module', 'Now'],
        result.leftBehind.map((l) => [at(l.file, l.line), md(l.raw), path(l.module), md(l.movedTo)])
      )
    );
  }
  if (result.notes.length > 0) out.push('', '**Notes**:', ...result.notes.map((n) => `- ${md(n)}`));
  return out;
}

/** Joins lines up to `max` characters, cutting at a line with a note when the whole does not fit. */
function fit(head: string[], body: string[], max: number): string {
  const whole = [...head, ...body].join('\n') + '\n';
  if (whole.length <= max) return whole;
  const note = (shown: number): string =>
    `\n…the audit is cut here (${shown} of ${body.length} lines shown, GitHub's ${GITHUB_COMMENT_LIMIT}-character limit): every field is in the JSON report (\`audit\`).\n`;
  const kept = [...head];
  let size = kept.join('\n').length;
  let shown = 0;
  const reserve = note(body.length).length + 1;
  for (const l of body) {
    if (size + 1 + l.length + reserve > max) break;
    kept.push(l);
    size += 1 + l.length;
    shown++;
  }
  return kept.join('\n') + '\n' + note(shown);
}

/** The audit as a pull-request comment (and, without the marker, the job summary's section). */
export function renderAuditMarkdown(result: AuditResult, options: AuditMarkdownOptions = {}): string {
  const max = options.maxChars ?? GITHUB_COMMENT_LIMIT;
  const head = options.marker === false ? [] : [AUDIT_MARKER];
  return fit(head, lines(result, options.headingLevel ?? 3), max);
}
