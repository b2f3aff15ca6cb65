/**
 * The generated GODEBUG tables against Go's source: rows quoted from src/internal/godebugs/table.go
 * of each release (the commit named in each comment, as in scripts/godebug/sources.txt), read back
 * through godebugTable, the per-release lookup.
 */
import { GODEBUG_SETTINGS, GODEBUG_TABLES, type GodebugInfo } from '../../src/go/godebug-table.js';
import { godebugSetting, godebugTable } from '../../src/go/godebug.js';

describe('rows of each release, as its table.go has them', () => {
  test.each<[string, string, GodebugInfo]>([
    // go1.21.0 c19c4c566c63818dfd059b352e52c4710eecf14d: {Name: "panicnil", Package: "runtime", Changed: 21, Old: "1"},
    ['1.21.0', 'panicnil', { name: 'panicnil', package: 'runtime', changed: 21, old: '1' }],
    // go1.21.0: {Name: "x509sha1", Package: "crypto/x509"},
    ['1.21.0', 'x509sha1', { name: 'x509sha1', package: 'crypto/x509' }],
    // go1.21.1 2c1e5b05fe39fc5e6c730dd60e82946b8e67c6ba: {Name: "tlsmaxrsasize", Package: "crypto/tls"},
    ['1.21.1', 'tlsmaxrsasize', { name: 'tlsmaxrsasize', package: 'crypto/tls' }],
    // go1.21.12 12e9b968bc8890b072b98facbd079ca337bd33a0: {Name: "netedns0", Package: "net", Changed: 19, Old: "0"},
    ['1.21.12', 'netedns0', { name: 'netedns0', package: 'net', changed: 19, old: '0' }],
    // go1.22.0 a10e42f219abb9c5bc4e7d86d9464700a42c7d57: {Name: "httpmuxgo121", Package: "net/http", Changed: 22, Old: "1"},
    ['1.22.0', 'httpmuxgo121', { name: 'httpmuxgo121', package: 'net/http', changed: 22, old: '1' }],
    // go1.22.0: {Name: "gotypesalias", Package: "go/types"},
    ['1.22.0', 'gotypesalias', { name: 'gotypesalias', package: 'go/types' }],
    // go1.22.5 8e1fdea8316d840fd07e9d6e026048e53290948b: {Name: "netedns0", Package: "net", Changed: 19, Old: "0"},
    ['1.22.5', 'netedns0', { name: 'netedns0', package: 'net', changed: 19, old: '0' }],
    // go1.23.0 6885bad7dd86880be6929c02085e5c7a67ff2887: {Name: "winsymlink", Package: "os", Changed: 22, Old: "0"},
    ['1.23.0', 'winsymlink', { name: 'winsymlink', package: 'os', changed: 22, old: '0' }],
    // go1.23.0: {Name: "gotypesalias", Package: "go/types", Changed: 23, Old: "0"},
    ['1.23.0', 'gotypesalias', { name: 'gotypesalias', package: 'go/types', changed: 23, old: '0' }],
    // go1.23.0: {Name: "tlskyber", Package: "crypto/tls", Changed: 23, Old: "0", Opaque: true},
    ['1.23.0', 'tlskyber', { name: 'tlskyber', package: 'crypto/tls', changed: 23, old: '0', opaque: true }],
    // go1.23.0: {Name: "jstmpllitinterp", Package: "html/template", Opaque: true}, // bug #66217: remove Opaque
    ['1.23.0', 'jstmpllitinterp', { name: 'jstmpllitinterp', package: 'html/template', opaque: true }],
    // golang/go#72935, backported: go1.23.8 7a2cfb70b01f069c2125adcf7126d7f3376cb8b7:
    // {Name: "winsymlink", Package: "os", Changed: 23, Old: "0"}, and winreadlinkvolume likewise
    ['1.23.8', 'winsymlink', { name: 'winsymlink', package: 'os', changed: 23, old: '0' }],
    ['1.23.8', 'winreadlinkvolume', { name: 'winreadlinkvolume', package: 'os', changed: 23, old: '0' }],
    // go1.24.0 3901409b5d0fb7c85a3e6730a59943cc93b2835c: {Name: "winsymlink", Package: "os", Changed: 22, Old: "0"},
    ['1.24.0', 'winsymlink', { name: 'winsymlink', package: 'os', changed: 22, old: '0' }],
    ['1.24.0', 'winreadlinkvolume', { name: 'winreadlinkvolume', package: 'os', changed: 22, old: '0' }],
    // go1.24.0: {Name: "multipathtcp", Package: "net", Changed: 24, Old: "0"},
    ['1.24.0', 'multipathtcp', { name: 'multipathtcp', package: 'net', changed: 24, old: '0' }],
    // go1.24.1 339c903a75c3fe936fb4ed6c355d15e6081d6af3: {Name: "fips140", Package: "crypto/fips140", Opaque: true},
    ['1.24.1', 'fips140', { name: 'fips140', package: 'crypto/fips140', opaque: true }],
    // go1.24.2 49860cf92a9a3ba434d2bc393faaefabe48d181e: {Name: "winsymlink", Package: "os", Changed: 23, Old: "0"},
    ['1.24.2', 'winsymlink', { name: 'winsymlink', package: 'os', changed: 23, old: '0' }],
    // go1.25.0 6e676ab2b809d46623acb5988248d95d1eb7939c:
    // {Name: "decoratemappings", Package: "runtime", Opaque: true, Changed: 25, Old: "0"},
    [
      '1.25.0',
      'decoratemappings',
      { name: 'decoratemappings', package: 'runtime', changed: 25, old: '0', opaque: true }
    ],
    // go1.25.0: {Name: "fips140", Package: "crypto/fips140", Opaque: true, Immutable: true},
    ['1.25.0', 'fips140', { name: 'fips140', package: 'crypto/fips140', opaque: true, immutable: true }],
    // go1.25.2 bed6c81c2dceeb19c7f9e46fc173671abcda7cfd: {Name: "httpcookiemaxnum", Package: "net/http", Changed: 24, Old: "0"},
    ['1.25.2', 'httpcookiemaxnum', { name: 'httpcookiemaxnum', package: 'net/http', changed: 24, old: '0' }],
    // go1.26.0 d90b98e65320778f3b1f99a6951ab20f04d218b3: {Name: "tlssecpmlkem", Package: "crypto/tls", Changed: 26, Old: "0", Opaque: true},
    ['1.26.0', 'tlssecpmlkem', { name: 'tlssecpmlkem', package: 'crypto/tls', changed: 26, old: '0', opaque: true }],
    // go1.26.0: {Name: "urlmaxqueryparams", Package: "net/url", Changed: 24, Old: "0"},
    ['1.26.0', 'urlmaxqueryparams', { name: 'urlmaxqueryparams', package: 'net/url', changed: 24, old: '0' }],
    // go1.26.0: {Name: "asynctimerchan", Package: "time", Changed: 23, Old: "1"},
    ['1.26.0', 'asynctimerchan', { name: 'asynctimerchan', package: 'time', changed: 23, old: '1' }],
    // go1.26.1 e87b10ea2a2c6c65b80c4374af42b9c02ac9fb20: {Name: "htmlmetacontenturlescape", Package: "html/template"},
    ['1.26.1', 'htmlmetacontenturlescape', { name: 'htmlmetacontenturlescape', package: 'html/template' }],
    // 1.27.0 = master 015343854b5d9e2829481df30dbcae2ca6682d25:
    // {Name: "tracebacklabels", Package: "runtime", Changed: 27, Old: "0", Opaque: true},
    ['1.27.0', 'tracebacklabels', { name: 'tracebacklabels', package: 'runtime', changed: 27, old: '0', opaque: true }],
    // 1.27.0: {Name: "x509sslcertoverrideplatform", Package: "crypto/x509", Changed: 27, Old: "0"},
    [
      '1.27.0',
      'x509sslcertoverrideplatform',
      { name: 'x509sslcertoverrideplatform', package: 'crypto/x509', changed: 27, old: '0' }
    ],
    // 1.27.0: {Name: "httpcookiemaxnum", Package: "net/http", Changed: 24, Old: "0"},
    ['1.27.0', 'httpcookiemaxnum', { name: 'httpcookiemaxnum', package: 'net/http', changed: 24, old: '0' }]
  ])('Go %s lists %s', (release, name, row) => {
    const t = godebugTable(release);
    expect(t?.match).toBe('read');
    expect(t?.all.get(name)).toEqual(row);
  });
});

