/**
 * scripts/godebug/gen-table.mjs on small synthetic table.go inputs: Go syntax variants (comments,
 * Opaque, Immutable, field order, the Removed list with helper predicates and func literals), the
 * per-line tables and backports it builds, and its command line (files, and commits of a git clone).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildTableData, compareReleases, parseTableGo } from '../../scripts/godebug/gen-table.mjs';

const SCRIPT = path.resolve('scripts/godebug/gen-table.mjs');

/** A table.go in Go's layout, around the given list bodies. */
function tableGo(all: string, removed?: string): string {
  return [
    '// Copyright 2023 The Go Authors. All rights reserved.',
    '',
    '// Package godebugs provides a table of known GODEBUG settings.',
    'package godebugs',
    '',
    '// An Info describes a single known GODEBUG setting.',
    'type Info struct {',
    '\tName      string // name of the setting ("panicnil")',
    '\tChanged   int    // minor version when default changed, if any; 21 means Go 1.21',
    '}',
    '',
    '/* A block comment: var All = []Info{ {Name: "fake"} } */',
    'var All = []Info{',
    all,
    '}',
    ...(removed === undefined
      ? []
      : ['', 'type RemovedInfo struct {', '\tName string', '}', '', 'var Removed = []RemovedInfo{', removed, '}']),
    '',
    'func zero(s string) bool { return s == "0" }',
    'func one(s string) bool  { return s == "1" }',
    '',
    '// Lookup returns the Info with the given name.',
    'func Lookup(name string) *Info {',
    '\tfor lo < hi {',
    '\t\tif name == mid {',
    '\t\t\treturn &All[m]',
    '\t\t}',
    '\t}',
    '\treturn nil',
    '}',
    ''
  ].join('\n');
}

describe('parseTableGo', () => {
  test.each<[string, string, string | undefined, ReturnType<typeof parseTableGo>]>([
    [
      'rows, comments, a commented-out row, field order, Opaque and Immutable',
      [
        '\t{Name: "execerrdot", Package: "os/exec"},',
        '\t{Name: "decoratemappings", Package: "runtime", Opaque: true, Changed: 25, Old: "0"},',
        '\t{Name: "fips140", Package: "crypto/fips140", Opaque: true, Immutable: true},',
        '\t{Name: "jstmpllitinterp", Package: "html/template", Opaque: true}, // bug #66217: remove Opaque',
        '\t//{Name: "multipartfiles", Package: "mime/multipart"},',
        "\t// Mark tracebacklabels as Opaque so we don't generate a metric.",
        '\t{',
        '\t\tName:    "tracebacklabels",',
        '\t\tPackage: "runtime",',
        '\t\tChanged: 27, Old: "0", Opaque: true,',
        '\t},',
        '\t{Name: "x509usepolicies", Package: "crypto/x509", Changed: 0, Opaque: false}'
      ].join('\n'),
      undefined,
      {
        all: [
          { name: 'execerrdot', package: 'os/exec' },
          { name: 'decoratemappings', package: 'runtime', changed: 25, old: '0', opaque: true },
          { name: 'fips140', package: 'crypto/fips140', opaque: true, immutable: true },
          { name: 'jstmpllitinterp', package: 'html/template', opaque: true },
          { name: 'tracebacklabels', package: 'runtime', changed: 27, old: '0', opaque: true },
          { name: 'x509usepolicies', package: 'crypto/x509' }
        ]
      }
    ],
    [
      "Go 1.26's Removed list: no Old",
      '\t{Name: "panicnil", Package: "runtime", Changed: 21, Old: "1"},',
      '\t{Name: "x509sha1", Removed: 24},',
      {
        all: [{ name: 'panicnil', package: 'runtime', changed: 21, old: '1' }],
        removed: [{ name: 'x509sha1', removed: 24 }]
      }
    ],
    [
      "Go 1.27's: helper predicates, a func literal with ||, either operand order",
      '\t{Name: "panicnil", Package: "runtime", Changed: 21, Old: "1"},',
      [
        '\t{Name: "x509sha1", Removed: 24, Old: one},      // Old: "1"',
        '\t{Name: "tlskyber", Removed: 24, Old: zero},     // Old: "0"',
        '\t{Name: "asynctimerchan", Removed: 27, Old: func(s string) bool { return s == "1" || s == "2" }},',
        '\t{',
        '\t\tName: "odd", Removed: 28,',
        '\t\tOld: func(v string) bool {',
        '\t\t\treturn "a" == v || v == `b`',
        '\t\t},',
        '\t},'
      ].join('\n'),
      {
        all: [{ name: 'panicnil', package: 'runtime', changed: 21, old: '1' }],
        removed: [
          { name: 'x509sha1', removed: 24, old: ['1'] },
          { name: 'tlskyber', removed: 24, old: ['0'] },
          { name: 'asynctimerchan', removed: 27, old: ['1', '2'] },
          { name: 'odd', removed: 28, old: ['a', 'b'] }
        ]
      }
    ]
  ])('%s', (_name, all, removed, want) => {
    expect(parseTableGo(tableGo(all, removed), 'table.go')).toEqual(want);
  });

  test.each<[string, string, RegExp]>([
    [
      'an unknown Info field',
      tableGo('\t{Name: "a", Package: "p", Default: "1"},'),
      /table\.go:\d+: unknown Info field Default/
    ],
    [
      'a field of the wrong type',
      tableGo('\t{Name: "a", Package: "p", Changed: "21"},'),
      /field Changed: expected a int/
    ],
    [
      'a setting listed twice',
      tableGo('\t{Name: "a", Package: "p"},\n\t{Name: "a", Package: "q"},'),
      /setting a listed twice/
    ],
    [
      'an Old predicate of another shape',
      tableGo(
        '\t{Name: "a", Package: "p"},',
        '\t{Name: "b", Removed: 27, Old: func(s string) bool { return s != "1" }},'
      ),
      /unsupported Old predicate/
    ],
    [
      'an Old helper the file does not declare',
      tableGo('\t{Name: "a", Package: "p"},', '\t{Name: "b", Removed: 27, Old: two},'),
      /two is not a func\(string\) bool declared in this file/
    ],
    ['no All list', 'package godebugs\n\nvar Some = []Info{}\n', /no `var All = \[\]Info\{` list/]
  ])('%s is an error', (_name, text, message) => {
    expect(() => parseTableGo(text, 'table.go')).toThrow(message);
  });
});

