import type { FindingKind } from '../../../src/verify/findings.js';
import { checkGoDirective } from '../../../src/verify/checks/go-directive.js';
import { facts, inputRequest, mod } from './facts-fixture.js';
import { parseGoToolchain } from '../../../src/go/gotoolchain.js';

const one = (goLine: string, version: string) =>
  checkGoDirective(
    facts({
      version,
      workspace: { modules: [mod('svc/go.mod', goLine)], useTargets: [], declarations: [], problems: [] }
    })
  );

/** The finding expected: its kind, 'cannot-parse' (a break that says so), or none. */
type Want = FindingKind | 'cannot-parse' | undefined;

describe("go-directive: Go's own rule for a go line newer than the Go", () => {
  test.each<[string, string, Want]>([
    // at or above the go line, in Go's order: nothing
    ['1.22', '1.22.0', undefined],
    ['1.22', '1.22rc1', undefined],
    ['1.22.3', '1.22.3', undefined],
    ['1.22.3', '1.22.12', undefined],
    ['1.21rc1', '1.21.0', undefined],
    ['1.20', '1.20.0', undefined],
    ['1.9', '1.10', undefined],
    ['1.18', '1.19.8', undefined],
    // Go 1.21 and later refuse a newer go line
    ['1.22', '1.21.13', 'break'],
    ['1.22.3', '1.22.2', 'break'],
    ['1.21rc2', '1.21rc1', 'break'],
    ['1.21.0', '1.21rc2', 'break'],
    ['1.100', '1.99.1', 'break'],
    // before 1.21 the go line was advisory...
    ['1.14', '1.13.1', 'drift'],
    ['1.20.1', '1.20', 'cannot-parse'],
    ['1.21', '1.20.14', 'drift'],
    ['1.22', '1.20.7', 'drift'],
    // ...but no Go before 1.21 parses a go line with a patch or a prerelease
    ['1.21.0', '1.19.8', 'break'],
    ['1.21rc1', '1.20.14', 'break'],
    // ...and 1.19.13+ / 1.20.8+ refuse 1.22 and later
    ['1.22', '1.20.8', 'break'],
    ['1.22', '1.19.13', 'break'],
    ['1.23', '1.19.12', 'drift']
  ])('go %s with Go %s -> %s', (goLine, version, kind) => {
    const out = one(goLine, version);
    if (kind === 'cannot-parse') {
      expect(out).toEqual([
        expect.objectContaining({ kind: 'break', message: expect.stringContaining('cannot parse') })
      ]);
      return;
    }
    expect(out.map((f) => f.kind)).toEqual(kind ? [kind] : []);
    for (const f of out) expect(f).toMatchObject({ check: 'go-directive', file: 'svc/go.mod', line: 3 });
  });

  test('every module is checked; only the ones ahead are findings', () => {
    const modules = [
      mod('go.work', '1.22'),
      mod('go.mod', '1.21'),
      mod('a/go.mod', '1.23'),
      mod('b/go.mod', '1.22.13')
    ];
    const out = checkGoDirective(facts({ workspace: { modules, useTargets: [], declarations: [], problems: [] } }));
    expect(out.map((f) => f.file)).toEqual(['a/go.mod', 'b/go.mod']);
  });

  test.each([
    ['go.mod', '1.16'],
    ['tools/go.work', '1.18']
  ])('%s without a go line is advice (Go assumes %s)', (path, assumed) => {
    const [f, ...rest] = checkGoDirective(
      facts({ workspace: { modules: [mod(path)], useTargets: [], declarations: [], problems: [] } })
    );
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ kind: 'advice', file: path });
    expect(f.message).toContain(assumed);
  });

  test('a version from the go-version input says the entry cannot build the module', () => {
    const [finding] = checkGoDirective(
      facts({
        version: '1.21.13',
        request: inputRequest('1.21.13'),
        workspace: { modules: [mod('go.mod', '1.22')], useTargets: [], declarations: [], problems: [] }
      })
    );
    expect(finding.message).toBe(
      'go 1.22 requires Go >= 1.22, but go-version 1.21.13 (e.g. a matrix entry) is installed: Go 1.21.13 refuses a go line newer than itself, so this Go cannot build the module'
    );
  });

  test("setup-go's case: go-version 1.13.1 over go 1.14 is drift (Go 1.13 builds it)", () => {
    const [f] = checkGoDirective(
      facts({
        version: '1.13.1',
        request: inputRequest('1.13.1'),
        workspace: { modules: [mod('go.mod', '1.14')], useTargets: [], declarations: [], problems: [] }
      })
    );
    expect(f.kind).toBe('drift');
    expect(f.message).toContain('advisory');
  });

  test('verify mode says the Go was found on PATH', () => {
    const f = facts({
      mode: 'verify',
      version: '1.19.8',
      workspace: { modules: [mod('go.mod', '1.21.0')], useTargets: [], declarations: [], problems: [] }
    });
    expect(checkGoDirective(f)[0].message).toContain('1.19.8 is found on PATH');
  });
});

describe('go-directive under toolchain switching (GOTOOLCHAIN auto / path / <name>)', () => {
  const under = (setting: string, goLine: string, version: string, onPath: string[] = []) =>
    checkGoDirective(
      facts({
        version,
        switching: { setting: parseGoToolchain(setting)!, from: 'input', exported: true },
        toolchainsOnPath: onPath,
        workspace: { modules: [mod('tools/go.mod', goLine)], useTargets: [], declarations: [], problems: [] }
      })
    );

  test.each<[string, string, string, string[], FindingKind | undefined, string]>([
    ['local', '1.25.0', '1.24.3', [], 'break', 'refuses a go line newer than itself'],
    [
      'auto',
      '1.25.0',
      '1.24.3',
      [],
      'drift',
      'GOTOOLCHAIN=auto the go command downloads go1.25.0 and builds the module with it'
    ],
    ['auto', '1.25', '1.24.3', [], 'drift', 'downloads go1.25.0'],
    ['auto', '1.24.0', '1.24.3', [], undefined, ''],
    ['path', '1.25.0', '1.24.3', [], 'break', 'runs go1.25.0 from PATH, and there is none'],
    ['path', '1.25.0', '1.24.3', ['1.25.0'], 'drift', 'runs go1.25.0 from PATH'],
    // Go before 1.21 ignores GOTOOLCHAIN: its own rules
    ['auto', '1.22', '1.19.8', [], 'drift', 'advisory'],
    // a base runs instead of the installed Go
    ['go1.23.0', '1.24.0', '1.25.3', [], 'break', 'GOTOOLCHAIN=go1.23.0 runs go1.23.0'],
    ['go1.26.0+auto', '1.24.0', '1.25.3', [], undefined, '']
  ])('%s: go %s, %s installed', (setting, goLine, version, onPath, kind, text) => {
    const out = under(setting, goLine, version, onPath);
    expect(out.map((f) => f.kind)).toEqual(kind ? [kind] : []);
    if (kind) expect(out[0].message).toContain(text);
  });
});
