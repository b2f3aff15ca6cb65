/**
 * Records -> the dashboard: the newest report per repository job, the totals, the Go distribution
 * and the progress toward a target Go. Pure (the time is given).
 *
 * Which reports are kept: reports are grouped by repository, workflow and job. The newest by
 * generatedAt (then run attempt, then file) wins; when it names a run, the other reports of the
 * same run and attempt are kept too (the legs of a matrix job), except copies (the same
 * generatedAt and installed Go). Every other report of the group is superseded.
 *
 * Totals count repositories: a repository is failing, drifting, vulnerable or behind on patches
 * when any of its rows is; unsupported when any row is, supported when none is and some row is.
 */
import { compareGo, isPrerelease, lang, sortGo } from '../go/gover.js';
import {
  DASHBOARD_SCHEMA_VERSION,
  type Dashboard,
  type DashboardRow,
  type DistributionBar,
  type ProgressPart
} from './dashboard-json.js';
import type { FleetRecord, SkippedFile } from './record.js';

export interface AggregateOptions {
  now: Date;
  /** a Go version (1.27, 1.27.2); absent: the newest stable minor installed in the fleet */
  target?: string;
  /** report files found (valid or not) */
  files: number;
  generator: { name: string; version: string };
  pageUrl?: string;
}

function groupKey(r: FleetRecord): string {
  return `${r.repository}\u0000${r.workflow ?? ''}\u0000${r.job ?? ''}`;
}

/** Newest first: generatedAt, then run attempt, then file name (so the choice never depends on reading order). */
function newestFirst(a: FleetRecord, b: FleetRecord): number {
  return b.generatedMs - a.generatedMs || (b.runAttempt ?? 0) - (a.runAttempt ?? 0) || (a.file < b.file ? -1 : 1);
}

/** The kept records of one group and how many were superseded. */
function keep(group: FleetRecord[]): { kept: FleetRecord[]; superseded: number } {
  const sorted = [...group].sort(newestFirst);
  const newest = sorted[0];
  const kept = [newest];
  if (newest.runId !== null) {
    // The other legs of the same run attempt (a matrix job); a copy of a kept report is not a leg.
    const seen = new Set([`${newest.generatedMs}\u0000${newest.installed}`]);
    for (const r of sorted.slice(1)) {
      const id = `${r.generatedMs}\u0000${r.installed}`;
      if (r.runId === newest.runId && r.runAttempt === newest.runAttempt && !seen.has(id)) {
        seen.add(id);
        kept.push(r);
      }
    }
  }
  return { kept, superseded: group.length - kept.length };
}

function lowestGoLine(r: FleetRecord): string | null {
  return r.goLines.length > 0 ? r.goLines[0].version : null;
}

function bars(counts: Map<string, number>): DistributionBar[] {
  return sortGo([...counts.keys()]).map((minor) => ({ minor, repositories: counts.get(minor) ?? 0 }));
}

function defaultTarget(installed: string[]): string | undefined {
  const stable = installed.filter((v) => !isPrerelease(v));
  const pool = stable.length > 0 ? stable : installed;
  if (pool.length === 0) return undefined;
  return lang(sortGo(pool)[pool.length - 1]);
}

/** Where a repository stands against the target: every known version reached, some behind, none known. */
function progressOf(versions: (string | null)[], target: string): keyof ProgressPart {
  const known = versions.filter((v): v is string => v !== null);
  if (known.length === 0) return 'unknown';
  return known.every((v) => compareGo(v, target) >= 0) ? 'reached' : 'behind';
}

