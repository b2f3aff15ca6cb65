/**
 * dashboard.json: the aggregate of a fleet of reports, as one object. The page embeds the same
 * object and dashboard.md is rendered from it, so all three say the same. Documented field by field
 * in docs/dashboard.md; `schemaVersion` follows the rules of the report schema (fields are only
 * added within one version). Pure.
 */
import type { FleetRecord, SkippedFile } from './record.js';

export const DASHBOARD_SCHEMA_VERSION = 1;

/** One row: the newest report of a repository's job (one per Go of a matrix run). */
export interface DashboardRow extends Omit<FleetRecord, 'generatedMs'> {
  /** seconds from the report's generatedAt to the dashboard's (0 when the report is newer) */
  ageSeconds: number;
  /** the lowest go line of the report, null when it has no go.mod or go.work */
  lowestGoLine: string | null;
  /** sort keys: positions in Go's order among every version of this dashboard; -1 when none */
  installedRank: number;
  goLineRank: number;
  /** older reports of the same job that this row replaced */
  superseded: number;
}

export interface DistributionBar {
  /** a language version (1.22), in Go's order */
  minor: string;
  repositories: number;
}

export interface ProgressPart {
  /** every row of the repository is at or above the target */
  reached: number;
  /** some row is below it */
  behind: number;
  /** no row says (nothing resolved; no go.mod or go.work) */
  unknown: number;
}

export interface Dashboard {
  schemaVersion: typeof DASHBOARD_SCHEMA_VERSION;
  generator: { name: string; version: string };
  /** when the dashboard was built (ISO-8601 UTC); ages are counted to it */
  generatedAt: string;
  /** the Go the fleet is moving to: the --target flag, else the newest stable minor installed */
  target: { version: string; source: 'flag' | 'newest-installed' } | null;
  /** the page's address, when given (--page-url) */
  pageUrl: string | null;
  inputs: {
    /** report files read (every file found, skipped ones included) */
    files: number;
    /** valid reports */
    reports: number;
    /** valid reports replaced by a newer one of the same job */
    superseded: number;
    skipped: number;
  };
  totals: {
    repositories: number;
    rows: number;
    supported: number;
    unsupported: number;
    supportUnknown: number;
    behindOnPatches: number;
    vulnerable: number;
    failing: number;
    drifting: number;
  };
  distribution: {
    /** repositories per installed minor (a repository counts once per minor it runs) */
    installed: DistributionBar[];
    installedUnknown: number;
    /** repositories per minor of their lowest go line */
    goLine: DistributionBar[];
    goLineUnknown: number;
  };
  progress: { target: string; installed: ProgressPart; goLine: ProgressPart } | null;
  rows: DashboardRow[];
  skipped: SkippedFile[];
}

/** The file's text: the object, two-space indented, and a final newline. */
export function dashboardJson(d: Dashboard): string {
  return `${JSON.stringify(d, null, 2)}\n`;
}
