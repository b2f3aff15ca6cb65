/**
 * What the CLI prints: the report of `check` as a readable table, the outputs of `plan`. Colour
 * only when asked (a TTY without NO_COLOR: the caller decides). Pure.
 */
import { count } from '../text.js';
import { formatWhere } from '../errors.js';
import type { RunReport } from '../report/json-report.js';
import type { Finding } from '../verify/findings.js';

export interface RenderOptions {
  color: boolean;
}

const CODES = { red: 31, yellow: 33, green: 32, dim: 2, bold: 1 } as const;

function paint(o: RenderOptions, what: keyof typeof CODES, s: string): string {
  return o.color ? `\u001b[${CODES[what]}m${s}\u001b[0m` : s;
}

/** Whether to colour: stdout is a terminal and NO_COLOR is not set (https://no-color.org). */
export function wantsColor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  return Boolean(isTTY) && (env.NO_COLOR === undefined || env.NO_COLOR === '') && env.TERM !== 'dumb';
}

function pad(s: string, n: number): string {
  const len = Array.from(s).length;
  return len >= n ? s : s + ' '.repeat(n - len);
}

/** The table of `check`: the verdict, then one row per finding (severity, kind, check, location, message). */
export function renderCheck(r: RunReport, o: RenderOptions): string {
  const lines: string[] = [];
  const go = r.resolution?.version ? `go${r.resolution.version}` : 'no go';
  const where = r.resolution?.goRoot ? ` (${r.resolution.goRoot})` : '';
  const asked = r.request ? `, repository: ${r.request.from}` : '';
  lines.push(`${paint(o, 'bold', 'setup-go-enforced check')}: ${go}${where}${asked}`);
  if (r.error) {
    lines.push(paint(o, 'red', `✖ stopped: ${r.error.message}`));
    return `${lines.join('\n')}\n`;
  }
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const warnings = r.findings.length - errors;
  lines.push(
    errors > 0
      ? paint(o, 'red', `✖ ${count(errors, 'error')}${warnings ? `, ${count(warnings, 'warning')}` : ''}`)
      : warnings > 0
        ? paint(o, 'yellow', `✔ consistent, ${count(warnings, 'warning')}`)
        : paint(o, 'green', '✔ consistent')
  );
  if (r.findings.length === 0) return `${lines.join('\n')}\n`;
  lines.push('', ...findingsTable(r.findings, o));
  return `${lines.join('\n')}\n`;
}

/**
 * The findings as a table (severity, kind, check, location, message), the same for `check` and
 * `doctor`; a finding with a fix (doctor's machine checks) is followed by its commands.
 */
export function findingsTable(findings: readonly Finding<string>[], o: RenderOptions): string[] {
  const lines: string[] = [];
  const rows = findings.map((f) => [f.severity, f.kind, f.check, formatWhere(f) || '-', f.message]);
  const head = ['SEVERITY', 'KIND', 'CHECK', 'LOCATION', 'MESSAGE'];
  const widths = head.map((h, i) => Math.max(Array.from(h).length, ...rows.map((row) => Array.from(row[i]).length)));
  lines.push(paint(o, 'dim', head.map((h, i) => (i < 4 ? pad(h, widths[i]) : h)).join('  ')));
  rows.forEach((row, n) => {
    const cells = row.map((c, i) => (i < 4 ? pad(c, widths[i]) : c));
    cells[0] = paint(o, row[0] === 'error' ? 'red' : 'yellow', cells[0]);
    lines.push(cells.join('  '));
    const fix = findings[n].fix;
    if (fix) lines.push(`    fix (POSIX): ${fix.posix}`, `    fix (PowerShell): ${fix.powershell}`);
  });
  return lines;
}

/** The outputs of `plan`. */
export function renderPlan(r: RunReport): string {
  const out = [
    `version: ${r.resolution?.version ?? '-'}`,
    `from: ${r.request?.from ?? '-'}`,
    `matrix: ${r.matrix ? JSON.stringify(r.matrix.matrix) : '-'}`,
    `minimal: ${r.matrix?.minimal ?? '-'}`,
    `latest: ${r.matrix?.latest ?? '-'}`
  ];
  return `${out.join('\n')}\n`;
}
