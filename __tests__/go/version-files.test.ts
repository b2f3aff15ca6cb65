import { InputError } from '../../src/errors.js';
import { type VersionDeclaration } from '../../src/model.js';
import {
  expandDockerVars,
  golangImageVersion,
  parseDockerfile,
  parseGoVersionFile,
  parseMiseToml,
  parseToolVersions
} from '../../src/go/version-files.js';

/** [line, raw, version] of a declaration. */
function brief(d: VersionDeclaration | undefined): [number, string, string] | undefined {
  return d ? [d.line, d.raw, d.version] : undefined;
}

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('parseGoVersionFile (.go-version)', () => {
  test.each<[string, string, [number, string, string]]>([
    ['plain', '1.22.3\n', [1, '1.22.3', '1.22.3']],
    ['go prefix', 'go1.22.3', [1, 'go1.22.3', '1.22.3']],
    ['language version', '1.22\n', [1, '1.22', '1.22']],
    ['prerelease', '1.23rc1\n', [1, '1.23rc1', '1.23rc1']],
    ['pre-1.21 first release', '1.20\n', [1, '1.20', '1.20']],
    ['CRLF and blanks', '  1.21.5 \t\r\n', [1, '1.21.5', '1.21.5']],
    ['comments and empty lines first', '# pinned by ops\n\n   \n1.22.1\n1.21.0\n', [4, '1.22.1', '1.22.1']],
    ['trailing comment', '1.22.1 # security fix\n', [1, '1.22.1', '1.22.1']],
    ['byte order mark', '\uFEFF1.22.0\n', [1, '1.22.0', '1.22.0']]
  ])('%s', (_name, text, want) => {
    const d = parseGoVersionFile(text, 'svc/.go-version');
    expect(d.kind).toBe('.go-version');
    expect(d.file).toBe('svc/.go-version');
    expect(brief(d)).toEqual(want);
  });

  test.each<[string, string, number]>([
    ['empty', '', 1],
    ['only comments', '# nothing\n\n', 1],
    ['x suffix', '1.22.x\n', 1],
    ['v prefix', 'v1.22.3\n', 1],
    ['major only', '1\n', 1],
    ['latest', '\nlatest\n', 2],
    ['two words', '1.22.3 1.21.0\n', 1],
    ['semver prerelease', '1.22.0-rc.1\n', 1],
    ['leading zero', '1.022\n', 1]
  ])('invalid: %s', (_name, text, line) => {
    const e = errorOf(() => parseGoVersionFile(text, '.go-version'));
    expect(e.file).toBe('.go-version');
    expect(e.line).toBe(line);
    expect(e.message.startsWith(`.go-version:${line}: `)).toBe(true);
  });
});

describe('parseToolVersions (.tool-versions)', () => {
  test.each<[string, string, [number, string, string] | undefined]>([
    ['golang entry', 'nodejs 20.11.0\ngolang 1.22.3\n', [2, '1.22.3', '1.22.3']],
    ['go entry', 'go 1.21.6\n', [1, '1.21.6', '1.21.6']],
    ['first of several versions', 'golang 1.22.3 1.21.9 system\n', [1, '1.22.3', '1.22.3']],
    ['comments and CRLF', '# tools\r\npython 3.12.1 # py\r\n  golang   1.22.0   # go\r\n', [3, '1.22.0', '1.22.0']],
    ['go prefix', 'golang go1.22.3\n', [1, 'go1.22.3', '1.22.3']],
    ['language version', 'golang 1.22\n', [1, '1.22', '1.22']],
    ['first golang line wins', 'golang 1.22.3\ngolang 1.21.0\n', [1, '1.22.3', '1.22.3']],
    ['no go entry', 'nodejs 20\ngolangci-lint 1.55.2\n', undefined],
    ['commented out', '# golang 1.22.3\n', undefined],
    ['system', 'golang system\n', undefined],
    ['latest', 'golang latest\n', undefined],
    ['ref', 'golang ref:master\n', undefined],
    ['path', 'golang path:/opt/go\n', undefined],
    ['empty file', '', undefined]
  ])('%s', (_name, text, want) => {
    const d = parseToolVersions(text, '.tool-versions');
    expect(brief(d)).toEqual(want);
    if (d) {
      expect(d.kind).toBe('.tool-versions');
      expect(d.file).toBe('.tool-versions');
    }
  });

  test.each<[string, string, number]>([
    ['no version', 'nodejs 20\ngolang\n', 2],
    ['x suffix', 'golang 1.22.x\n', 1],
    ['garbage', 'go banana\n', 1]
  ])('invalid: %s', (_name, text, line) => {
    const e = errorOf(() => parseToolVersions(text, 'a/.tool-versions'));
    expect(e.file).toBe('a/.tool-versions');
    expect(e.line).toBe(line);
    expect(e.message.startsWith(`a/.tool-versions:${line}: `)).toBe(true);
  });
});

