import { auditUpgrade } from '../../src/audit/audit.js';
import type { AuditModule, AuditResult } from '../../src/audit/types.js';
import { decl, input, mod, pkg, side, vuln } from './fixture.js';

const names = (m: AuditModule): string[] => m.godebug.flips.map((f) => f.name);
const only = (r: AuditResult): AuditModule => {
  expect(r.modules).toHaveLength(1);
  return r.modules[0];
};

describe('auditUpgrade: go 1.21 -> 1.23', () => {
  const base = side([mod('go.mod', 'go 1.21')]);
  const head = side(
    [mod('go.mod', 'go 1.23', 'godebug httpmuxgo121=1')],
    [],
    [pkg('cmd/api', { 'main.go': 'package main\n' })]
  );
  const m = only(auditUpgrade(input(base, head)));

  test('the lines and the Go that builds, before and after (newest patch of each minor)', () => {
    expect(m).toMatchObject({
      path: 'go.mod',
      role: 'main-module',
      go: { before: '1.21', after: '1.23', line: 3 },
      toolchain: {},
      build: {
        before: { version: '1.21.13', asks: 'go 1.21 (newest 1.21.x)', file: 'go.mod', line: 3 },
        after: { version: '1.23.12', asks: 'go 1.23 (newest 1.23.x)', file: 'go.mod', line: 3 }
      },
      at: { file: 'go.mod', line: 3 },
      mainPackages: 1,
      coldBuildCache: true
    });
  });

  test('panicnil (changed in 1.21) does not flip: both go lines are at 1.21 or later', () => {
    expect(names(m)).not.toContain('panicnil');
  });

  test.each([
    ['httplaxcontentlength', '1.22', '1'],
    ['tls10server', '1.22', '1'],
    ['tlsrsakex', '1.22', '1'],
    ['tlsunsafeekm', '1.22', '1'],
    ['asynctimerchan', '1.23', '1'],
    ['gotypesalias', '1.23', '0'],
    ['httpservecontentkeepheaders', '1.23', '1'],
    ['tls3des', '1.23', '1'],
    ['x509keypairleaf', '1.23', '0'],
    ['x509negativeserial', '1.23', '1']
  ])('%s flips at Go %s from %s to the new default, with its godebug link', (name, release, before) => {
    const f = m.godebug.flips.find((x) => x.name === name);
    expect(f).toEqual(
      expect.objectContaining({
        before,
        release,
        link: `https://go.dev/doc/godebug#go-1${release.slice(2)}`,
        notes: `https://go.dev/doc/go${release}`,
        cause: 'go-line',
        toolchainOnly: false
      })
    );
    expect(f).not.toHaveProperty('after');
  });

  test('the godebug pin removes httpmuxgo121 from the flips and says which line keeps it', () => {
    expect(names(m)).not.toContain('httpmuxgo121');
    expect(m.godebug.held).toEqual([
      { name: 'httpmuxgo121', package: 'net/http', value: '1', file: 'go.mod', line: 4 }
    ]);
    const unpinned = only(auditUpgrade(input(base, side([mod('go.mod', 'go 1.23')]))));
    expect(names(unpinned)).toContain('httpmuxgo121');
    expect(unpinned.godebug.held).toEqual([]);
  });

  test('language: per-iteration loop variables (changes behaviour) and range over int at 1.22, iterators at 1.23', () => {
    expect(m.language.map((c) => [c.goLine, c.changesBehaviour, c.direction])).toEqual([
      ['1.22', true, 'raised'],
      ['1.22', false, 'raised'],
      ['1.23', false, 'raised']
    ]);
    expect(m.language[0].title).toMatch(/each iteration/);
    expect(m.language[1].title).toMatch(/range over integers/);
  });

  test('support: both minors are out of the two supported ones (1.27, 1.26)', () => {
    expect(m.support).toEqual({
      before: { minor: '1.21', supported: false, endsWith: '1.23' },
      after: { minor: '1.23', supported: false, endsWith: '1.25' },
      supportedMinors: ['1.27', '1.26']
    });
  });
});

