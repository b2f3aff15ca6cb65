import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ModFile, VersionDeclaration } from '../../../src/go/types.js';
import { parseModFile } from '../../../src/go/modfile.js';
import { readSourceHeader } from '../../../src/go/source-header.js';
import { checkGodebug, type GodebugCheckFacts } from '../../../src/verify/checks/godebug.js';
import type { PackageSources } from '../../../src/audit/types.js';
import { decl, mod, releases } from './facts-fixture.js';

const MANIFEST = releases('1.27.0', '1.26.7', '1.25.14', '1.24.13', '1.23.12', '1.22.12', '1.21.13');

function withGodebug(m: ModFile, ...pairs: string[]): ModFile {
  return {
    ...m,
    godebug: pairs.map((p, i) => {
      const eq = p.indexOf('=');
      return { value: { key: p.slice(0, eq), value: p.slice(eq + 1) }, line: 5 + i };
    })
  };
}

function facts(
  version: string,
  modules: ModFile[],
  declarations: VersionDeclaration[] = [],
  goPackages: PackageSources[] = []
): GodebugCheckFacts {
  return {
    mode: 'install',
    version,
    root: modules[0],
    workspace: { modules, useTargets: [], declarations, problems: [] },
    releases: MANIFEST,
    goPackages
  };
}

function pkg(dir: string, files: Record<string, string>): PackageSources {
  return {
    dir,
    main: true,
    files: Object.entries(files).map(([n, t]) => ({ file: `${dir}/${n}`, header: readSourceHeader(t) }))
  };
}

const summary = (f: GodebugCheckFacts): string[] =>
  checkGodebug(f).map((x) => `${x.kind} ${x.file}:${x.line} ${x.message}`);

describe('godebug: a go.mod godebug line under the checked Go', () => {
  test.each<[string, string, string, string[]]>([
    // Go before 1.23 parses no godebug line at all (x/mod of that release)
    [
      '1.22.12',
      'go 1.22',
      'panicnil=1',
      ['break go.mod:5 Go 1.22.12 (installed) refuses this line: unknown directive: godebug']
    ],
    [
      '1.21.13',
      'go 1.21',
      'default=go1.21',
      ['break go.mod:5 Go 1.21.13 (installed) refuses this line: unknown directive: godebug']
    ],
    ['1.23.12', 'go 1.23', 'panicnil=1', []],
    // an unknown key
    [
      '1.23.12',
      'go 1.23',
      'nosuchsetting=1',
      ['break go.mod:5 Go 1.23.12 (installed) refuses this line: unknown godebug "nosuchsetting"']
    ],
    // default= newer than the toolchain (golang/go#79153)
    [
      '1.25.14',
      'go 1.25.0',
      'default=go1.26.0',
      ['break go.mod:5 Go 1.25.14 (installed) refuses this line: default=go1.26.0 too new (toolchain is go1.25.14)']
    ],
    ['1.26.7', 'go 1.25.0', 'default=go1.26.0', []],
    // x509sha1: gone from 1.24's table (golang/go#72111), refused with any value by 1.26, with its old value by 1.27
    ['1.23.12', 'go 1.23', 'x509sha1=1', []],
    [
      '1.24.13',
      'go 1.23',
      'x509sha1=1',
      ['break go.mod:5 Go 1.24.13 (installed) refuses this line: unknown godebug "x509sha1"']
    ],
    [
      '1.26.7',
      'go 1.23',
      'x509sha1=1',
      [
        'break go.mod:5 Go 1.26.7 (installed) refuses this line: use of removed godebug "x509sha1", see https://go.dev/doc/godebug#go-124'
      ]
    ],
    [
      '1.27.0',
      'go 1.23',
      'x509sha1=1',
      [
        'break go.mod:5 Go 1.27.0 (installed) refuses this line: removed GODEBUG "x509sha1" set to old value "1" (https://go.dev/doc/godebug#go-124)'
      ]
    ],
    // the seven settings Go 1.27 removed: the old value fails, the final one is accepted
    [
      '1.27.0',
      'go 1.21',
      'tls10server=1',
      [
        'break go.mod:5 Go 1.27.0 (installed) refuses this line: removed GODEBUG "tls10server" set to old value "1" (https://go.dev/doc/godebug#go-127)'
      ]
    ],
    ['1.27.0', 'go 1.21', 'tls10server=0', []],
    ['1.26.7', 'go 1.21', 'tls10server=1', []],
    // a Go newer than the tables cannot call a key unknown: advice, not a break
    [
      '1.28.0',
      'go 1.21',
      'brandnew=1',
      [
        'advice go.mod:5 Go 1.28.0 (installed) cannot verify this line: "brandnew" is unknown to Go 1.27.0, the newest table read (not Go 1.28.0\'s)'
      ]
    ]
  ])('Go %s, %s, godebug %s', (version, goLine, pair, want) => {
    expect(summary(facts(version, [withGodebug(mod('go.mod', goLine.slice(3)), pair)]))).toEqual(want);
  });
});

