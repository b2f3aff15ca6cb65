/**
 * readWorkspaceFile: a file of a pull request is read only when it is a regular file inside the
 * workspace and at most 1 MiB; everything else is refused without reading it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readWorkspaceFile, workspaceRoot } from '../../src/system/workspace-files.js';

const SECRET = 'TOP-SECRET-MARKER-4242';
let dir: string;
let ws: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ws-files-'));
  ws = path.join(dir, 'ws');
  mkdirSync(path.join(ws, 'sub'), { recursive: true });
  writeFileSync(path.join(dir, 'secret.txt'), `${SECRET}\n`);
  writeFileSync(path.join(ws, 'go.mod'), '\uFEFFmodule m\n\ngo 1.22\n');
  writeFileSync(path.join(ws, 'big.mod'), 'x'.repeat(2048));
  symlinkSync('go.mod', path.join(ws, 'inside-link'));
  symlinkSync(path.join(ws, 'sub'), path.join(ws, 'dir-link'));
  symlinkSync(path.join(dir, 'secret.txt'), path.join(ws, 'outside-link'));
  symlinkSync('../secret.txt', path.join(ws, 'relative-outside'));
  symlinkSync('/proc/self/environ', path.join(ws, 'environ'));
  symlinkSync('/dev/zero', path.join(ws, 'device'));
  symlinkSync('loop-b', path.join(ws, 'loop-a'));
  symlinkSync('loop-a', path.join(ws, 'loop-b'));
  symlinkSync('nowhere', path.join(ws, 'dangling'));
  execFileSync('mkfifo', [path.join(ws, 'fifo')]);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.each<[string, string, RegExp | undefined]>([
  ['a regular file (byte order mark dropped)', 'go.mod', undefined],
  ['a link inside the workspace (Go follows it too)', 'inside-link', undefined]
])('%s is read', (_name, rel) => {
  const got = readWorkspaceFile(workspaceRoot(ws), path.join(ws, rel));
  expect(got).toEqual({ status: 'read', text: 'module m\n\ngo 1.22\n' });
});

test.each<[string, string, 'refused' | 'unreadable' | 'missing', RegExp]>([
  [
    'a link to a file outside',
    'outside-link',
    'refused',
    /^is a symlink to .*secret\.txt, outside the workspace: not read$/
  ],
  [
    'a relative link leaving the workspace',
    'relative-outside',
    'refused',
    /^is a symlink to \.\.\/secret\.txt, outside/
  ],
  [
    'a link to /proc/self/environ',
    'environ',
    'refused',
    /^is a symlink to \/proc\/self\/environ, outside the workspace/
  ],
  ['a link to a device', 'device', 'refused', /outside the workspace/],
  ['a FIFO (not opened for long: no writer needed)', 'fifo', 'refused', /^is a FIFO: not read$/],
  ['a file over the limit', 'big.mod', 'refused', /^is 2048 bytes, more than the 1024 read at most: not read$/],
  ['a symlink loop', 'loop-a', 'unreadable', /symlink loop/],
  ['a dangling link', 'dangling', 'unreadable', /^is a symlink to nowhere, which does not exist$/],
  ['a folder', 'sub', 'unreadable', /is a folder/],
  ['a link to a folder', 'dir-link', 'unreadable', /is a folder/],
  ['nothing', 'absent', 'missing', /.*/]
])('%s: %s', (_name, rel, status, reason) => {
  const got = readWorkspaceFile(workspaceRoot(ws), path.join(ws, rel), 1024);
  expect(got.status).toBe(status);
  if (got.status === 'refused' || got.status === 'unreadable') expect(got.reason).toMatch(reason);
  expect(JSON.stringify(got)).not.toContain(SECRET);
});

test('a workspace reached through a symlink is still itself', () => {
  const alias = path.join(dir, 'alias');
  symlinkSync(ws, alias);
  expect(readWorkspaceFile(workspaceRoot(alias), path.join(alias, 'go.mod')).status).toBe('read');
});
