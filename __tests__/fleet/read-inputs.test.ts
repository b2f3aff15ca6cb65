import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../../src/errors.js';
import { findReportFiles, isReportName, readReportFiles, type ReadResult } from '../../src/fleet/read-inputs.js';
import { checkOutDir, writeFiles } from '../../src/fleet/write-output.js';

let root: string;
let outside: string;

function put(rel: string, text = '{}'): string {
  const f = path.join(root, rel);
  mkdirSync(path.dirname(f), { recursive: true });
  writeFileSync(f, text);
  return f;
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'fleet-read-'));
  outside = mkdtempSync(path.join(os.tmpdir(), 'fleet-outside-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

test.each([
  ['report.json', true],
  ['setup-go-enforced-report.json', true],
  ['acme.REPORT.JSON', true],
  ['dashboard.json', false],
  ['report.txt', false],
  ['package.json', false]
])('isReportName(%s) = %s', (name, yes) => expect(isReportName(name)).toBe(yes));

describe('findReportFiles', () => {
  test('a folder: report-named *.json, recursively, not .git or node_modules, sorted', async () => {
    put('a/ci-test/report.json');
    put('a/ci-test/old/report.json');
    put('b/setup-go-enforced-report.json');
    put('b/notes.json');
    put('b/report.txt');
    put('.git/report.json');
    put('x/node_modules/report.json');
    const found = await findReportFiles(['.'], root);
    expect(found.files.map((f) => f.shown)).toEqual([
      'a/ci-test/old/report.json',
      'a/ci-test/report.json',
      'b/setup-go-enforced-report.json'
    ]);
    expect(found.skipped).toEqual([]);
  });

  test('a file given by name is read whatever its name; the same file twice counts once', async () => {
    put('notes.json');
    put('d/report.json');
    const found = await findReportFiles(['notes.json', 'd', 'd/report.json', './d/report.json'], root);
    expect(found.files.map((f) => f.shown)).toEqual(['notes.json', 'd/report.json']);
  });

  test('a glob: every match under its base, whatever the name', async () => {
    put('art/one/report.json');
    put('art/two/notes.json');
    put('art/two/x.txt');
    put('other/report.json');
    const found = await findReportFiles(['art/**/*.json'], root);
    expect(found.files.map((f) => f.shown)).toEqual(['art/one/report.json', 'art/two/notes.json']);
    const braces = await findReportFiles(['art/{one,two}/*.json'], root);
    expect(braces.files).toHaveLength(2);
  });

  test.each([
    [
      'a missing folder',
      'nope/reports',
      'nope/reports: no such file or folder (expected a report file, a folder of them, or a glob)'
    ],
    ['a glob that matches nothing', 'art/**/*.yaml', 'art/**/*.yaml: the glob matches no files'],
    ['a glob under a missing folder', 'missing/*.json', 'missing/*.json: the glob matches no files']
  ])('%s is an input error naming it', async (_name, arg, message) => {
    put('art/one/report.json');
    const e = await findReportFiles([arg], root).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toBe(message);
  });

  test('symbolic links: to a file inside the folder followed, out of it skipped, to a folder not walked', async () => {
    const target = put('real/report.json');
    writeFileSync(path.join(outside, 'secret-report.json'), '{}');
    mkdirSync(path.join(outside, 'dir'));
    writeFileSync(path.join(outside, 'dir', 'report.json'), '{}');
    symlinkSync(target, path.join(root, 'inside-report.json'));
    symlinkSync(path.join(outside, 'secret-report.json'), path.join(root, 'outside-report.json'));
    symlinkSync(path.join(outside, 'dir'), path.join(root, 'linked-dir'));
    symlinkSync(path.join(root, 'gone'), path.join(root, 'dangling-report.json'));
    const found = await findReportFiles(['.'], root);
    // the link inside is the same file as real/report.json: read once
    expect(found.files.map((f) => f.shown)).toEqual(['inside-report.json']);
    expect(found.skipped.map((s) => [s.file, s.kind])).toEqual([
      ['dangling-report.json', 'unreadable'],
      ['outside-report.json', 'outside-root']
    ]);
  });
});

describe('readReportFiles', () => {
  async function readAll(files: string[], maxBytes?: number) {
    const found = await findReportFiles(files, root);
    const results = new Map<string, ReadResult>();
    const seen: number[] = [];
    await readReportFiles(found.files, (f, r) => results.set(f.shown, r), {
      progress: (n) => seen.push(n),
      ...(maxBytes ? { maxBytes } : {})
    });
    expect(seen).toEqual(found.files.map((_, i) => i + 1));
    return results;
  }

  test.each([
    ['JSON', '{"a":1}', { ok: true, json: { a: 1 } }],
    ['JSON with a BOM', '\ufeff[1]', { ok: true, json: [1] }],
    ['not JSON', 'nope {', { ok: false, kind: 'not-json' }],
    ['empty', '  \n', { ok: false, kind: 'not-json', reason: 'not JSON (the file is empty)' }],
    ['too large', `{"x":"${'y'.repeat(2000)}"}`, { ok: false, kind: 'too-large' }]
  ])('%s', async (_name, text, expected) => {
    put('t/report.json', text);
    const r = await readAll(['t'], 1024);
    expect(r.get('t/report.json')).toMatchObject(expected);
  });

  test('a FIFO named on the command line is refused, not waited on', async () => {
    const fifo = path.join(root, 'pipe-report.json');
    execFileSync('mkfifo', [fifo]);
    const r = await readAll(['pipe-report.json']);
    expect(r.get('pipe-report.json')).toEqual({ ok: false, kind: 'unreadable', reason: 'not a regular file' });
  });
});

describe('writeFiles', () => {
  test('writes the files by temp file and rename, leaves everything else alone', async () => {
    const out = path.join(root, 'out');
    mkdirSync(out);
    writeFileSync(path.join(out, 'keep.txt'), 'mine');
    writeFileSync(path.join(out, 'index.html'), 'old');
    const written = await writeFiles(out, { 'index.html': '<p>new</p>', 'dashboard.md': '# md' });
    expect(written).toEqual([path.join(out, 'index.html'), path.join(out, 'dashboard.md')]);
    expect(readdirSync(out).sort()).toEqual(['dashboard.md', 'index.html', 'keep.txt']);
  });

  test('creates a missing folder; refuses a file as the folder', async () => {
    await writeFiles(path.join(root, 'new', 'deep'), { 'a.json': '{}' });
    expect(readdirSync(path.join(root, 'new', 'deep'))).toEqual(['a.json']);
    put('file.txt');
    const e = await checkOutDir(path.join(root, 'file.txt'), 'file.txt').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toBe('input --out: "file.txt" is not a folder (expected a folder to write into)');
    await expect(checkOutDir(path.join(root, 'absent'), 'absent')).resolves.toBeUndefined();
  });

  test('a write that fails is a user error naming the file, and leaves no temp file', async () => {
    const out = path.join(root, 'out');
    mkdirSync(path.join(out, 'index.html'), { recursive: true }); // a folder where the file goes
    const e = await writeFiles(out, { 'index.html': 'x' }).catch((x: unknown) => x);
    expect((e as Error).message).toMatch(/^cannot write .*index\.html: /);
    expect(readdirSync(out)).toEqual(['index.html']);
  });
});
