import type { ManifestFile } from '../../src/go/types.js';
import { decide, type DecideInput, type Present } from '../../src/mirror/decide.js';
import type { HeldFile } from '../../src/mirror/selection.js';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);
const SHA_C = 'c'.repeat(64);

function held(name: string, sha256: string, size = 100, reasons = ['spec']): HeldFile {
  const file: ManifestFile = {
    filename: name,
    os: 'linux',
    arch: 'amd64',
    version: 'go1.26.7',
    sha256,
    size,
    kind: 'archive'
  };
  return { release: { version: '1.26.7', stable: true }, file, reasons };
}
const F = 'go1.26.7.linux-amd64.tar.gz';
const G = 'go1.25.14.linux-amd64.tar.gz';

type Case = [string, Partial<DecideInput>, [string, string, string?][], string[]];

describe('decide: keep what is verified, add what is missing, replace what changed', () => {
  test.each<Case>([
    ['missing: add', { selected: [held(F, SHA_A)] }, [[F, 'add', SHA_A]], []],
    [
      'there with the sha256 and size: keep',
      { selected: [held(F, SHA_A)], present: new Map([[F, { sha256: SHA_A, size: 100 }]]) },
      [[F, 'keep', SHA_A]],
      []
    ],
    [
      'there, another sha256: replace',
      { selected: [held(F, SHA_A)], present: new Map([[F, { sha256: SHA_B, size: 100 }]]) },
      [[F, 'replace', SHA_A]],
      []
    ],
    [
      'there, the sha256 but another size: replace',
      { selected: [held(F, SHA_A)], present: new Map([[F, { sha256: SHA_A, size: 99 }]]) },
      [[F, 'replace', SHA_A]],
      []
    ],
    [
      'upstream size unknown (0): the sha256 decides',
      { selected: [held(F, SHA_A, 0)], present: new Map([[F, { sha256: SHA_A, size: 7 }]]) },
      [[F, 'keep', SHA_A]],
      []
    ],
    [
      'the upstream changed it: replace (its new sha256 is expected)',
      { selected: [held(F, SHA_B)], previous: [held(F, SHA_A)], present: new Map([[F, { sha256: SHA_A, size: 100 }]]) },
      [[F, 'replace', SHA_B]],
      []
    ],
    [
      'no upstream sha256 (allowed): kept when it has the sha256 first recorded',
      { selected: [held(F, '')], previous: [held(F, SHA_C)], present: new Map([[F, { sha256: SHA_C, size: 100 }]]) },
      [[F, 'keep', SHA_C]],
      []
    ],
    [
      'no upstream sha256 and no record of it: fetched again, unverified',
      { selected: [held(F, '')], present: new Map([[F, { sha256: SHA_C, size: 100 }]]) },
      [[F, 'replace', '']],
      []
    ],
    [
      'the previous listing holds what the selection no longer does: kept (no --prune)',
      {
        selected: [held(F, SHA_A)],
        previous: [held(G, SHA_B)],
        present: new Map<string, Present>([
          [F, { sha256: SHA_A, size: 100 }],
          [G, { sha256: SHA_B, size: 100 }]
        ])
      },
      [
        [F, 'keep', SHA_A],
        [G, 'keep', SHA_B]
      ],
      []
    ],
    [
      '--prune: the previous listing does not count',
      {
        selected: [held(F, SHA_A)],
        previous: [held(G, SHA_B)],
        prune: true,
        present: new Map<string, Present>([
          [F, { sha256: SHA_A, size: 100 }],
          [G, { sha256: SHA_B, size: 100 }]
        ])
      },
      [[F, 'keep', SHA_A]],
      []
    ],
    [
      'a previous file gone from DIR, still upstream: fetched again',
      { selected: [], previous: [held(G, SHA_B)], upstream: new Map([[G, held(G, SHA_B, 100, [])]]) },
      [[G, 'add', SHA_B]],
      []
    ],
    [
      'a previous file gone from DIR and from the upstream: dropped',
      { selected: [], previous: [held(G, SHA_B)], upstream: new Map() },
      [],
      [G]
    ],
    [
      'a previous file damaged in DIR, not upstream: dropped',
      { selected: [], previous: [held(G, SHA_B)], present: new Map([[G, { sha256: SHA_C, size: 100 }]]) },
      [],
      [G]
    ]
  ])('%s', (_name, input, want, dropped) => {
    const d = decide({ selected: [], previous: [], present: new Map(), prune: false, ...input });
    expect(d.decisions.map((x) => [x.held.file.filename, x.action, x.held.file.sha256])).toEqual(want);
    expect(d.dropped.map((x) => x.filename)).toEqual(dropped);
  });

  test('a kept file says the size on disk; reasons of a previous file carry over', () => {
    const d = decide({
      selected: [],
      previous: [held(G, SHA_B, 100, ['the previous listing'])],
      upstream: new Map([[G, held(G, SHA_B, 0, [])]]),
      present: new Map([[G, { sha256: SHA_B, size: 100 }]]),
      prune: false
    });
    expect(d.decisions.map((x) => [x.action, x.held.file.size, x.held.reasons])).toEqual([
      ['keep', 100, ['the previous listing']]
    ]);
  });
});
