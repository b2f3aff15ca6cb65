import {
  DEFAULT_RETRY,
  MAX_BACKOFF_MS,
  backoffDelay,
  isTransientError,
  retryPolicy,
  retrying,
  timeoutFromSetting,
  type GiveUp,
  type RetryPolicy,
  type RetryVerdict
} from '../../src/system/retry.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isTransientError: the one list of transient errors', () => {
  test.each<[string, unknown, boolean]>([
    ['connection reset', withCode('ECONNRESET'), true],
    ['connection refused', withCode('ECONNREFUSED'), true],
    ['connection aborted', withCode('ECONNABORTED'), true],
    ['timed out', withCode('ETIMEDOUT'), true],
    ['broken pipe', withCode('EPIPE'), true],
    ['DNS try again', withCode('EAI_AGAIN'), true],
    ['network unreachable', withCode('ENETUNREACH'), true],
    ['host unreachable', withCode('EHOSTUNREACH'), true],
    ['network down', withCode('ENETDOWN'), true],
    ['stream closed early', withCode('ERR_STREAM_PREMATURE_CLOSE'), true],
    ['http2 stream error', withCode('ERR_HTTP2_STREAM_ERROR'), true],
    ['gzip data cut off', withCode('Z_BUF_ERROR', 'unexpected end of file'), true],
    ['socket hang up without code', new Error('socket hang up'), true],
    ['premature close without code', new Error('Premature close'), true],
    ['marked transient', Object.assign(new Error('body broke off'), { transient: true }), true],
    [
      'marked final, message of a transient one',
      Object.assign(new Error('socket hang up (3 tries)'), { transient: false }),
      false
    ],
    ['marked final, transient code', Object.assign(withCode('ECONNRESET'), { transient: false }), false],
    ['no such file', withCode('ENOENT'), false],
    ['permission', withCode('EACCES'), false],
    ['disk full', withCode('ENOSPC'), false],
    ['gzip data corrupt', withCode('Z_DATA_ERROR', 'incorrect header check'), false],
    ['plain error', new Error('tar failed'), false],
    ['a string', 'ECONNRESET', false],
    ['undefined', undefined, false],
    ['null', null, false]
  ])('%s -> %s', (_name, e, want) => {
    expect(isTransientError(e)).toBe(want);
  });
});

describe('retryPolicy', () => {
  test.each<[Partial<RetryPolicy> | undefined, RetryPolicy]>([
    [undefined, { ...DEFAULT_RETRY }],
    [{}, { ...DEFAULT_RETRY }],
    [{ timeoutMs: undefined }, { ...DEFAULT_RETRY }],
    [
      { tries: 5, timeoutMs: 1500 },
      { ...DEFAULT_RETRY, tries: 5, timeoutMs: 1500 }
    ],
    [{ tries: 0 }, { ...DEFAULT_RETRY, tries: 1 }],
    [{ tries: 2.7 }, { ...DEFAULT_RETRY, tries: 2 }],
    [{ tries: -1, totalMs: Number.NaN, baseDelayMs: Infinity }, { ...DEFAULT_RETRY }]
  ])('%j', (given, want) => {
    expect(retryPolicy(given)).toEqual(want);
  });

  test('the defaults: 3 tries, 60 s in all, 500 ms first wait, 30 s idle timeout', () => {
    expect(DEFAULT_RETRY).toEqual({ tries: 3, totalMs: 60_000, baseDelayMs: 500, timeoutMs: 30_000 });
  });
});

describe('timeoutFromSetting (SETUP_GO_HTTP_TIMEOUT_MS)', () => {
  test.each<[string | undefined, number | undefined]>([
    [undefined, undefined],
    ['', undefined],
    ['  ', undefined],
    ['1500', 1500],
    [' 250 ', 250],
    ['0', undefined],
    ['-5', undefined],
    ['soon', undefined],
    ['Infinity', undefined]
  ])('%j -> %j', (value, want) => {
    expect(timeoutFromSetting(value)).toBe(want);
  });
});

describe('backoffDelay', () => {
  test.each([
    [1, 500, 250, 500],
    [2, 500, 500, 1000],
    [3, 500, 1000, 2000],
    [20, 500, MAX_BACKOFF_MS / 2, MAX_BACKOFF_MS]
  ])('try %i, base %i: between %i and %i ms', (attempt, base, lo, hi) => {
    for (const r of [0, 0.5, 0.999]) {
      const d = backoffDelay(attempt, base, r);
      expect(d).toBeGreaterThanOrEqual(lo);
      expect(d).toBeLessThanOrEqual(hi);
    }
    expect(backoffDelay(attempt, base, 0)).toBe(lo);
    expect(backoffDelay(attempt, base, 1)).toBe(hi);
  });
});

/** A fake clock: sleep advances it; every try takes `tryMs`. */
function clock(tryMs = 0) {
  let t = 0;
  const waits: number[] = [];
  return {
    waits,
    now: () => t,
    sleep: (ms: number) => {
      waits.push(ms);
      t += ms;
      return Promise.resolve();
    },
    spend: () => {
      t += tryMs;
    }
  };
}

