import { readSourceHeader } from '../../src/go/source-header.js';
import { ownerDir, packageOf, packageSources, useDir, usedDirs } from '../../src/audit/packages.js';
import { moduleBuiltBy } from '../../src/verify/checks/common.js';
import { mod } from './fixture.js';

describe('packages: folders, modules and main packages', () => {
  test.each<[string, string, string | undefined]>([
    ['go.work', './svc', 'svc'],
    ['go.work', 'svc/api/', 'svc/api'],
    ['go.work', '.', ''],
    ['ws/go.work', '../lib', 'lib'],
    ['go.work', '../outside', undefined],
    ['go.work', '/abs/path', undefined],
    ['go.work', 'C:\\x', undefined]
  ])('useDir(%s, %s) = %s', (work, use, want) => {
    expect(useDir(work, use)).toBe(want);
  });

  test('usedDirs of a go.work', () => {
    expect([...usedDirs(mod('go.work', 'go 1.23', 'use ./a', 'use ./b/c', 'use ../x'))]).toEqual(['a', 'b/c']);
  });

  test.each<[string, string | undefined]>([
    ['cmd/api', ''],
    ['svc/x', 'svc'],
    ['svc', 'svc'],
    ['other', '']
  ])('ownerDir(%s) = %s', (dir, want) => {
    expect(ownerDir(dir, new Set(['', 'svc']))).toBe(want);
    expect(ownerDir(dir, new Set(['elsewhere']))).toBeUndefined();
  });

  test.each<[string, ReturnType<typeof packageOf>]>([
    ['package main\n', 'main'],
    ['// c\n//go:debug panicnil=1\npackage main // x\n', 'main'],
    ['package lib\n', 'other'],
    ['//go:build ignore\n\npackage main\n', 'undecided'],
    ['no package clause', 'undecided']
  ])('packageOf(%j) = %s', (text, want) => {
    expect(packageOf(readSourceHeader(text))).toBe(want);
  });

  test('packageSources: an ignored file is dropped and does not decide; a test file does not decide', () => {
    const f = (file: string, text: string) => ({ file, header: readSourceHeader(text) });
    const p = packageSources('cmd/a', [
      f('cmd/a/a_test.go', 'package main_test\n'),
      f('cmd/a/gen.go', '//go:build ignore\npackage main\n'),
      f('cmd/a/z.go', 'package main\n')
    ]);
    expect(p).toEqual({ dir: 'cmd/a', main: true, files: [p.files[0], p.files[1]] });
    expect(p.files.map((x) => x.file)).toEqual(['cmd/a/a_test.go', 'cmd/a/z.go']);
    expect(packageSources('lib', [f('lib/l.go', 'package lib\n')]).main).toBe(false);
  });

  test('moduleBuiltBy: the nearest go.mod, else the root; workflows build the root; a go.work root takes root files', () => {
    const root = mod('go.mod', 'go 1.23');
    const svc = mod('svc/go.mod', 'go 1.23');
    const by = moduleBuiltBy([root, svc], root);
    expect(by('svc/deploy/Dockerfile')).toBe(svc);
    expect(by('Dockerfile')).toBe(root);
    expect(by('.github/workflows/ci.yml')).toBe(root);
    const work = mod('go.work', 'go 1.23', 'use ./svc');
    const byWork = moduleBuiltBy([work, root, svc], work);
    expect(byWork('Dockerfile')).toBe(work);
    expect(byWork('svc/Dockerfile')).toBe(svc);
  });
});
