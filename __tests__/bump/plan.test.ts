/**
 * The plan over several files: the go-lines policy by module role, go.work at or above the modules
 * it uses, never lowering without --allow-downgrade, toolchain lines removed where Go would ignore
 * them. Each case lists every decision as "file:line action from -> to".
 */
import { locate, isModFileKind, type LocatedModFile } from '../../src/bump/kinds/index.js';
import { planBump, usedGoMods } from '../../src/bump/plan.js';
import type { BumpFileKind, BumpOptions, Decision, FileFacts, ModuleFacts, ModuleRole } from '../../src/bump/types.js';
import { parseModFile } from '../../src/go/modfile.js';
import { OPTIONS } from './helpers.js';

type Repo = Record<string, [BumpFileKind, string, ModuleRole?]>;

function plan(repo: Repo, options: Partial<BumpOptions> = {}) {
  const files: FileFacts[] = [];
  const modules: ModuleFacts[] = [];
  for (const [path, [kind, text, role]] of Object.entries(repo)) {
    const located = locate(kind, text, path);
    files.push({ path, kind, text, located });
    if (isModFileKind(kind)) {
      modules.push({
        path,
        kind,
        mod: (located as LocatedModFile).mod,
        role: role ?? (kind === 'go.work' ? 'workspace' : 'application'),
        why: 'a test'
      });
    }
  }
  const p = planBump(files, modules, { ...OPTIONS, ...options });
  const show = (d: Decision): string => {
    const at = `${d.site.file}:${d.site.line}`;
    if (d.action === 'set') return `${at} set ${d.site.written} -> ${d.to}${d.why ? ` (${d.why})` : ''}`;
    if (d.action === 'remove') return `${at} remove ${d.site.written}`;
    return `${at} keep ${d.site.written} (${d.reason})`;
  };
  return {
    decisions: p.decisions.map(show).sort(),
    unrewritable: p.unrewritable.map((u) => `${u.file}:${u.line} ${u.what}`)
  };
}

const WORK = 'go 1.25.0\n\nuse (\n\t./app\n\t./lib\n)\n';

type Row = [name: string, repo: Repo, options: Partial<BumpOptions>, decisions: string[], unrewritable?: string[]];