test.each<[string, string, number]>([
  ['1.21rc1', '1.21rc2', -1],
  ['1.21rc2', '1.21.0', -1],
  ['1.21.0', '1.21.10', -1],
  ['1.21.13', '1.22rc1', -1],
  ['1.22.2', '1.22.2', 0]
])('compareReleases(%s, %s)', (a, b, sign) => {
  expect(Math.sign(compareReleases(a, b))).toBe(sign);
});

const row = (name: string, extra = ''): string => `\t{Name: "${name}", Package: "p"${extra}},`;
const input = (release: string, all: string[], removed?: string[]) => ({
  release,
  text: tableGo(all.join('\n'), removed?.join('\n')),
  source: { release, path: 'src/internal/godebugs/table.go' }
});

describe('buildTableData', () => {
  const inputs = [
    input(
      '1.31.0',
      [row('a', ', Changed: 30, Old: "1"'), row('c'), row('d', ', Changed: 31, Old: "0"')],
      ['\t{Name: "b", Removed: 31, Old: one},']
    ),
    input('1.30.0', [row('a', ', Changed: 29, Old: "1"'), row('b')]),
    input('1.30.1', [row('a', ', Changed: 30, Old: "1"'), row('b')]),
    input('1.30.2', [row('a', ', Changed: 30, Old: "1"'), row('b')]),
    input('1.30rc1', [row('a', ', Changed: 29, Old: "1"')])
  ];

  test('tables per line: the first whole, later ones as what they set and drop; equal ones collapse', () => {
    const data = buildTableData(inputs, [{ name: 'c', release: '1.30.4' }], 'doc/godebug.md');
    expect(data.tables).toEqual([
      { releases: ['1.30rc1'], rows: [{ name: 'a', package: 'p', changed: 29, old: '1' }] },
      { releases: ['1.30.0'], amends: '1.30rc1', rows: [{ name: 'b', package: 'p' }] },
      { releases: ['1.30.1', '1.30.2'], amends: '1.30.0', rows: [{ name: 'a', package: 'p', changed: 30, old: '1' }] },
      { releases: ['1.30.4'], amends: '1.30.1', rows: [{ name: 'c', package: 'p' }] },
      {
        releases: ['1.31.0'],
        rows: [
          { name: 'a', package: 'p', changed: 30, old: '1' },
          { name: 'c', package: 'p' },
          { name: 'd', package: 'p', changed: 31, old: '0' }
        ],
        removed: [{ name: 'b', removed: 31, old: ['1'] }]
      }
    ]);
    expect(data.sources.map((s) => s.release)).toEqual(['1.30rc1', '1.30.0', '1.30.1', '1.30.2', '1.30.4', '1.31.0']);
    expect(data.sources[4]).toEqual({
      release: '1.30.4',
      path: 'src/internal/godebugs/table.go',
      synthesized: "1.30.2's table plus c (row as in 1.31.0), per doc/godebug.md"
    });
    expect(data.backportSource).toBe('doc/godebug.md');
  });

  test('one row per setting: newest values, first minor and release, backports, removal', () => {
    const data = buildTableData(inputs, [{ name: 'c', release: '1.30.4' }]);
    expect(data.settings).toEqual([
      { name: 'a', package: 'p', since: 30, firstRelease: '1.30rc1', changed: 30, old: '1' },
      { name: 'b', package: 'p', since: 30, firstRelease: '1.30.0', removed: 31, refused: ['1'] },
      { name: 'c', package: 'p', since: 30, firstRelease: '1.30.4', backportedTo: ['1.30.4'] },
      { name: 'd', package: 'p', since: 31, firstRelease: '1.31.0', changed: 31, old: '0' }
    ]);
  });

  test.each<[string, { name: string; release: string }[], RegExp]>([
    [
      'a backport to a release read that lacks it',
      [{ name: 'c', release: '1.30.1' }],
      /the table read for 1\.30\.1 does not list c/
    ],
    ['a backport already listed before', [{ name: 'b', release: '1.30.1' }], /1\.30\.0 already lists b/],
    ['a backport no later table lists', [{ name: 'zz', release: '1.30.4' }], /no release read after it lists zz/],
    ['a backport to a line not read', [{ name: 'c', release: '1.29.3' }], /no release of the 1\.29 line read before it/]
  ])('%s is an error', (_name, backports, message) => {
    expect(() => buildTableData(inputs, backports)).toThrow(message);
  });

  test('a release given twice, or a malformed one, is an error', () => {
    expect(() => buildTableData([inputs[1], inputs[1]])).toThrow(/release 1\.30\.0 given twice/);
    expect(() => buildTableData([{ ...inputs[1], release: 'go1.30.0' }])).toThrow(/expected 1\.N\.P or 1\.NrcK/);
  });
});

