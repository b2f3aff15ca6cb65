import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  STATE_FILE,
  inspectFile,
  readPreviousListing,
  readState,
  recordOf,
  removeLeftovers,
  stateText
} from '../../src/mirror/dir-state.js';

const ROUND = new Date(2026, 0, 1);
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mirror-state-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('inspectFile: trusted from the state file only while size, mtime and inode match', () => {
  const NAME = 'go1.26.7.linux-amd64.tar.gz';

  async function recorded(text: string) {
    const file = path.join(dir, NAME);
    writeFileSync(file, text);
    utimesSync(file, ROUND, ROUND); // whole seconds: a test can set the same mtime again exactly
    return new Map([[NAME, await recordOf(file, sha(text))]]);
  }

  test('no such file: nothing', async () => {
    expect(await inspectFile(dir, NAME, new Map(), { rehash: false, expectedSize: 0 })).toEqual({});
  });

  test.each<[string, (file: string) => void, boolean, string]>([
    ['untouched: the recorded sha256, without reading', () => undefined, false, 'old bytes'],
    [
      'same size and mtime but other bytes: still trusted (the state is a cache of this tool)',
      (f) => {
        writeFileSync(f, 'new bytes');
        utimesSync(f, ROUND, ROUND);
      },
      false,
      'old bytes'
    ],
    [
      '--rehash: read again',
      (f) => {
        writeFileSync(f, 'new bytes');
        utimesSync(f, ROUND, ROUND);
      },
      true,
      'new bytes'
    ],
    [
      'another mtime: read again',
      (f) => {
        writeFileSync(f, 'new bytes');
        utimesSync(f, new Date(2001, 1, 1), new Date(2001, 1, 1));
      },
      false,
      'new bytes'
    ]
  ])('%s', async (_name, change, rehash, bytes) => {
    const state = await recorded('old bytes');
    change(path.join(dir, NAME));
    const got = await inspectFile(dir, NAME, state, { rehash, expectedSize: 0 });
    expect(got.present).toEqual({ sha256: sha(bytes), size: 9 });
  });

  test('a size other than the expected one is not hashed: it cannot be the file', async () => {
    writeFileSync(path.join(dir, NAME), '12345');
    expect(await inspectFile(dir, NAME, new Map(), { rehash: false, expectedSize: 6 })).toEqual({
      present: { sha256: '', size: 5 }
    });
  });

  test('a folder by that name is a problem', async () => {
    const sub = path.join(dir, NAME);
    mkdirSync(sub);
    expect((await inspectFile(dir, NAME, new Map(), { rehash: false, expectedSize: 0 })).problem).toMatch(
      /is not a regular file/
    );
  });

  test('the state file round-trips; a damaged one is no state', async () => {
    const state = await recorded('bytes');
    writeFileSync(path.join(dir, STATE_FILE), stateText(state));
    expect(await readState(dir)).toEqual(state);
    writeFileSync(path.join(dir, STATE_FILE), '{"files": {"x": {"size": "1"}}');
    expect(await readState(dir)).toEqual(new Map());
  });
});

describe('readPreviousListing and leftovers', () => {
  test.each<[string, Record<string, string>, string]>([
    ['none', {}, 'none'],
    ['index.json', { 'index.json': '[{"version":"go1.26.7","stable":true,"files":[]}]' }, 'releases'],
    ['manifest.json alone', { 'manifest.json': '[]' }, 'releases'],
    ['not a listing', { 'index.json': '{"a":1}' }, 'warning']
  ])('%s', async (_name, files, want) => {
    for (const [n, t] of Object.entries(files)) writeFileSync(path.join(dir, n), t);
    const got = await readPreviousListing(dir);
    expect(got === undefined ? 'none' : 'warning' in got ? 'warning' : 'releases').toBe(want);
  });

  test('removeLeftovers removes temporary files only', async () => {
    for (const n of ['.tmp-123-go1.26.7.linux-amd64.tar.gz', '.tmp-9-index.json', 'index.json', '.tmpfile']) {
      writeFileSync(path.join(dir, n), 'x');
    }
    const removed = await removeLeftovers([dir, path.join(dir, 'missing')]);
    expect(removed.map((p) => path.basename(p)).sort()).toEqual([
      '.tmp-123-go1.26.7.linux-amd64.tar.gz',
      '.tmp-9-index.json'
    ]);
    expect(readdirSync(dir).sort()).toEqual(['.tmpfile', 'index.json']);
  });
});
