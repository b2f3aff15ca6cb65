import { buildListing } from '../../src/mirror/listing.js';
import { mirrorReadme } from '../../src/mirror/readme.js';
import type { HeldFile } from '../../src/mirror/selection.js';

function held(version: string, os: string, arch: string, size: number, stable = true): HeldFile {
  const ext = os === 'windows' ? 'zip' : 'tar.gz';
  return {
    release: { version, stable },
    file: {
      filename: `go${version}.${os}-${arch}.${ext}`,
      os,
      arch,
      version: `go${version}`,
      sha256: 'a'.repeat(64),
      size,
      kind: 'archive'
    },
    reasons: []
  };
}

describe('the README of DIR', () => {
  const listing = buildListing([
    held('1.27.0', 'linux', 'amd64', 70 * 1024 * 1024),
    held('1.27.0', 'windows', 'amd64', 75 * 1024 * 1024),
    held('1.28rc1', 'linux', 'amd64', 71 * 1024 * 1024, false)
  ]);
  const facts = {
    listing,
    upstream: 'https://go.dev/dl',
    refresh: 'setup-go-enforced mirror /srv/go-mirror --versions supported',
    toolVersion: '1.0.0'
  };

  test('says what is there: each release with its platforms and kinds, the count and size', () => {
    const text = mirrorReadme(facts);
    expect(text).toContain('3 files of 2 releases, 216.0 MiB');
    expect(text).toContain('| go1.28rc1 (prerelease) | linux/amd64 (tar.gz) |');
    expect(text).toContain('| go1.27.0 | linux/amd64 (tar.gz), windows/amd64 (zip) |');
    expect(text).toContain('from https://go.dev/dl');
  });

  test('says how to point the action and the CLI at it, with an example of its newest stable minor', () => {
    const text = mirrorReadme(facts);
    expect(text).toContain('go-download-base-url: https://go-mirror.example.com');
    expect(text).toContain('setup-go-enforced use 1.27 --go-download-base-url');
    expect(text).toContain('--shell powershell | Invoke-Expression');
    expect(text).toContain(facts.refresh);
    expect(text).not.toContain('vulndb-url');
  });

  test('with the vulnerability database: where it is and the vulndb-url input', () => {
    const text = mirrorReadme({ ...facts, vulndb: { entries: 412, upstream: 'https://vuln.go.dev' } });
    expect(text).toContain('the 412 `ID/<id>.json` entries');
    expect(text).toContain('vulndb-url: https://go-mirror.example.com/vulndb');
  });

  test('the same mirror, the same text (no clock in it: a refresh that changes nothing rewrites nothing)', async () => {
    const first = mirrorReadme(facts);
    await new Promise((r) => setTimeout(r, 5));
    expect(mirrorReadme({ ...facts, listing: JSON.parse(JSON.stringify(listing)) })).toBe(first);
  });
});