describe('the command line', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'gen-godebug-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[]): string =>
    execFileSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  test('--release files, --format json and ts', () => {
    writeFileSync(path.join(dir, 'a.go'), inputs()[0]);
    writeFileSync(path.join(dir, 'b.go'), inputs()[1]);
    const base = ['--release', `1.30.0=${path.join(dir, 'a.go')}`, '--release', `1.31.0=${path.join(dir, 'b.go')}`];
    const json = JSON.parse(
      run([...base, '--note', '1.31.0=golang/go go1.31.0 abc123', '--format', 'json', '--out', '-'])
    );
    expect(json.tables.map((t: { releases: string[] }) => t.releases)).toEqual([['1.30.0'], ['1.31.0']]);
    expect(json.sources[1]).toEqual({
      release: '1.31.0',
      path: 'src/internal/godebugs/table.go',
      note: 'golang/go go1.31.0 abc123'
    });

    const out = path.join(dir, 'godebug-table.ts');
    run([...base, '--note', '1.31.0=golang/go go1.31.0 abc123', '--out', out]);
    const ts = readFileSync(out, 'utf8');
    expect(ts).toMatch(/^\/\/ GENERATED by scripts\/godebug\/gen-table\.mjs/);
    expect(ts).toContain(`//   1.30.0: ${path.join(dir, 'a.go')}\n`);
    expect(ts).toContain('//   1.31.0: src/internal/godebugs/table.go - golang/go go1.31.0 abc123\n');
    expect(ts).toContain("{ name: 'panicnil', package: 'runtime', changed: 21, old: '1' }");
    expect(ts).toContain('export const GODEBUG_TABLES: readonly GodebugTable[] = [');
    expect(ts).toContain('export const GODEBUG_SETTINGS: readonly GodebugSetting[] = [');
  });

  test('--sources from the commits of a git clone, checking VERSION', () => {
    const repo = path.join(dir, 'go');
    const git = (...args: string[]): string =>
      execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        encoding: 'utf8'
      }).trim();
    execFileSync('git', ['init', '-q', repo]);
    const commit = (version: string, table: string): string => {
      mkdirSync(path.join(repo, 'src/internal/godebugs'), { recursive: true });
      writeFileSync(path.join(repo, 'src/internal/godebugs/table.go'), table);
      writeFileSync(path.join(repo, 'VERSION'), `go${version}\ntime 2026-01-01T00:00:00Z\n`);
      git('add', '-A');
      git('commit', '-q', '-m', `[release-branch] go${version}`);
      return git('rev-parse', 'HEAD');
    };
    const [a, b] = inputs();
    const c1 = commit('1.30.0', a);
    const c2 = commit('1.31.0', b);
    const sources = path.join(dir, 'sources.txt');
    writeFileSync(sources, `# comment\n1.30.0 ${c1}\n\n1.31.0 ${c2} a note\n`);
    const json = JSON.parse(
      run(['--sources', sources, '--git', path.join(dir, 'nope'), '--git', repo, '--format', 'json', '--out', '-'])
    );
    expect(json.sources).toEqual([
      { release: '1.30.0', commit: c1, version: 'go1.30.0', path: 'src/internal/godebugs/table.go' },
      { release: '1.31.0', commit: c2, version: 'go1.31.0', path: 'src/internal/godebugs/table.go', note: 'a note' }
    ]);

    writeFileSync(sources, `1.30.1 ${c1}\n`);
    expect(() => run(['--sources', sources, '--git', repo, '--format', 'json', '--out', '-'])).toThrow(
      /1\.30\.1: VERSION at [0-9a-f]{40} is go1\.30\.0, not go1\.30\.1/
    );
  });

  function inputs(): [string, string] {
    return [
      tableGo(
        '\t{Name: "panicnil", Package: "runtime", Changed: 21, Old: "1"},\n\t{Name: "x509sha1", Package: "crypto/x509"},'
      ),
      tableGo(
        '\t{Name: "panicnil", Package: "runtime", Changed: 21, Old: "1"},',
        '\t{Name: "x509sha1", Removed: 24, Old: one},'
      )
    ];
  }
});