describe('auditUpgrade: go 1.22 -> 1.24', () => {
  const base = side([mod('go.mod', 'go 1.22')]);
  const head = side([mod('go.mod', 'go 1.24')]);

  test('vet: printf with a non-constant format applies at go 1.24 and go test runs it', () => {
    const m = only(auditUpgrade(input(base, head)));
    const printf = m.vet.find((v) => v.analyzer === 'printf');
    expect(printf).toMatchObject({ release: '1.24', languageVersion: '1.24', goTest: true, effect: 'more-findings' });
    expect(m.vet.map((v) => v.analyzer)).toEqual(['stdversion', 'tests', 'printf', 'buildtag', 'copylock']);
  });

  test.each<[string, Parameters<typeof input>[2], string[]]>([
    [
      'a hosted Ubuntu runner meets it (ImageOS)',
      { runner: { os: 'Linux', arch: 'X64', imageOS: 'ubuntu24' } },
      ['ok']
    ],
    [
      'a self-hosted CentOS 6 machine does not (os.release())',
      { runner: { os: 'Linux', arch: 'X64', release: '2.6.32-754.el6.x86_64', environment: 'self-hosted' } },
      ['unsupported']
    ],
    ['a Linux runner with nothing known', { runner: { os: 'Linux' } }, ['unknown']]
  ])('the Linux kernel 3.2 minimum: %s', (_name, over, verdicts) => {
    const m = only(auditUpgrade(input(base, head, over)));
    const kernel = m.platform.find((p) => p.kind === 'kernel-minimum');
    expect(kernel).toMatchObject({ release: '1.24', minimum: '3.2', applies: true });
    expect(kernel?.targets.map((t) => t.verdict)).toEqual(verdicts);
  });

  test('a Windows runner gets no Linux requirement; a requirement for no target is left out', () => {
    const m = only(auditUpgrade(input(base, head, { runner: { os: 'Windows', arch: 'X64', imageOS: 'win22' } })));
    expect(m.platform).toEqual([]);
  });

  test('an image that builds the module is a target too: its host kernel is not known', () => {
    const h = side([mod('go.mod', 'go 1.24')], [decl('Dockerfile', 'Dockerfile', '1.24', 'golang:1.24-alpine', 2)]);
    const m = only(auditUpgrade(input(base, h)));
    const kernel = m.platform.find((p) => p.kind === 'kernel-minimum');
    expect(kernel?.targets).toEqual([
      { target: 'runner ubuntu24', verdict: 'ok' },
      expect.objectContaining({ target: 'image golang:1.24-alpine', file: 'Dockerfile', line: 2, verdict: 'unknown' })
    ]);
  });
});

describe('auditUpgrade: a toolchain-only bump 1.26.x -> 1.27.0', () => {
  const base = side([mod('go.mod', 'go 1.21', 'toolchain go1.26.3')]);
  const head = side([mod('go.mod', 'go 1.21', 'toolchain go1.27.0')]);
  const m = only(auditUpgrade(input(base, head)));

  test('the go line stays, the Go that builds is the toolchain line, the finding sits at the toolchain line', () => {
    expect(m.go).toEqual({ before: '1.21', after: '1.21', line: 3 });
    expect(m.toolchain).toEqual({ before: 'go1.26.3', after: 'go1.27.0', line: 4 });
    expect(m.build.before).toMatchObject({ version: '1.26.3', asks: 'toolchain go1.26.3', line: 4 });
    expect(m.build.after).toMatchObject({ version: '1.27.0', asks: 'toolchain go1.27.0', line: 4 });
    expect(m.at).toEqual({ file: 'go.mod', line: 4 });
    expect(m.language).toEqual([]);
  });

  test('the seven settings Go 1.27 removed flip by the toolchain alone', () => {
    expect(m.godebug.flips.map((f) => [f.name, f.before, f.cause, f.toolchainOnly, f.release])).toEqual([
      ['asynctimerchan', '1', 'removed', true, '1.27'],
      ['gotypesalias', '0', 'removed', true, '1.27'],
      ['tls10server', '1', 'removed', true, '1.27'],
      ['tls3des', '1', 'removed', true, '1.27'],
      ['tlsrsakex', '1', 'removed', true, '1.27'],
      ['tlsunsafeekm', '1', 'removed', true, '1.27'],
      ['x509keypairleaf', '0', 'removed', true, '1.27']
    ]);
  });

  test('vet: go test starts running stdversion', () => {
    expect(m.vet).toEqual([expect.objectContaining({ analyzer: 'stdversion', release: '1.27', goTest: true })]);
  });

  test('a godebug line with the final value makes a removed setting no flip', () => {
    const pinned = only(
      auditUpgrade(
        input(
          side([mod('go.mod', 'go 1.21', 'toolchain go1.26.3', 'godebug tls10server=0')]),
          side([mod('go.mod', 'go 1.21', 'toolchain go1.27.0', 'godebug tls10server=0')])
        )
      )
    );
    expect(pinned.godebug.flips.map((f) => f.name)).not.toContain('tls10server');
  });
});

