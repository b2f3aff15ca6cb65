/**
 * Unified diffs of rewritten files, as `git apply` and `patch -p1` read them (`--- a/<path>`,
 * `+++ b/<path>`, hunks with three lines of context, `\ No newline at end of file`). Lines are
 * split at LF only, so a CRLF file's lines keep their CR and the patch applies to the same bytes.
 * No diff library is installed (jest-diff is a test dependency and formats for people), so this is
 * a small Myers diff (O((N+M)D)) over the lines between the common prefix and suffix; past
 * MAX_EDIT_DISTANCE differing lines it gives up on a minimal script and replaces the middle whole,
 * which is still a correct patch. Pure.
 */

export const CONTEXT_LINES = 3;
const MAX_EDIT_DISTANCE = 500;

type Op = { kind: ' ' | '-' | '+'; line: string };

interface Lines {
  lines: string[];
  /** the last line has no line break */
  noFinalNewline: boolean;
}

function splitLines(text: string): Lines {
  if (text === '') return { lines: [], noFinalNewline: false };
  const lines = text.split('\n');
  const noFinalNewline = lines[lines.length - 1] !== '';
  if (!noFinalNewline) lines.pop();
  return { lines, noFinalNewline };
}

/** The shortest edit script from a to b (Myers), or undefined past `max` edits. */
function myers(a: readonly string[], b: readonly string[], max: number): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  const limit = Math.min(n + m, max);
  const offset = limit + 1;
  const v = new Array<number>(2 * offset + 1).fill(0);
  const trace: number[][] = [];
  for (let d = 0; d <= limit; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]);
      let x = down ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, offset, d);
    }
  }
  return undefined;
}

function backtrack(trace: number[][], a: readonly string[], b: readonly string[], offset: number, end: number): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  const snake = (toX: number, toY: number): void => {
    while (x > toX && y > toY) {
      x--;
      y--;
      ops.push({ kind: ' ', line: a[x] });
    }
  };
  for (let d = end; d > 0; d--) {
    const v = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]);
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[offset + prevK];
    const prevY = prevX - prevK;
    snake(down ? prevX : prevX + 1, down ? prevY + 1 : prevY);
    if (down) ops.push({ kind: '+', line: b[--y] });
    else ops.push({ kind: '-', line: a[--x] });
  }
  snake(0, 0);
  return ops.reverse();
}

/** The edit script between two line lists: common prefix and suffix, Myers (or a whole replacement) between. */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  const middle = myers(am, bm, MAX_EDIT_DISTANCE) ?? [
    ...am.map((line): Op => ({ kind: '-', line })),
    ...bm.map((line): Op => ({ kind: '+', line }))
  ];
  return [
    ...a.slice(0, pre).map((line): Op => ({ kind: ' ', line })),
    ...middle,
    ...a.slice(a.length - suf).map((line): Op => ({ kind: ' ', line }))
  ];
}

/** `-start,count` as unified diffs write it: an empty range starts at the line before it. */
function range(start: number, count: number): string {
  return `${count === 0 ? start : start + 1},${count}`;
}

/** The unified diff of one file (empty when the texts are equal). */
export function unifiedDiff(file: string, before: string, after: string, context: number = CONTEXT_LINES): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  // The final line's missing line break is part of the line, so a change of it shows as a change.
  const NO_EOL = '\u0000no-eol';
  const al = a.lines.map((l, i) => (a.noFinalNewline && i === a.lines.length - 1 ? l + NO_EOL : l));
  const bl = b.lines.map((l, i) => (b.noFinalNewline && i === b.lines.length - 1 ? l + NO_EOL : l));
  const ops = editScript(al, bl);
  const out: string[] = [`--- a/${file}`, `+++ b/${file}`];
  const changed = ops.map((o, i) => (o.kind !== ' ' ? i : -1)).filter((i) => i >= 0);
  let i = 0;
  while (i < changed.length) {
    let j = i;
    while (j + 1 < changed.length && changed[j + 1] - changed[j] <= 2 * context + 1) j++;
    const from = Math.max(0, changed[i] - context);
    const to = Math.min(ops.length, changed[j] + context + 1);
    let aStart = 0;
    let bStart = 0;
    for (const o of ops.slice(0, from)) {
      if (o.kind !== '+') aStart++;
      if (o.kind !== '-') bStart++;
    }
    const hunk = ops.slice(from, to);
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${range(aStart, aCount)} +${range(bStart, bCount)} @@`);
    for (const o of hunk) {
      const eol = o.line.endsWith(NO_EOL);
      out.push(`${o.kind}${eol ? o.line.slice(0, -NO_EOL.length) : o.line}`);
      if (eol) out.push('\\ No newline at end of file');
    }
    i = j + 1;
  }
  return `${out.join('\n')}\n`;
}