export function buildDashboard(
  records: readonly FleetRecord[],
  skipped: readonly SkippedFile[],
  opts: AggregateOptions
): Dashboard {
  const nowMs = opts.now.getTime();
  const groups = new Map<string, FleetRecord[]>();
  for (const r of records) {
    const k = groupKey(r);
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  let superseded = 0;
  const keptRows: { r: FleetRecord; superseded: number }[] = [];
  for (const g of groups.values()) {
    const k = keep(g);
    superseded += k.superseded;
    k.kept.forEach((r, i) => keptRows.push({ r, superseded: i === 0 ? k.superseded : 0 }));
  }
  keptRows.sort(
    (a, b) =>
      cmp(a.r.repository, b.r.repository) ||
      cmp(a.r.workflow ?? '', b.r.workflow ?? '') ||
      cmp(a.r.job ?? '', b.r.job ?? '') ||
      compareGo(a.r.installed ?? '', b.r.installed ?? '') ||
      cmp(a.r.file, b.r.file)
  );

  // Sort keys: every version of the dashboard in Go's order.
  const versions = new Set<string>();
  for (const { r } of keptRows) {
    if (r.installed) versions.add(r.installed);
    for (const g of r.goLines) versions.add(g.version);
  }
  const rank = new Map<string, number>();
  const ordered = sortGo([...versions]);
  ordered.forEach((v, i) => {
    // equal in Go's order (1.20 and 1.20.0) share a rank
    const prev = i > 0 ? ordered[i - 1] : undefined;
    rank.set(v, prev !== undefined && compareGo(prev, v) === 0 ? (rank.get(prev) ?? i) : i);
  });

  const rows: DashboardRow[] = keptRows.map(({ r, superseded: s }) => {
    const { generatedMs, ...rest } = r;
    const low = lowestGoLine(r);
    return {
      ...rest,
      ageSeconds: Math.max(0, Math.floor((nowMs - generatedMs) / 1000)),
      lowestGoLine: low,
      installedRank: r.installed ? (rank.get(r.installed) ?? -1) : -1,
      goLineRank: low ? (rank.get(low) ?? -1) : -1,
      superseded: s
    };
  });

  // Per repository.
  const repos = new Map<string, DashboardRow[]>();
  for (const row of rows) {
    const list = repos.get(row.repository);
    if (list) list.push(row);
    else repos.set(row.repository, [row]);
  }
  const installedVersions = rows.map((r) => r.installed).filter((v): v is string => v !== null);
  const target = opts.target ?? defaultTarget(installedVersions);
  const totals = {
    repositories: repos.size,
    rows: rows.length,
    supported: 0,
    unsupported: 0,
    supportUnknown: 0,
    behindOnPatches: 0,
    vulnerable: 0,
    failing: 0,
    drifting: 0
  };
  const installedCounts = new Map<string, number>();
  const goLineCounts = new Map<string, number>();
  let installedUnknown = 0;
  let goLineUnknown = 0;
  const progress = {
    installed: { reached: 0, behind: 0, unknown: 0 },
    goLine: { reached: 0, behind: 0, unknown: 0 }
  };
  for (const list of repos.values()) {
    if (list.some((r) => r.support === 'unsupported')) totals.unsupported++;
    else if (list.some((r) => r.support === 'supported')) totals.supported++;
    else totals.supportUnknown++;
    if (list.some((r) => r.patch === 'behind')) totals.behindOnPatches++;
    if (list.some((r) => r.vulnerabilities.count > 0)) totals.vulnerable++;
    if (list.some((r) => r.failing)) totals.failing++;
    if (list.some((r) => r.drifting)) totals.drifting++;

    const minors = new Set(
      list
        .map((r) => r.installed)
        .filter((v): v is string => v !== null)
        .map(lang)
    );
    if (minors.size === 0) installedUnknown++;
    for (const m of minors) installedCounts.set(m, (installedCounts.get(m) ?? 0) + 1);
    const lows = list.map((r) => r.lowestGoLine).filter((v): v is string => v !== null);
    if (lows.length === 0) goLineUnknown++;
    else {
      const m = lang(sortGo(lows)[0]);
      goLineCounts.set(m, (goLineCounts.get(m) ?? 0) + 1);
    }
    if (target !== undefined) {
      progress.installed[
        progressOf(
          list.map((r) => r.installed),
          target
        )
      ]++;
      progress.goLine[
        progressOf(
          list.map((r) => r.lowestGoLine),
          target
        )
      ]++;
    }
  }

  return {
    schemaVersion: DASHBOARD_SCHEMA_VERSION,
    generator: { ...opts.generator },
    generatedAt: opts.now.toISOString(),
    target:
      target !== undefined
        ? { version: target, source: opts.target !== undefined ? 'flag' : 'newest-installed' }
        : null,
    pageUrl: opts.pageUrl ?? null,
    inputs: { files: opts.files, reports: records.length, superseded, skipped: skipped.length },
    totals,
    distribution: {
      installed: bars(installedCounts),
      installedUnknown,
      goLine: bars(goLineCounts),
      goLineUnknown
    },
    progress: target !== undefined ? { target, ...progress } : null,
    rows,
    skipped: [...skipped].sort((a, b) => cmp(a.file, b.file))
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