describe('auditUpgrade: left behind', () => {
  const base = side(
    [mod('go.mod', 'go 1.21'), mod('tools/go.mod', 'go 1.21')],
    [
      decl('Dockerfile', 'Dockerfile', '1.21', 'golang:1.21-alpine'),
      decl('.go-version', '.go-version', '1.21.5'),
      decl('workflow', '.github/workflows/ci.yml', '1.21', '1.21', 12),
      decl('Dockerfile', 'old/Dockerfile', '1.19')
    ]
  );
  const head = side(
    [mod('go.mod', 'go 1.23'), mod('tools/go.mod', 'go 1.21')],
    [
      decl('Dockerfile', 'Dockerfile', '1.21', 'golang:1.21-alpine'),
      decl('.go-version', '.go-version', '1.21.5'),
      decl('workflow', '.github/workflows/ci.yml', '1.23', '1.23', 12),
      decl('Dockerfile', 'old/Dockerfile', '1.19')
    ]
  );
  const r = auditUpgrade(input(base, head));

  test('every statement of the old minor still there is listed; one that moved or was already older is not', () => {
    expect(r.leftBehind).toEqual([
      {
        file: 'Dockerfile',
        line: 1,
        kind: 'Dockerfile',
        raw: 'golang:1.21-alpine',
        states: '1.21',
        module: 'go.mod',
        movedTo: '1.23.12'
      },
      {
        file: '.go-version',
        line: 1,
        kind: '.go-version',
        raw: '1.21.5',
        states: '1.21.5',
        module: 'go.mod',
        movedTo: '1.23.12'
      },
      {
        file: 'tools/go.mod',
        line: 3,
        kind: 'go.mod',
        directive: 'go',
        raw: 'go 1.21',
        states: '1.21',
        module: 'go.mod',
        movedTo: '1.23'
      }
    ]);
  });

  test('the workflow that moved is a changed declaration', () => {
    expect(r.declarations).toEqual([
      expect.objectContaining({
        kind: 'workflow',
        file: '.github/workflows/ci.yml',
        line: 12,
        before: '1.21',
        after: '1.23',
        goBefore: '1.21.13',
        goAfter: '1.23.12',
        module: 'go.mod',
        coldBuildCache: true
      })
    ]);
  });
});

describe('auditUpgrade: an image bump without a go line change', () => {
  test('the image moves from Go 1.26 to 1.27: the removed settings flip for the module it builds', () => {
    const mods = [mod('go.mod', 'go 1.21')];
    const r = auditUpgrade(
      input(
        side(mods, [decl('Dockerfile', 'Dockerfile', '1.26')]),
        side(mods, [decl('Dockerfile', 'Dockerfile', '1.27')])
      )
    );
    expect(r.status).toBe('changed');
    expect(r.modules).toEqual([]);
    expect(r.declarations).toHaveLength(1);
    const d = r.declarations[0];
    expect(d).toMatchObject({ before: 'golang:1.26', after: 'golang:1.27', goBefore: '1.26.7', goAfter: '1.27.0' });
    expect(d.godebug.filter((f) => f.cause === 'removed').map((f) => f.name)).toEqual([
      'asynctimerchan',
      'gotypesalias',
      'tls10server',
      'tls3des',
      'tlsrsakex',
      'tlsunsafeekm',
      'x509keypairleaf'
    ]);
    // macOS 13 from 1.27 is no requirement of a Linux image
    expect(d.platform).toEqual([]);
  });
});

describe('auditUpgrade: nothing changed', () => {
  test.each<[string, ReturnType<typeof side>, ReturnType<typeof side>]>([
    ['same files', side([mod('go.mod', 'go 1.24.0')]), side([mod('go.mod', 'go 1.24.0')])],
    [
      'only a godebug line changed',
      side([mod('go.mod', 'go 1.24.0')]),
      side([mod('go.mod', 'go 1.24.0', 'godebug panicnil=1')])
    ],
    [
      'a new module (not on the base)',
      side([mod('go.mod', 'go 1.24.0')]),
      side([mod('go.mod', 'go 1.24.0'), mod('new/go.mod', 'go 1.26.0')])
    ]
  ])('%s: unchanged', (_name, base, head) => {
    const r = auditUpgrade(input(base, head));
    expect(r).toEqual({
      base: { ref: 'origin/main', sha: '1234567890abcdef1234567890abcdef12345678' },
      status: 'unchanged',
      modules: [],
      declarations: [],
      leftBehind: [],
      notes: []
    });
  });
});