describe('settings a release does not list', () => {
  test.each<[string, string]>([
    ['1.21.0', 'tlsmaxrsasize'], // added by go1.21.1
    ['1.21.11', 'netedns0'], // added by go1.21.12
    ['1.22.0', 'netedns0'], // added by go1.22.5
    ['1.22.12', 'asynctimerchan'],
    ['1.23.10', 'allowmultiplevcs'], // added by go1.23.11
    ['1.24.0', 'x509sha1'], // removed in 1.24: absent from go1.24.0's All
    ['1.24.0', 'tlskyber'],
    ['1.24.0', 'fips140'], // added by go1.24.1
    ['1.24.5', 'httpcookiemaxnum'], // backported to 1.24.8
    ['1.25.1', 'httpcookiemaxnum'], // backported to 1.25.2
    ['1.26.0', 'htmlmetacontenturlescape'], // backported to 1.26.1
    ['1.26.0', 'tracebacklabels'],
    ['1.27.0', 'asynctimerchan'], // removed in 1.27
    ['1.27.0', 'gotypesalias'],
    ['1.27.0', 'tls10server']
  ])('Go %s: %s unknown to All', (release, name) => {
    expect(godebugTable(release)?.all.has(name)).toBe(false);
  });
});

describe('the Removed lists', () => {
  test('Go 1.25 has none, Go 1.26 lists x509sha1 without Old', () => {
    expect(godebugTable('1.25.3')?.removed).toBeUndefined();
    // go1.26.0: var Removed = []RemovedInfo{ {Name: "x509sha1", Removed: 24}, }
    expect([...(godebugTable('1.26.0')?.removed?.values() ?? [])]).toEqual([{ name: 'x509sha1', removed: 24 }]);
  });

  test('Go 1.27 lists nine removed settings with their old values', () => {
    // master 015343854b: {Name: "x509sha1", Removed: 24, Old: one}, ... {Name: "asynctimerchan", Removed: 27,
    // Old: func(s string) bool { return s == "1" || s == "2" }}
    const removed = godebugTable('1.27.0')?.removed;
    expect([...(removed?.keys() ?? [])]).toEqual([
      'x509sha1',
      'tlskyber',
      'gotypesalias',
      'tlsunsafeekm',
      'tlsrsakex',
      'tls3des',
      'tls10server',
      'x509keypairleaf',
      'asynctimerchan'
    ]);
    expect(removed?.get('x509sha1')).toEqual({ name: 'x509sha1', removed: 24, old: ['1'] });
    expect(removed?.get('tlskyber')).toEqual({ name: 'tlskyber', removed: 24, old: ['0'] });
    expect(removed?.get('asynctimerchan')).toEqual({ name: 'asynctimerchan', removed: 27, old: ['1', '2'] });
  });
});

