import { buildDashboard } from '../../src/fleet/aggregate.js';
import type { FleetRecord, SkippedFile } from '../../src/fleet/record.js';
import { MARKDOWN_LIMIT, MAX_SKIPPED_LISTED, mdText, renderMarkdown } from '../../src/fleet/render-markdown.js';
import { record } from './fleet-fixture.js';

const NOW = new Date('2026-05-02T12:00:00.000Z');
const GEN = { name: 'setup-go-enforced', version: '1.0.0' };

function md(records: FleetRecord[], skipped: SkippedFile[] = [], pageUrl?: string): string {
  return renderMarkdown(
    buildDashboard(records, skipped, {
      now: NOW,
      files: records.length,
      generator: GEN,
      ...(pageUrl ? { pageUrl } : {})
    })
  );
}

describe('mdText: report text in Markdown', () => {
  test.each([
    ['a | b', 'a \\| b'],
    ['`code`', '\\`code\\`'],
    ['<script>alert(1)</script>', '\\<script\\>alert(1)\\</script\\>'],
    ['line one\nline two\r\n  three', 'line one line two three'],
    ['hi @octocat and @org/team', 'hi @&#8203;octocat and @&#8203;org/team'],
    ['fixes #12, not #x', 'fixes #&#8203;12, not #x'],
    ['*bold* _it_ ~del~', '\\*bold\\* \\_it\\_ \\~del\\~'],
    ['[x](javascript:alert(1)) ![i](u)', '\\[x\\](javascript:alert(1)) \\!\\[i\\](u)'],
    ['&lt;b&gt; \\', '\\&lt;b\\&gt; \\\\'],
    ['1.22.3 go.mod:3', '1.22.3 go.mod:3']
  ])('%j -> %j', (input, out) => {
    expect(mdText(input)).toBe(out);
  });
});

describe('renderMarkdown', () => {
  test('the totals, the distribution and the progress of a small fleet; no cut line', () => {
    const text = md([
      record({ repository: 'acme/a', installed: '1.27.1' }),
      record({ repository: 'acme/b', installed: '1.26.0', checks: { 'latest-patch': 'warning' }, errorCount: 1 })
    ]);
    expect(text).toContain('# Go across 2 repositories');
    expect(text).toContain('| 2 | 2 (100%) | 1 (50%) | 0 (0%) | 1 (50%) | 0 (0%) |');
    expect(text).toContain('| 1.26 | 1 | █████░░░░░ 50% |');
    expect(text).toContain('| Installed Go ≥ 1.27 | 1 (50%) | 1 (50%) | 0 |');
    // the row that needs attention first
    const rows = text.split('\n').filter((l) => l.startsWith('| [acme/'));
    expect(rows.map((l) => l.slice(0, 14))).toEqual(['| [acme/b](<ht', '| [acme/a](<ht']);
    expect(text).not.toMatch(/did not fit/);
    expect(text.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
  });

  test('10,000 rows: within the limit, and one line says how many were left out and where they are', () => {
    const base = record();
    const records = Array.from({ length: 10_000 }, (_, i) => ({
      ...base,
      repository: `acme/repository-with-a-long-name-${i}`,
      runUrl: `https://github.com/acme/repository-with-a-long-name-${i}/actions/runs/${i}/attempts/1`
    }));
    for (const pageUrl of [undefined, 'https://acme.github.io/fleet/']) {
      const text = md(records, [], pageUrl);
      expect(text.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
      expect(text.length).toBeGreaterThan(MARKDOWN_LIMIT - 1000); // filled, not cut early
      const shown = text.split('\n').filter((l) => l.startsWith('| [acme/')).length;
      const cut = /_…and ([\d,]+) more rows did not fit in this issue: (.*)\._/.exec(text);
      expect(cut).not.toBeNull();
      expect(Number(cut![1].replace(/,/g, ''))).toBe(10_000 - shown);
      expect(cut![2]).toBe(
        pageUrl ? `the full dashboard: [open it](<${pageUrl}>)` : 'the full dashboard is index.html, next to this file'
      );
    }
  });

  test('every report text is escaped: no markup, no mention, no split cell', () => {
    const hostile = '<script>x()</script> | `t` @octocat #1\n[a](b) *c*';
    const r = record({
      repository: hostile,
      workflow: hostile,
      job: hostile,
      errorCount: 1,
      findings: [
        {
          check: 'go-directive',
          kind: 'break',
          severity: 'error',
          message: hostile,
          file: `${hostile}/go.mod`,
          line: 2
        },
        { check: 'version-files', kind: 'drift', severity: 'warning', message: hostile, file: hostile, line: 1 }
      ]
    });
    const text = md([r], [{ file: `${hostile}.json`, kind: 'not-json', reason: 'not JSON' }]);
    expect(text).not.toMatch(/(?<!\\)</);
    expect(text).not.toMatch(/(?<!\\)`/);
    expect(text).not.toMatch(/@(?!&#8203;)/);
    expect(text).not.toMatch(/(?<!&)#(?!&#8203;)\d/);
    expect(text).not.toMatch(/(?<!\\)\[a\]/);
    // the row: 10 cells, so 11 unescaped pipes
    const rowLine = text.split('\n').find((l) => l.startsWith('| \\<script'));
    expect(rowLine).toBeDefined();
    expect(rowLine!.match(/(?<!\\)\|/g)).toHaveLength(11);
  });

  test(`skipped files: the first ${MAX_SKIPPED_LISTED} listed, then how many more`, () => {
    const skipped: SkippedFile[] = Array.from({ length: MAX_SKIPPED_LISTED + 7 }, (_, i) => ({
      file: `junk/${String(i).padStart(3, '0')}-report.json`,
      kind: 'not-json',
      reason: 'not JSON'
    }));
    const text = md([record()], skipped);
    expect(text).toContain(`## Skipped files (${MAX_SKIPPED_LISTED + 7})`);
    expect(text.split('\n').filter((l) => l.startsWith('- junk/'))).toHaveLength(MAX_SKIPPED_LISTED);
    expect(text).toContain('- …and 7 more: every one is in dashboard.json and on the page');
  });

  test('a repository link only for a plain owner/name on an http(s) server', () => {
    const plain = md([record({ repository: 'acme/api' })]);
    expect(plain).toContain('| [acme/api](<https://github.com/acme/api>) |');
    const odd = md([record({ repository: 'acme/api)(x' })]);
    expect(odd).toContain('| acme/api)(x |');
  });
});