describe('auditUpgrade: no base', () => {
  test('the reason and the advice, nothing else', () => {
    const r = auditUpgrade({
      base: {
        status: 'no-base',
        ref: 'HEAD^1',
        reason: 'the base "HEAD^1" is not in this checkout (a shallow clone).',
        advice: 'fetch more'
      },
      head: side([mod('go.mod', 'go 1.24')]),
      platform: { os: 'linux', arch: 'x64' }
    });
    expect(r).toEqual({
      base: { ref: 'HEAD^1' },
      status: 'no-base',
      reason: 'the base "HEAD^1" is not in this checkout (a shallow clone).',
      advice: 'fetch more',
      modules: [],
      declarations: [],
      leftBehind: [],
      notes: []
    });
  });
});

describe('auditUpgrade: workspaces', () => {
  const baseWork = mod('go.work', 'go 1.22', 'use ./svc', 'use ./lib');
  const headWork = mod('go.work', 'go 1.24', 'use ./svc', 'use ./lib', 'godebug tlsmlkem=0');

  test('the workspace is audited under go.work lines; its modules whose lines moved are workspace modules', () => {
    const r = auditUpgrade(
      input(
        side([baseWork, mod('svc/go.mod', 'go 1.22'), mod('lib/go.mod', 'go 1.21')]),
        side(
          [headWork, mod('svc/go.mod', 'go 1.24'), mod('lib/go.mod', 'go 1.21')],
          [],
          [pkg('svc/cmd/svc', { 'main.go': 'package main\n' })]
        )
      )
    );
    expect(r.modules.map((m) => [m.path, m.role, m.workspace])).toEqual([
      ['go.work', 'workspace', undefined],
      ['svc/go.mod', 'workspace-module', 'go.work']
    ]);
    const [work, svc] = r.modules;
    expect(work.language).toEqual([]);
    expect(work.mainPackages).toBe(1);
    expect(work.godebug.held.map((h) => [h.name, h.file, h.line])).toEqual([['tlsmlkem', 'go.work', 6]]);
    // The module builds with the workspace's Go and lines: the same flips
    expect(svc.build).toEqual(work.build);
    expect(svc.godebug.flips).toEqual(work.godebug.flips);
    // ...but its own go line sets its language
    expect(svc.language.map((c) => c.goLine)).toEqual(['1.23', '1.24']);
    // lib states go 1.21, older than the workspace's old go 1.22: it was behind before, not left behind now
    expect(r.leftBehind).toEqual([]);
  });

  test('a module outside the workspace is its own main module', () => {
    const r = auditUpgrade(
      input(side([baseWork, mod('tools/go.mod', 'go 1.22')]), side([baseWork, mod('tools/go.mod', 'go 1.23')]))
    );
    expect(r.modules.map((m) => [m.path, m.role])).toEqual([['tools/go.mod', 'module']]);
    expect(r.modules[0].build.after.version).toBe('1.23.12');
  });
});

describe('auditUpgrade: //go:debug lines of main packages', () => {
  test('a package that pins a setting gets its own flips; a package without lines shares the module flips', () => {
    const files = { 'main.go': '//go:debug tls3des=1\npackage main\n' };
    const r = auditUpgrade(
      input(
        side([mod('go.mod', 'go 1.22')], [], [pkg('cmd/a', files), pkg('cmd/b', { 'main.go': 'package main\n' })]),
        side([mod('go.mod', 'go 1.23')], [], [pkg('cmd/a', files), pkg('cmd/b', { 'main.go': 'package main\n' })])
      )
    );
    const m = only(r);
    expect(m.godebug.flips.map((f) => f.name)).toContain('tls3des');
    expect(m.godebug.packages.map((p) => p.dir)).toEqual(['cmd/a']);
    expect(m.godebug.packages[0].flips.map((f) => f.name)).not.toContain('tls3des');
  });

  test('a new main package: its own lines are no flip of the bump', () => {
    const r = auditUpgrade(
      input(
        side([mod('go.mod', 'go 1.23')]),
        side(
          [mod('go.mod', 'go 1.23', 'toolchain go1.23.12')],
          [],
          [pkg('cmd/a', { 'main.go': '//go:debug panicnil=1\npackage main\n' })]
        )
      )
    );
    const m = only(r);
    expect(m.godebug.packages).toEqual([]);
  });
});

