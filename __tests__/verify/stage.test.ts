/** collectFacts and rootModule: the scan, GOWORK, the spec after check-latest, and the checks' options. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseInputs } from '../../src/inputs/inputs.js';
import { check, collectFacts, rootModule } from '../../src/verify/stage.js';
import type { ModFile } from '../../src/go/types.js';
import { DEFAULT_SWITCHING } from '../../src/plan/toolchain-switching.js';
import { runContext } from '../run-context-fixture.js';

const mod = (p: string, kind: ModFile['kind'] = p.endsWith('go.mod') ? 'go.mod' : 'go.work'): ModFile => ({
  kind,
  path: p,
  use: [],
  godebug: []
});

test.each<[string, ModFile[], Parameters<typeof rootModule>[1], string | undefined]>([
  ['go.work wins', [mod('go.work'), mod('go.mod')], { mode: 'file', file: 'go.work' }, 'go.work'],
  ['GOWORK=off: go.mod', [mod('go.work'), mod('go.mod')], { mode: 'off' }, 'go.mod'],
  [
    'GOWORK names another file',
    [mod('ci/x.work', 'go.work'), mod('go.work'), mod('go.mod')],
    { mode: 'file', file: 'ci/x.work' },
    'ci/x.work'
  ],
  [
    'GOWORK outside: go.mod',
    [mod('go.work'), mod('go.mod')],
    { mode: 'outside', path: '/elsewhere/go.work' },
    'go.mod'
  ],
  ['nothing', [], { mode: 'file', file: 'go.work' }, undefined]
])('rootModule: %s', (_name, modules, gowork, want) => {
  expect(rootModule(modules, gowork)?.path).toBe(want);
});

describe('collectFacts', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'verify-stage-'));
    mkdirSync(path.join(dir, 'ci'));
    mkdirSync(path.join(dir, 'a'));
    writeFileSync(path.join(dir, 'go.mod'), 'module m\n\ngo 1.22\n');
    writeFileSync(path.join(dir, 'ci', 'go.work.ci'), 'go 1.23\n\nuse ../a\n');
    writeFileSync(path.join(dir, 'a', 'go.mod'), 'module a\n\ngo 1.24.0\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('GOWORK names the workspace file: it is read and is the root; its use paths are resolved from its folder', async () => {
    const inputs = parseInputs({ 'go-version': '1.23.4', checks: 'vulnerabilities: off', mode: 'plan' });
    const request = {
      spec: { kind: 'exact' as const, version: '1.23.4' },
      raw: '1.23.4',
      origin: { kind: 'input' as const }
    };
    const facts = await collectFacts(
      { ...runContext({ env: { GOWORK: 'ci/go.work.ci' }, dirs: { workspace: dir } }), inputs },
      {
        request,
        spec: request.spec,
        resolution: { version: '1.23.4', fromCacheOnly: true, warnings: [] },
        switching: DEFAULT_SWITCHING,
        manifestUrl: '',
        warnings: []
      },
      {},
      undefined
    );
    expect(facts.root?.path).toBe('ci/go.work.ci');
    expect(facts.workspace.useTargets.map((t) => [t.dir, t.hasGoMod])).toEqual([['a', true]]);
    expect(facts.vulns).toEqual({ status: 'skipped', reason: 'mode plan checks no vulnerabilities' });
    // the workspace file's go line 1.23 is below a's 1.24.0: a break of the workspace check
    const out = check(facts, inputs);
    expect(out.findings.filter((f) => f.kind === 'break').map((f) => [f.check, f.file])).toEqual([
      ['go-directive', 'a/go.mod'],
      ['workspace', 'ci/go.work.ci']
    ]);
  });
});
