/**
 * The locators: which tokens each file kind offers for rewriting (file:line, the version as
 * written, what is shown), and what each reports as not rewritable instead of guessing.
 */
import { locate } from '../../src/bump/kinds/index.js';
import { hasToolDirective } from '../../src/bump/kinds/modfile.js';
import type { BumpFileKind } from '../../src/bump/types.js';
import { InputError } from '../../src/errors.js';

function summary(kind: BumpFileKind, text: string, path: string = kind) {
  const l = locate(kind, text, path);
  return {
    sites: l.sites.map((s) => `${s.line} ${s.role} ${s.before}[${text.slice(s.start, s.end)}]${s.after}`),
    unrewritable: l.unrewritable.map((u) => `${u.line} ${u.what} ${u.reason}`)
  };
}

const WF = '.github/workflows/ci.yml';

test.each<[string, BumpFileKind, string, string[], string[]]>([
  [
    'go.mod: go and toolchain lines',
    'go.mod',
    'module x\n\ngo 1.25.0\n\ntoolchain go1.25.3 // pinned\n',
    ['3 go go [1.25.0]', '5 toolchain toolchain go[1.25.3]'],
    []
  ],
  [
    'go.mod: a custom toolchain name is reported',
    'go.mod',
    'module x\n\ngo 1.25.0\n\ntoolchain go1.25.3-custom\n',
    ['3 go go [1.25.0]'],
    ['5 toolchain go1.25.3-custom names a custom or unknown toolchain: not rewritten (set it by hand)']
  ],
  ['go.work', 'go.work', 'go 1.25\n\nuse ./a\n', ['1 go go [1.25]'], []],
  [
    'Dockerfile: a digest, variables it cannot follow',
    'Dockerfile',
    'ARG A=1\nARG B=25\nARG V=1.25\nARG C=${V}\nFROM golang:1.25@sha256:0123 AS x\nFROM golang:${A}.${B}\nFROM golang:${C}-alpine\n',
    [],
    [
      '5 golang:1.25@sha256:0123 is pinned by digest: not rewritten (update the tag and its @sha256 digest together)',
      '6 golang:${A}.${B} states its version through variables bump cannot follow: not rewritten',
      '7 golang:${C}-alpine states its version through ${C}, which bump cannot follow to one literal: not rewritten'
    ]
  ],
  [
    'Dockerfile: images that state no version are neither sites nor reported',
    'Dockerfile',
    'FROM golang:1-alpine\nFROM golang:alpine\nFROM golang:latest\nFROM golang\n',
    [],
    []
  ],
  [
    'Dockerfile: an ARG default, shown as the ARG',
    'Dockerfile',
    'ARG GO_VERSION=1.25.3\nFROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build\n',
    ['1 declaration ARG GO_VERSION=[1.25.3]'],
    []
  ],
  [
    'workflow: expressions, matrix lists, aliases, ranges, block scalars',
    'workflow',
    "jobs:\n  a:\n    strategy:\n      matrix:\n        go: ['1.24', '1.25']\n        os: [ubuntu-latest]\n    steps:\n      - uses: actions/setup-go@v5\n        with:\n          go-version: ${{ matrix.go }}\n      - uses: actions/setup-go@v5\n        with:\n          go-version: ${{ env.GO }}\n      - uses: actions/setup-go@v5\n        with:\n          go-version: &g '1.25'\n      - uses: actions/setup-go@v5\n        with:\n          go-version: *g\n      - uses: actions/setup-go@v5\n        with:\n          go-version: '>=1.24 <1.26'\n      - uses: actions/setup-go@v5\n        with:\n          go-version: |\n            1.25\n      - uses: actions/setup-go@v5\n        with:\n          go-version: oldstable\n      - uses: actions/setup-go@v5\n        with:\n          go-version: \"1.2\\x35\"\n",
    ['16 declaration go-version: [1.25]'],
    [
      "5 matrix go: ['1.24', '1.25'] is a matrix list (used by go-version at line 10): not rewritten; edit the versions it tests",
      '13 go-version: ${{ env.GO }} is an expression: not rewritten',
      '19 go-version: *g is an alias: not rewritten here (its anchor is, where it is a go-version)',
      '22 go-version: >=1.24 <1.26 is not one version (a range?): not rewritten',
      '25 go-version: 1.25 is a block scalar: not rewritten',
      '32 go-version: 1.25 is a quoted value with escapes: not rewritten'
    ]
  ],
  [
    '.tool-versions: fallbacks are listed',
    '.tool-versions',
    'golang 1.25.3 1.24.1 system\n',
    ['1 declaration golang [1.25.3]'],
    [
      '1 golang … 1.24.1 is a fallback version (asdf uses it only when the first is not installed): kept',
      '1 golang … system is a fallback version (asdf uses it only when the first is not installed): kept'
    ]
  ],
  ['.go-version with a go prefix', '.go-version', 'go1.25.3\n', ['1 declaration go[1.25.3]'], []],
  [
    'mise.toml: a string with escapes is reported',
    'mise.toml',
    '[tools]\ngo = "1.2\\u0035"\n',
    [],
    ['2 1.25 is not a simple quoted string: not rewritten']
  ],
  [
    'mise.toml: an inline table',
    'mise.toml',
    '[tools]\ngo = { version = "1.25" }\n',
    ['2 declaration go = "[1.25]"'],
    []
  ]
])('%s', (_name, kind, text, sites, unrewritable) => {
  expect(summary(kind, text, kind === 'workflow' ? WF : kind)).toEqual({ sites, unrewritable });
});

test.each<[BumpFileKind, string, RegExp]>([
  ['go.mod', 'module x\n\ngo 1.x\n', /^go\.mod:3: invalid go version "1\.x"/],
  ['go.work', 'go 1.25.0\nmodule x\n', /^go\.work:2: unknown directive "module"/],
  ['workflow', 'jobs: [\n', /^\.github\/workflows\/ci\.yml:\d+: not valid YAML/],
  ['.go-version', 'banana\n', /^\.go-version:1: invalid Go version "banana"/],
  ['mise.toml', '[tools\n', /^mise\.toml:1: not valid TOML/]
])('a file its reader cannot parse throws the reader error (%s)', (kind, text, message) => {
  let thrown: unknown;
  try {
    locate(kind, text, kind === 'workflow' ? WF : kind);
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(InputError);
  expect((thrown as Error).message).toMatch(message);
});

test.each<[string, string, boolean]>([
  ['a tool line', 'module x\n\ngo 1.24.0\n\ntool golang.org/x/tools/cmd/stringer\n', true],
  ['a tool block', 'module x\n\ntool (\n\tgithub.com/a/b\n)\n', true],
  ['a tool block with a comment', 'module x\n\ntool ( // linters\n\tgithub.com/a/b\n)\n', true],
  ['none', 'module x\n\ngo 1.24.0\n\nrequire github.com/a/tool v1.0.0\n', false],
  ['only in a comment', 'module x\n\n// tool github.com/a/b\n', false],
  ['a require block entry named tool', 'module x\n\nrequire (\n\ttool v1.0.0\n)\n', false],
  ['an empty block before', 'module x\n\nrequire ()\ntool x\n', true]
])('hasToolDirective: %s', (_name, text, want) => {
  expect(hasToolDirective(text)).toBe(want);
});
