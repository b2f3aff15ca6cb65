/** Module roles for --go-lines main: workspace, tools, application, library, with the evidence. */
import {
  countsForRole,
  isIgnoredFile,
  isToolsFile,
  moduleRoles,
  type ModuleInput,
  type PackageFolder
} from '../../src/bump/roles.js';
import { parseModFile } from '../../src/go/modfile.js';

function mod(path: string, kind: ModuleInput['kind'] = 'go.mod', toolDirectives = false): ModuleInput {
  const text = kind === 'go.work' ? 'go 1.25\n' : 'module m\n\ngo 1.25\n';
  return { path, kind, mod: parseModFile(text, path, kind === 'go.work' ? 'go.work' : 'go.mod'), toolDirectives };
}

type Row = [name: string, modules: ModuleInput[], folders: PackageFolder[], want: string[], unread?: Set<string>];

test.each<Row>([
  [
    'a command below cmd/ makes the root module an application',
    [mod('go.mod')],
    [{ dir: 'cmd/api', main: 'cmd/api/main.go' }],
    ['go.mod application cmd/api/main.go is package main']
  ],
  [
    'a main package of a nested module belongs to that module only',
    [mod('go.mod'), mod('tools/gen/go.mod')],
    [{ dir: 'tools/gen/cmd', main: 'tools/gen/cmd/main.go' }],
    ['go.mod library no package main', 'tools/gen/go.mod application tools/gen/cmd/main.go is package main']
  ],
  [
    'examples, testdata, vendor and _ or . folders do not make a library an application',
    [mod('go.mod')],
    [
      { dir: 'examples/http', main: 'examples/http/main.go' },
      { dir: 'example', main: 'example/main.go' },
      { dir: 'internal/testdata/x', main: 'internal/testdata/x/main.go' },
      { dir: '_tools', main: '_tools/main.go' }
    ],
    ['go.mod library no package main']
  ],
  [
    'a go.work, a tool modfile, tool directives, tools.go',
    [
      mod('go.work', 'go.work'),
      mod('tools.mod', 'tool modfile'),
      mod('lint/go.mod', 'go.mod', true),
      mod('gen/go.mod')
    ],
    [{ dir: 'gen', tools: 'gen/tools.go' }],
    [
      'go.work workspace a go.work',
      'tools.mod tools a tool modfile',
      'lint/go.mod tools has tool directives',
      'gen/go.mod tools gen/tools.go is //go:build tools'
    ]
  ],
  [
    'a module whose Go files were not all read says so',
    [mod('big/go.mod')],
    [],
    ['big/go.mod library no package main found (not every Go file was read)'],
    new Set(['big'])
  ]
  // Rest parameters: jest reads a function with more parameters than the row as one taking `done`.
])('%s', (...[, modules, folders, want, unread]: Row) => {
  expect(moduleRoles(modules, folders, unread).map((m) => `${m.path} ${m.role} ${m.why}`)).toEqual(want);
});

test.each<[string, boolean]>([
  ['', true],
  ['cmd/api', true],
  ['internal/example_test_helpers', true],
  ['examples/grpc', false],
  ['pkg/testdata', false],
  ['vendor/x', false],
  ['.hidden', false],
  ['_old/cmd', false]
])('countsForRole(%j) is %s', (rel, want) => {
  expect(countsForRole(rel)).toBe(want);
});

test.each<[string[], boolean, boolean]>([
  [['//go:build ignore'], true, false],
  [['//go:build ignore '], true, false],
  [['//go:build linux && !ignore'], false, false],
  [['//go:build tools'], false, true],
  [['//go:build tools && linux'], false, false]
])('header %j: ignored %s, tools file %s', (directives, ignored, tools) => {
  const d = directives.map((text) => ({ text }));
  expect([isIgnoredFile(d), isToolsFile('tools.go', d), isToolsFile('gen.go', d)]).toEqual([ignored, tools, false]);
});
