import {
  downloadFileVersion,
  escapeModulePath,
  moduleCacheDrops,
  moduleVersionId,
  neededModules,
  type ModuleCacheItem
} from '../../src/cache/module-cache.js';

const GO_SUM = [
  'example.com/dep v1.2.0 h1:AAAA=',
  'example.com/dep v1.2.0/go.mod h1:BBBB=',
  'example.com/old v1.0.0/go.mod h1:CCCC=',
  'github.com/BurntSushi/toml v1.3.2 h1:DDDD=',
  'github.com/BurntSushi/toml v1.3.2/go.mod h1:EEEE=',
  'garbage line',
  ''
].join('\n');

describe('neededModules', () => {
  test('full versions from h1 lines, go.mod-only versions from /go.mod lines, escaped as on disk', () => {
    const n = neededModules([GO_SUM]);
    expect([...n.full].sort()).toEqual(['example.com/dep@v1.2.0', 'github.com/!burnt!sushi/toml@v1.3.2']);
    expect([...n.goMod].sort()).toEqual([
      'example.com/dep@v1.2.0',
      'example.com/old@v1.0.0',
      'github.com/!burnt!sushi/toml@v1.3.2'
    ]);
  });

  test.each([
    ['github.com/Azure/go', 'github.com/!azure/go'],
    ['example.com/x', 'example.com/x']
  ])('escapeModulePath(%s) = %s', (p, e) => expect(escapeModulePath(p)).toBe(e));

  test('versions are escaped too', () => expect(moduleVersionId('a.b/c', 'v1.0.0-RC1')).toBe('a.b/c@v1.0.0-!r!c1'));
});

describe('downloadFileVersion', () => {
  test.each([
    ['v1.2.3.zip', { version: 'v1.2.3', ext: '.zip' }],
    ['v1.2.3.ziphash', { version: 'v1.2.3', ext: '.ziphash' }],
    ['v0.0.0-20240101000000-abcdef123456.mod', { version: 'v0.0.0-20240101000000-abcdef123456', ext: '.mod' }],
    ['v1.2.3.info', { version: 'v1.2.3', ext: '.info' }],
    ['v1.2.3.zip.partial', { version: 'v1.2.3.zip', ext: '.partial' }],
    ['list', undefined],
    ['list.lock', undefined],
    ['README', undefined]
  ])('%s', (file, expected) => expect(downloadFileVersion(file)).toEqual(expected));
});

describe('moduleCacheDrops', () => {
  const src = (id: string): ModuleCacheItem => ({ kind: 'source', rel: id, id });
  const dl = (module: string, file: string): ModuleCacheItem => ({
    kind: 'download',
    rel: `cache/download/${module}/@v/${file}`,
    module,
    file
  });
  const items: ModuleCacheItem[] = [
    src('example.com/dep@v1.2.0'),
    src('example.com/dep@v1.1.0'),
    src('example.com/old@v1.0.0'),
    ...['zip', 'ziphash', 'info', 'mod', 'lock'].map((e) => dl('example.com/dep', `v1.2.0.${e}`)),
    ...['zip', 'ziphash', 'info', 'mod', 'lock'].map((e) => dl('example.com/dep', `v1.1.0.${e}`)),
    dl('example.com/dep', 'list'),
    ...['zip', 'ziphash', 'info', 'mod'].map((e) => dl('example.com/old', `v1.0.0.${e}`)),
    dl('example.com/gone', 'v0.1.0.mod'),
    dl('example.com/gone', 'list'),
    dl('example.com/gone', 'list.lock'),
    dl('example.com/dep', 'v1.2.0.zip.partial')
  ];
  const dropped = moduleCacheDrops(items, neededModules([GO_SUM]))
    .map((i) => i.rel)
    .sort();

  test('keeps what go.sum needs: sources and zips of full versions, go.mod files of go.mod-only versions', () => {
    expect(dropped).not.toContain('example.com/dep@v1.2.0');
    expect(dropped).not.toContain('cache/download/example.com/dep/@v/v1.2.0.zip');
    expect(dropped).not.toContain('cache/download/example.com/dep/@v/v1.2.0.ziphash');
    expect(dropped).not.toContain('cache/download/example.com/old/@v/v1.0.0.mod');
    expect(dropped).not.toContain('cache/download/example.com/old/@v/v1.0.0.info');
    expect(dropped).not.toContain('cache/download/example.com/dep/@v/list');
  });

  test('drops the rest: old versions, sources of go.mod-only versions, half-written files, lists of gone modules', () => {
    expect(dropped).toEqual(
      [
        'example.com/dep@v1.1.0',
        'example.com/old@v1.0.0',
        ...['zip', 'ziphash', 'info', 'mod', 'lock'].map((e) => `cache/download/example.com/dep/@v/v1.1.0.${e}`),
        'cache/download/example.com/dep/@v/v1.2.0.zip.partial',
        'cache/download/example.com/old/@v/v1.0.0.zip',
        'cache/download/example.com/old/@v/v1.0.0.ziphash',
        'cache/download/example.com/gone/@v/v0.1.0.mod',
        'cache/download/example.com/gone/@v/list',
        'cache/download/example.com/gone/@v/list.lock'
      ].sort()
    );
  });

  test('no go.sum line at all drops every module version (callers skip trimming without go.sum files)', () => {
    expect(moduleCacheDrops([src('a.b/c@v1.0.0')], neededModules([]))).toHaveLength(1);
  });
});
