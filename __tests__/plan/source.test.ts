import { InputError } from '../../src/errors.js';
import { type VersionSpec } from '../../src/plan/types.js';
import { chooseRequest, goLineSpec, type VersionSourceFile } from '../../src/plan/source.js';
import { versionSourceKind as versionFileKind } from '../../src/go/readers/registry.js';
import { describeOrigin, isModFilePin, originWhere } from '../../src/plan/request-origin.js';

const mod = (text: string, path = 'go.mod'): VersionSourceFile => ({ path, text, kind: 'go.mod' });
const work = (text: string, path = 'go.work'): VersionSourceFile => ({ path, text, kind: 'go.work' });
const choose = (files: VersionSourceFile[], goVersionInput = '', goVersionFileInput = '') =>
  chooseRequest({ goVersionInput, goVersionFileInput, files });

describe('chooseRequest: go-version input', () => {
  test('wins over go-version-file, with a warning', async () => {
    const r = await choose([mod('module m\ngo 1.21\n')], '1.22', 'go.mod');
    expect(r.spec).toEqual({ kind: 'minor', lang: '1.22' });
    expect(describeOrigin(r)).toBe('input go-version');
    expect(r.raw).toBe('1.22');
    expect(r.origin).toEqual({ kind: 'input' });
    expect(r.warnings).toHaveLength(1);
    expect(isModFilePin(r)).toBe(false);
  });

  test('alone: no warning, spec parsed', async () => {
    const r = await choose([], ' 1.21.0-rc.1 ');
    expect(r.spec).toEqual({ kind: 'exact', version: '1.21rc1' });
    expect(r.warnings).toEqual([]);
  });

  test('malformed -> InputError naming go-version', async () => {
    await expect(choose([], '1.22.3.4')).rejects.toThrow(InputError);
    await expect(choose([], '1.22.3.4')).rejects.toThrow(/^input go-version: /);
  });
});

