import { expandDockerVars, golangImageVersion, parseDockerfile } from '../../../src/go/readers/dockerfile.js';
import { brief } from './helpers.js';

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
      [[1, 'golang:1.22@sha256:0123456789abcdef01234…', '1.22']]
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
        [4, '…/golang:1.22.4-alpine', '1.22.4'],
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
