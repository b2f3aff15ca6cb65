import {
  actionOutputId,
  buildCacheDecision,
  entryToken,
  isEntry,
  leaveOut,
  outputRel,
  usedActions,
  type BuildCacheFile
} from '../../src/cache/build-cache.js';

const hex = (c: string, prefix = 'ab'): string => prefix + c.repeat(62);
const T0 = 1_000_000;

describe('entries', () => {
  test.each([
    [`ab/${hex('1')}-a`, true],
    [`ab/${hex('1')}-d`, true],
    [`ac/${hex('1')}-a`, false],
    ['ab/short-a', false],
    ['README', false],
    ['trim.txt', false],
    [`fuzz/${hex('1')}-a`, false]
  ])('isEntry(%s) = %s', (rel, expected) => expect(isEntry(rel)).toBe(expected));

  test('an action entry names its output', () => {
    const text = `v1 ${hex('1')} ${hex('2', 'cd')} ${' '.repeat(15)}12345 ${' '.repeat(1)}1700000000000000000\n`;
    expect(actionOutputId(text)).toBe(hex('2', 'cd'));
    expect(outputRel(hex('2', 'cd'))).toBe(`cd/${hex('2', 'cd')}-d`);
    expect(actionOutputId('garbage')).toBeUndefined();
  });

  test('tokens are short and keep the kind', () => {
    expect(entryToken(`ab/${hex('1')}-d`)).toBe(`${hex('1').slice(0, 20)}d`);
  });
});

describe('buildCacheDecision', () => {
  const f = (rel: string, mtimeMs: number, size = 10): BuildCacheFile => ({ rel, mtimeMs, size });
  const usedA = `ab/${hex('1')}-a`;
  const usedOut = `cd/${hex('2', 'cd')}-d`; // old mtime, but the used action points at it
  const unusedA = `ab/${hex('3')}-a`;
  const unusedD = `ab/${hex('4')}-d`;
  const newA = `ab/${hex('5')}-a`;
  const files = [
    f(usedA, T0 + 5),
    f(usedOut, T0 - 7_200_000),
    f(unusedA, T0 - 7_200_000),
    f(unusedD, T0 - 1),
    f(newA, T0 + 9),
    f('README', 0)
  ];

  test('keeps what the job used or wrote plus outputs of kept actions; drops the rest', () => {
    expect(usedActions(files, T0)).toEqual([usedA, newA]);
    const d = buildCacheDecision(files, T0, [hex('2', 'cd')], new Set([entryToken(usedA), entryToken(usedOut)]));
    expect(d.keep.sort()).toEqual([usedA, usedOut, newA].sort());
    expect(d.drop.sort()).toEqual([unusedA, unusedD].sort());
    expect(d.added).toBe(1);
    expect(d.keptBytes).toBe(30);
  });

  test('nothing new when the job only used restored entries', () => {
    const d = buildCacheDecision(
      [f(usedA, T0 + 1), f(unusedA, 0)],
      T0,
      [],
      new Set([entryToken(usedA), entryToken(unusedA)])
    );
    expect(d).toMatchObject({ keep: [usedA], drop: [unusedA], added: 0 });
  });

  test('after a miss everything used is new', () => {
    expect(buildCacheDecision([f(usedA, T0), f(newA, T0)], T0, [], new Set()).added).toBe(2);
  });
});

describe('leaveOut', () => {
  test('folders without a kept entry go as a whole; in the others, only the dropped files', () => {
    const keep = [`ab/${hex('1')}-a`];
    const drop = [`ab/${hex('3')}-a`, `cd/${hex('2', 'cd')}-d`];
    expect(leaveOut(['ab', 'cd', 'ef', 'fuzz'], { keep, drop })).toEqual(['cd', 'ef', `ab/${hex('3')}-a`]);
  });
});
