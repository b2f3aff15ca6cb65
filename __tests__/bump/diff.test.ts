/**
 * Unified diffs: the exact text for small cases, and for every case that applying the hunks to the
 * old text (context lines checked) gives the new text, as git apply would.
 */
import { unifiedDiff } from '../../src/bump/diff.js';

/** Applies a unified diff of one file strictly: every context and removed line must match. */
function applyPatch(before: string, patch: string): string {
  const lines = patch.split('\n');
  expect(lines[0]).toMatch(/^--- a\//);
  expect(lines[1]).toMatch(/^\+\+\+ b\//);
  const old = before === '' ? [] : before.split('\n');
  const oldHasFinalEol = before.endsWith('\n');
  if (oldHasFinalEol) old.pop();
  const out: string[] = [];
  let pos = 0;
  let newNoEol = false;
  let i = 2;
  while (i < lines.length && lines[i] !== '') {
    const m = /^@@ -(\d+),(\d+) \+(\d+),(\d+) @@$/.exec(lines[i]);
    if (!m) throw new Error(`bad hunk header ${lines[i]}`);
    const start = Number(m[2]) === 0 ? Number(m[1]) : Number(m[1]) - 1;
    while (pos < start) out.push(old[pos++]);
    i++;
    let last: string | undefined;
    while (i < lines.length && /^[ +\-\\]/.test(lines[i])) {
      const l = lines[i++];
      if (l.startsWith('\\')) {
        if (last === '+' || last === ' ') newNoEol = true;
        continue;
      }
      last = l[0];
      if (l[0] === '+') out.push(l.slice(1));
      else {
        expect(old[pos]).toBe(l.slice(1));
        pos++;
        if (l[0] === ' ') out.push(l.slice(1));
      }
    }
  }
  while (pos < old.length) out.push(old[pos++]);
  if (out.length === 0) return '';
  const noEol = newNoEol || (!oldHasFinalEol && pos === old.length && !patch.includes('\n+'));
  return out.join('\n') + (noEol ? '' : '\n');
}

const LONG = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

test.each<[string, string, string]>([
  ['one line', 'module x\n\ngo 1.25.0\n', 'module x\n\ngo 1.27.0\n'],
  [
    'a removed line',
    'module x\n\ngo 1.25.0\n\ntoolchain go1.25.3\n\nrequire a v1\n',
    'module x\n\ngo 1.27.0\n\nrequire a v1\n'
  ],
  ['first and last lines', LONG, LONG.replace('line 1\n', 'LINE 1\n').replace('line 40\n', 'LINE 40\n')],
  ['two hunks far apart', LONG, LONG.replace('line 5\n', 'five\n').replace('line 30\n', 'thirty\n')],
  ['two changes merged into one hunk', LONG, LONG.replace('line 5\n', 'five\n').replace('line 11\n', 'eleven\n')],
  ['no final line break, the last line changed', 'a\nb\n1.25.3', 'a\nb\n1.27.0'],
  ['no final line break, another line changed', 'go 1.25\nb\nc', 'go 1.27\nb\nc'],
  ['CRLF lines keep their CR', 'module x\r\n\r\ngo 1.25.0\r\n', 'module x\r\n\r\ngo 1.27.0\r\n'],
  ['a line break added at the end', 'a\nb', 'a\nb\n']
])('%s', (_name, before, after) => {
  const d = unifiedDiff('dir/go.mod', before, after);
  expect(applyPatch(before, d)).toBe(after);
});

test('the text of a diff: headers, a hunk with three lines of context', () => {
  expect(
    unifiedDiff(
      'go.mod',
      'module x\n\ngo 1.25.0\n\ntoolchain go1.25.3\n\nrequire a v1\n',
      'module x\n\ngo 1.27.0\n\nrequire a v1\n'
    )
  ).toBe(
    [
      '--- a/go.mod',
      '+++ b/go.mod',
      '@@ -1,7 +1,5 @@',
      ' module x',
      ' ',
      '-go 1.25.0',
      '-',
      '-toolchain go1.25.3',
      '+go 1.27.0',
      ' ',
      ' require a v1',
      ''
    ].join('\n')
  );
});

test('a missing final line break is marked', () => {
  expect(unifiedDiff('.go-version', '1.25.3', '1.27.0')).toBe(
    '--- a/.go-version\n+++ b/.go-version\n@@ -1,1 +1,1 @@\n-1.25.3\n\\ No newline at end of file\n+1.27.0\n\\ No newline at end of file\n'
  );
});

test('equal texts give no diff', () => {
  expect(unifiedDiff('go.mod', 'a\n', 'a\n')).toBe('');
});

test('hunks far apart are separate, with their own line numbers', () => {
  const d = unifiedDiff('f', LONG, LONG.replace('line 5\n', 'five\n').replace('line 30\n', 'thirty\n'));
  expect(d.split('\n').filter((l) => l.startsWith('@@'))).toEqual(['@@ -2,7 +2,7 @@', '@@ -27,7 +27,7 @@']);
});
