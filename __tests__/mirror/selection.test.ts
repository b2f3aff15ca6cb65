import { buildFixtureManifest } from '../../scripts/test-support/manifest-fixture.mjs';
import { parseManifest } from '../../src/go/manifest.js';
import { parseModFile } from '../../src/go/modfile.js';
import { parseDockerfile } from '../../src/go/readers/dockerfile.js';
import { parseGoVersionFile } from '../../src/go/readers/go-version-file.js';
import { InputError } from '../../src/errors.js';
import type { WorkspaceFacts } from '../../src/verify/facts.js';
import { DEFAULT_KINDS, parseKinds } from '../../src/mirror/kinds.js';
import { parsePlatforms } from '../../src/mirror/platforms.js';
import { repoSpecs } from '../../src/mirror/repo-versions.js';
import {
  heldWithoutListing,
  selectFromListing,
  selectWithoutListing,
  upstreamFiles
} from '../../src/mirror/selection.js';
import { parseMirrorSpecs } from '../../src/mirror/specs.js';

const releases = parseManifest(buildFixtureManifest(), 'fixture');
const names = (s: { files: { file: { filename: string } }[] }) => s.files.map((f) => f.file.filename);

describe('selectFromListing: specs x releases x platforms x kinds -> the files a mirror holds', () => {
  test.each<[string, string[], string[], string[]]>([
    [
      'supported: the newest patch of each supported minor',
      ['supported'],
      ['linux/amd64'],
      ['go1.27.0.linux-amd64.tar.gz', 'go1.26.7.linux-amd64.tar.gz']
    ],
    ['a minor: its newest stable patch', ['1.25'], ['linux/amd64'], ['go1.25.14.linux-amd64.tar.gz']],
    ['a minor with .x', ['1.24.x'], ['linux/arm64'], ['go1.24.13.linux-arm64.tar.gz']],
    ['an exact release', ['1.25.3'], ['linux/amd64'], ['go1.25.3.linux-amd64.tar.gz']],
    ['a first release before 1.21 (no .0)', ['go1.20'], ['linux/amd64'], ['go1.20.linux-amd64.tar.gz']],
    ['a range: its newest stable match', ['>=1.24 <1.26'], ['linux/amd64'], ['go1.25.14.linux-amd64.tar.gz']],
    ['a caret range', ['^1.26'], ['linux/amd64'], ['go1.27.0.linux-amd64.tar.gz']],
    ['stable', ['stable'], ['linux/amd64'], ['go1.27.0.linux-amd64.tar.gz']],
    ['oldstable', ['oldstable'], ['linux/amd64'], ['go1.26.7.linux-amd64.tar.gz']],
    ['a prerelease, exactly', ['1.27rc2'], ['linux/amd64'], ['go1.27rc2.linux-amd64.tar.gz']],
    [
      'three platforms: the zip for Windows, tar.gz elsewhere',
      ['1.26.7'],
      ['linux/amd64', 'darwin/arm64', 'windows/amd64'],
      ['go1.26.7.darwin-arm64.tar.gz', 'go1.26.7.linux-amd64.tar.gz', 'go1.26.7.windows-amd64.zip']
    ],
    [
      'two specs selecting one file hold it once; newest first',
      ['1.26', '1.26.7', '1.25.14'],
      ['linux/amd64'],
      ['go1.26.7.linux-amd64.tar.gz', 'go1.25.14.linux-amd64.tar.gz']
    ],
    ['Node arch names are Go names', ['1.26.7'], ['windows/x64'], ['go1.26.7.windows-amd64.zip']]
  ])('%s', (_name, versions, platforms, want) => {
    const s = selectFromListing(parseMirrorSpecs(versions), releases, parsePlatforms(platforms), DEFAULT_KINDS, false);
    expect(s.problems).toEqual([]);
    expect(names(s)).toEqual(want);
  });

  test.each<[string, string[], string[], string[]]>([
    [
      'default kinds: no installers',
      [],
      ['windows/amd64', 'darwin/arm64'],
      ['go1.27.0.darwin-arm64.tar.gz', 'go1.27.0.windows-amd64.zip']
    ],
    ['msi only', ['msi'], ['windows/amd64'], ['go1.27.0.windows-amd64.msi']],
    [
      'archives and installers',
      ['tar.gz,zip', 'msi,pkg'],
      ['windows/amd64', 'darwin/arm64'],
      [
        'go1.27.0.darwin-arm64.pkg',
        'go1.27.0.darwin-arm64.tar.gz',
        'go1.27.0.windows-amd64.msi',
        'go1.27.0.windows-amd64.zip'
      ]
    ]
  ])('kinds: %s', (_name, kinds, platforms, want) => {
    const s = selectFromListing(
      parseMirrorSpecs(['1.27.0']),
      releases,
      parsePlatforms(platforms),
      parseKinds(kinds),
      false
    );
    expect(s.problems).toEqual([]);
    expect(names(s)).toEqual(want);
  });

  test('every held file is the manifest entry itself, with the spec that holds it', () => {
    const s = selectFromListing(
      parseMirrorSpecs(['1.26', 'supported']),
      releases,
      parsePlatforms(['linux/amd64']),
      DEFAULT_KINDS,
      false
    );
    const f = s.files.find((x) => x.file.filename === 'go1.26.7.linux-amd64.tar.gz')!;
    const upstream = releases.find((r) => r.version === '1.26.7')!.files.find((x) => x.filename === f.file.filename);
    expect(f.file).toEqual(upstream);
    expect(f.release).toEqual({ version: '1.26.7', stable: true });
    expect(f.reasons).toEqual(['1.26', 'supported']);
  });

  test.each<[string, string[], string[], string[], boolean, RegExp]>([
    [
      'no such release',
      ['1.99.1'],
      ['linux/amd64'],
      [],
      false,
      /^1\.99\.1 \(linux\/amd64\): Go 1\.99\.1 is not in the manifest/
    ],
    ['no such minor', ['1.99'], ['linux/amd64'], [], false, /^1\.99 \(linux\/amd64\): no stable Go 1\.99\.x release/],
    [
      'no archive for the platform',
      ['1.4.3'],
      ['darwin/arm64'],
      [],
      true,
      /^1\.4\.3 \(darwin\/arm64\): Go 1\.4\.3 has no archive for darwin\/arm64/
    ],
    [
      'an old entry without sha256 is refused',
      ['1.4.3'],
      ['linux/amd64'],
      [],
      false,
      /^go1\.4\.3\.linux-amd64\.tar\.gz: the upstream lists no sha256 for it; refusing .*--allow-missing-checksum/
    ],
    [
      'a kind the platform does not have',
      ['1.27.0'],
      ['linux/amd64'],
      ['pkg'],
      false,
      /^1\.27\.0 \(linux\/amd64\): Go 1\.27\.0 has no pkg file for linux\/amd64 upstream$/
    ]
  ])('problem: %s', (_name, versions, platforms, kinds, allow, message) => {
    const s = selectFromListing(
      parseMirrorSpecs(versions),
      releases,
      parsePlatforms(platforms),
      parseKinds(kinds),
      allow
    );
    expect(s.files).toEqual([]);
    expect(s.problems).toHaveLength(1);
    expect(s.problems[0]).toMatch(message);
  });

  test('--allow-missing-checksum: an old entry without sha256 is held, its sha256 still empty', () => {
    const s = selectFromListing(
      parseMirrorSpecs(['1.4.3']),
      releases,
      parsePlatforms(['linux/amd64']),
      DEFAULT_KINDS,
      true
    );
    expect(s.problems).toEqual([]);
    expect(s.files.map((f) => [f.file.filename, f.file.sha256, f.file.size])).toEqual([
      ['go1.4.3.linux-amd64.tar.gz', '', 0]
    ]);
  });

  test('supported on an upstream without stable releases is a problem, not a crash', () => {
    const only = releases.filter((r) => !r.stable);
    const s = selectFromListing(
      parseMirrorSpecs(['supported']),
      only,
      parsePlatforms(['linux/amd64']),
      DEFAULT_KINDS,
      false
    );
    expect(s.problems).toEqual(['supported: the upstream lists no stable release']);
  });

  test('upstreamFiles: every archive and installer by name, never the source tarball', () => {
    const all = upstreamFiles(releases);
    expect(all.get('go1.26.7.linux-amd64.tar.gz')?.release.version).toBe('1.26.7');
    expect(all.has('go1.26.7.windows-amd64.msi')).toBe(true);
    expect(all.has('go1.26.7.src.tar.gz')).toBe(false);
  });
});