describe('auditUpgrade: the installed Go answers for the go-line part', () => {
  test('its DefaultGODEBUG replaces the tables, the toolchain-only flips stay', () => {
    const base = side(
      [mod('go.mod', 'go 1.26.0', 'toolchain go1.26.3')],
      [],
      [pkg('cmd/a', { 'main.go': 'package main\n' })]
    );
    const head = side([mod('go.mod', 'go 1.27.0')], [], [pkg('cmd/a', { 'main.go': 'package main\n' })]);
    const answered = auditUpgrade(
      input(base, head, {
        defaultGodebug: [
          {
            module: 'go.mod',
            toolchain: '1.27.0',
            packages: [
              { dir: 'cmd/a', importPath: 'example.com/cmd/a', before: 'futuresetting=0,tracebacklabels=0', after: '' }
            ]
          }
        ]
      })
    );
    const m = only(answered);
    expect(m.godebug.source).toBe('go list');
    // tracebacklabels and x509sslcertoverrideplatform come from the tables too; the answer adds one they do not know
    expect(m.godebug.flips.map((f) => [f.name, f.before, f.after ?? null])).toEqual([
      ['futuresetting', '0', null],
      ['tracebacklabels', '0', null]
    ]);
    const table = only(auditUpgrade(input(base, head)));
    expect(table.godebug.source).toBe('table');
    expect(table.godebug.flips.map((f) => f.name)).toEqual(['tracebacklabels', 'x509sslcertoverrideplatform']);
  });
});

describe('auditUpgrade: vulnerabilities of the Go before and after', () => {
  test('fixed, still present and new, by entry id', () => {
    const r = auditUpgrade(
      input(side([mod('go.mod', 'go 1.26.5')]), side([mod('go.mod', 'go 1.26.7')]), {
        vulnerabilities: [
          {
            version: '1.26.5',
            facts: { status: 'checked', entriesRead: 3, matches: [vuln('GO-2026-1', 'x', '1.26.6'), vuln('GO-2026-2')] }
          },
          {
            version: '1.26.7',
            facts: { status: 'checked', entriesRead: 3, matches: [vuln('GO-2026-2'), vuln('GO-2026-3')] }
          }
        ]
      })
    );
    const v = only(r).vulnerabilities;
    expect(v.status).toBe('checked');
    expect(v.fixed).toEqual([
      { id: 'GO-2026-1', summary: 'x', url: 'https://pkg.go.dev/vuln/GO-2026-1', fixedIn: '1.26.6' }
    ]);
    expect(v.stillPresent.map((x) => x.id)).toEqual(['GO-2026-2']);
    expect(v.introduced.map((x) => x.id)).toEqual(['GO-2026-3']);
  });

  test('unknown when the database did not answer for one of them', () => {
    const r = auditUpgrade(
      input(side([mod('go.mod', 'go 1.26.5')]), side([mod('go.mod', 'go 1.26.7')]), {
        vulnerabilities: [{ version: '1.26.7', facts: { status: 'unknown', reason: 'offline' } }]
      })
    );
    expect(only(r).vulnerabilities).toEqual({
      status: 'unknown',
      reason: 'the vulnerability database was not consulted for Go 1.26.5; Go 1.26.7: offline',
      fixed: [],
      stillPresent: [],
      introduced: []
    });
  });
});

describe('auditUpgrade: without the release list', () => {
  test('a language version stays unresolved and says so; the computations use its newest known patch', () => {
    const r = auditUpgrade(
      input(side([mod('go.mod', 'go 1.22')]), side([mod('go.mod', 'go 1.23')]), { releases: undefined })
    );
    const m = only(r);
    expect(m.build.before).toEqual({
      asks: 'go 1.22 (newest 1.22.x)',
      file: 'go.mod',
      line: 3,
      unresolved: 'the release list was not read'
    });
    expect(m.support).toEqual({ unknown: 'the release list was not read' });
    expect(m.godebug.flips.length).toBeGreaterThan(0);
    expect(r.notes).toEqual([
      'go.mod: the Go before (go 1.22 (newest 1.22.x)) is not resolved: the release list was not read',
      'go.mod: the Go after (go 1.23 (newest 1.23.x)) is not resolved: the release list was not read'
    ]);
  });

  test('a release named by the file needs no list', () => {
    const r = auditUpgrade(
      input(side([mod('go.mod', 'go 1.22.3')]), side([mod('go.mod', 'go 1.22.5')]), { releases: undefined })
    );
    expect(only(r).build).toEqual({
      before: { version: '1.22.3', asks: 'go 1.22.3', file: 'go.mod', line: 3 },
      after: { version: '1.22.5', asks: 'go 1.22.5', file: 'go.mod', line: 3 }
    });
  });
});