describe('parseMiseToml (mise.toml)', () => {
  test.each<[string, string, [number, string, string] | undefined]>([
    ['string', '[tools]\ngo = "1.22.3"\n', [2, '1.22.3', '1.22.3']],
    ['literal string', "[tools]\ngo = '1.22.3'\n", [2, '1.22.3', '1.22.3']],
    ['array takes the first', '[tools]\ngo = ["1.22", "1.21"]\n', [2, '1.22', '1.22']],
    ['multi-line array', '[tools]\ngo = [\n  "1.23.1", # newest\n  "1.22.8",\n]\n', [2, '1.23.1', '1.23.1']],
    ['inline table', '[tools]\ngo = { version = "1.22.3", postinstall = "go env" }\n', [2, '1.22.3', '1.22.3']],
    ['quoted key', '[tools]\n"go" = "1.21.0"\n', [2, '1.21.0', '1.21.0']],
    ['golang key', '[tools]\ngolang = "1.21rc2"\n', [2, '1.21rc2', '1.21rc2']],
    ['dotted key at top level', 'tools.go = "1.22.1"\n', [1, '1.22.1', '1.22.1']],
    ['tools.go table', '[tools.go]\nversion = "1.22.2"\n', [2, '1.22.2', '1.22.2']],
    [
      'spaced header and comments',
      '# mise\n[env]\nGO = "1.10"\n\n[ tools ] # the tools\nnode = "20"\ngo = "1.22.4" # pinned\n',
      [7, '1.22.4', '1.22.4']
    ],
    ['CRLF', '[tools]\r\ngo = "1.22.5"\r\n', [2, '1.22.5', '1.22.5']],
    ['prefix form', '[tools]\ngo = "prefix:1.22"\n', [2, 'prefix:1.22', '1.22']],
    ['go prefix in value', '[tools]\ngo = "go1.22.6"\n', [2, 'go1.22.6', '1.22.6']],
    ['latest is skipped', '[tools]\ngo = "latest"\n', undefined],
    ['system is skipped', '[tools]\ngo = "system"\n', undefined],
    ['ref is skipped', '[tools]\ngo = "ref:master"\n', undefined],
    ['go backend packages are not the go tool', '[tools]\n"go:github.com/x/y" = "1.2.3"\n', undefined],
    ['go key in another table', '[env]\ngo = "1.22"\n[settings]\ngo = "1.23"\n', undefined],
    ['array of tables named tools', '[[tools]]\ngo = "1.22"\n', undefined],
    ['no tools', 'min_version = "2024.1.0"\n', undefined],
    [
      'unparsable lines elsewhere are skipped',
      '[env]\nWEIRD = 1979-05-27 07:32:00Z\n= oops\n[tools]\ngo = "1.22.7"\n',
      [5, '1.22.7', '1.22.7']
    ],
    [
      'multi-line string elsewhere',
      '[env]\nX = """\ngo = "9.9"\n"""\n[tools]\ngo = "1.22.8"\n',
      [6, '1.22.8', '1.22.8']
    ]
  ])('%s', (_name, text, want) => {
    const d = parseMiseToml(text, 'mise.toml');
    expect(brief(d)).toEqual(want);
    if (d) expect(d.kind).toBe('mise.toml');
  });

  test.each<[string, string, number]>([
    ['invalid version', '[tools]\nnode = "20"\ngo = "1.22.x"\n', 3],
    ['unquoted float', '[tools]\ngo = 1.22\n', 2],
    ['table without version', '[tools]\ngo = { postinstall = "x" }\n', 2],
    ['empty array', '[tools]\ngo = []\n', 2]
  ])('invalid: %s', (_name, text, line) => {
    const e = errorOf(() => parseMiseToml(text, '.mise.toml'));
    expect(e.file).toBe('.mise.toml');
    expect(e.line).toBe(line);
    expect(e.message.startsWith(`.mise.toml:${line}: `)).toBe(true);
  });
});