describe('godebug: every Go that builds the module', () => {
  test('a golang:1.22 image building a module with a godebug line is a break at its FROM line', () => {
    const f = facts(
      '1.24.13',
      [withGodebug(mod('go.mod', '1.22'), 'panicnil=1')],
      [
        decl('Dockerfile', 'Dockerfile', '1.22', 'golang:1.22', 1),
        decl('Dockerfile', 'Dockerfile', '1.24', 'golang:1.24', 9)
      ]
    );
    expect(summary(f)).toEqual([
      'break Dockerfile:1 image golang:1.22 (Go 1.22.12) cannot build go.mod:5: unknown directive: godebug'
    ]);
  });

  test('a workflow go-version of the matrix builds the root module', () => {
    const f = facts(
      '1.24.13',
      [withGodebug(mod('go.mod', '1.21'), 'panicnil=1')],
      [
        decl('workflow', '.github/workflows/ci.yml', '1.21', '1.21', 14),
        decl('workflow', '.github/workflows/ci.yml', '1.24', '1.24', 15)
      ]
    );
    expect(summary(f)).toEqual([
      'break .github/workflows/ci.yml:14 go-version 1.21 (Go 1.21.13) cannot build go.mod:5: unknown directive: godebug'
    ]);
  });

  test('a Go that cannot build the go line at all is left to version-files', () => {
    const f = facts(
      '1.24.13',
      [withGodebug(mod('go.mod', '1.23'), 'panicnil=1')],
      [decl('Dockerfile', 'Dockerfile', '1.22')]
    );
    expect(summary(f)).toEqual([]);
  });

  test('each image says what it refuses, at its own FROM line; the installed Go accepts it', () => {
    const f = facts(
      '1.24.13',
      [withGodebug(mod('go.mod', '1.21'), 'default=go1.24.0')],
      [
        decl('Dockerfile', 'a/Dockerfile', '1.22', 'golang:1.22'),
        decl('Dockerfile', 'b/Dockerfile', '1.23', 'golang:1.23')
      ]
    );
    expect(summary(f)).toEqual([
      'break a/Dockerfile:1 image golang:1.22 (Go 1.22.12) cannot build go.mod:5: unknown directive: godebug',
      'break b/Dockerfile:1 image golang:1.23 (Go 1.23.12) cannot build go.mod:5: default=go1.24.0 too new (toolchain is go1.23.12)'
    ]);
  });
});

describe('godebug: workspaces', () => {
  const work = (...pairs: string[]): ModFile => ({
    ...withGodebug(mod('go.work', '1.23'), ...pairs),
    use: [{ value: './svc', line: 4 }]
  });

  test.each<[string, string[]]>([
    // Go 1.23+ reads only go.work's godebug lines in workspace mode
    ['1.23.12', []],
    // an older Go parses every main module's go.mod strictly: the line is still refused
    ['1.22.12', ['break svc/go.mod:5 Go 1.22.12 (installed) refuses this line: unknown directive: godebug']]
  ])('a go.mod the workspace uses, under Go %s', (version, want) => {
    const svc = withGodebug(mod('svc/go.mod', '1.21'), 'nosuchsetting=1');
    const root = version === '1.22.12' ? { ...work(), go: { value: '1.22', line: 3 } } : work();
    expect(summary(facts(version, [root, svc]))).toEqual(want);
  });

  test("the go.work's own lines are checked", () => {
    expect(summary(facts('1.23.12', [work('nosuchsetting=1'), mod('svc/go.mod', '1.21')]))).toEqual([
      'break go.work:5 Go 1.23.12 (installed) refuses this line: unknown godebug "nosuchsetting"'
    ]);
  });
});