function facts(files: Record<string, string>): WorkspaceFacts {
  const f: WorkspaceFacts = { modules: [], useTargets: [], declarations: [], problems: [] };
  for (const [rel, text] of Object.entries(files)) {
    const base = rel.split('/').pop()!;
    if (base === 'go.mod' || base === 'go.work') f.modules.push(parseModFile(text, rel, base));
    else if (base === 'Dockerfile') f.declarations.push(...parseDockerfile(text, rel));
    else f.declarations.push(parseGoVersionFile(text, rel));
  }
  return f;
}

describe('--repo: the versions a repository asks for, by the action rules', () => {
  test.each<[string, Record<string, string>, string[], string[]]>([
    [
      'a go line naming a release: exactly it',
      { 'go.mod': 'module x\n\ngo 1.22.3\n' },
      ['go1.22.3.linux-amd64.tar.gz'],
      ['repo/go.mod:3 go 1.22.3']
    ],
    [
      'a language version: its newest patch',
      { 'go.mod': 'module x\n\ngo 1.22\n' },
      ['go1.22.12.linux-amd64.tar.gz'],
      ['repo/go.mod:3 go 1.22']
    ],
    [
      'a toolchain line wins over the go line',
      { 'go.mod': 'module x\n\ngo 1.22.0\n\ntoolchain go1.23.4\n' },
      ['go1.23.4.linux-amd64.tar.gz'],
      ['repo/go.mod:5 toolchain go1.23.4']
    ],
    [
      'a Dockerfile image tag of a minor: the newest patch, as the image',
      { Dockerfile: 'FROM golang:1.24-alpine AS build\n' },
      ['go1.24.13.linux-amd64.tar.gz'],
      ['repo/Dockerfile:1 golang:1.24-alpine']
    ],
    ['a .go-version', { '.go-version': '1.25.3\n' }, ['go1.25.3.linux-amd64.tar.gz'], ['repo/.go-version:1 1.25.3']],
    [
      'many modules asking the same: one spec, counted',
      {
        'go.mod': 'module x\n\ngo 1.26.7\n',
        'a/go.mod': 'module a\n\ngo 1.26.7\n',
        'b/go.mod': 'module b\n\ngo 1.26.7\n'
      },
      ['go1.26.7.linux-amd64.tar.gz'],
      ['repo/go.mod:3 go 1.26.7 (and 2 more)']
    ]
  ])('%s', (_name, files, want, reasons) => {
    const r = repoSpecs('repo', facts(files));
    expect(r.problems).toEqual([]);
    const s = selectFromListing(r.specs, releases, parsePlatforms(['linux/amd64']), DEFAULT_KINDS, false);
    expect(s.problems).toEqual([]);
    expect(names(s)).toEqual(want);
    expect(s.files.flatMap((f) => f.reasons)).toEqual(reasons);
  });

  test('an invalid toolchain line or an unparsable file: a problem naming file:line', () => {
    const f = facts({});
    f.modules.push({
      kind: 'go.mod',
      path: 'go.mod',
      go: { value: '1.22.0', line: 3 },
      toolchain: { value: 'gobanana', line: 5 },
      use: [],
      godebug: []
    });
    f.problems.push({ kind: 'unparsable', file: 'svc/go.mod', line: 3, message: 'invalid go version "1.x"' });
    f.problems.push({ kind: 'refused', file: 'big/go.mod', message: 'larger than 1 MiB: not read' });
    const r = repoSpecs('repo/', f);
    expect(r.specs).toEqual([]);
    expect(r.problems).toEqual([
      'repo/go.mod:5: invalid toolchain name "gobanana" (expected e.g. go1.22.3)',
      'repo/svc/go.mod:3: invalid go version "1.x": its Go version is not known'
    ]);
  });
});

