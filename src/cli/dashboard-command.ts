/**
 * `setup-go-enforced dashboard REPORT... [--out DIR] [--target VERSION] [--page-url URL]`: the
 * fleet view. Reads report files, folders of them and globs (fleet/read-inputs.ts), keeps what
 * each is worth (fleet/record.ts), aggregates (fleet/aggregate.ts) and writes index.html,
 * dashboard.md and dashboard.json into the output folder (fleet/write-output.ts), nothing else.
 * Exit codes: 0 written; 1 no valid report or a write failed; 2 bad usage (also a missing input
 * path or an --out that is not a folder).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isValidGo } from '../go/gover.js';
import { ACTION_VERSION } from '../version.js';
import { ACTION_NAME } from '../report/json-report.js';
import { buildDashboard } from '../fleet/aggregate.js';
import { dashboardJson } from '../fleet/dashboard-json.js';
import { num } from '../fleet/format.js';
import { progress } from '../fleet/progress.js';
import { findReportFiles, readReportFiles } from '../fleet/read-inputs.js';
import { SKIP_LABELS, toFleetRecord, type FleetRecord, type SkipKind, type SkippedFile } from '../fleet/record.js';
import { renderHtml } from '../fleet/render-html.js';
import { renderMarkdown } from '../fleet/render-markdown.js';
import { checkOutDir, writeFiles } from '../fleet/write-output.js';
import { UsageError } from './args.js';
import type { OwnCommand } from './commands.js';
import type { CliIo } from './io.js';

export const DEFAULT_OUT = 'fleet-dashboard';

const USAGE_LINES = `  dashboard REPORT...
                   the fleet view: read reports (files, folders of report-named *.json,
                   quoted globs), keep the newest of each repository's job, and write
                   index.html (one self-contained page), dashboard.md (an issue body) and
                   dashboard.json; exit 0 written, 1 no valid report or a write failed,
                   2 bad usage
    --out DIR          where to write them (default: ./${DEFAULT_OUT})
    --target VERSION   the Go to show progress to (default: the newest minor installed)
    --page-url URL     where the page will be published, linked from dashboard.md
`;

/** "1.27", "go1.27.1" -> the version in Go's spelling; anything else is a usage error. */
function targetOf(v: string): string {
  const t = v.startsWith('go') ? v.slice(2) : v;
  if (!isValidGo(t))
    throw new UsageError(`--target: "${v}" is not a Go version (expected a version such as 1.27 or 1.27.1)`);
  return t;
}

function pageUrlOf(v: string): string {
  if (!/^https?:\/\/[^\s<>"'`\\]+$/i.test(v)) {
    throw new UsageError(`--page-url: "${v}" is not an http(s) address (expected https://org.github.io/fleet/)`);
  }
  return v;
}

/** The dashboard's time: SOURCE_DATE_EPOCH (seconds, for reproducible files), else now. */
function nowOf(env: NodeJS.ProcessEnv): Date {
  const e = env.SOURCE_DATE_EPOCH;
  if (e !== undefined && /^\d{1,12}$/.test(e)) return new Date(Number(e) * 1000);
  return new Date();
}

function shown(p: string, cwd: string): string {
  const rel = path.relative(cwd, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

/** One line per kind of skip: how many, what they are, the first few files (every reason is on the page). */
function skipLines(skipped: readonly SkippedFile[]): string[] {
  const byKind = new Map<SkipKind, string[]>();
  for (const s of skipped) byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s.file]);
  return [...byKind.entries()]
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
    .map(([kind, files]) => {
      files.sort();
      const shown = files.slice(0, 3).join(', ') + (files.length > 3 ? `, … (${num(files.length - 3)} more)` : '');
      return `  skipped ${num(files.length)}, ${SKIP_LABELS[kind]}: ${shown}`;
    });
}

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help) {
    io.stdout.write(
      `Usage: setup-go-enforced dashboard REPORT... [--out DIR] [--target VERSION] [--page-url URL]\n\n${USAGE_LINES}`
    );
    return 0;
  }
  if (positionals.length === 0)
    throw new UsageError('no REPORT given (expected report files, folders of them, or globs)');
  const target = values.target !== undefined ? targetOf(values.target) : undefined;
  const pageUrl = values['page-url'] !== undefined ? pageUrlOf(values['page-url']) : undefined;
  const outArg = values.out ?? DEFAULT_OUT;
  if (outArg === '') throw new UsageError('--out: empty (expected a folder)');
  const out = path.resolve(io.cwd, outArg);
  await checkOutDir(out, outArg);

  const found = await findReportFiles(positionals, io.cwd);
  const records: FleetRecord[] = [];
  const skipped: SkippedFile[] = [...found.skipped];
  const bar = progress(io.stderr, found.files.length, { what: 'report files' });
  await readReportFiles(
    found.files,
    (file, result) => {
      if (!result.ok) {
        skipped.push({ file: file.shown, kind: result.kind, reason: result.reason });
        return;
      }
      const r = toFleetRecord(result.json, file.shown);
      if (r.ok) records.push(r.record);
      else skipped.push({ file: file.shown, kind: r.kind, reason: r.reason });
    },
    { progress: (done) => bar.update(done) }
  );
  bar.end();

  const files = found.files.length + found.skipped.length;
  const readLine = `read ${num(files)} ${files === 1 ? 'file' : 'files'}: ${num(records.length)} ${records.length === 1 ? 'report' : 'reports'}, ${num(skipped.length)} skipped`;
  if (records.length === 0) {
    io.stderr.write(
      [
        `setup-go-enforced dashboard: nothing to show: no valid report among ${num(files)} ${files === 1 ? 'file' : 'files'}`,
        ...skipLines(skipped),
        ''
      ].join('\n')
    );
    return 1;
  }
  const dashboard = buildDashboard(records, skipped, {
    now: nowOf(io.env),
    files,
    generator: { name: ACTION_NAME, version: ACTION_VERSION },
    ...(target !== undefined ? { target } : {}),
    ...(pageUrl !== undefined ? { pageUrl } : {})
  });
  const written = await writeFiles(out, {
    'index.html': renderHtml(dashboard),
    'dashboard.md': renderMarkdown(dashboard),
    'dashboard.json': dashboardJson(dashboard)
  });
  const t = dashboard.totals;
  io.stdout.write(
    [
      readLine,
      ...skipLines(skipped),
      `${num(t.repositories)} ${t.repositories === 1 ? 'repository' : 'repositories'}, ${num(t.rows)} ${t.rows === 1 ? 'row' : 'rows'} (${num(dashboard.inputs.superseded)} older reports replaced)` +
        (dashboard.target ? `; target Go ${dashboard.target.version}` : ''),
      `wrote ${written.map((w) => shown(w, io.cwd)).join(', ')}`,
      `open ${pathToFileURL(written[0]).href}`,
      ''
    ].join('\n')
  );
  return 0;
}

const OPTIONS = {
  out: { type: 'string' },
  target: { type: 'string' },
  'page-url': { type: 'string' },
  help: { type: 'boolean', short: 'h' }
} as const;

export const dashboardCommand: OwnCommand = { usage: USAGE_LINES, run };
