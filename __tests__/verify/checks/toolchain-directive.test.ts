import type { FindingKind } from '../../../src/verify/findings.js';
import type { VersionRequest } from '../../../src/plan/types.js';
import { checkToolchainDirective } from '../../../src/verify/checks/toolchain-directive.js';
import { facts, inputRequest, mod, repo, target } from './facts-fixture.js';
import { parseGoToolchain } from '../../../src/go/gotoolchain.js';

const rootWith = (go: string | undefined, toolchain: string | undefined) =>
  mod('go.mod', go, toolchain ? { toolchain: { value: toolchain, line: 5 } } : {});

describe('toolchain-directive: the main module or workspace', () => {
  test.each<[string, string | undefined, string | undefined, string, FindingKind[]]>([
    ['no toolchain line', '1.22', undefined, '1.22.12', []],
    ['toolchain default', '1.22', 'default', '1.22.12', []],
    ['names the checked Go', '1.22', 'go1.22.12', '1.22.12', []],
    ['custom suffix ignored', '1.22', 'go1.22.12-custom', '1.22.12', []],
    ['rc names the checked rc', '1.23rc1', 'go1.23rc2', '1.23rc2', []],
    ['go1.20 equals 1.20.0', '1.20', 'go1.20', '1.20.0', []],
    // Go never switches down: a newer Go builds it; the line is drift
    ['older than the checked Go (go-version stable over toolchain go1.25.0)', '1.24', 'go1.25.0', '1.27.0', ['drift']],
    ['another patch, older', '1.22', 'go1.22.3', '1.22.12', ['drift']],
    // with GOTOOLCHAIN=local a Go older than the line (a matrix entry) builds: drift
    ['newer than the checked Go', '1.22', 'go1.23.0', '1.22.12', ['drift']],
    // Go ignores a toolchain line older than the go line: one finding, not two
    ['older than its go line (go 1.19, toolchain go1.18)', '1.19', 'go1.18', '1.19.13', ['drift']],
    ['older than its go line, patch', '1.22.5', 'go1.22.1', '1.22.5', ['drift']]
  ])('%s', (_name, go, tc, version, kinds) => {
    const root = rootWith(go, tc);
    const out = checkToolchainDirective(repo([root], [], { version }));
    expect(out.map((f) => f.kind)).toEqual(kinds);
    for (const f of out) expect(f).toMatchObject({ file: 'go.mod', line: 5 });
  });

  test('a toolchain name Go cannot run is a break', () => {
    const out = checkToolchainDirective(repo([rootWith('1.22', 'go1.banana')]));
    expect(out.map((f) => f.kind)).toEqual(['break']);
  });

  test('the go 1.19 / toolchain go1.18 message says Go ignores it', () => {
    const [f] = checkToolchainDirective(repo([rootWith('1.19', 'go1.18')], [], { version: '1.19.13' }));
    expect(f.message).toMatch(/older than the go line \(go 1\.19\), so Go ignores it/);
  });

  test('toolchain lines of other modules are not the main module and are not read', () => {
    const root = mod('go.mod', '1.22');
    const other = mod('svc/go.mod', '1.22', { toolchain: { value: 'go1.21.0', line: 5 } });
    expect(checkToolchainDirective(repo([root, other]))).toEqual([]);
  });

  test("the workspace's toolchain line counts when go.work is the root", () => {
    const root = mod('go.work', '1.22', { toolchain: { value: 'go1.22.3', line: 2 } });
    expect(checkToolchainDirective(facts({ root }))).toEqual([
      expect.objectContaining({ kind: 'drift', file: 'go.work', line: 2 })
    ]);
  });

  test.each<[string, string, string]>([
    ['check-latest moved the pin to a newer patch: says to update the line', 'go1.22.3', 'go get toolchain@go1.22.12'],
    ['a pin of another minor', 'go1.21.3', 'Go never switches down']
  ])('%s', (_name, tc, text) => {
    const root = mod('go.mod', '1.21', { toolchain: { value: tc, line: 5 } });
    const request: VersionRequest = {
      spec: { kind: 'minimum', minimum: tc.slice(2) },
      raw: tc,
      origin: { kind: 'file', format: 'go.mod', file: 'go.mod', line: 5, directive: 'toolchain' }
    };
    const out = checkToolchainDirective(repo([root], [], { request }));
    expect(out).toEqual([expect.objectContaining({ kind: 'drift', message: expect.stringContaining(text) })]);
  });

  test('no root: nothing to check', () => {
    expect(checkToolchainDirective(facts({ root: undefined }))).toEqual([]);
  });
});

describe('toolchain-directive: workspace mode', () => {
  const work = (tc?: string) => mod('go.work', '1.25', tc ? { toolchain: { value: tc, line: 2 } } : {});
  const module = (path: string, tc?: string) => mod(path, '1.25', tc ? { toolchain: { value: tc, line: 4 } } : {});

  test("a used module's toolchain that differs from the go.work's is drift at the module's line", () => {
    const modules = [
      work('go1.25.10'),
      module('a/go.mod', 'go1.25.11'),
      module('b/go.mod', 'go1.25.10'),
      module('c/go.mod')
    ];
    const f = facts({
      version: '1.25.10',
      root: modules[0],
      workspace: {
        modules,
        useTargets: [target('./a', 'a', true, true), target('./b', 'b', true, true), target('./c', 'c', true, true)],
        declarations: [],
        problems: []
      }
    });
    expect(checkToolchainDirective(f).map((x) => [x.kind, x.file, x.line])).toEqual([['drift', 'a/go.mod', 4]]);
  });

  test('without a toolchain line in go.work, module lines are not compared', () => {
    const modules = [work(), module('a/go.mod', 'go1.25.11')];
    const f = facts({
      version: '1.25.14',
      root: modules[0],
      workspace: { modules, useTargets: [target('./a', 'a', true, true)], declarations: [], problems: [] }
    });
    expect(checkToolchainDirective(f)).toEqual([]);
  });
});

describe('toolchain-directive under toolchain switching', () => {
  const root = mod('go.mod', '1.24.0', { toolchain: { value: 'go1.25.2', line: 4 } });
  const under = (setting: string, onPath: string[] = []) =>
    checkToolchainDirective(
      repo([root], [], {
        version: '1.24.3',
        request: inputRequest('1.24.3'),
        switching: { setting: parseGoToolchain(setting)!, from: 'input', exported: true },
        toolchainsOnPath: onPath
      })
    );
  test.each<[string, string[], string, string]>([
    ['local', [], 'drift', 'with GOTOOLCHAIN=local builds use 1.24.3'],
    ['auto', [], 'drift', 'with GOTOOLCHAIN=auto the go command downloads go1.25.2 and builds with it'],
    ['path', ['1.25.2'], 'drift', 'runs go1.25.2 and builds with it'],
    ['path', [], 'break', 'runs go1.25.2 from PATH, and there is none']
  ])('%s', (setting, onPath, kind, text) => {
    const [f, ...rest] = under(setting, onPath);
    expect(rest).toEqual([]);
    expect(f.kind).toBe(kind);
    expect(f.message).toContain(text);
  });
});
