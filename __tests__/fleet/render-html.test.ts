import { createHash } from 'node:crypto';
import { Script } from 'node:vm';
import { buildDashboard } from '../../src/fleet/aggregate.js';
import type { Dashboard } from '../../src/fleet/dashboard-json.js';
import { escapeHtml, jsonForScript } from '../../src/fleet/html-text.js';
import { PAGE_SCRIPT } from '../../src/fleet/page-script.js';
import { PAGE_STYLE } from '../../src/fleet/page-style.js';
import { CONTENT_SECURITY_POLICY, MAX_SKIPPED_SHOWN, renderHtml } from '../../src/fleet/render-html.js';
import type { FleetRecord, SkippedFile } from '../../src/fleet/record.js';
import { record } from './fleet-fixture.js';

const NOW = new Date('2026-05-02T12:00:00.000Z');
const GEN = { name: 'setup-go-enforced', version: '1.0.0' };
const EVIL = `</script><script>window.__pwned=1</script><img src=x onerror=alert(1)>"'&<!--`;

function dash(records: FleetRecord[], skipped: SkippedFile[] = [], target?: string): Dashboard {
  return buildDashboard(records, skipped, {
    now: NOW,
    files: records.length + skipped.length,
    generator: GEN,
    ...(target ? { target } : {})
  });
}

/** The page without the embedded data: everything the parser reads as markup. */
function markupOf(html: string): string {
  return html.replace(/<script type="application\/json" id="dashboard-data">[\s\S]*?<\/script>/, '');
}

function dataOf(html: string): string {
  return /<script type="application\/json" id="dashboard-data">([\s\S]*?)<\/script>/.exec(html)![1];
}

describe('escapeHtml and jsonForScript', () => {
  test.each([
    ['<b>', '&lt;b&gt;'],
    ['a & b', 'a &amp; b'],
    [`"'`, '&quot;&#39;'],
    ['plain 1.22.3', 'plain 1.22.3']
  ])('escapeHtml(%j)', (s, out) => expect(escapeHtml(s)).toBe(out));

  test.each([['</script>'], ['<!--'], ['\u2028\u2029'], [EVIL]])(
    'jsonForScript keeps %j out of the markup and reads back',
    (s) => {
      const j = jsonForScript({ s });
      expect(j).not.toMatch(/[<\u2028\u2029]/);
      expect(JSON.parse(j)).toEqual({ s });
    }
  );
});

describe('renderHtml', () => {
  const hostile = record({
    repository: EVIL,
    workflow: EVIL,
    job: EVIL,
    errorCount: 1,
    vulnIds: [EVIL],
    checks: { 'supported-release': 'warning', 'latest-patch': 'warning' },
    findings: [
      { check: EVIL, kind: 'drift', severity: 'warning', message: EVIL, file: EVIL, line: 1 },
      { check: 'go-directive', kind: EVIL, severity: 'error', message: EVIL, file: `${EVIL}/go.mod`, line: 2 }
    ],
    modules: [{ path: `${EVIL}/go.mod`, kind: 'go.mod', go: '1.22' }]
  });
  const skipped: SkippedFile[] = [{ file: `${EVIL}-report.json`, kind: 'not-json', reason: `not JSON (${EVIL})` }];
  const d = dash([hostile, record({ repository: 'acme/ok' })], skipped);
  const html = renderHtml(d);
  const markup = markupOf(html);

  test('no report text becomes markup: two script elements only, no img, no handler', () => {
    expect(markup.match(/<script/g)).toHaveLength(1); // the page script (the data block is removed above)
    expect(html.match(/<script/g)).toHaveLength(2);
    // every < of a report is escaped, so each < here opens one of the page's own tags
    expect(markup).not.toMatch(/<img|<!--|<[^>]*\sonerror=/);
    expect(markup).toContain(escapeHtml(`${EVIL}-report.json`)); // the skipped file, shown
  });

  test('the embedded data has no "<" and is the dashboard', () => {
    const data = dataOf(html);
    expect(data).not.toContain('<');
    expect(JSON.parse(data)).toEqual(JSON.parse(JSON.stringify(d)));
  });

  test('the Content-Security-Policy forbids the network and allows exactly the inline script and style', () => {
    const b64 = (s: string) => createHash('sha256').update(s).digest('base64');
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
    expect(script).toBe(PAGE_SCRIPT);
    expect(style).toBe(PAGE_STYLE);
    expect(CONTENT_SECURITY_POLICY).toBe(
      `default-src 'none'; script-src 'sha256-${b64(PAGE_SCRIPT)}'; style-src 'sha256-${b64(PAGE_STYLE)}'; img-src data:; base-uri 'none'; form-action 'none'`
    );
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CONTENT_SECURITY_POLICY)}">`
    );
    // the policy comes before anything it governs
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
  });

  test('nothing is loaded: no src, no stylesheet link; the only href is the data: icon', () => {
    expect(markup).not.toMatch(/<[^>]*\ssrc=/);
    expect(markup.match(/href="[^"]*"/g)).toEqual(['href="data:,"']);
  });

  test('the page script is valid JavaScript and writes report text only as text', () => {
    expect(() => new Script(PAGE_SCRIPT)).not.toThrow(); // compiles, does not run
    expect(PAGE_SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
  });

  test('totals are in the markup (they show without JavaScript), with a note for the table', () => {
    expect(markup).toMatch(/<li data-total="repositories"><span class="n">2<\/span>/);
    expect(markup).toMatch(/<li data-total="failing"><span class="n">1<\/span>failing<span class="p">50%<\/span>/);
    expect(markup).toMatch(/<noscript><p class="note" id="noscript-note">The table of repositories needs JavaScript/);
    expect(markup).toContain('<div id="table-ui" hidden>');
  });

  test('each chart has a title, a description and a hidden table with its numbers', () => {
    const charts = markup.match(/<figure class="chart[^"]*" id="[^"]+">[\s\S]*?<\/figure>/g) ?? [];
    expect(charts).toHaveLength(3);
    for (const c of charts) {
      expect(c).toMatch(/<svg role="img" aria-labelledby="([\w-]+)-title \1-desc"/);
      expect(c).toMatch(/<title id="[\w-]+-title">[^<]+<\/title><desc id="[\w-]+-desc">[^<]+<\/desc>/);
      expect(c).toMatch(/<table class="visually-hidden"><caption>/);
    }
    expect(charts[0]).toContain('<th scope="row">1.27</th><td>2</td><td>100%</td>');
    // parts of the progress bar differ by pattern, not only by colour
    expect(charts[2]).toMatch(/fill="url\(#chart-progress-hatch\)"/);
    expect(charts[2]).toMatch(/fill="url\(#chart-progress-dots\)"/);
  });

  test(`at most ${MAX_SKIPPED_SHOWN} skipped files are listed; the rest are counted`, () => {
    const many: SkippedFile[] = Array.from({ length: MAX_SKIPPED_SHOWN + 3 }, (_, i) => ({
      file: `j/${i}-report.json`,
      kind: 'not-json',
      reason: 'not JSON'
    }));
    const page = markupOf(renderHtml(dash([record()], many)));
    expect(page.match(/<li data-kind="not-json">/g)).toHaveLength(MAX_SKIPPED_SHOWN);
    expect(page).toContain('…and 3 more: every one is in dashboard.json.');
  });

  test('no target (nothing installed): no progress chart', () => {
    const page = renderHtml(dash([record({ installed: null, error: { message: 'stopped' } })]));
    expect(page).not.toContain('chart-progress');
  });
});