describe('an upstream without a listing: exact versions by file name', () => {
  const platforms = parsePlatforms(['linux/amd64', 'windows/amd64']);

  test('exact versions: go.dev file names for each platform and kind', () => {
    const wanted = selectWithoutListing(
      parseMirrorSpecs(['1.26.7', '1.27.0']),
      platforms,
      parseKinds(['zip', 'tar.gz', 'msi']),
      'https://files.example',
      'HTTP 404'
    );
    expect(wanted.map((w) => w.filename)).toEqual([
      'go1.27.0.linux-amd64.tar.gz',
      'go1.27.0.windows-amd64.msi',
      'go1.27.0.windows-amd64.zip',
      'go1.26.7.linux-amd64.tar.gz',
      'go1.26.7.windows-amd64.msi',
      'go1.26.7.windows-amd64.zip'
    ]);
  });

  test.each<[string, () => ReturnType<typeof parseMirrorSpecs>, RegExp]>([
    [
      'a minor on the command line',
      () => parseMirrorSpecs(['1.26']),
      /^--versions: "1\.26" is not an exact version, and the upstream \(--from\) https:\/\/files\.example has no version listing to resolve it \(HTTP 404\)/
    ],
    ['supported', () => parseMirrorSpecs([]), /^--versions: "supported" is not an exact version/],
    [
      'a range from a repository',
      () => repoSpecs('repo', facts({ 'go.mod': 'module x\n\ngo 1.22\n' })).specs,
      /^repo\/go\.mod:3 go 1\.22: is not an exact version/
    ]
  ])('anything else is an InputError naming the spec and the upstream: %s', (_name, specs, message) => {
    let err: unknown;
    try {
      selectWithoutListing(specs(), platforms, DEFAULT_KINDS, 'https://files.example', 'HTTP 404');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(message);
  });

  test.each<[string, boolean, string[], string[]]>([
    ['with their .sha256: held', false, ['a'.repeat(64), 'b'.repeat(64)], []],
    [
      'one without .sha256: refused',
      false,
      ['a'.repeat(64), ''],
      [
        'go1.26.7.windows-amd64.zip: the upstream has no go1.26.7.windows-amd64.zip.sha256; refusing to mirror an unverified file (--allow-missing-checksum allows it)'
      ]
    ],
    ['one without .sha256, allowed', true, ['a'.repeat(64), ''], []]
  ])('%s', (_name, allow, shas, problems) => {
    const wanted = selectWithoutListing(parseMirrorSpecs(['1.26.7']), platforms, DEFAULT_KINDS, 'u', 'w');
    const s = heldWithoutListing(wanted, new Map(wanted.map((w, i) => [w.filename, shas[i] || undefined])), allow);
    expect(s.problems).toEqual(problems);
    expect(s.files.map((f) => [f.file.filename, f.file.sha256, f.file.kind, f.release])).toEqual(
      wanted
        .map((w, i) => [w.filename, shas[i], 'archive', { version: '1.26.7', stable: true }])
        .filter((_x, i) => allow || shas[i] !== '')
    );
  });
});
