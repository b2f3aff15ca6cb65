import { parseTreeRecord, selectTree, type TreeEntry } from '../../src/audit/tree-select.js';

const OID = 'a'.repeat(40);
const blob = (path: string, size = 10, mode = '100644'): TreeEntry => ({ mode, type: 'blob', oid: OID, size, path });
const opts = { maxDepth: 64, maxFileBytes: 1024 };

describe('parseTreeRecord: one record of git ls-tree -r -z -l', () => {
  test.each<[string, TreeEntry | undefined]>([
    [`100644 blob ${OID}     123\tgo.mod`, { mode: '100644', type: 'blob', oid: OID, size: 123, path: 'go.mod' }],
    [`120000 blob ${OID}      11\tlink`, { mode: '120000', type: 'blob', oid: OID, size: 11, path: 'link' }],
    [`160000 commit ${OID}       -\tsub`, { mode: '160000', type: 'commit', oid: OID, path: 'sub' }],
    [
      `100644 blob ${OID} 5\ta path\twith tab`,
      { mode: '100644', type: 'blob', oid: OID, size: 5, path: 'a path\twith tab' }
    ],
    ['garbage', undefined],
    [`100644 blob ${OID} 5\t`, undefined]
  ])('%j', (rec, want) => {
    expect(parseTreeRecord(rec)).toEqual(want);
  });
});

describe('selectTree: what the scan would read, and Go files of package folders', () => {
  test('scanned kinds in scope, refused kinds, Go files by folder', () => {
    const s = selectTree(
      [
        blob('go.mod'),
        blob('Dockerfile'),
        blob('.github/workflows/ci.yml'),
        blob('.github/other.yml'),
        blob('vendor/x/go.mod'),
        blob('README.md'),
        blob('cmd/a/main.go'),
        blob('cmd/a/main_test.go'),
        blob('cmd/a/_gen.go'),
        blob('testdata/x/main.go'),
        blob('_tools/main.go'),
        blob('big/go.mod', 4096),
        blob('link/go.mod', 10, '120000'),
        { mode: '160000', type: 'commit', oid: OID, path: 'sub/go.mod' },
        blob('cmd/b/b.go', 4096)
      ],
      opts
    );
    expect(s.files.map((f) => [f.path, f.kind])).toEqual([
      ['go.mod', 'go.mod'],
      ['Dockerfile', 'Dockerfile'],
      ['.github/workflows/ci.yml', 'workflow']
    ]);
    expect(s.goFolders).toEqual([{ dir: 'cmd/a', files: [{ path: 'cmd/a/main.go', oid: OID, size: 10 }] }]);
    expect(s.problems).toEqual([
      { kind: 'refused', file: 'big/go.mod', message: 'is 4096 bytes, more than the 1024 read at most: not read' },
      { kind: 'refused', file: 'link/go.mod', message: 'is a symbolic link in the base commit: not read' },
      { kind: 'refused', file: 'sub/go.mod', message: 'is a submodule in the base commit, not a file: not read' }
    ]);
  });

  test('the modules patterns and the GOWORK file', () => {
    const s = selectTree([blob('a/go.mod'), blob('b/go.mod'), blob('ws/dev.work')], {
      ...opts,
      patterns: ['a/**'],
      goworkFile: 'ws/dev.work'
    });
    expect(s.files.map((f) => [f.path, f.kind])).toEqual([
      ['a/go.mod', 'go.mod'],
      ['ws/dev.work', 'go.work']
    ]);
  });

  test('the depth limit: deeper folders are reported once, not read', () => {
    const s = selectTree([blob('a/b/c/go.mod'), blob('a/b/c/d/go.mod'), blob('a/go.mod')], { ...opts, maxDepth: 2 });
    expect(s.files.map((f) => f.path)).toEqual(['a/go.mod']);
    expect(s.problems).toEqual([{ kind: 'skipped', file: 'a/b/c', message: 'more than 2 folders deep: not read' }]);
  });
});
