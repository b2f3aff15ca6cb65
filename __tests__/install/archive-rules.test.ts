import {
  ArchiveError,
  ArchiveRules,
  checkEntry,
  finishArchive,
  newArchiveState,
  type ArchiveEntry
} from '../../src/install/archive-rules.js';

function run(entries: ArchiveEntry[]): void {
  const state = newArchiveState('go.tar');
  for (const e of entries) checkEntry(e, state);
  finishArchive(state);
}

const dir = (path: string): ArchiveEntry => ({ path, type: 'dir' });
const file = (path: string): ArchiveEntry => ({ path, type: 'file' });
const symlink = (path: string, linkTarget: string): ArchiveEntry => ({ path, type: 'symlink', linkTarget });
const hardlink = (path: string, linkTarget: string): ArchiveEntry => ({ path, type: 'hardlink', linkTarget });

describe('archive rules: accepted', () => {
  test.each<[string, ArchiveEntry[]]>([
    ['plain tree', [dir('go/'), dir('go/bin/'), file('go/bin/go'), file('go/VERSION')]],
    ['files without folder entries', [file('go/src/fmt/print.go')]],
    ['leading ./ and doubled slashes', [dir('./go/'), file('go//src/./x.go')]],
    ['symlink to a sibling', [dir('go/'), file('go/bin/go'), symlink('go/bin/go2', 'go')]],
    ['symlink up within go/', [symlink('go/a/b/l', '../../src')]],
    ['symlink to go/ itself', [symlink('go/a/l', '..')]],
    ['hardlink inside go/', [file('go/a'), hardlink('go/b', 'go/a')]],
    ['names that only look like dot-dot', [file('go/..foo'), file('go/foo..'), file('go/...')]],
    ['non-ASCII names', [file('go/src/unicode/ü.go')]]
  ])('%s', (_name, entries) => {
    expect(() => run(entries)).not.toThrow();
  });
});

describe('archive rules: refused', () => {
  test.each<[string, ArchiveEntry[], RegExp]>([
    ['dot-dot', [file('../x')], /archive entry "\.\.\/x" escapes the go\/ folder/],
    ['dot-dot inside', [file('go/a/../../x')], /escapes the go\/ folder/],
    ['backslash dot-dot', [file('go\\..\\..\\x')], /escapes the go\/ folder/],
    ['absolute', [file('/etc/passwd')], /is an absolute path/],
    ['absolute backslash', [file('\\x')], /is an absolute path/],
    ['UNC', [file('\\\\server\\share\\x')], /is an absolute path/],
    ['drive', [file('C:\\x')], /is an absolute path/],
    ['drive relative', [file('C:x')], /is an absolute path/],
    ['colon (stream)', [file('go/bin/go:evil')], /':'/],
    ['NUL', [file('go/a\0b')], /NUL/],
    ['empty name', [file('')], /empty name/],
    ['no go top folder', [file('other/x')], /is not under the go\/ top folder/],
    ['go as a file', [file('go')], /top folder must be a folder/],
    ['top folder case', [file('Go/x')], /not under the go\/ top folder/],
    ['go as a symlink', [symlink('go', '/usr')], /top folder must be a folder/],
    ['symlink absolute', [symlink('go/l', '/etc')], /links to an absolute path/],
    ['symlink drive', [symlink('go/l', 'C:\\Windows')], /links to an absolute path/],
    ['symlink outside', [symlink('go/l', '../x')], /links outside the go\/ folder/],
    ['symlink leaves and comes back', [symlink('go/l', '../go/x')], /links outside the go\/ folder/],
    ['symlink empty target', [symlink('go/l', '')], /empty target/],
    ['symlink NUL target', [symlink('go/l', 'a\0b')], /NUL/],
    ['write through symlink', [symlink('go/l', 'bin'), file('go/l/x')], /goes through the earlier symlink "go\/l"/],
    [
      'write through symlink, other case',
      [symlink('go/Lib', 'bin'), file('go/lib/x')],
      /goes through the earlier symlink/
    ],
    [
      'write through symlink, trailing dot',
      [symlink('go/lib', 'bin'), file('go/lib./x')],
      /goes through the earlier symlink/
    ],
    ['replace a symlink', [symlink('go/l', 'bin'), file('go/l')], /replaces the earlier symlink/],
    ['hardlink absolute', [hardlink('go/h', '/etc/passwd')], /hardlink target .*absolute/],
    ['hardlink outside', [hardlink('go/h', 'go/../../x')], /escapes the go\/ folder/],
    ['hardlink not under go', [hardlink('go/h', 'etc/passwd')], /not under the go\/ top folder/],
    [
      'hardlink through symlink',
      [symlink('go/l', 'bin'), hardlink('go/h', 'go/l/x')],
      /goes through the earlier symlink/
    ],
    ['device', [{ path: 'go/tty', type: 'other', detail: 'character device' }], /"go\/tty" is a character device/],
    [
      'symlink chain escape',
      [symlink('go/a/b/s', '../../t'), symlink('go/a/b/l', 's/../../..')],
      /links outside the go\/ folder through other links/
    ],
    ['symlink loop', [symlink('go/a', 'b'), symlink('go/b', 'a')], /symlink loop/],
    ['no entries', [], /go\.tar has no go\/ top folder/]
  ])('%s', (_name, entries, message) => {
    let err: unknown;
    try {
      run(entries);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ArchiveError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
  });
});

test('ArchiveRules prefixes messages with the archive name and counts entries', () => {
  const rules = new ArchiveRules('go1.22.3.linux-amd64.tar.gz');
  rules.check(dir('go/'));
  rules.check(file('go/VERSION'));
  expect(rules.entries).toBe(2);
  expect(() => rules.check(file('../x'))).toThrow(
    /^go1\.22\.3\.linux-amd64\.tar\.gz: archive entry "\.\.\/x" escapes the go\/ folder/
  );
  expect(() => new ArchiveRules('a.zip').finish()).toThrow(/^a\.zip has no go\/ top folder/);
});
