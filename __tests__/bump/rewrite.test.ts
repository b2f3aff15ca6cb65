/**
 * The rewriters, through locate -> plan -> rewrite as bump runs them: only the bytes of the version
 * token change. Each row is a file before and after (target 1.27.0 unless the row says otherwise),
 * so the formatting around the token is pinned byte for byte.
 */
import { applyDecisions, rewriteFile } from '../../src/bump/rewrite.js';
import type { BumpFileKind, BumpOptions, Decision, ModuleRole } from '../../src/bump/types.js';
import { bumpOne } from './helpers.js';

type Row = [name: string, before: string, after: string, options?: Partial<BumpOptions>, role?: ModuleRole];

describe.each<[BumpFileKind, Row[]]>([
  [
    'go.mod',
    [
      ['a go line with a patch', 'module x\n\ngo 1.25.0\n', 'module x\n\ngo 1.27.0\n'],
      ['a language version stays one', 'module x\n\ngo 1.25\n', 'module x\n\ngo 1.27\n'],
      ['--exact writes the release', 'module x\n\ngo 1.25\n', 'module x\n\ngo 1.27.0\n', { exact: true }],
      [
        'a comment beside the go line',
        'module x\n\ngo 1.25.0 // slices.Concat\n',
        'module x\n\ngo 1.27.0 // slices.Concat\n'
      ],
      ['a comment with no blank before it', 'module x\n\ngo 1.25.0// min\n', 'module x\n\ngo 1.27.0// min\n'],
      ['tabs and several blanks', 'module x\n\ngo\t  1.25.0\t\n', 'module x\n\ngo\t  1.27.0\t\n'],
      [
        'CRLF, a toolchain line equal to the new go line is removed with its blank line, // indirect untouched',
        'module x\r\n\r\ngo 1.25.0\r\n\r\ntoolchain go1.25.3\r\n\r\nrequire (\r\n\tgithub.com/a/b v1.2.3 // indirect\r\n\tgolang.org/x/mod v0.20.0 // indirect\r\n)\r\n',
        'module x\r\n\r\ngo 1.27.0\r\n\r\nrequire (\r\n\tgithub.com/a/b v1.2.3 // indirect\r\n\tgolang.org/x/mod v0.20.0 // indirect\r\n)\r\n'
      ],
      [
        'a toolchain line above a language go line pins the patch: kept and bumped',
        'module x\n\ngo 1.25\n\ntoolchain go1.25.3\n',
        'module x\n\ngo 1.27\n\ntoolchain go1.27.0\n'
      ],
      [
        'the last line: the blank line before it goes too',
        'module x\n\ngo 1.25.0\n\ntoolchain go1.25.0\n',
        'module x\n\ngo 1.27.0\n'
      ],
      ['the last line without a line break', 'module x\n\ngo 1.25.0\ntoolchain go1.25.0', 'module x\n\ngo 1.27.0\n'],
      [
        "a library's go line is kept, its toolchain line bumped",
        'module x\n\ngo 1.25.0\n\ntoolchain go1.25.3\n',
        'module x\n\ngo 1.25.0\n\ntoolchain go1.27.0\n',
        {},
        'library'
      ],
      [
        '--go-lines none keeps an application go line too',
        'module x\n\ngo 1.25.0\n\ntoolchain go1.25.3\n',
        'module x\n\ngo 1.25.0\n\ntoolchain go1.27.0\n',
        { policy: 'none' }
      ],
      [
        '--go-lines all raises a library',
        'module x\n\ngo 1.25.0\n',
        'module x\n\ngo 1.27.0\n',
        { policy: 'all' },
        'library'
      ],
      [
        'lookalikes stay: godebug, a module named gopher, go versions in comments and requires',
        'module example.com/gopher // go 1.25.0\n\n// go 1.25.0 was the minimum\ngo 1.25.0\n\ngodebug default=go1.25\n\nrequire example.com/go v1.25.0\n',
        'module example.com/gopher // go 1.25.0\n\n// go 1.25.0 was the minimum\ngo 1.27.0\n\ngodebug default=go1.25\n\nrequire example.com/go v1.25.0\n'
      ],
      [
        'a newer go line is not lowered',
        'module x\n\ngo 1.28.0\n\ntoolchain go1.28.1\n',
        'module x\n\ngo 1.28.0\n\ntoolchain go1.28.1\n'
      ],
      [
        '--allow-downgrade lowers it (and removes the toolchain line that would equal it)',
        'module x\n\ngo 1.28.0\n\ntoolchain go1.28.0\n',
        'module x\n\ngo 1.27.0\n',
        { allowDowngrade: true }
      ],
      [
        'a prerelease target: a language go line stays the language version, a release becomes the prerelease',
        'module x\n\ngo 1.25\n\ntoolchain go1.25.3\n',
        'module x\n\ngo 1.28\n\ntoolchain go1.28rc1\n',
        { target: '1.28rc1' }
      ],
      [
        'a prerelease target, a go line with a patch',
        'module x\n\ngo 1.25.0\n',
        'module x\n\ngo 1.28rc1\n',
        { target: '1.28rc1' }
      ],
      [
        'an old toolchain line Go ignored is raised above the kept go line of a library',
        'module x\n\ngo 1.19\n\ntoolchain go1.18\n',
        'module x\n\ngo 1.19\n\ntoolchain go1.27.0\n',
        {},
        'library'
      ],
      [
        'toolchain default is not a version',
        'module x\n\ngo 1.25.0\n\ntoolchain default\n',
        'module x\n\ngo 1.27.0\n\ntoolchain default\n'
      ]
    ]
  ],
  [
    'go.work',
    [
      [
        'a workspace: go line raised, toolchain line equal to it removed, use block untouched',
        'go 1.25.0\n\ntoolchain go1.25.0\n\nuse (\n\t./api\n\t./worker\n)\n',
        'go 1.27.0\n\nuse (\n\t./api\n\t./worker\n)\n'
      ],
      [
        'a toolchain line above it stays, bumped',
        'go 1.25\n\ntoolchain go1.25.10\n\nuse ./api\n',
        'go 1.27\n\ntoolchain go1.27.0\n\nuse ./api\n'
      ]
    ]
  ],
  [
    'tool modfile',
    [
      [
        'a tools.mod for go run -modfile',
        'module x/tools\n\ngo 1.25.0\n\ntool golang.org/x/tools/cmd/stringer\n',
        'module x/tools\n\ngo 1.27.0\n\ntool golang.org/x/tools/cmd/stringer\n'
      ]
    ]
  ],
  [
    'Dockerfile',
    [
      [
        'multi-stage, a variant with its own version, an AS name',
        '# syntax=docker/dockerfile:1\nFROM golang:1.25.3-alpine3.20 AS build\nWORKDIR /src\nRUN go build ./...\n\nFROM gcr.io/distroless/static\nCOPY --from=build /src/app /app\n',
        '# syntax=docker/dockerfile:1\nFROM golang:1.27.0-alpine3.20 AS build\nWORKDIR /src\nRUN go build ./...\n\nFROM gcr.io/distroless/static\nCOPY --from=build /src/app /app\n'
      ],
      [
        '--platform=$BUILDPLATFORM and a minor tag',
        'FROM --platform=$BUILDPLATFORM golang:1.25 AS build\n',
        'FROM --platform=$BUILDPLATFORM golang:1.27 AS build\n'
      ],
      [
        'registries',
        'FROM docker.io/library/golang:1.25\nFROM mirror.gcr.io/golang:1.25-bookworm\nFROM public.ecr.aws/docker/library/golang:1.25.3\n',
        'FROM docker.io/library/golang:1.27\nFROM mirror.gcr.io/golang:1.27-bookworm\nFROM public.ecr.aws/docker/library/golang:1.27.0\n'
      ],
      ['lowercase instructions', 'from golang:1.25 as b\n', 'from golang:1.27 as b\n'],
      ['a continuation line', 'FROM \\\n    golang:1.25.3 AS b\n', 'FROM \\\n    golang:1.27.0 AS b\n'],
      ['CRLF', 'FROM golang:1.25-alpine AS b\r\nRUN true\r\n', 'FROM golang:1.27-alpine AS b\r\nRUN true\r\n'],
      [
        'an ARG default used by two FROMs: the default is rewritten once, the FROMs kept',
        'ARG GO_VERSION=1.25.3\nFROM golang:${GO_VERSION}-alpine AS build\nFROM golang:${GO_VERSION} AS test\n',
        'ARG GO_VERSION=1.27.0\nFROM golang:${GO_VERSION}-alpine AS build\nFROM golang:${GO_VERSION} AS test\n'
      ],
      ['a quoted ARG default', 'ARG GO="1.25"\nFROM golang:$GO\n', 'ARG GO="1.27"\nFROM golang:$GO\n'],
      [
        'an ARG that holds the whole image',
        'ARG IMAGE=golang:1.25-alpine\nFROM ${IMAGE} AS build\n',
        'ARG IMAGE=golang:1.27-alpine\nFROM ${IMAGE} AS build\n'
      ],
      [
        'a default written in the FROM itself',
        'ARG GO_VERSION\nFROM golang:${GO_VERSION:-1.25}-alpine\n',
        'ARG GO_VERSION\nFROM golang:${GO_VERSION:-1.27}-alpine\n'
      ],
      [
        'images that state no version, a digest, an unrelated image: untouched',
        'FROM golang:1-alpine\nFROM golang:alpine\nFROM golang:latest\nFROM golang:1.25@sha256:0123abcd\nFROM node:1.25\n',
        'FROM golang:1-alpine\nFROM golang:alpine\nFROM golang:latest\nFROM golang:1.25@sha256:0123abcd\nFROM node:1.25\n'
      ],
      [
        'a prerelease target: a minor tag gets the prerelease',
        'FROM golang:1.25-alpine\n',
        'FROM golang:1.28rc1-alpine\n',
        { target: '1.28rc1' }
      ],
      ['a newer image is not lowered', 'FROM golang:1.28-alpine\n', 'FROM golang:1.28-alpine\n'],
      [
        '--allow-downgrade lowers it',
        'FROM golang:1.28-alpine\n',
        'FROM golang:1.27-alpine\n',
        { allowDowngrade: true }
      ]
    ]
  ],
  [
    'workflow',
    [
      [
        'quotes, comments and flow style stay',
        'name: ci # the CI\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-go@v5 # v5.0.0\n        with: {go-version: \'1.25\', cache: false}\n      - uses: actions/setup-go@v5\n        with:\n          # the release CI builds with\n          go-version: "1.25.3" # keep in sync\n',
        'name: ci # the CI\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-go@v5 # v5.0.0\n        with: {go-version: \'1.27\', cache: false}\n      - uses: actions/setup-go@v5\n        with:\n          # the release CI builds with\n          go-version: "1.27.0" # keep in sync\n'
      ],
      [
        'plain scalars, which YAML would read as floats (1.20 is 1.2)',
        'jobs:\n  a:\n    steps:\n      - uses: actions/setup-go@v5\n        with:\n          go-version: 1.20\n      - uses: org/setup-go-enforced@v1\n        with:\n          go-version: 1.25.3\n',
        'jobs:\n  a:\n    steps:\n      - uses: actions/setup-go@v5\n        with:\n          go-version: 1.27\n      - uses: org/setup-go-enforced@v1\n        with:\n          go-version: 1.27.0\n'
      ],
      [
        'prefixes and wildcards keep their form',
        "jobs:\n  a:\n    steps:\n      - uses: actions/setup-go@v5\n        with: {go-version: go1.25.3}\n      - uses: actions/setup-go@v5\n        with: {go-version: 'v1.25'}\n      - uses: actions/setup-go@v5\n        with: {go-version: 1.25.x}\n",
        "jobs:\n  a:\n    steps:\n      - uses: actions/setup-go@v5\n        with: {go-version: go1.27.0}\n      - uses: actions/setup-go@v5\n        with: {go-version: 'v1.27'}\n      - uses: actions/setup-go@v5\n        with: {go-version: 1.27.x}\n"
      ],
      [
        'a wildcard minor stays one with --exact and with a prerelease target',
        'jobs:\n  a:\n    steps:\n      - uses: actions/setup-go@v5\n        with: {go-version: 1.25.x}\n',
        'jobs:\n  a:\n    steps:\n      - uses: actions/setup-go@v5\n        with: {go-version: 1.27.x}\n',
        { exact: true }
      ],
      [
        'a wildcard minor with a prerelease target',
        "jobs:\n  a:\n    steps:\n      - uses: actions/setup-go@v5\n        with: {go-version: '1.25.*'}\n",
        "jobs:\n  a:\n    steps:\n      - uses: actions/setup-go@v5\n        with: {go-version: '1.28.*'}\n",
        { target: '1.28rc1' }
      ],
      [
        '--exact writes the release where a workflow names a minor',
        "jobs:\n  a:\n    steps:\n      - uses: actions/setup-go@v5\n        with: {go-version: '1.25'}\n",
        "jobs:\n  a:\n    steps:\n      - uses: actions/setup-go@v5\n        with: {go-version: '1.27.0'}\n",
        { exact: true }
      ],
      [
        'an anchor is rewritten in place; the alias, an expression, stable and other actions are untouched',
        "jobs:\n  a:\n    strategy:\n      matrix:\n        go: ['1.24', '1.25']\n    steps:\n      - uses: actions/setup-go@v5\n        with:\n          go-version: &go '1.25.3'\n      - uses: actions/setup-go@v5\n        with:\n          go-version: *go\n      - uses: actions/setup-go@v5\n        with:\n          go-version: ${{ matrix.go }}\n      - uses: actions/setup-go@v5\n        with:\n          go-version: stable\n      - uses: other/action@v1\n        with:\n          go-version: '1.25'\n",
        "jobs:\n  a:\n    strategy:\n      matrix:\n        go: ['1.24', '1.25']\n    steps:\n      - uses: actions/setup-go@v5\n        with:\n          go-version: &go '1.27.0'\n      - uses: actions/setup-go@v5\n        with:\n          go-version: *go\n      - uses: actions/setup-go@v5\n        with:\n          go-version: ${{ matrix.go }}\n      - uses: actions/setup-go@v5\n        with:\n          go-version: stable\n      - uses: other/action@v1\n        with:\n          go-version: '1.25'\n"
      ],
      [
        'CRLF',
        'jobs:\r\n  a:\r\n    steps:\r\n      - uses: actions/setup-go@v5\r\n        with:\r\n          go-version: "1.25"\r\n',
        'jobs:\r\n  a:\r\n    steps:\r\n      - uses: actions/setup-go@v5\r\n        with:\r\n          go-version: "1.27"\r\n'
      ]
    ]
  ],
  [
    '.go-version',
    [
      ['a release', '1.25.3\n', '1.27.0\n'],
      ['a minor', '1.25\n', '1.27\n'],
      [
        'a go prefix, comments and CRLF',
        '# the Go of this repo\r\ngo1.25.3 # pinned\r\n',
        '# the Go of this repo\r\ngo1.27.0 # pinned\r\n'
      ],
      ['no line break at the end', '1.25.3', '1.27.0']
    ]
  ],
  [
    '.tool-versions',
    [
      [
        'several tools and comments',
        '# tools\nnodejs 20.11.0\ngolang 1.25.3 # pinned\npython 3.12.1\n',
        '# tools\nnodejs 20.11.0\ngolang 1.27.0 # pinned\npython 3.12.1\n'
      ],
      ['go, a minor', 'go 1.25\n', 'go 1.27\n'],
      [
        'several versions: the first is rewritten, the fallbacks kept',
        'golang 1.25.3 1.24.1\n',
        'golang 1.27.0 1.24.1\n'
      ],
      ['not a version: untouched', 'golang latest\n', 'golang latest\n']
    ]
  ],
  [
    'mise.toml',
    [
      ['[tools] go = "..."', '[tools]\ngo = "1.25"\nnode = "20"\n', '[tools]\ngo = "1.27"\nnode = "20"\n'],
      [
        'an inline table',
        '[tools]\ngo = { version = "1.25.3", os = ["linux"] }\n',
        '[tools]\ngo = { version = "1.27.0", os = ["linux"] }\n'
      ],
      ['an array: the first', "[tools]\ngo = ['1.25', '1.24']\n", "[tools]\ngo = ['1.27', '1.24']\n"],
      [
        'a multi-line array',
        '[tools]\ngo = [\n  "1.25.3",\n  "1.24.1",\n]\n',
        '[tools]\ngo = [\n  "1.27.0",\n  "1.24.1",\n]\n'
      ],
      ['[tools.go] version', "[tools.go]\nversion = '1.25' # pinned\n", "[tools.go]\nversion = '1.27' # pinned\n"],
      ['a dotted key with prefix:', 'tools.go = "prefix:1.25"\n', 'tools.go = "prefix:1.27"\n'],
      ['latest: untouched', '[tools]\ngo = "latest"\n', '[tools]\ngo = "latest"\n']
    ]
  ]
])('%s', (kind, rows) => {
  // Rest parameters: jest reads a function with more parameters than the row as one taking `done`.
  test.each(rows)('%s', (...[, before, after, options, role]: Row) => {
    expect(bumpOne(kind, before, options, role)).toBe(after);
  });
});

