import { age, num, pct, where } from '../../src/fleet/format.js';
import { progress } from '../../src/fleet/progress.js';

describe('format', () => {
  test.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [1234567, '1,234,567']
  ])('num(%d) = %s', (n, s) => expect(num(n)).toBe(s));

  test.each([
    [1, 3, '33%'],
    [2, 3, '67%'],
    [0, 0, '0%'],
    [5, 5, '100%']
  ])('pct(%d, %d) = %s', (n, of, s) => expect(pct(n, of)).toBe(s));

  test.each([
    [-5, '0 s'],
    [59, '59 s'],
    [60, '1 min'],
    [3599, '59 min'],
    [7200, '2 h'],
    [86400 * 3 + 5, '3 d']
  ])('age(%d) = %s', (s, out) => expect(age(s)).toBe(out));

  test.each([
    [null, ''],
    [{ message: 'm' }, ''],
    [{ message: 'm', file: 'go.mod' }, 'go.mod'],
    [{ message: 'm', file: 'go.mod', line: 3 }, 'go.mod:3']
  ])('where(%j) = %j', (p, out) => expect(where(p)).toBe(out));
});

describe('progress', () => {
  function sink(isTTY: boolean) {
    const out: string[] = [];
    return { out, stream: { isTTY, write: (s: string) => out.push(s) } };
  }

  test('in a log: a plain line at most every interval, none at the end (the summary says it)', () => {
    const { out, stream } = sink(false);
    let t = 0;
    const p = progress(stream, 100, { now: () => t, intervalMs: 5000, what: 'files' });
    for (let done = 1; done <= 100; done++) {
      t += 200; // 20 s in all
      p.update(done);
    }
    p.end();
    expect(out).toEqual(['read 25 of 100 files\n', 'read 50 of 100 files\n', 'read 75 of 100 files\n']);
  });

  test('on a terminal: one line rewritten in place, cleared at the end', () => {
    const { out, stream } = sink(true);
    let t = 0;
    const p = progress(stream, 3, { now: () => t, what: 'files' });
    p.update(1); // too soon after the start
    t = 150;
    p.update(2);
    p.update(3); // the last one always
    p.end();
    expect(out).toEqual(['\rreading files: 2 of 3\u001b[K', '\rreading files: 3 of 3\u001b[K', '\r\u001b[K']);
  });
});