describe('godebug: //go:debug directives of main packages', () => {
  const m = mod('go.mod', '1.21');
  test.each<[string, string, Record<string, string>, string[]]>([
    ['1.23.12', 'a known setting', { 'main.go': '//go:debug panicnil=1\npackage main\n' }, []],
    [
      '1.23.12',
      'an unknown setting',
      { 'main.go': '//go:debug nosuch=1\npackage main\n' },
      [
        'break cmd/a/main.go:1 Go 1.23.12 (installed) refuses this line: invalid //go:debug: unknown //go:debug setting "nosuch"'
      ]
    ],
    [
      '1.23.12',
      'a key set twice in the package',
      { 'a.go': '//go:debug panicnil=1\npackage main\n', 'b.go': '//go:debug panicnil=0\npackage main\n' },
      ['break cmd/a/b.go:1 Go 1.23.12 (installed) refuses this line: repeated //go:debug for panicnil']
    ],
    [
      '1.23.12',
      'a _test.go file only fails go test',
      { 'main.go': 'package main\n', 'main_test.go': '//go:debug nosuch=1\npackage main\n' },
      [
        'break cmd/a/main_test.go:1 Go 1.23.12 (installed) refuses this line: go test fails: invalid //go:debug: unknown //go:debug setting "nosuch"'
      ]
    ],
    ['1.19.13', 'Go before 1.21 ignores the directives', { 'main.go': '//go:debug nosuch=1\npackage main\n' }, []]
  ])('Go %s: %s', (version, _name, files, want) => {
    expect(summary(facts(version, [m], [], [pkg('cmd/a', files)]))).toEqual(want);
  });

  test('an image of the module refuses a directive at its FROM line, naming the file', () => {
    const f = facts(
      '1.27.0',
      [mod('go.mod', '1.21')],
      [decl('Dockerfile', 'Dockerfile', '1.27', 'golang:1.27')],
      [pkg('cmd/a', { 'main.go': '//go:debug tls3des=1\npackage main\n' })]
    );
    expect(summary(f)).toEqual([
      'break cmd/a/main.go:1 Go 1.27.0 (installed) refuses this line: invalid //go:debug: removed GODEBUG "tls3des" set to old value "1" (https://go.dev/doc/godebug#go-127)',
      'break Dockerfile:1 image golang:1.27 (Go 1.27.0) cannot build cmd/a/main.go:1: invalid //go:debug: removed GODEBUG "tls3des" set to old value "1" (https://go.dev/doc/godebug#go-127)'
    ]);
  });
});

const REAL_GO = '/usr/lib/go-1.19/bin/go';
const run = promisify(execFile);

(existsSync(REAL_GO) ? describe : describe.skip)('godebug agrees with the real Go 1.19.8', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'godebug-check-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function goList(mod: string, files: Record<string, string>): Promise<{ ok: boolean; stderr: string }> {
    const d = mkdtempSync(path.join(dir, 'm-'));
    writeFileSync(path.join(d, 'go.mod'), mod);
    for (const [n, t] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(d, n)), { recursive: true });
      writeFileSync(path.join(d, n), t);
    }
    const env = {
      ...process.env,
      GOTOOLCHAIN: 'local',
      GOFLAGS: '-mod=mod',
      GOPROXY: 'off',
      GOCACHE: path.join(dir, 'cache'),
      GOPATH: path.join(dir, 'gopath'),
      HOME: dir
    };
    try {
      await run(REAL_GO, ['build', '-o', os.devNull, './...'], { cwd: d, env });
      return { ok: true, stderr: '' };
    } catch (e) {
      return { ok: false, stderr: String((e as { stderr?: string }).stderr ?? '') };
    }
  }

  test('a godebug line: Go refuses it, and so does the check, at the same line with the same words', async () => {
    const text = 'module example.com/m\n\ngo 1.19\n\ngodebug panicnil=1\n';
    const real = await goList(text, { 'main.go': 'package main\n\nfunc main() {}\n' });
    expect(real.ok).toBe(false);
    expect(real.stderr).toMatch(/go\.mod:5: unknown directive: godebug/);
    const m = parseModFile(text, 'go.mod', 'go.mod');
    const found = checkGodebug(facts('1.19.8', [m]));
    expect(found).toEqual([
      {
        check: 'godebug',
        kind: 'break',
        message: 'Go 1.19.8 (installed) refuses this line: unknown directive: godebug',
        file: 'go.mod',
        line: 5
      }
    ]);
    expect(real.stderr).toContain(`${found[0].file}:${found[0].line}: ${'unknown directive: godebug'}`);
  });

  test('a //go:debug directive, even an unknown one: Go 1.19 builds it, and the check finds nothing', async () => {
    const main = '//go:debug nosuchsetting=1\n//go:debug panicnil=1\n\npackage main\n\nfunc main() {}\n';
    const real = await goList('module example.com/m\n\ngo 1.19\n', { 'main.go': main });
    expect(real).toEqual({ ok: true, stderr: '' });
    const m = parseModFile('module example.com/m\n\ngo 1.19\n', 'go.mod', 'go.mod');
    expect(
      checkGodebug(
        facts(
          '1.19.8',
          [m],
          [],
          [{ dir: '', main: true, files: [{ file: 'main.go', header: readSourceHeader(main) }] }]
        )
      )
    ).toEqual([]);
  });
});
