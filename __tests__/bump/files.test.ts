/**
 * Reading a file to rewrite and writing it back (edge): same bytes apart from the version, the
 * byte order mark and the mode kept, a file changed since it was read left alone, links and files
 * that are not UTF-8 refused.
 */
import {
  chmodSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
  mkdtempSync
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readForRewrite, writeIfUnchanged } from '../../src/bump/files.js';
import { workspaceRoot } from '../../src/system/workspace-files.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bump-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function read(name: string) {
  const got = readForRewrite(workspaceRoot(dir), path.join(dir, name));
  if (!got.ok) throw new Error(got.reason);
  return got.snapshot;
}

test('a byte order mark and the mode are kept; no temporary file is left', () => {
  const file = path.join(dir, 'go.mod');
  writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('module x\r\n\r\ngo 1.25.0\r\n')]));
  chmodSync(file, 0o640);
  const s = read('go.mod');
  expect([s.bom, s.text]).toEqual([true, 'module x\r\n\r\ngo 1.25.0\r\n']);
  expect(writeIfUnchanged(s, s.text.replace('1.25.0', '1.27.0'))).toEqual({ ok: true });
  expect(readFileSync(file)).toEqual(
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('module x\r\n\r\ngo 1.27.0\r\n')])
  );
  expect(statSync(file).mode & 0o777).toBe(0o640);
  expect(readdirSync(dir)).toEqual(['go.mod']);
});

test.each<[string, (file: string) => void]>([
  ['the content changed', (f) => writeFileSync(f, 'module x\n\ngo 1.26.0\n')],
  [
    'the same content written again (a new modification time)',
    (f) => {
      writeFileSync(f, readFileSync(f));
      const later = new Date(statSync(f).mtime.getTime() + 5000);
      utimesSync(f, later, later);
    }
  ],
  [
    'replaced by a symlink',
    (f) => {
      rmSync(f);
      writeFileSync(`${f}.other`, 'module x\n\ngo 1.25.0\n');
      symlinkSync(`${f}.other`, f);
    }
  ],
  ['removed', (f) => rmSync(f)]
])('a file that changed since it was read is left alone: %s', (_name, change) => {
  const file = path.join(dir, 'go.mod');
  writeFileSync(file, 'module x\n\ngo 1.25.0\n');
  const s = read('go.mod');
  change(file);
  const before = readdirSync(dir).sort();
  expect(writeIfUnchanged(s, 'module x\n\ngo 1.27.0\n')).toEqual({
    ok: false,
    reason: 'changed on disk while bump ran: left alone'
  });
  expect(readdirSync(dir).sort()).toEqual(before);
});

test.each<[string, (d: string) => void, string]>([
  [
    'a symlink leaving the repository',
    (d) => {
      mkdirSync(path.join(d, 'outside'));
      mkdirSync(path.join(d, 'repo'));
      writeFileSync(path.join(d, 'outside', 'Dockerfile'), 'FROM golang:1.25\n');
      symlinkSync(path.join(d, 'outside', 'Dockerfile'), path.join(d, 'repo', 'Dockerfile'));
    },
    'is a symlink to .*, outside the repository: not rewritten'
  ],
  [
    'a symlink inside it (its target is rewritten instead)',
    (d) => {
      writeFileSync(path.join(d, 'real.Dockerfile'), 'FROM golang:1.25\n');
      symlinkSync('real.Dockerfile', path.join(d, 'Dockerfile'));
    },
    'is a symlink \\(to real\\.Dockerfile\\): not rewritten; its target is, where it is in scope'
  ],
  [
    'not UTF-8',
    (d) => writeFileSync(path.join(d, 'Dockerfile'), Buffer.from([0x46, 0x52, 0xff, 0x0a])),
    'is not valid UTF-8: not rewritten'
  ],
  [
    'too large',
    (d) => writeFileSync(path.join(d, 'Dockerfile'), 'x'.repeat(1024 * 1024 + 1)),
    'is 1048577 bytes, more than the 1048576 read at most: not rewritten'
  ]
])('refused: %s', (_name, make, reason) => {
  make(dir);
  // The repository is `repo/` when the case made one (a link leaves it), else the folder itself.
  const repo = readdirSync(dir).includes('repo') ? path.join(dir, 'repo') : dir;
  const got = readForRewrite(workspaceRoot(repo), path.join(repo, 'Dockerfile'));
  expect(got.ok).toBe(false);
  expect(got.ok ? '' : got.reason).toMatch(new RegExp(`^${reason}$`));
});