describe('chooseRequest: go.mod / go.work', () => {
  test.each<[string, string, VersionSpec, string, number | undefined, boolean]>([
    ['go line', 'module m\n\ngo 1.22\n', { kind: 'minimum', minimum: '1.22' }, 'go.mod:3 go 1.22', 3, true],
    [
      'go line naming a release: exactly that release, as Go runs it',
      'module m\ngo 1.22.3\n',
      { kind: 'exact', version: '1.22.3' },
      'go.mod:2 go 1.22.3',
      2,
      true
    ],
    ['go line rc', 'module m\ngo 1.21rc1\n', { kind: 'exact', version: '1.21rc1' }, 'go.mod:2 go 1.21rc1', 2, true],
    ['go 1.21.0', 'module m\ngo 1.21.0\n', { kind: 'exact', version: '1.21.0' }, 'go.mod:2 go 1.21.0', 2, true],
    [
      'go 1.20 is the minor (newest 1.20.x)',
      'module m\ngo 1.20\n',
      { kind: 'minimum', minimum: '1.20' },
      'go.mod:2 go 1.20',
      2,
      true
    ],
    [
      'go line after a tab, CRLF',
      'module m\r\n\r\ngo\t1.21\r\n',
      { kind: 'minimum', minimum: '1.21' },
      'go.mod:3 go 1.21',
      3,
      true
    ],
    [
      'toolchain pin',
      'module m\ngo 1.22\ntoolchain go1.23.0\n',
      { kind: 'exact', version: '1.23.0' },
      'go.mod:3 toolchain go1.23.0',
      3,
      true
    ],
    [
      'toolchain rc pin',
      'module m\ngo 1.21rc1\ntoolchain go1.21rc2\n',
      { kind: 'exact', version: '1.21rc2' },
      'go.mod:3 toolchain go1.21rc2',
      3,
      true
    ],
    [
      'toolchain equal to go line',
      'module m\ngo 1.22.3\ntoolchain go1.22.3\n',
      { kind: 'exact', version: '1.22.3' },
      'go.mod:3 toolchain go1.22.3',
      3,
      true
    ],
    [
      'toolchain with suffix',
      'module m\ngo 1.22\ntoolchain go1.22.1-custom\n',
      { kind: 'exact', version: '1.22.1' },
      'go.mod:3 toolchain go1.22.1-custom',
      3,
      true
    ],
    [
      'toolchain older than go line: go line wins',
      'module m\ngo 1.22.5\ntoolchain go1.22.1\n',
      { kind: 'exact', version: '1.22.5' },
      'go.mod:2 go 1.22.5',
      2,
      true
    ],
    [
      'toolchain default',
      'module m\ngo 1.22\ntoolchain default\n',
      { kind: 'minimum', minimum: '1.22' },
      'go.mod:2 go 1.22',
      2,
      true
    ],
    [
      'no go line',
      'module m\n',
      { kind: 'minimum', minimum: '1.16' },
      'go.mod (no go line: Go assumes 1.16)',
      undefined,
      true
    ],
    [
      'no go line but a toolchain',
      'module m\ntoolchain go1.22.3\n',
      { kind: 'exact', version: '1.22.3' },
      'go.mod:2 toolchain go1.22.3',
      2,
      true
    ]
  ])('go.mod %s', async (_name, text, spec, from, line, pin) => {
    const r = await choose([mod(text)]);
    expect(r.spec).toEqual(spec);
    expect(describeOrigin(r)).toBe(from);
    expect(originWhere(r.origin)).toEqual({ file: 'go.mod', line });
    expect(r.warnings).toEqual([]);
    expect(isModFilePin(r)).toBe(pin);
  });

  test('go.work wins over go.mod by default', async () => {
    const r = await choose([mod('module m\ngo 1.21\n'), work('go 1.22.1\n\nuse .\n')]);
    expect(r.spec).toEqual({ kind: 'exact', version: '1.22.1' });
    expect(describeOrigin(r)).toBe('go.work:1 go 1.22.1');
    expect(r.origin).toMatchObject({ kind: 'file', format: 'go.work', file: 'go.work' });
  });

  test('go.work without go line assumes 1.18', async () => {
    const r = await choose([work('use ./a\n')]);
    expect(r.spec).toEqual({ kind: 'minimum', minimum: '1.18' });
    expect(describeOrigin(r)).toBe('go.work (no go line: Go assumes 1.18)');
  });

  test('go-version-file names a nested go.mod', async () => {
    const r = await choose([mod('module m\ngo 1.20\n', 'svc/api/go.mod')], '', './svc/api/go.mod');
    expect(r.spec).toEqual({ kind: 'minimum', minimum: '1.20' });
    expect(describeOrigin(r)).toBe('svc/api/go.mod:2 go 1.20');
    expect(originWhere(r.origin)).toEqual({ file: 'svc/api/go.mod', line: 2 });
  });

  test('a bad go line is an InputError naming file:line', async () => {
    await expect(choose([mod('module m\ngo 1.22.x\n')])).rejects.toThrow(InputError);
    await expect(choose([mod('module m\ngo 1.22.x\n')])).rejects.toThrow(/^go\.mod:2: /);
  });

  test('nothing to go on -> InputError', async () => {
    await expect(choose([])).rejects.toThrow(InputError);
  });
});

