import { isReleaseFileName, isTempName, pruneNames, staleVulnEntries, tempName } from '../../src/mirror/prune.js';

describe('pruneNames: release files the new listing does not hold, nothing else', () => {
  const listed = new Set(['go1.27.0.linux-amd64.tar.gz', 'go1.27.0.windows-amd64.zip']);
  test.each<[string, string[], string[]]>([
    [
      'listed files and their checksums stay',
      ['go1.27.0.linux-amd64.tar.gz', 'go1.27.0.linux-amd64.tar.gz.sha256', 'go1.27.0.windows-amd64.zip'],
      []
    ],
    [
      'an unlisted archive and its checksum go',
      ['go1.26.7.linux-amd64.tar.gz', 'go1.26.7.linux-amd64.tar.gz.sha256'],
      ['go1.26.7.linux-amd64.tar.gz', 'go1.26.7.linux-amd64.tar.gz.sha256']
    ],
    [
      'installers too',
      ['go1.26.7.windows-amd64.msi', 'go1.26.7.darwin-arm64.pkg'],
      ['go1.26.7.darwin-arm64.pkg', 'go1.26.7.windows-amd64.msi']
    ],
    [
      'a checksum whose archive is not listed goes',
      ['go1.25.0.linux-arm64.tar.gz.sha256'],
      ['go1.25.0.linux-arm64.tar.gz.sha256']
    ],
    [
      'files that are not release files are never touched',
      [
        'index.json',
        'manifest.json',
        'README.md',
        'CNAME',
        'index.html',
        '.mirror-state.json',
        'go.mod',
        'gopher.png',
        'go1.26.7.src.tar.gz',
        'notes-go1.26.7.linux-amd64.tar.gz'
      ],
      []
    ]
  ])('%s', (_name, names, want) => {
    expect(pruneNames(names, listed)).toEqual(want);
  });
});

describe('names', () => {
  test.each<[string, boolean]>([
    [tempName(123, 'go1.27.0.linux-amd64.tar.gz'), true],
    ['.tmp-9-index.json', true],
    ['.tmp-x-index.json', false],
    ['.tmp-12-', false],
    ['go1.27.0.linux-amd64.tar.gz', false]
  ])('isTempName(%j) = %j', (name, want) => {
    expect(isTempName(name)).toBe(want);
  });

  test.each<[string, boolean]>([
    ['go1.27.0.linux-amd64.tar.gz', true],
    ['go1.21rc2.windows-arm64.zip.sha256', true],
    ['go1.20.darwin-amd64.pkg', true],
    ['go1.26.7.src.tar.gz', false],
    ['go1.27.0.linux-amd64.tar.gz.asc', false],
    ['README.md', false]
  ])('isReleaseFileName(%j) = %j', (name, want) => {
    expect(isReleaseFileName(name)).toBe(want);
  });

  test('staleVulnEntries: entries the index no longer names, not temporary files', () => {
    expect(
      staleVulnEntries(
        ['GO-2024-0001.json', 'GO-2024-0002.json', '.tmp-5-GO-2024-0003.json', 'README'],
        new Set(['GO-2024-0002'])
      )
    ).toEqual(['GO-2024-0001.json']);
  });
});