describe('the rewrite is checked by reading the result again', () => {
  const site = {
    file: 'go.mod',
    line: 3,
    start: 13,
    end: 19,
    written: '1.25.0',
    role: 'go' as const,
    before: 'go ',
    after: ''
  };
  const text = 'module x\n\ngo 1.25.0\n';

  test('a decision that writes what is not a version is refused, not written', () => {
    const d: Decision = { action: 'set', site, to: '1.27.0 // oops' };
    expect(applyDecisions(text, [d])).toBe('module x\n\ngo 1.27.0 // oops\n');
    expect(rewriteFile('go.mod', 'go.mod', text, [{ action: 'set', site, to: 'banana' }])).toEqual({
      ok: false,
      reason: expect.stringMatching(/^the rewritten file would not parse \(go\.mod:3: invalid go version "banana"/)
    });
  });

  test('a decision that would state another version than planned is refused', () => {
    expect(rewriteFile('go.mod', 'go.mod', text, [{ action: 'set', site, to: '1.27.0 // 1.28.0' }])).toEqual({
      ok: false,
      reason: 'the rewritten file would not state the expected versions: left alone'
    });
  });

  test('a decision whose offsets miss the token is refused', () => {
    const d: Decision = { action: 'set', site: { ...site, start: 0, end: 6 }, to: 'banana' };
    expect(rewriteFile('go.mod', 'go.mod', text, [d])).toEqual({
      ok: false,
      reason: 'an edit is not at a version token: left alone'
    });
  });

  test('overlapping edits are a bug, not a rewrite', () => {
    const a: Decision = { action: 'set', site, to: '1.27.0' };
    const b: Decision = { action: 'set', site: { ...site, start: 15 }, to: 'x' };
    expect(() => applyDecisions(text, [a, b])).toThrow(/overlapping edits/);
  });
});
