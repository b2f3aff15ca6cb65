import { auditUpgrade } from '../../src/audit/audit.js';
import { AUDIT_MARKER, GITHUB_COMMENT_LIMIT, renderAuditMarkdown } from '../../src/audit/markdown.js';
import { md } from '../../src/audit/markdown-text.js';
import type { ModFile } from '../../src/go/types.js';
import { decl, input, mod, side, vuln } from './fixture.js';

function named(path: string, module: string, ...lines: string[]): ModFile {
  return { ...mod(path, ...lines), module: { value: module, line: 1 } };
}

describe('renderAuditMarkdown: the pull-request comment', () => {
  const base = side([mod('go.mod', 'go 1.21')], [decl('Dockerfile', 'Dockerfile', '1.21', 'golang:1.21-alpine', 2)]);
  const head = side(
    [mod('go.mod', 'go 1.23', 'godebug httpmuxgo121=1')],
    [decl('Dockerfile', 'Dockerfile', '1.21', 'golang:1.21-alpine', 2)]
  );
  const text = renderAuditMarkdown(
    auditUpgrade(
      input(base, head, {
        vulnerabilities: [
          {
            version: '1.21.13',
            facts: { status: 'checked', entriesRead: 1, matches: [vuln('GO-2025-3420', 'Sensitive headers leaked')] }
          },
          { version: '1.23.12', facts: { status: 'checked', entriesRead: 1, matches: [] } }
        ]
      })
    )
  );
  const lines = text.split('\n');

  test('starts with the hidden marker, then the title and what was compared', () => {
    expect(lines[0]).toBe(AUDIT_MARKER);
    expect(lines[1]).toBe('### Go upgrade audit');
    expect(lines[3]).toBe('Against origin/main (1234567): 1 module moved, 1 statement left behind.');
  });

  test.each([
    ['the module heading', '#### go.mod · example.com/root (main module)'],
    ['the go line', '| go line | 1.21 | 1.23 |'],
    ['the toolchain line (none)', '| toolchain line | — | — |'],
    ['the Go that builds', '| Go that builds | **1.21.13** | **1.23.12** |'],
    ['the support window', '| support | out of support (since Go 1.23) | out of support (since Go 1.25) |'],
    ['vulnerabilities', '| vulnerabilities | 1 known | none known |'],
    [
      'a flip with its link',
      '| tls10server | crypto/tls | 1 | default | [Go 1.22](https://go.dev/doc/godebug#go-122) | go line |'
    ],
    ['the pin that keeps a setting', 'Kept by `godebug` lines: httpmuxgo121=1 (go.mod:4).'],
    [
      'the language change that alters behaviour',
      '- [Go 1.22](https://go.dev/doc/go1.22#language): each iteration of a "for" loop creates new variables — **can change how existing code behaves**'
    ],
    [
      'the fixed vulnerability',
      '**Vulnerabilities**: fixed: [GO-2025-3420](https://pkg.go.dev/vuln/GO-2025-3420) Sensitive headers leaked.'
    ],
    [
      'the cold cache',
      '**Build cache**: the first build after this change starts cold (the cache key holds the Go version).'
    ],
    ['the left-behind heading', '#### Left behind'],
    ['the left-behind file:line', '| Dockerfile:2 | golang:1.21-alpine | go.mod | 1.23.12 |']
  ])('%s', (_name, line) => {
    expect(lines).toContain(line);
  });

  test('no setting pinned by the godebug line is in the flips table', () => {
    expect(lines.some((l) => l.startsWith('| httpmuxgo121 |'))).toBe(false);
  });

  test('nothing changed: the marker and one line', () => {
    const r = auditUpgrade(input(side([mod('go.mod', 'go 1.24.0')]), side([mod('go.mod', 'go 1.24.0')])));
    expect(renderAuditMarkdown(r)).toBe(
      `${AUDIT_MARKER}\n**Go upgrade audit**: no Go version changed against origin/main (1234567).\n`
    );
    expect(renderAuditMarkdown(r, { marker: false })).toBe(
      '**Go upgrade audit**: no Go version changed against origin/main (1234567).\n'
    );
  });

  test('no base: the reason and the advice on one line', () => {
    const r = auditUpgrade({
      base: {
        status: 'no-base',
        ref: 'HEAD^1',
        reason: 'the base "HEAD^1" is not in this checkout (a shallow clone).',
        advice: 'Check out with fetch-depth: 0.'
      },
      head: side([mod('go.mod', 'go 1.24')]),
      platform: { os: 'linux', arch: 'x64' }
    });
    expect(renderAuditMarkdown(r)).toBe(
      `${AUDIT_MARKER}\n**Go upgrade audit** skipped: the base "HEAD^1" is not in this checkout (a shallow clone). Check out with fetch-depth: 0.\n`
    );
  });
});

