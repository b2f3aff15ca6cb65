import { parseSideFiles, rootPath } from '../../src/audit/side-files.js';

describe('parseSideFiles: the scan readers and rules over files read from git', () => {
  test('modules, declarations and problems, root files first', async () => {
    const p = await parseSideFiles([
      { path: 'svc/go.mod', kind: 'go.mod', text: 'module example.com/svc\n\ngo 1.22\n' },
      { path: 'go.mod', kind: 'go.mod', text: 'module example.com/m\n\ngo 1.21\ngodebug panicnil=1\n' },
      { path: 'bad/go.mod', kind: 'go.mod', text: 'module x\n\ngo v1.22\n' },
      { path: 'tools/lint.mod', kind: 'tool.mod', text: 'not a modfile (\n' },
      { path: 'tools/deps.mod', kind: 'tool.mod', text: 'module example.com/tools\n\ngo 1.23\n' },
      { path: 'Dockerfile', kind: 'Dockerfile', text: 'FROM golang:1.21 AS b\nFROM alpine\n' },
      { path: '.github/workflows/ci.yml', kind: 'workflow', text: 'jobs: [\n  go-version: 1.22' }
    ]);
    expect(p.modules.map((m) => [m.path, m.go?.value, m.godebug.length])).toEqual([
      ['go.mod', '1.21', 1],
      ['svc/go.mod', '1.22', 0],
      ['tools/deps.mod', '1.23', 0]
    ]);
    expect(p.declarations.map((d) => [d.file, d.raw])).toEqual([['Dockerfile', 'golang:1.21']]);
    expect(p.problems.map((x) => [x.kind, x.file])).toEqual([
      ['unparsable', 'bad/go.mod'],
      ['refused', '.github/workflows/ci.yml']
    ]);
  });

  test.each<[Parameters<typeof rootPath>[1], string | undefined]>([
    [{ mode: 'file', file: 'go.work' }, 'go.work'],
    [{ mode: 'off' }, 'go.mod'],
    [{ mode: 'file', file: 'dev.work' }, 'go.mod'],
    [{ mode: 'outside', path: '/x/go.work' }, 'go.mod']
  ])('rootPath under GOWORK %j', async (gowork, want) => {
    const modules = (
      await parseSideFiles([
        { path: 'go.mod', kind: 'go.mod', text: 'module m\n' },
        { path: 'go.work', kind: 'go.work', text: 'go 1.22\n' }
      ])
    ).modules;
    expect(rootPath(modules, gowork)).toBe(want);
  });
});