describe('chooseRequest: other version files', () => {
  test.each<[VersionSourceFile, VersionSpec, string, string]>([
    [
      { path: '.go-version', text: '1.22.3\n', kind: '.go-version' },
      { kind: 'exact', version: '1.22.3' },
      '.go-version:1',
      '1.22.3'
    ],
    [
      { path: '.go-version', text: '# pinned\ngo1.21rc1\n', kind: '.go-version' },
      { kind: 'exact', version: '1.21rc1' },
      '.go-version:2',
      'go1.21rc1'
    ],
    [
      { path: '.go-version', text: '1.22\n', kind: '.go-version' },
      { kind: 'minor', lang: '1.22' },
      '.go-version:1',
      '1.22'
    ],
    [
      { path: '.go-version', text: '1.20\n', kind: '.go-version' },
      { kind: 'minor', lang: '1.20' },
      '.go-version:1',
      '1.20'
    ],
    [
      { path: '.tool-versions', text: 'nodejs 20.1.0\ngolang 1.22.3\n', kind: '.tool-versions' },
      { kind: 'exact', version: '1.22.3' },
      '.tool-versions:2',
      '1.22.3'
    ],
    [
      { path: 'mise.toml', text: '[tools]\ngo = "1.22"\n', kind: 'mise.toml' },
      { kind: 'minor', lang: '1.22' },
      'mise.toml:2',
      '1.22'
    ],
    [
      { path: 'cfg/.mise.toml', text: '[tools]\nnode = "20"\ngo = "1.21.4"\n', kind: 'mise.toml' },
      { kind: 'exact', version: '1.21.4' },
      'cfg/.mise.toml:3',
      '1.21.4'
    ]
  ])('%j', async (file, spec, from, raw) => {
    const r = await choose([file], '', file.path);
    expect(r.spec).toEqual(spec);
    expect(describeOrigin(r)).toBe(from);
    expect(r.origin).toMatchObject({ kind: 'file', file: file.path });
    expect(r.raw).toBe(raw);
    expect(isModFilePin(r)).toBe(false);
  });

  test.each<[VersionSourceFile]>([
    [{ path: '.go-version', text: '\n\n', kind: '.go-version' }],
    [{ path: '.go-version', text: 'one point two\n', kind: '.go-version' }],
    [{ path: '.tool-versions', text: 'nodejs 20\n', kind: '.tool-versions' }],
    [{ path: '.tool-versions', text: 'golang latest\n', kind: '.tool-versions' }],
    [{ path: 'mise.toml', text: '[tools]\nnode = "20"\n', kind: 'mise.toml' }]
  ])('no usable version in %j -> InputError naming the file', async (file) => {
    await expect(choose([file], '', file.path)).rejects.toThrow(InputError);
    await expect(choose([file], '', file.path)).rejects.toThrow(new RegExp(`^${file.path.replace('.', '\\.')}`));
  });

  test('go-version-file set but no file read -> InputError naming the input', async () => {
    await expect(choose([], '', 'a/go.mod')).rejects.toThrow(/^input go-version-file: /);
  });

  test('a single file read for go-version-file is used whatever its spelling (absolute path)', async () => {
    const r = await choose([mod('module m\ngo 1.22\n')], '', '/home/runner/work/r/r/go.mod');
    expect(describeOrigin(r)).toBe('go.mod:2 go 1.22');
  });
});

describe('versionFileKind', () => {
  test.each([
    ['go.mod', 'go.mod'],
    ['svc/go.mod', 'go.mod'],
    ['C:\\r\\go.work', 'go.work'],
    ['.tool-versions', '.tool-versions'],
    ['mise.toml', 'mise.toml'],
    ['x/.mise.toml', 'mise.toml'],
    ['.go-version', '.go-version'],
    ['versions/go.txt', '.go-version']
  ])('%p -> %p', async (path, kind) => {
    expect(versionFileKind(path)).toBe(kind);
  });
});

describe('goLineSpec: what a go line asks Go to run (select.go)', () => {
  test.each<[string, VersionSpec]>([
    ['1.22', { kind: 'minimum', minimum: '1.22' }],
    ['1.20', { kind: 'minimum', minimum: '1.20' }],
    ['1.16', { kind: 'minimum', minimum: '1.16' }],
    ['1.22.3', { kind: 'exact', version: '1.22.3' }],
    ['1.21.0', { kind: 'exact', version: '1.21.0' }],
    ['1.20.0', { kind: 'exact', version: '1.20' }],
    ['1.21rc1', { kind: 'exact', version: '1.21rc1' }],
    ['1.26.6', { kind: 'exact', version: '1.26.6' }]
  ])('go %s', async (line, spec) => {
    expect(goLineSpec(line)).toEqual(spec);
  });
});
