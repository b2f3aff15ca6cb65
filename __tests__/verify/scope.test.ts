import { comparePaths, isSkippedFolder, makeScope } from '../../src/verify/scope.js';
import { kindOfPath as scannedKind } from '../../src/go/readers/registry.js';

describe('scope', () => {
  test.each<[string, string | undefined]>([
    ['go.mod', 'go.mod'],
    ['go.work', 'go.work'],
    ['go.work.sum', undefined],
    ['go.sum', undefined],
    ['.go-version', '.go-version'],
    ['.tool-versions', '.tool-versions'],
    ['mise.toml', 'mise.toml'],
    ['.mise.toml', 'mise.toml'],
    ['Dockerfile', 'Dockerfile'],
    ['Dockerfile.dev', 'Dockerfile'],
    ['api.Dockerfile', 'Dockerfile'],
    ['Containerfile', 'Dockerfile'],
    ['Dockerfile.dockerignore', undefined],
    ['main.go', undefined],
    ['svc/api/go.mod', 'go.mod'],
    ['.github/workflows/ci.yml', 'workflow'],
    ['.github/workflows/release.yaml', 'workflow'],
    ['.github/workflows/nested/x.yml', undefined],
    ['.github/dependabot.yml', undefined],
    ['.github/docker/Dockerfile', 'Dockerfile'],
    ['.github/go.mod', undefined],
    ['.github/.go-version', undefined],
    ['ci.yml', undefined]
  ])('scannedKind(%s) = %s', (name, kind) => {
    expect(scannedKind(name)).toBe(kind);
  });

  test.each<[string, boolean]>([
    ['vendor', true],
    ['testdata', true],
    ['node_modules', true],
    ['.git', true],
    ['.hidden', true],
    ['.github', false],
    ['src', false]
  ])('isSkippedFolder(%s) = %s', (name, skipped) => {
    expect(isSkippedFolder(name)).toBe(skipped);
  });

  test('comparePaths: root files first, go.work before go.mod, parents before children', () => {
    const paths = [
      'b/go.mod',
      'a-b/go.mod',
      'go.mod',
      'a/b/go.mod',
      'Dockerfile',
      'a/go.mod',
      'go.work',
      'a/.go-version'
    ];
    expect([...paths].sort(comparePaths)).toEqual([
      'go.work',
      'go.mod',
      'Dockerfile',
      'a/go.mod',
      'a/.go-version',
      'a/b/go.mod',
      'a-b/go.mod',
      'b/go.mod'
    ]);
  });

  test('makeScope: skipped folders need to be named by a positive pattern', () => {
    const s = makeScope(['**']);
    expect(s.enterDir('vendor', 'vendor', false).enter).toBe(false);
    expect(s.enterDir('src', 'src', false).enter).toBe(true);
    expect(makeScope(['**/vendor/**']).enterDir('a/vendor', 'vendor', false).enter).toBe(true);
  });
});