test.each<Row>([
  [
    'a workspace: go.work and the application raised, the library kept',
    {
      'go.work': ['go.work', WORK],
      'app/go.mod': ['go.mod', 'module a\n\ngo 1.25.0\n'],
      'lib/go.mod': ['go.mod', 'module l\n\ngo 1.24\n', 'library']
    },
    {},
    ['app/go.mod:3 set 1.25.0 -> 1.27.0', 'go.work:1 set 1.25.0 -> 1.27.0', 'lib/go.mod:3 keep 1.24 (library)']
  ],
  [
    '--go-lines all raises the library too',
    {
      'go.work': ['go.work', WORK],
      'app/go.mod': ['go.mod', 'module a\n\ngo 1.25.0\n'],
      'lib/go.mod': ['go.mod', 'module l\n\ngo 1.24\n', 'library']
    },
    { policy: 'all' },
    ['app/go.mod:3 set 1.25.0 -> 1.27.0', 'go.work:1 set 1.25.0 -> 1.27.0', 'lib/go.mod:3 set 1.24 -> 1.27']
  ],
  [
    '--go-lines none: no go line moves, toolchain lines do',
    {
      'go.work': ['go.work', 'go 1.25.0\n\ntoolchain go1.25.3\n\nuse ./app\n'],
      'app/go.mod': ['go.mod', 'module a\n\ngo 1.25.0\n']
    },
    { policy: 'none' },
    ['app/go.mod:3 keep 1.25.0 (policy)', 'go.work:1 keep 1.25.0 (policy)', 'go.work:3 set 1.25.3 -> 1.27.0']
  ],
  [
    "a library's go line above the target: the go.work is raised to it, not only to the target",
    {
      'go.work': ['go.work', WORK],
      'app/go.mod': ['go.mod', 'module a\n\ngo 1.25.0\n'],
      'lib/go.mod': ['go.mod', 'module l\n\ngo 1.28.0\n', 'library']
    },
    {},
    [
      'app/go.mod:3 set 1.25.0 -> 1.27.0',
      'go.work:1 set 1.25.0 -> 1.28.0 (at least the go line of lib/go.mod (go 1.28.0), which it uses)',
      'lib/go.mod:3 keep 1.28.0 (library)'
    ]
  ],
  [
    'a language go.work below a used release: it takes the release',
    {
      'go.work': ['go.work', 'go 1.25\n\nuse ./app\n'],
      'app/go.mod': ['go.mod', 'module a\n\ngo 1.25.0\n']
    },
    {},
    [
      'app/go.mod:3 set 1.25.0 -> 1.27.0',
      'go.work:1 set 1.25 -> 1.27.0 (at least the go line of app/go.mod (go 1.27.0), which it uses)'
    ]
  ],
  [
    'a rollback: lowered to the target, the go.work not below the library it uses',
    {
      'go.work': ['go.work', 'go 1.27.0\n\nuse (\n\t./app\n\t./lib\n)\n'],
      'app/go.mod': ['go.mod', 'module a\n\ngo 1.27.0\n'],
      'lib/go.mod': ['go.mod', 'module l\n\ngo 1.26.5\n', 'library'],
      Dockerfile: ['Dockerfile', 'FROM golang:1.27.0\n']
    },
    { target: '1.26.0', allowDowngrade: true },
    [
      'Dockerfile:1 set 1.27.0 -> 1.26.0',
      'app/go.mod:3 set 1.27.0 -> 1.26.0',
      'go.work:1 set 1.27.0 -> 1.26.5 (at least the go line of lib/go.mod (go 1.26.5), which it uses)',
      'lib/go.mod:3 keep 1.26.5 (library)'
    ]
  ],
  [
    'without --allow-downgrade nothing newer is lowered',
    {
      'go.mod': ['go.mod', 'module a\n\ngo 1.28.0\n\ntoolchain go1.28.2\n'],
      Dockerfile: ['Dockerfile', 'FROM golang:1.28\nFROM golang:1.25\n']
    },
    {},
    [
      'Dockerfile:1 keep 1.28 (newer)',
      'Dockerfile:2 set 1.25 -> 1.27',
      'go.mod:3 keep 1.28.0 (newer)',
      'go.mod:5 keep 1.28.2 (newer)'
    ]
  ],
  [
    'already at the target, at its precision: nothing to do',
    {
      'go.mod': ['go.mod', 'module a\n\ngo 1.27\n'],
      '.go-version': ['.go-version', '1.27\n'],
      Dockerfile: ['Dockerfile', 'FROM golang:1.27.3\n']
    },
    { target: '1.27.3' },
    ['.go-version:1 keep 1.27 (same)', 'Dockerfile:1 keep 1.27.3 (same)', 'go.mod:3 keep 1.27 (same)']
  ],
  [
    'a toolchain line the raised go.work overtakes is removed',
    {
      'go.work': ['go.work', 'go 1.25.0\n\ntoolchain go1.28.0\n\nuse ./lib\n'],
      'lib/go.mod': ['go.mod', 'module l\n\ngo 1.29.0\n', 'library']
    },
    {},
    [
      'go.work:1 set 1.25.0 -> 1.29.0 (at least the go line of lib/go.mod (go 1.29.0), which it uses)',
      'go.work:3 remove 1.28.0',
      'lib/go.mod:3 keep 1.29.0 (library)'
    ]
  ],
  [
    'an unchanged file keeps a toolchain line below its go line (bump did not touch either)',
    { 'go.mod': ['go.mod', 'module a\n\ngo 1.28.0\n\ntoolchain go1.28.0\n'] },
    {},
    ['go.mod:3 keep 1.28.0 (newer)', 'go.mod:5 keep 1.28.0 (newer)']
  ],
  [
    'an application without a go line is reported; a library without one is not',
    {
      'app/go.mod': ['go.mod', 'module a\n'],
      'lib/go.mod': ['go.mod', 'module l\n', 'library']
    },
    {},
    [],
    ['app/go.mod:1 no go line']
  ]
  // Rest parameters: jest reads a function with more parameters than the row as one taking `done`.
])('%s', (...[, repo, options, decisions, unrewritable = []]: Row) => {
  expect(plan(repo, options)).toEqual({ decisions: [...decisions].sort(), unrewritable });
});

test.each<[string, string, string[]]>([
  ['go.work', 'go 1.25\nuse (\n\t./a\n\tb/c/\n\t.\n)\n', ['a/go.mod', 'b/c/go.mod', 'go.mod']],
  ['svc/go.work', 'go 1.25\nuse (\n\t./api\n\t../shared\n)\n', ['svc/api/go.mod', 'shared/go.mod']],
  ['go.work', 'go 1.25\nuse (\n\t../other\n\t/abs/mod\n\t"C:\\\\mod"\n\t.\\\\win\n)\n', ['win/go.mod']]
])('usedGoMods(%s): %j', (path, text, want) => {
  expect(usedGoMods(parseModFile(text, path, 'go.work'))).toEqual(want);
});
