/**
 * What a run did, as data (MirrorResult), and its summary: lines for a terminal or a log, or
 * JSON (`--json`). Pure.
 */
import { count } from '../text.js';

export interface MirrorResult {
  /** absolute path of DIR */
  dir: string;
  /** the upstream, without credentials */
  upstream: string;
  /** true: the new listing is in place and holds everything selected */
  complete: boolean;
  /** what the listing holds (the new one when complete, else the previous one) */
  releases: string[];
  files: number;
  bytes: number;
  platforms: string[];
  added: string[];
  replaced: string[];
  kept: string[];
  removed: string[];
  /** files of the previous listing that could not be held any more, and why */
  dropped: { filename: string; why: string }[];
  downloadedBytes: number;
  durationMs: number;
  /** what could not be mirrored: one line each */
  problems: string[];
  warnings: string[];
  vulndb?: { entries: number; fetched: number; kept: number; removed: number };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024 * 1024)).toFixed(2)} GiB`;
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The summary lines (stdout), problems included; the last line says whether the mirror is complete. */
export function summaryLines(r: MirrorResult): string[] {
  const releases = r.releases.length > 0 ? ` (${r.releases.map((v) => `go${v}`).join(', ')})` : '';
  const lines: string[] = [];
  const holds = `${count(r.files, 'file')} of ${count(r.releases.length, 'release')}${releases}${r.platforms.length > 0 ? ` for ${r.platforms.join(', ')}` : ''}, ${formatBytes(r.bytes)}`;
  lines.push(
    `${r.complete ? 'added' : 'placed'} ${r.added.length} (${formatBytes(r.downloadedBytes)} downloaded in ${seconds(r.durationMs)}), replaced ${r.replaced.length}, kept ${r.kept.length}, removed ${r.removed.length}`
  );
  for (const d of r.dropped) lines.push(`dropped ${d.filename}: ${d.why}`);
  if (r.vulndb) {
    lines.push(
      `vulnerability database: ${r.vulndb.entries} ${r.vulndb.entries === 1 ? 'entry' : 'entries'} (${r.vulndb.fetched} fetched, ${r.vulndb.kept} kept, ${r.vulndb.removed} removed)`
    );
  }
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  if (r.complete) return [`${r.dir}: complete, ${holds}`, ...lines.map((l) => `  ${l}`)];
  return [
    `${r.dir}: incomplete, ${count(r.problems.length, 'problem')}; the previous mirror is unchanged (${holds})`,
    ...lines.map((l) => `  ${l}`),
    ...r.problems.map((p) => `  could not mirror: ${p}`)
  ];
}

/** The JSON summary (`--json`). */
export function summaryJson(r: MirrorResult): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