interface Case {
  name: string;
  policy: Partial<RetryPolicy>;
  /** per try: undefined succeeds, else the verdict of its failure */
  tries: (RetryVerdict | undefined)[];
  tryMs?: number;
  /** tries made */
  made: number;
  ok: boolean;
  why?: GiveUp['kind'];
  waits: number[];
}

describe('retrying', () => {
  const retry: RetryVerdict = { retry: true };
  const final: RetryVerdict = { retry: false };
  test.each<Case>([
    { name: 'first try succeeds', policy: {}, tries: [undefined], made: 1, ok: true, waits: [] },
    { name: 'one failure then success', policy: {}, tries: [retry, undefined], made: 2, ok: true, waits: [250] },
    {
      name: 'two failures then success (backoff doubles)',
      policy: {},
      tries: [retry, retry, undefined],
      made: 3,
      ok: true,
      waits: [250, 500]
    },
    {
      name: 'always failing: gives up after 3 tries',
      policy: {},
      tries: [retry, retry, retry, undefined],
      made: 3,
      ok: false,
      why: 'final',
      waits: [250, 500]
    },
    {
      name: 'a final failure is not retried',
      policy: {},
      tries: [final, undefined],
      made: 1,
      ok: false,
      why: 'final',
      waits: []
    },
    {
      name: 'tries: 1 never retries',
      policy: { tries: 1 },
      tries: [retry, undefined],
      made: 1,
      ok: false,
      why: 'final',
      waits: []
    },
    {
      name: 'Retry-After longer than the backoff is honoured',
      policy: {},
      tries: [{ retry: true, retryAfterMs: 2000 }, undefined],
      made: 2,
      ok: true,
      waits: [2000]
    },
    {
      name: 'Retry-After beyond the total budget: gives up at once',
      policy: { totalMs: 60_000 },
      tries: [{ retry: true, retryAfterMs: 120_000 }, undefined],
      made: 1,
      ok: false,
      why: 'retry-after-beyond-budget',
      waits: []
    },
    {
      name: 'no time left for another try',
      policy: { totalMs: 10_000 },
      tryMs: 9_000,
      tries: [retry, undefined],
      made: 1,
      ok: false,
      why: 'no-time-left',
      waits: []
    },
    {
      name: 'no budget at all (Infinity): slow tries are never cut off',
      policy: { totalMs: Infinity },
      tryMs: 600_000,
      tries: [retry, retry, undefined],
      made: 3,
      ok: true,
      waits: [250, 500]
    }
  ])('$name', async (c) => {
    const clk = clock(c.tryMs);
    const policy = { ...retryPolicy(c.policy), ...(c.policy.totalMs === Infinity ? { totalMs: Infinity } : {}) };
    let made = 0;
    let why: GiveUp | undefined;
    const timeouts: number[] = [];
    const run = retrying(
      policy,
      (n, timeoutMs) => {
        made = n;
        timeouts.push(timeoutMs);
        clk.spend();
        const v = c.tries[n - 1];
        return v === undefined
          ? Promise.resolve(`ok ${n}`)
          : Promise.reject(Object.assign(new Error(`try ${n}`), { v }));
      },
      (e) => (e as { v: RetryVerdict }).v,
      {
        now: clk.now,
        sleep: clk.sleep,
        random: () => 0,
        giveUp: (e, tries, w) => {
          why = w;
          return new Error(`gave up after ${tries}: ${(e as Error).message}`);
        }
      }
    );
    if (c.ok) await expect(run).resolves.toBe(`ok ${c.made}`);
    else await expect(run).rejects.toThrow(`gave up after ${c.made}: try ${c.made}`);
    expect(made).toBe(c.made);
    expect(why?.kind).toBe(c.why);
    expect(clk.waits).toEqual(c.waits);
    // each try may take at most its timeout, and never more than the budget left
    for (const t of timeouts) expect(t).toBeLessThanOrEqual(policy.timeoutMs);
  });

  test('the timeout a try gets shrinks to what is left of the budget', async () => {
    const clk = clock(5_000);
    const timeouts: number[] = [];
    await retrying(
      retryPolicy({ totalMs: 12_000, timeoutMs: 10_000 }),
      (n, timeoutMs) => {
        timeouts.push(timeoutMs);
        clk.spend();
        return n < 2 ? Promise.reject(new Error('x')) : Promise.resolve(n);
      },
      () => ({ retry: true }),
      { now: clk.now, sleep: clk.sleep, random: () => 0 }
    );
    expect(timeouts).toEqual([10_000, 12_000 - 5_000 - 250]);
  });

  test('without a giveUp hook the last failure itself is thrown', async () => {
    const err = new Error('last');
    await expect(
      retrying(
        retryPolicy({ tries: 1 }),
        () => Promise.reject(err),
        () => ({ retry: true })
      )
    ).rejects.toBe(err);
  });
});
