import { PassThrough } from 'node:stream';
import { testPoint, testStreamPoint, type TestHook } from '../src/test-points.js';

const KEY = Symbol.for('setup-go-enforced.test-hook');
const globals = globalThis as Record<symbol, TestHook | undefined>;

afterEach(() => {
  delete globals[KEY];
});

test('without a hook (every real run) a point returns at once and a stream point adds nothing', async () => {
  await expect(testPoint('locked', '/nowhere')).resolves.toBeUndefined();
  expect(testStreamPoint('mid-extraction', '/nowhere', 100)).toBeUndefined();
});

test('a hook a test entry installed is called at each point with its folder', async () => {
  const seen: string[] = [];
  const through = new PassThrough();
  globals[KEY] = {
    at: (point, dir) => {
      seen.push(`${point} ${dir}`);
      return Promise.resolve();
    },
    stream: (point, _dir, atBytes) => (point === 'mid-extraction' && atBytes === 50 ? through : undefined)
  };
  await testPoint('renamed', '/t');
  await testPoint('bump-before-write', '/repo');
  expect(seen).toEqual(['renamed /t', 'bump-before-write /repo']);
  expect(testStreamPoint('mid-extraction', '/t', 50)).toBe(through);
  expect(testStreamPoint('mirror-mid-archive', '/t', 50)).toBeUndefined();
  // a stream of no bytes has no middle
  expect(testStreamPoint('mid-extraction', '/t', 0)).toBeUndefined();
});
