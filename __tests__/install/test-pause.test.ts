import { jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import {
  PAUSE_STAGES,
  TEST_PAUSE_ENV,
  midStreamPause,
  pauseAt,
  pauseFile,
  pauseStage
} from '../../src/install/test-pause.js';

describe('pauseStage: only a known stage in SETUP_GO_ENFORCED_TEST_PAUSE counts', () => {
  test.each<[string | undefined, string | undefined]>([
    [undefined, undefined],
    ['', undefined],
    ['locked', 'locked'],
    [' marked ', 'marked'],
    ['mid-extraction', 'mid-extraction'],
    ['LOCKED', undefined],
    ['everywhere', undefined]
  ])('%j -> %j', (value, want) => {
    expect(pauseStage(value === undefined ? {} : { [TEST_PAUSE_ENV]: value })).toBe(want);
  });

  test('the stages, in install order', () => {
    expect(PAUSE_STAGES).toEqual(['before-lock', 'locked', 'staging', 'mid-extraction', 'renamed', 'marked']);
  });
});

describe('without the variable nothing pauses', () => {
  let temp: string;
  beforeEach(() => {
    temp = mkdtempSync(path.join(os.tmpdir(), 'pause-'));
  });
  afterEach(() => rmSync(temp, { recursive: true, force: true }));

  test('pauseAt returns at once and writes nothing; another stage does not pause either', async () => {
    await pauseAt({}, temp, 'locked');
    await pauseAt({ [TEST_PAUSE_ENV]: 'marked' }, temp, 'locked');
    expect(() => readFileSync(pauseFile(temp, 'locked'))).toThrow();
  });

  test('midStreamPause: none unless asked', () => {
    expect(midStreamPause({}, temp, 100)).toBeUndefined();
    expect(midStreamPause({ [TEST_PAUSE_ENV]: 'locked' }, temp, 100)).toBeUndefined();
    expect(midStreamPause({ [TEST_PAUSE_ENV]: 'mid-extraction' }, temp, 0)).toBeUndefined();
  });

  test('midStreamPause, when asked: passes bytes up to the mark, then writes the pause file and stops', async () => {
    // the pause keeps its process alive with an interval: a fake one here, so jest can exit
    jest.useFakeTimers({ doNotFake: ['setTimeout', 'setImmediate', 'nextTick', 'queueMicrotask'] });
    const t = midStreamPause({ [TEST_PAUSE_ENV]: 'mid-extraction' }, temp, 250)!;
    const out = new PassThrough();
    let seen = 0;
    out.on('data', (b: Buffer) => (seen += b.length));
    Readable.from([Buffer.alloc(100), Buffer.alloc(100), Buffer.alloc(100), Buffer.alloc(100)])
      .pipe(t)
      .pipe(out);
    const file = pauseFile(temp, 'mid-extraction');
    for (let i = 0; i < 200; i++) {
      try {
        expect(readFileSync(file, 'utf8')).toBe(String(process.pid));
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 10));
      }
    }
    expect(readFileSync(file, 'utf8')).toBe(String(process.pid));
    expect(seen).toBe(300);
    t.destroy();
    jest.useRealTimers();
  });
});
