import { cacheWorkerWanted } from '../../src/cache/early-start.js';

const service = { ACTIONS_CACHE_SERVICE_V2: 'true', ACTIONS_RESULTS_URL: 'http://127.0.0.1:1/' };

describe('cacheWorkerWanted: start the cache worker before the action loads', () => {
  test.each([
    ['defaults, with a cache service', {}, true],
    ['cache: true, mode: install', { INPUT_CACHE: 'true', INPUT_MODE: 'install' }, true],
    ['cache: True (a YAML boolean)', { INPUT_CACHE: 'True' }, true],
    ['cache: false', { INPUT_CACHE: 'false' }, false],
    ['cache: FALSE', { INPUT_CACHE: ' FALSE ' }, false],
    ['mode: verify restores nothing', { INPUT_MODE: 'verify' }, false],
    ['mode: plan restores nothing', { INPUT_MODE: 'plan' }, false],
    ['a bad cache value: the inputs stage reports it; starting costs nothing', { INPUT_CACHE: 'maybe' }, true]
  ])('%s', (_name, inputs, expected) => {
    expect(cacheWorkerWanted({ ...service, ...inputs })).toBe(expected);
  });

  test('no cache service in the environment: not started', () => {
    expect(cacheWorkerWanted({})).toBe(false);
    expect(cacheWorkerWanted({ ...service, ACTIONS_CACHE_MODE: 'none' })).toBe(false);
  });
});