describe('renderAuditMarkdown: repository text is escaped', () => {
  const hostile = 'example.com/a|b`c`<script>alert(1)</script>';
  const r = auditUpgrade(
    input(
      side(
        [named('go.mod', hostile, 'go 1.22')],
        [decl('Dockerfile', 'svc/@team #12/Dockerfile', '1.22', 'golang:1.22|x', 1)]
      ),
      side(
        [named('go.mod', hostile, 'go 1.23')],
        [decl('Dockerfile', 'svc/@team #12/Dockerfile', '1.22', 'golang:1.22|x', 1)]
      )
    )
  );
  const text = renderAuditMarkdown(r);

  test('no raw HTML, no unescaped pipe or backtick from the module path', () => {
    expect(text).not.toContain('<script>');
    expect(text).toContain('&lt;script&gt;alert(1)');
    expect(text).toContain('example.com/a\\|b\\`c\\`&lt;script&gt;');
  });

  test('a table row keeps its cells: the pipe of an image reference is escaped', () => {
    const row = text.split('\n').find((l) => l.includes('golang:1.22'));
    expect(row).toBe('| svc/@\u200bteam #\u200b12/Dockerfile:1 | golang:1.22\\|x | go.mod | 1.23.12 |');
  });

  test.each([
    ['a pipe', 'a|b', 'a\\|b'],
    ['backticks', '`x`', '\\`x\\`'],
    ['HTML', '<img src=x>', '&lt;img src=x&gt;'],
    ['an entity', '&amp;', '&amp;amp;'],
    ['emphasis and links', '*a* _b_ [c](d)', '\\*a\\* \\_b\\_ \\[c\\](d)'],
    ['a mention', '@octocat', '@\u200boctocat'],
    ['an issue reference', '#1', '#\u200b1'],
    ['an autolink', 'https://evil.example', 'https:\u200b//evil.example'],
    ['a www autolink', 'www.evil.example', 'www\u200b.evil.example']
  ])('md(): %s', (_name, raw, want) => {
    expect(md(raw)).toBe(want);
  });
});

describe('renderAuditMarkdown: within the comment limit', () => {
  // 400 modules that each moved: far more than 65,536 characters.
  const mods = (go: string): ModFile[] => [
    mod('go.mod', 'go 1.24.0'),
    ...Array.from({ length: 400 }, (_, i) => mod(`svc${i}/go.mod`, `go ${go}`))
  ];
  const r = auditUpgrade(input(side(mods('1.21')), side(mods('1.24'))));

  test('cut at a line, with a note, and never above the limit', () => {
    const text = renderAuditMarkdown(r);
    expect(text.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(text.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT - 2000);
    expect(text.startsWith(`${AUDIT_MARKER}\n### Go upgrade audit\n`)).toBe(true);
    const last = text.trimEnd().split('\n').pop();
    expect(last).toMatch(
      /^…the audit is cut here \(\d+ of \d+ lines shown, GitHub's 65536-character limit\): every field is in the JSON report \(`audit`\)\.$/
    );
  });

  test.each([2000, 5000, 20000])('a smaller limit (%i characters) is kept too', (max) => {
    const text = renderAuditMarkdown(r, { maxChars: max });
    expect(text.length).toBeLessThanOrEqual(max);
    expect(text).toContain('…the audit is cut here');
  });

  test('a short audit is not cut', () => {
    const small = auditUpgrade(input(side([mod('go.mod', 'go 1.21')]), side([mod('go.mod', 'go 1.23')])));
    expect(renderAuditMarkdown(small)).not.toContain('cut here');
  });
});