describe('parseDockerfile', () => {
  test.each<[string, string, [number, string, string][]]>([
    ['simple', 'FROM golang:1.22\nRUN go build\n', [[1, 'golang:1.22', '1.22']]],
    ['patch and variant', 'FROM golang:1.22.3-bookworm\n', [[1, 'golang:1.22.3-bookworm', '1.22.3']]],
    ['alpine', 'FROM golang:1.22-alpine AS build\n', [[1, 'golang:1.22-alpine', '1.22']]],
    ['alpine with its version', 'FROM golang:1.22.3-alpine3.19\n', [[1, 'golang:1.22.3-alpine3.19', '1.22.3']]],
    ['prerelease', 'FROM golang:1.22rc1-alpine\n', [[1, 'golang:1.22rc1-alpine', '1.22rc1']]],
    [
      'tag and digest',
      'FROM golang:1.22@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
      [[1, 'golang:1.22@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', '1.22']]
    ],
    ['digest without tag', 'FROM golang@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n', []],
    ['latest', 'FROM golang:latest\n', []],
    ['no tag', 'FROM golang\n', []],
    ['variant only', 'FROM golang:alpine\n', []],
    ['major only', 'FROM golang:1-alpine\n', []],
    [
      'not golang',
      'FROM node:20\nFROM gcr.io/distroless/static:nonroot\nFROM golangci/golangci-lint:v1.55\nFROM tinygo/tinygo:0.30.0\n',
      []
    ],
    ['lowercase from and as', 'from golang:1.21.6 as builder\n', [[1, 'golang:1.21.6', '1.21.6']]],
    ['platform flag', 'FROM --platform=$BUILDPLATFORM golang:1.22.3 AS build\n', [[1, 'golang:1.22.3', '1.22.3']]],
    [
      'registry prefixes',
      [
        'FROM docker.io/library/golang:1.22.1',
        'FROM docker.io/golang:1.22.2',
        'FROM library/golang:1.22.3',
        'FROM public.ecr.aws/docker/library/golang:1.22.4-alpine',
        'FROM mirror.gcr.io/golang:1.22.5',
        'FROM registry.local:5000/base/golang:1.22.6'
      ].join('\n'),
      [
        [1, 'docker.io/library/golang:1.22.1', '1.22.1'],
        [2, 'docker.io/golang:1.22.2', '1.22.2'],
        [3, 'library/golang:1.22.3', '1.22.3'],
        [4, 'public.ecr.aws/docker/library/golang:1.22.4-alpine', '1.22.4'],
        [5, 'mirror.gcr.io/golang:1.22.5', '1.22.5'],
        [6, 'registry.local:5000/base/golang:1.22.6', '1.22.6']
      ]
    ],
    [
      'multi-stage',
      '# syntax=docker/dockerfile:1\nFROM golang:1.22.3 AS build\nWORKDIR /src\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\n\nFROM golang:1.21-alpine AS test\n',
      [
        [2, 'golang:1.22.3', '1.22.3'],
        [9, 'golang:1.21-alpine', '1.21']
      ]
    ],
    [
      'global ARG with braces',
      'ARG GO_VERSION=1.22.3\nFROM golang:${GO_VERSION}-alpine\n',
      [[2, 'golang:${GO_VERSION}-alpine', '1.22.3']]
    ],
    [
      'global ARG without braces',
      'ARG GO_VERSION=1.22\nFROM golang:$GO_VERSION\n',
      [[2, 'golang:$GO_VERSION', '1.22']]
    ],
    [
      'quoted ARG default',
      'ARG GO_VERSION="1.21.9"\nFROM golang:${GO_VERSION}\n',
      [[2, 'golang:${GO_VERSION}', '1.21.9']]
    ],
    ['ARG default operator', 'FROM golang:${GO_VERSION:-1.22.7}\n', [[1, 'golang:${GO_VERSION:-1.22.7}', '1.22.7']]],
    ['ARG without default is skipped', 'ARG GO_VERSION\nFROM golang:${GO_VERSION}\n', []],
    ['ARG in a stage does not reach later FROMs', 'FROM alpine\nARG GO_VERSION=1.22\nFROM golang:${GO_VERSION}\n', []],
    [
      'ARG referring to ARG and image in ARG',
      'ARG GO=1.22.2\nARG BASE=golang:${GO}-bookworm\nFROM ${BASE} AS b\n',
      [[3, '${BASE}', '1.22.2']]
    ],
    [
      'several ARGs on one line',
      'ARG A=x GO_VERSION=1.22.4\nFROM golang:${GO_VERSION}\n',
      [[2, 'golang:${GO_VERSION}', '1.22.4']]
    ],
    [
      'continuation lines',
      'FROM \\\n  --platform=linux/amd64 \\\n  golang:1.22.3 \\\n  AS build\n',
      [[3, 'golang:1.22.3', '1.22.3']]
    ],
    [
      'comment inside continuation',
      'FROM \\\n# the builder\n  golang:1.22.4 AS build\n',
      [[3, 'golang:1.22.4', '1.22.4']]
    ],
    ['empty line inside continuation', 'FROM \\\n\n  golang:1.22.5\n', [[3, 'golang:1.22.5', '1.22.5']]],
    [
      'escape directive',
      '# escape=`\nFROM `\n  golang:1.22.6-windowsservercore-ltsc2022\n',
      [[3, 'golang:1.22.6-windowsservercore-ltsc2022', '1.22.6']]
    ],
    ['commented FROM', '# FROM golang:1.19\n  #FROM golang:1.18\nFROM golang:1.22\n', [[3, 'golang:1.22', '1.22']]],
    [
      'RUN continuation mentioning FROM',
      'FROM golang:1.22\nRUN echo \\\n FROM golang:1.10\n',
      [[1, 'golang:1.22', '1.22']]
    ],
    [
      'heredoc',
      'FROM golang:1.22.1\nRUN <<EOF\nFROM golang:1.10\nEOF\nFROM golang:1.23.0\n',
      [
        [1, 'golang:1.22.1', '1.22.1'],
        [5, 'golang:1.23.0', '1.23.0']
      ]
    ],
    [
      'CRLF',
      'FROM golang:1.22.2 AS a\r\nFROM golang:1.22.3\r\n',
      [
        [1, 'golang:1.22.2', '1.22.2'],
        [2, 'golang:1.22.3', '1.22.3']
      ]
    ],
    ['stage named golang', 'FROM golang:1.22 AS golang\nFROM golang\n', [[1, 'golang:1.22', '1.22']]]
  ])('%s', (_name, text, want) => {
    const ds = parseDockerfile(text, 'build/Dockerfile');
    expect(ds.map((d) => brief(d))).toEqual(want);
    for (const d of ds) {
      expect(d.kind).toBe('Dockerfile');
      expect(d.file).toBe('build/Dockerfile');
    }
  });

  test.each<[string, string | undefined]>([
    ['golang:1.22', '1.22'],
    ['golang:1.22.3-bookworm', '1.22.3'],
    ['golang:1.22rc1', '1.22rc1'],
    ['golang:1.22.x', undefined],
    ['golang:01.22', undefined],
    ['golang:', undefined],
    ['golang', undefined],
    ['notgolang:1.22', undefined],
    ['golang/extra:1.22', undefined],
    ['localhost:5000/golang:1.22.9', '1.22.9'],
    ['localhost:5000/golang', undefined]
  ])('golangImageVersion(%j) = %j', (image, want) => {
    expect(golangImageVersion(image)).toBe(want);
  });

  test.each<[string, Record<string, string>, string | undefined]>([
    ['$A', { A: '1' }, '1'],
    ['${A}-x', { A: '1' }, '1-x'],
    ['${A:-d}', {}, 'd'],
    ['${A:-d}', { A: '' }, 'd'],
    ['${A-d}', { A: '' }, ''],
    ['${A:+alt}', { A: 'v' }, 'alt'],
    ['${A:+alt}', {}, ''],
    ['${A}', {}, undefined],
    ['$A', {}, undefined],
    ['${A', { A: '1' }, undefined],
    ['${A#x}', { A: 'x1' }, undefined],
    ['\\$A', {}, '$A'],
    ['a$', {}, 'a$']
  ])('expandDockerVars(%j, %j) = %j', (s, vars, want) => {
    expect(expandDockerVars(s, new Map(Object.entries(vars)))).toBe(want);
  });
});
