import type { FindingKind } from '../../../src/verify/findings.js';
import { parseDockerfile } from '../../../src/go/readers/dockerfile.js';
import { checkVersionFiles } from '../../../src/verify/checks/version-files.js';
import { decl, mod, releases, repo } from './facts-fixture.js';

const MANIFEST = releases('1.27.0', '1.26.7', '1.26.6', '1.25.14', '1.25.0', '1.22.12', '1.21.13', '1.20.14', '1.20');

/** The kinds found for one declaration, for a root go.mod with this go line and this checked Go. */
function kinds(stated: string, goLine: string, version: string): FindingKind[] {
  const f = repo([mod('go.mod', goLine)], [decl('.go-version', '.go-version', stated)], {
    version,
    releases: MANIFEST
  });
  return checkVersionFiles(f).map((x) => x.kind);
}

describe('version-files: break only when the stated Go cannot build its module; older than the checked Go is drift', () => {
  test.each<[string, string, string, FindingKind[]]>([
    // agrees at its precision
    ['1.22', '1.22', '1.22.12', []],
    ['1.22.12', '1.22', '1.22.12', []],
    ['1', '1.22', '1.22.12', []],
    // newer than the checked Go is never a finding
    ['1.27', '1.25.0', '1.25.14', []],
    ['1.27.0', '1.25.0', '1.25.14', []],
    ['1.26.7', '1.26.6', '1.26.6', []],
    // older than the checked Go, but it builds the module: drift
    ['1.26.6', '1.26.6', '1.26.7', ['drift']],
    ['1.22.3', '1.22', '1.22.12', ['drift']],
    ['1.25', '1.25.0', '1.26.7', ['drift']],
    // too old for the module's go line: break (Go >= 1.21 refuses a newer go line)
    ['1.21', '1.22', '1.22.12', ['break']],
    ['1.22.2', '1.22.3', '1.22.12', ['break']],
    ['1.26.5', '1.26.6', '1.26.7', ['break']],
    // a minor states its newest patch: golang:1.22 can build go 1.22.3
    ['1.22', '1.22.3', '1.22.12', []],
    // Go 1.20.14 cannot parse go 1.21.0, and refuses go 1.22
    ['1.20', '1.21.0', '1.21.13', ['break']],
    ['1.20', '1.22', '1.22.12', ['break']],
    // ...but only notes go 1.21 (advisory): drift, as it is older than the checked Go
    ['1.20', '1.21', '1.21.13', ['drift']]
  ])('states %s, go line %s, checked %s -> %j', (stated, goLine, version, want) => {
    expect(kinds(stated, goLine, version)).toEqual(want);
  });

  test('each declaration is checked against the module it builds: the enclosing go.mod, else the root', () => {
    const modules = [mod('go.mod', '1.21'), mod('svc/api/go.mod', '1.22.3')];
    const declarations = [
      decl('Dockerfile', 'svc/api/Dockerfile', '1.22.2', 'golang:1.22.2', 2), // svc/api needs 1.22.3: break
      decl('Dockerfile', 'svc/api/deploy/Dockerfile', '1.22.12', 'golang:1.22.12', 1), // builds svc/api: fine
      decl('Dockerfile', 'tools/Dockerfile', '1.21.13', 'golang:1.21.13', 1), // builds the root (go 1.21): drift only
      decl('workflow', '.github/workflows/ci.yml', '1.21', '1.21', 9) // workflows build the root: drift
    ];
    const out = checkVersionFiles(repo(modules, declarations, { version: '1.22.12', releases: MANIFEST }));
    expect(out.map((f) => [f.file, f.line, f.kind])).toEqual([
      ['svc/api/Dockerfile', 2, 'break'],
      ['tools/Dockerfile', 1, 'drift'],
      ['.github/workflows/ci.yml', 9, 'drift']
    ]);
    expect(out[0].message).toContain('cannot build svc/api/go.mod (go 1.22.3)');
  });

  test('a root Dockerfile of a go.work monorepo builds the workspace', () => {
    const modules = [mod('go.work', '1.23'), mod('go.mod', '1.21'), mod('a/go.mod', '1.23')];
    const out = checkVersionFiles(
      repo(modules, [decl('Dockerfile', 'Dockerfile', '1.22', 'golang:1.22')], {
        version: '1.23.4',
        releases: MANIFEST
      })
    );
    expect(out.map((f) => f.kind)).toEqual(['break']);
    expect(out[0].message).toContain('go.work (go 1.23)');
  });

  test.each<[string, string, [number, FindingKind][]]>([
    ['plain tag', 'FROM golang:1.22', []],
    ['variant tag states the minor', 'FROM golang:1.22-alpine', []],
    ['other minor with variant, too old', 'FROM golang:1.21-alpine AS build', [[1, 'break']]],
    ['exact patch, older', 'FROM golang:1.22.3-bookworm', [[1, 'drift']]],
    ['exact patch that agrees', 'FROM golang:1.22.12', []],
    ['newer than needed', 'FROM golang:1.27', []],
    [
      'multi-stage: only the golang stage',
      'FROM golang:1.20 AS build\nRUN go build\nFROM alpine:3.19\n',
      [[1, 'break']]
    ],
    ['ARG default', 'ARG GO=1.21\nFROM golang:${GO}-alpine\n', [[2, 'break']]]
  ])('Dockerfile %s', (_name, text, want) => {
    const declarations = parseDockerfile(text, 'Dockerfile');
    const out = checkVersionFiles(
      repo([mod('go.mod', '1.22')], declarations, { version: '1.22.12', releases: MANIFEST })
    );
    expect(out.map((f) => [f.line, f.kind])).toEqual(want);
  });

  // Without the manifest (a warm run of an exact cached version reads none), a minor is at least the
  // newest release of it the run knows exists: the checked Go's or the go line's. Docker's
  // golang:1.22 is the newest 1.22 patch, which builds go 1.22.3.
  test.each<[string, string, string, string[]]>([
    ['the checked Go is a release of the minor', '1.22.3', '1.22.12', []],
    ['the go line names a release of the minor', '1.22.3', '1.23.0', ['drift']],
    ['the minor is older than the go line', '1.23.1', '1.23.1', ['break']],
    ['a language version go line, an older minor than the checked Go', '1.22', '1.24.0', ['drift']]
  ])('without a manifest: %s', (_name, goLine, version, want) => {
    const f = repo([mod('go.mod', goLine)], [decl('.go-version', '.go-version', '1.22')], {
      version,
      releases: undefined
    });
    expect(checkVersionFiles(f).map((x) => x.kind)).toEqual(want);
  });
});