describe('godebugTable: which table a version uses', () => {
  test.each<[string, string | undefined, string | undefined]>([
    ['1.20.14', undefined, undefined],
    ['1.21', '1.21rc2', 'line'], // a language version sorts before its prereleases: the line's first table
    ['1.21rc1', '1.21rc2', 'line'], // not read
    ['1.21.0', '1.21rc3', 'read'],
    ['1.21.5', '1.21.1', 'read'],
    ['1.23.9', '1.23.8', 'read'],
    ['1.24.5', '1.24.5', 'read'],
    ['1.24.7', '1.24.5', 'line'], // not read: the newest table before it in the line
    ['1.24.8', '1.24.8', 'read'], // made from the backport note (not read; listed)
    ['1.24.9', '1.24.8', 'line'],
    ['1.24.13', '1.24.12', 'line'],
    ['1.25.14', '1.25.8', 'line'],
    ['1.26.7', '1.26.1', 'line'],
    ['1.27rc1', '1.27.0', 'line'],
    ['1.27.1', '1.27.0', 'line'],
    ['1.28.0', '1.27.0', 'newer'],
    ['2.0.0', '1.27.0', 'newer'],
    ['go1.22', undefined, undefined]
  ])('%s -> %s (%s)', (version, release, match) => {
    const t = godebugTable(version);
    expect(t?.release).toBe(release);
    expect(t?.match).toBe(match);
  });
});

describe('GODEBUG_SETTINGS: one row per setting', () => {
  test.each<[string, Partial<(typeof GODEBUG_SETTINGS)[number]>]>([
    // fixed from 22 to 23 (golang/go#72935): the newest table's value
    ['winsymlink', { changed: 23, old: '0', since: 23, firstRelease: '1.23rc1' }],
    ['winreadlinkvolume', { changed: 23, old: '0', since: 23 }],
    // Changed 24 but first listed by go1.24.8 and go1.25.2 (doc/godebug.md: backported)
    [
      'httpcookiemaxnum',
      { changed: 24, old: '0', since: 24, firstRelease: '1.24.8', backportedTo: ['1.24.8', '1.25.2'] }
    ],
    ['netedns0', { changed: 19, since: 21, firstRelease: '1.21.12', backportedTo: ['1.21.12', '1.22.5'] }],
    ['x509sha1', { since: 21, removed: 24, refused: ['1'] }],
    ['tlskyber', { changed: 23, old: '0', removed: 24, refused: ['0'] }],
    ['tls10server', { changed: 22, old: '1', removed: 27, refused: ['1'] }],
    ['asynctimerchan', { changed: 23, old: '1', removed: 27, refused: ['1', '2'] }],
    ['tracebacklabels', { changed: 27, since: 27, opaque: true }],
    ['panicnil', { changed: 21, old: '1', since: 21 }]
  ])('%s', (name, want) => {
    expect(godebugSetting(name)).toMatchObject({ name, ...want });
  });

  test('the settings are sorted by name and unique', () => {
    const names = GODEBUG_SETTINGS.map((s) => s.name);
    expect(names).toEqual([...new Set(names)].sort());
    expect(godebugSetting('nosuchsetting')).toBeUndefined();
  });

  test('every table after a line’s first amends the previous one of its line', () => {
    for (let i = 1; i < GODEBUG_TABLES.length; i++) {
      const t = GODEBUG_TABLES[i];
      if (t.amends !== undefined) expect(GODEBUG_TABLES[i - 1].releases[0]).toBe(t.amends);
    }
  });
});
