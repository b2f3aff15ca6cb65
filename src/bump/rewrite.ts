/**
 * Applies a file's decisions to its text: only the bytes of each version token change (a removed
 * toolchain line takes its line, and a blank line that would be left doubled). The result is then
 * read again by the same locator, which must find the same tokens in the same order with the new
 * versions; anything else (a rewrite that would break the file or touch another token) is refused.
 * Pure.
 */
import { UserError } from '../errors.js';
import { locate } from './kinds/index.js';
import type { BumpFileKind, Decision } from './types.js';

export type RewriteResult = { ok: true; text: string } | { ok: false; reason: string };

/** The text with the decisions applied (sites of other files are ignored). */
export function applyDecisions(text: string, decisions: readonly Decision[]): string {
  const edits: { start: number; end: number; text: string }[] = [];
  for (const d of decisions) {
    if (d.action === 'set') edits.push({ start: d.site.start, end: d.site.end, text: d.to });
    else if (d.action === 'remove') {
      edits.push({ start: d.site.lineStart ?? d.site.start, end: d.site.lineEnd ?? d.site.end, text: '' });
    }
  }
  edits.sort((a, b) => b.start - a.start);
  let out = text;
  let limit = Infinity;
  for (const e of edits) {
    if (e.end > limit) throw new Error(`overlapping edits at offset ${e.start}`);
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    limit = e.start;
  }
  return out;
}

function signature(role: string, version: string): string {
  return `${role} ${version}`;
}

/**
 * Rewrites `text` (a file of `kind` at `path`) with its decisions and checks the result: the
 * locator must read it, and find exactly the expected tokens.
 */
export function rewriteFile(
  kind: BumpFileKind,
  path: string,
  text: string,
  decisions: readonly Decision[]
): RewriteResult {
  const mine = decisions.filter((d) => d.site.file === path);
  const before = locate(kind, text, path).sites;
  const isToken = (d: Decision): boolean =>
    before.some((s) => s.start === d.site.start && s.end === d.site.end && s.role === d.site.role);
  if (!mine.every(isToken)) return { ok: false, reason: 'an edit is not at a version token: left alone' };
  const next = applyDecisions(text, mine);
  const expected = before.flatMap((s) => {
    const d = mine.find((x) => x.site.start === s.start && x.site.role === s.role);
    if (d?.action === 'remove') return [];
    return [signature(s.role, d?.action === 'set' ? d.to : s.written)];
  });
  let after: string[];
  try {
    after = locate(kind, next, path).sites.map((s) => signature(s.role, s.written));
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return { ok: false, reason: `the rewritten file would not parse (${e.message}): left alone` };
  }
  if (after.join('\n') !== expected.join('\n')) {
    return { ok: false, reason: 'the rewritten file would not state the expected versions: left alone' };
  }
  return { ok: true, text: next };
}
