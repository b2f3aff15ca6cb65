import type { UseTarget } from '../../../src/verify/facts.js';
import { checkWorkspace } from '../../../src/verify/checks/workspace.js';
import { facts, mod, target } from './facts-fixture.js';

describe('workspace: what the go command refuses is a break', () => {
  test.each<[string, string | undefined, UseTarget[], Record<string, string>, string[]]>([
    [
      'all fine',
      '1.22',
      [target('./a', 'a', true, true), target('.', '.', true, true)],
      { 'a/go.mod': '1.22', 'go.mod': '1.21' },
      []
    ],
    ['missing folder', '1.22', [target('./gone', 'gone', false, false)], {}, ['break go.work:4']],
    ['folder without go.mod', '1.22', [target('./docs', 'docs', true, false)], {}, ['break go.work:4']],
    [
      'used module ahead of go.work',
      '1.21',
      [target('./a', 'a', true, true)],
      { 'a/go.mod': '1.22' },
      ['break go.work:3']
    ],
    [
      'go.work 1.22 vs module 1.22.3',
      '1.22',
      [target('./a', 'a', true, true)],
      { 'a/go.mod': '1.22.3' },
      ['break go.work:3']
    ],
    [
      'go.work without go line assumes 1.18',
      undefined,
      [target('./a', 'a', true, true, 2)],
      { 'a/go.mod': '1.21' },
      ['break go.work:2']
    ],
    ['module out of scope is not compared', '1.21', [target('./a', 'a', true, true)], {}, []],
    ['module without go line is not compared', '1.21', [target('./a', 'a', true, true)], { 'a/go.mod': '' }, []],
    [
      'a use path leaving the workspace is advice, not read',
      '1.22',
      [{ ...target('../other', '../other', false, false), outside: true }],
      {},
      ['advice go.work:4']
    ]
  ])('%s', (_name, workGo, targets, mods, want) => {
    const modules = [mod('go.work', workGo), ...Object.entries(mods).map(([p, g]) => mod(p, g || undefined))];
    const out = checkWorkspace(facts({ workspace: { modules, useTargets: targets, declarations: [], problems: [] } }));
    expect(out.map((f) => `${f.kind} ${f.file}:${f.line}`)).toEqual(want);
  });

  test('use targets of a nested go.work resolve to its own modules', () => {
    const modules = [mod('tools/go.work', '1.21'), mod('tools/x/go.mod', '1.22')];
    const useTargets = [target('./x', 'tools/x', true, true, 3, 'tools/go.work')];
    const out = checkWorkspace(facts({ workspace: { modules, useTargets, declarations: [], problems: [] } }));
    expect(out).toEqual([expect.objectContaining({ kind: 'break', file: 'tools/go.work', line: 3 })]);
  });

  test.each([
    ['1.20.14', 'drift'],
    ['1.21.0', 'break']
  ])('a go.work below a used module, checked Go %s (Go 1.21 began refusing it): %s', (version, kind) => {
    const modules = [mod('go.work', '1.18'), mod('a/go.mod', '1.19')];
    const useTargets = [target('./a', 'a', true, true)];
    const out = checkWorkspace(facts({ version, workspace: { modules, useTargets, declarations: [], problems: [] } }));
    expect(out.map((f) => f.kind)).toEqual([kind]);
  });
});
