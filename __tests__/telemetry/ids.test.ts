import { createHash } from 'node:crypto';
import {
  formatTraceparent,
  parseTraceparent,
  randomSpanId,
  randomTraceId,
  receiverRunIds
} from '../../src/telemetry/ids.js';

/** The receiver's formulas, computed here on their own (Go: fmt.Sprintf("%d%dt"), sha256, hex). */
function expected(runId: number, attempt: number) {
  const hex = (s: string) => createHash('sha256').update(s).digest('hex');
  return { traceId: hex(`${runId}${attempt}t`).slice(0, 32), rootSpanId: hex(`${runId}${attempt}s`).slice(16, 32) };
}

describe('receiverRunIds: the GitHub receiver ids of a run', () => {
  test("the receiver's own golden file: run 14460881260, attempt 13", () => {
    // opentelemetry-collector-contrib receiver/githubreceiver/testdata/workflow-run-expected.yaml:
    // the root span of that run (its previous attempt's URL ends in /attempts/12).
    expect(receiverRunIds('14460881260', '13')).toEqual({
      traceId: '731ec8a47fd7450f753a812a4a8aa5a0',
      rootSpanId: 'aba151af7cfbcf0f'
    });
    // ... and the link to attempt 12's trace, from the same file.
    expect(receiverRunIds('14460881260', '12')?.traceId).toBe('3ab150c94bf95169f4958bc860bddc3b');
  });

  test.each([
    [1, 1],
    [123456789, 2],
    [9876543210123, 1],
    [42, 17]
  ])('run %d attempt %d', (run, attempt) => {
    expect(receiverRunIds(String(run), String(attempt))).toEqual(expected(run, attempt));
  });

  test('spaces and leading zeros: as Go prints the int64 it parsed', () => {
    expect(receiverRunIds(' 0042 ', '01')).toEqual(expected(42, 1));
  });

  test.each([
    ['run1', '1'],
    ['', '1'],
    ['12', ''],
    [undefined, '1'],
    ['12', undefined],
    ['-3', '1'],
    ['1.5', '1'],
    ['9223372036854775808', '1']
  ])('no ids for run %p attempt %p (not an int64)', (run, attempt) => {
    expect(receiverRunIds(run, attempt)).toBeUndefined();
  });

  test('the largest int64 still is one', () => {
    expect(receiverRunIds('9223372036854775807', '1')).toBeDefined();
  });
});

describe('parseTraceparent (W3C Trace Context level 1)', () => {
  const trace = '4bf92f3577b34da6a3ce929d0e0e4736';
  const span = '00f067aa0ba902b7';
  test.each([
    { text: `00-${trace}-${span}-01`, sampled: true },
    { text: `00-${trace}-${span}-00`, sampled: false },
    { text: `00-${trace}-${span}-03`, sampled: true },
    { text: `  00-${trace}-${span}-01  `, sampled: true },
    { text: `01-${trace}-${span}-01-more-fields`, sampled: true },
    { text: `cc-${trace}-${span}-00`, sampled: false }
  ])('valid: $text', ({ text, sampled }) => {
    expect(parseTraceparent(text)).toEqual({ traceId: trace, spanId: span, sampled });
  });

  test.each([
    ['empty', ''],
    ['version ff', `ff-${trace}-${span}-01`],
    ['version 00 with more after the flags', `00-${trace}-${span}-01-extra`],
    ['a later version with something other than - after the flags', `01-${trace}-${span}-01x`],
    ['uppercase hex', `00-${trace.toUpperCase()}-${span}-01`],
    ['all-zero trace id', `00-${'0'.repeat(32)}-${span}-01`],
    ['all-zero span id', `00-${trace}-${'0'.repeat(16)}-01`],
    ['short trace id', `00-${trace.slice(1)}-${span}-01`],
    ['wrong separators', `00_${trace}_${span}_01`],
    ['non-hex flags', `00-${trace}-${span}-0g`],
    ['non-hex version', `0x-${trace}-${span}-01`]
  ])('invalid: %s', (_name, text) => {
    expect(parseTraceparent(text)).toBeUndefined();
  });

  test('undefined', () => expect(parseTraceparent(undefined)).toBeUndefined());

  test('formatTraceparent gives back what parseTraceparent reads', () => {
    const text = formatTraceparent(trace, span, false);
    expect(text).toBe(`00-${trace}-${span}-00`);
    expect(parseTraceparent(text)).toEqual({ traceId: trace, spanId: span, sampled: false });
    expect(formatTraceparent(trace, span, true)).toBe(`00-${trace}-${span}-01`);
  });
});

describe('random ids', () => {
  const seq = (...chunks: number[][]) => {
    let i = 0;
    return (n: number) => Uint8Array.from(chunks[i++] ?? new Array<number>(n).fill(7));
  };
  test('hex of the random bytes, of the right length', () => {
    expect(randomSpanId(seq([1, 2, 3, 4, 5, 6, 7, 255]))).toBe('01020304050607ff');
    expect(randomTraceId(seq(new Array<number>(16).fill(0xab)))).toBe('ab'.repeat(16));
  });
  test('an all-zero draw is drawn again', () => {
    expect(randomSpanId(seq(new Array<number>(8).fill(0), [0, 0, 0, 0, 0, 0, 0, 1]))).toBe('0000000000000001');
  });
  test('a source that gives the wrong number of bytes is a bug, not an id', () => {
    expect(() => randomSpanId(() => new Uint8Array(4))).toThrow(/expected 8 random bytes/);
  });
});
