/**
 * The repository shapes of the enforcement corpus (corpus.test.ts runs them through the action in
 * both consistency modes; bump.test.ts bumps them and rolls them back): each with its files, the
 * action inputs it runs with and its expected outcome under `consistency: compatible` and `exact`.
 */

export interface Outcome {
  exit: 0 | 1;
  /** the go-version output */
  go: string;
  errors: string[];
  warnings: string[];
}

export interface Shape {
  name: string;
  files: Record<string, string>;
  inputs?: Record<string, string>;
  compatible: Outcome;
  exact: Outcome;
}

/** A setup-go step of a workflow, at `line` 6 of the file (go-version on line 9). */
export const workflow = (uses: string, goVersion: string): string =>
  `name: ci\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${uses}\n        with:\n          go-version: ${goVersion}\n      - run: go test ./...\n`;

export const SHAPES: Shape[] = [
  {
    // seen: go 1.26.6 with FROM golang:1.26.6 passed until 1.26.7 came out, then failed
    name: 'a service: go line with a patch and a Dockerfile pinned to it, a newer patch in the manifest',
    files: {
      'go.mod': 'module github.com/acme/billing\n\ngo 1.26.6\n\nrequire github.com/google/uuid v1.6.0\n',
      'cmd/billing/main.go': 'package main\n\nfunc main() {}\n',
      Dockerfile:
        '# syntax=docker/dockerfile:1\nFROM golang:1.26.6-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN go build ./cmd/billing\n\nFROM gcr.io/distroless/static\n',
      '.github/workflows/ci.yml': workflow('actions/setup-go@v5', '${{ matrix.go }}')
    },
    compatible: { exit: 0, go: '1.26.6', errors: [], warnings: [] },
    exact: { exit: 0, go: '1.26.6', errors: [], warnings: [] }
  },
  {
    // seen: go-version stable on a go.work with toolchain go1.25.0 was an error; Go never switches down
    name: 'a go.work monorepo with a toolchain line, built with go-version: stable',
    files: {
      'go.work': 'go 1.25.0\n\ntoolchain go1.25.0\n\nuse (\n\t./api\n\t./worker\n)\n',
      'api/go.mod': 'module github.com/acme/platform/api\n\ngo 1.25.0\n',
      'worker/go.mod': 'module github.com/acme/platform/worker\n\ngo 1.24.0\n'
    },
    inputs: { 'go-version': 'stable' },
    compatible: { exit: 0, go: '1.27.0', errors: [], warnings: ['go.work:3'] },
    exact: { exit: 1, go: '1.27.0', errors: ['go.work:3'], warnings: [] }
  },
  {
    // seen: example Dockerfiles on golang:1.27 in a module with go 1.25.0 gave four errors
    name: 'a library whose examples build on a newer golang image',
    files: {
      'go.mod': 'module github.com/acme/retry\n\ngo 1.25.0\n',
      'retry.go': 'package retry\n',
      'examples/http/Dockerfile': 'FROM golang:1.27 AS build\nWORKDIR /app\nCOPY . .\nRUN go build -o /bin/app .\n',
      'examples/grpc/Dockerfile': 'FROM golang:1.27-bookworm\n',
      'examples/cli/Dockerfile': 'FROM golang:1.27.0-alpine\n',
      'examples/worker/Dockerfile': 'FROM docker.io/library/golang:1.27\n'
    },
    compatible: { exit: 0, go: '1.25.0', errors: [], warnings: [] },
    exact: { exit: 0, go: '1.25.0', errors: [], warnings: [] }
  },
  {
    // seen (missed): a module's toolchain go1.25.11 against the go.work's go1.25.10 passed as consistent
    name: "a workspace whose module pins another toolchain than the go.work's",
    files: {
      'go.work': 'go 1.25.0\n\ntoolchain go1.25.10\n\nuse (\n\t./gateway\n\t./shared\n)\n',
      'gateway/go.mod': 'module github.com/acme/mesh/gateway\n\ngo 1.25.0\n\ntoolchain go1.25.11\n',
      'shared/go.mod': 'module github.com/acme/mesh/shared\n\ngo 1.25.0\n'
    },
    compatible: { exit: 0, go: '1.25.10', errors: [], warnings: ['gateway/go.mod:5'] },
    exact: { exit: 1, go: '1.25.10', errors: ['gateway/go.mod:5'], warnings: [] }
  },
  {
    // a tools module (golangci-lint, mockgen) on a newer go line than the main module: the installed
    // Go refuses to build it, which a job running `go -C tools run ...` would hit
    name: 'a tools module on a newer go line than the main module',
    files: {
      'go.mod': 'module github.com/acme/cli\n\ngo 1.24.0\n',
      'tools/go.mod':
        'module github.com/acme/cli/tools\n\ngo 1.25.0\n\ntool github.com/golangci/golangci-lint/v2/cmd/golangci-lint\n'
    },
    compatible: { exit: 1, go: '1.24.0', errors: ['tools/go.mod:3'], warnings: [] },
    exact: { exit: 1, go: '1.24.0', errors: ['tools/go.mod:3'], warnings: [] }
  },
  {
    name: 'the same, with the tools module left out of scope (modules: !tools/**)',
    files: {
      'go.mod': 'module github.com/acme/cli\n\ngo 1.24.0\n',
      'tools/go.mod': 'module github.com/acme/cli/tools\n\ngo 1.25.0\n'
    },
    inputs: { modules: '!tools/**' },
    compatible: { exit: 0, go: '1.24.0', errors: [], warnings: [] },
    exact: { exit: 0, go: '1.24.0', errors: [], warnings: [] }
  },
  {
    // seen: go 1.19 with toolchain go1.18 installed 1.19.x, said Go ignores the line, then failed on it
    name: 'a toolchain line older than the go line',
    files: { 'go.mod': 'module github.com/acme/legacy\n\ngo 1.19\n\ntoolchain go1.18\n' },
    compatible: { exit: 0, go: '1.19.13', errors: [], warnings: ['go.mod:5'] },
    exact: { exit: 1, go: '1.19.13', errors: ['go.mod:5'], warnings: [] }
  },
  {
    // seen (a case of actions/setup-go's tests): go-version 1.13.1 over go 1.14 failed; Go 1.13 builds it
    name: 'a pre-1.21 advisory go line newer than the go-version',
    files: { 'go.mod': 'module github.com/acme/old\n\ngo 1.14\n' },
    inputs: { 'go-version': '1.13.1' },
    compatible: { exit: 0, go: '1.13.1', errors: [], warnings: ['go.mod:3'] },
    exact: { exit: 1, go: '1.13.1', errors: ['go.mod:3'], warnings: [] }
  },
  {
    // seen: a go.mod that cannot be parsed in tools/ aborted the run, even with go-version set
    name: 'an unparsable go.mod outside the version source',
    files: {
      'go.mod': 'module github.com/acme/app\n\ngo 1.25.0\n',
      'tools/go.mod': 'module github.com/acme/app/tools\n\ngo 1.x\n'
    },
    inputs: { 'go-version': '1.25.14' },
    compatible: { exit: 1, go: '1.25.14', errors: ['tools/go.mod:3'], warnings: [] },
    exact: { exit: 1, go: '1.25.14', errors: ['tools/go.mod:3'], warnings: [] }
  },
  {
    name: 'workflows whose literal go-version is older than the go line',
    files: {
      'go.mod': 'module github.com/acme/api\n\ngo 1.25.0\n',
      '.github/workflows/ci.yml': workflow('actions/setup-go@v5', "'1.24'"),
      '.github/workflows/release.yml': workflow('actions/setup-go@v6', '1.26.7'),
      '.github/workflows/lint.yml': workflow('actions/setup-go@v5', 'stable')
    },
    compatible: { exit: 1, go: '1.25.0', errors: ['.github/workflows/ci.yml:9'], warnings: [] },
    exact: { exit: 1, go: '1.25.0', errors: ['.github/workflows/ci.yml:9'], warnings: [] }
  },
  {
    name: 'a workflow go-version that builds the module but is older than the installed Go',
    files: {
      'go.mod': 'module github.com/acme/api\n\ngo 1.25.0\n',
      '.github/workflows/ci.yml': workflow('org/setup-go-enforced@v1', '1.25')
    },
    inputs: { 'go-version': '1.26.7' },
    compatible: { exit: 0, go: '1.26.7', errors: [], warnings: ['.github/workflows/ci.yml:9'] },
    exact: { exit: 1, go: '1.26.7', errors: ['.github/workflows/ci.yml:9'], warnings: [] }
  }
];
