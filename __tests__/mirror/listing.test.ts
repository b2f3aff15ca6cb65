import { parseManifest } from '../../src/go/manifest.js';
import { compareGo } from '../../src/go/gover.js';
import type { ManifestFile } from '../../src/go/types.js';
import { buildListing, heldFromListing, listingText } from '../../src/mirror/listing.js';
import type { HeldFile } from '../../src/mirror/selection.js';

function held(version: string, os: string, arch: string, stable = true): HeldFile {
  const ext = os === 'windows' ? 'zip' : 'tar.gz';
  const file: ManifestFile = {
    filename: `go${version}.${os}-${arch}.${ext}`,
    os,
    arch,
    version: `go${version}`,
    sha256: version.length.toString(16).padStart(64, '0'),
    size: 1000 + version.length,
    kind: 'archive'
  };
  return { release: { version, stable }, file, reasons: ['test'] };
}

describe('buildListing: go.dev shape, exactly the mirrored files, newest first by Go order', () => {
  test.each<[string, HeldFile[], string[]]>([
    ['one file', [held('1.26.7', 'linux', 'amd64')], ['go1.26.7']],
    [
      'numbers compare as numbers (1.10 > 1.9.2), a first release before 1.21 has no .0',
      [held('1.9.2', 'linux', 'amd64'), held('1.10', 'linux', 'amd64'), held('1.20', 'linux', 'amd64')],
      ['go1.20', 'go1.10', 'go1.9.2']
    ],
    [
      'an rc sorts between its minor and the .0 release',
      [held('1.21.0', 'linux', 'amd64'), held('1.21rc2', 'linux', 'amd64', false), held('1.20.14', 'linux', 'amd64')],
      ['go1.21.0', 'go1.21rc2', 'go1.20.14']
    ],
    [
      'files of one release are one entry',
      [held('1.27.0', 'windows', 'amd64'), held('1.27.0', 'linux', 'amd64'), held('1.26.7', 'darwin', 'arm64')],
      ['go1.27.0', 'go1.26.7']
    ]
  ])('%s', (_name, files, versions) => {
    const listing = buildListing(files);
    expect(listing.map((r) => r.version)).toEqual(versions);
    expect(listing.flatMap((r) => r.files.map((f) => f.filename)).sort()).toEqual(
      files.map((f) => f.file.filename).sort()
    );
    const order = listing.map((r) => r.version.slice(2));
    expect([...order].sort((a, b) => compareGo(b, a))).toEqual(order);
  });

  test("go.dev's field names, in go.dev's order, nothing else; stable kept; files by name", () => {
    const extra = { ...held('1.27rc2', 'linux', 'amd64', false) };
    (extra.file as ManifestFile & { extra?: string }).extra = 'not copied';
    const listing = buildListing([held('1.27.0', 'windows', 'amd64'), held('1.27.0', 'linux', 'amd64'), extra]);
    expect(listing.map((r) => Object.keys(r))).toEqual([
      ['version', 'stable', 'files'],
      ['version', 'stable', 'files']
    ]);
    expect(Object.keys(listing[0].files[0])).toEqual(['filename', 'os', 'arch', 'version', 'sha256', 'size', 'kind']);
    expect(listing.map((r) => r.stable)).toEqual([true, false]);
    expect(listing[0].files.map((f) => f.filename)).toEqual([
      'go1.27.0.linux-amd64.tar.gz',
      'go1.27.0.windows-amd64.zip'
    ]);
  });

  test('the text reads back (as the action reads it) to the same files', () => {
    const files = [
      held('1.27.0', 'linux', 'amd64'),
      held('1.26.7', 'windows', 'amd64'),
      held('1.20', 'darwin', 'amd64')
    ];
    const text = listingText(buildListing(files));
    expect(text.endsWith(']\n')).toBe(true);
    const back = heldFromListing(parseManifest(JSON.parse(text), 'index.json'), 'test');
    expect(back.map((h) => h.file).sort((a, b) => (a.filename < b.filename ? -1 : 1))).toEqual(
      files.map((h) => h.file).sort((a, b) => (a.filename < b.filename ? -1 : 1))
    );
  });

  test('an empty mirror is an empty listing', () => {
    expect(listingText(buildListing([]))).toBe('[]\n');
  });
});
