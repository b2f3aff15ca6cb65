import { makeProgress } from '../../src/mirror/progress.js';
import { summaryLines, type MirrorResult } from '../../src/mirror/summary.js';

function sink() {
  const out: string[] = [];
  return { out, stream: { write: (s: string) => out.push(s) } };
}

describe('progress', () => {
  test('not a terminal: a line when the downloads start and one per file, no escape codes', () => {
    const s = sink();
    const p = makeProgress(s.stream, false, () => 0);
    p.start(2, 3 * 1024 * 1024, 4);
    p.bytes(1024);
    p.done('go1.27.0.linux-amd64.tar.gz', 2 * 1024 * 1024);
    p.failed('go1.27.0.windows-amd64.zip', 'sha256 mismatch');
    p.finish();
    expect(s.out.join('')).toBe(
      'downloading 2 files (3.0 MiB), 4 at a time\n  go1.27.0.linux-amd64.tar.gz (2.0 MiB) verified\n  go1.27.0.windows-amd64.zip: sha256 mismatch\n'
    );
  });

  test('a terminal: one line redrawn at most every 100 ms, ended by a newline', () => {
    const s = sink();
    let t = 0;
    const p = makeProgress(s.stream, true, () => t);
    p.start(2, 2048, 2);
    for (let i = 0; i < 10; i++) {
      t += 10;
      p.bytes(100);
    }
    p.done('a', 1024);
    p.finish();
    const text = s.out.join('');
    expect(text.split('\r\u001b[2K').filter(Boolean)).toEqual([
      'mirror: 0/2 files, 0 B of 2.0 KiB, 0 B/s',
      'mirror: 0/2 files, 1000 B of 2.0 KiB, 9.8 KiB/s',
      'mirror: 1/2 files, 1000 B of 2.0 KiB, 9.8 KiB/s',
      'mirror: 1/2 files, 1000 B of 2.0 KiB, 9.8 KiB/s\n'
    ]);
  });

  test('nothing to download: nothing printed', () => {
    const s = sink();
    const p = makeProgress(s.stream, false);
    p.start(0, 0, 4);
    p.finish();
    expect(s.out).toEqual([]);
  });
});

describe('summaryLines', () => {
  const base: MirrorResult = {
    dir: '/m',
    upstream: 'https://go.dev/dl',
    complete: true,
    releases: ['1.27.0', '1.26.7'],
    files: 2,
    bytes: 2 * 1024 * 1024,
    platforms: ['linux/amd64'],
    added: ['go1.27.0.linux-amd64.tar.gz'],
    replaced: [],
    kept: ['go1.26.7.linux-amd64.tar.gz'],
    removed: [],
    dropped: [],
    downloadedBytes: 1024 * 1024,
    durationMs: 1500,
    problems: [],
    warnings: []
  };
  test.each<[string, Partial<MirrorResult>, string[]]>([
    [
      'complete',
      {},
      [
        '/m: complete, 2 files of 2 releases (go1.27.0, go1.26.7) for linux/amd64, 2.0 MiB',
        '  added 1 (1.0 MiB downloaded in 1.5 s), replaced 0, kept 1, removed 0'
      ]
    ],
    [
      'incomplete: the problems, and that the previous mirror is unchanged',
      { complete: false, problems: ['go1.27.0.linux-amd64.tar.gz: sha256 mismatch'], releases: ['1.26.7'], files: 1 },
      [
        '/m: incomplete, 1 problem; the previous mirror is unchanged (1 file of 1 release (go1.26.7) for linux/amd64, 2.0 MiB)',
        '  placed 1 (1.0 MiB downloaded in 1.5 s), replaced 0, kept 1, removed 0',
        '  could not mirror: go1.27.0.linux-amd64.tar.gz: sha256 mismatch'
      ]
    ],
    [
      'with the vulnerability database',
      { vulndb: { entries: 12, fetched: 2, kept: 10, removed: 1 } },
      [
        '/m: complete, 2 files of 2 releases (go1.27.0, go1.26.7) for linux/amd64, 2.0 MiB',
        '  added 1 (1.0 MiB downloaded in 1.5 s), replaced 0, kept 1, removed 0',
        '  vulnerability database: 12 entries (2 fetched, 10 kept, 1 removed)'
      ]
    ]
  ])('%s', (_name, over, want) => {
    expect(summaryLines({ ...base, ...over })).toEqual(want);
  });
});
