/**
 * How the dashboard writes numbers, shares, ages and places (the page script has the same rules
 * in its own code, since it runs in the browser). Pure.
 */
import type { FleetPlace } from './record.js';

/** 12345 -> "12,345" (the same in every locale, so files do not depend on the machine). */
export function num(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The share of `n` in `of`, rounded: "42%"; "0%" for an empty whole. */
export function pct(n: number, of: number): string {
  return `${of > 0 ? Math.round((n / of) * 100) : 0}%`;
}

/** 90 -> "1 min", 7200 -> "2 h", 3 days -> "3 d": the largest whole unit. */
export function age(seconds: number): string {
  if (seconds < 60) return `${Math.max(0, Math.floor(seconds))} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86400)} d`;
}

/** "go.mod:3", "go.mod", or "" when the place has no file. */
export function where(p: FleetPlace | null): string {
  if (!p || p.file === undefined) return '';
  return p.line !== undefined ? `${p.file}:${p.line}` : p.file;
}
