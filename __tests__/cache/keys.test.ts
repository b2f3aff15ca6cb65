import {
  cacheModeAllows,
  buildKeys,
  buildResult,
  cacheServiceConfigured,
  keyPart,
  modulesKeys,
  modulesResult,
  type KeyFacts
} from '../../src/cache/keys.js';

const facts: KeyFacts = {
  runnerOs: 'Linux',
  arch: 'x64',
  imageOs: 'ubuntu24',
  goVersion: '1.22.3',
  dependencyHash: 'abc',
  runId: '42',
  runAttempt: '1',
  job: 'test',
  suffix: ''
};

describe('modules keys', () => {
  test('hash the dependency files only: the same for every Go version, arch and image', () => {
    const k = modulesKeys(facts);
    expect(k).toEqual({ key: 'setup-go-enforced-mod-Linux-abc', restoreKeys: ['setup-go-enforced-mod-Linux-'] });
    const other: KeyFacts = { ...facts, goVersion: '1.23.0', arch: 'arm64', imageOs: '' };
    expect(modulesKeys(other)).toEqual(k);
  });

  test.each([
    ['setup-go-enforced-mod-Linux-abc', 'exact'],
    ['setup-go-enforced-mod-Linux-old', 'partial'],
    [undefined, 'miss']
  ] as const)('matched %s -> %s', (matched, result) => {
    expect(modulesResult(modulesKeys(facts), matched)).toBe(result);
  });
});

describe('build keys', () => {
  test('carry the target, the Go version, the job and the dependency hash; saved keys add run id and attempt', () => {
    expect(buildKeys(facts)).toEqual({
      lookupKey: 'setup-go-enforced-build-Linux-x64-ubuntu24-go1.22.3-test~abc',
      restoreKeys: [
        'setup-go-enforced-build-Linux-x64-ubuntu24-go1.22.3-test~abc-',
        'setup-go-enforced-build-Linux-x64-ubuntu24-go1.22.3-test~',
        // another job's entry, only when this job has none of its own yet
        'setup-go-enforced-build-Linux-x64-ubuntu24-go1.22.3-'
      ],
      exactPrefix: 'setup-go-enforced-build-Linux-x64-ubuntu24-go1.22.3-test~abc-',
      saveKey: 'setup-go-enforced-build-Linux-x64-ubuntu24-go1.22.3-test~abc-42-1'
    });
  });

  test('cache-key-suffix: the matrix dimensions the key cannot see', () => {
    expect(buildKeys({ ...facts, suffix: 'race' }).saveKey).toBe(
      'setup-go-enforced-build-Linux-x64-ubuntu24-go1.22.3-test+race~abc-42-1'
    );
  });

  test.each([
    ['test', 'test-race', '', ''],
    ['test', 'test', '', 'race'],
    ['test', 'test', 'race', 'race-x'],
    ['lint', 'test', '', ''],
    ['a~b', 'a', '', 'b'],
    ['test', 'tes', 't', '']
  ])(
    'job %s (suffix %j) and job %s (suffix %j): neither restores the other by its own prefixes',
    (jobA, jobB, suffixA, suffixB) => {
      const a = buildKeys({ ...facts, job: jobA, suffix: suffixA });
      const b = buildKeys({ ...facts, job: jobB, suffix: suffixB });
      for (const prefix of a.restoreKeys.slice(0, 2)) expect(b.saveKey.startsWith(prefix)).toBe(false);
      for (const prefix of b.restoreKeys.slice(0, 2)) expect(a.saveKey.startsWith(prefix)).toBe(false);
      expect(buildResult(a, b.saveKey)).toBe('partial');
    }
  );

  test('outside a runner (no GITHUB_JOB) the job segment is _', () => {
    expect(buildKeys({ ...facts, job: '' }).lookupKey).toBe(
      'setup-go-enforced-build-Linux-x64-ubuntu24-go1.22.3-_~abc'
    );
  });

  test.each([
    ['another image', { imageOs: 'ubuntu22' }],
    ['another arch', { arch: 'arm64' }],
    ['another OS', { runnerOs: 'macOS' }],
    ['another Go', { goVersion: '1.22.30' }]
  ])('%s never shares a restore prefix (no clobbering across targets)', (_name, over) => {
    const a = buildKeys(facts);
    const b = buildKeys({ ...facts, ...over });
    for (const prefix of a.restoreKeys) expect(b.saveKey.startsWith(prefix)).toBe(false);
  });

  test.each([
    ['setup-go-enforced-build-Linux-x64-ubuntu24-go1.22.3-test~abc-41-2', 'exact'],
    ['setup-go-enforced-build-Linux-x64-ubuntu24-go1.22.3-test~old-41-1', 'partial'],
    ['setup-go-enforced-build-Linux-x64-ubuntu24-go1.22.3-lint~abc-41-1', 'partial'],
    [undefined, 'miss']
  ] as const)('matched %s -> %s', (matched, result) => {
    expect(buildResult(buildKeys(facts), matched)).toBe(result);
  });

  test('commas and blanks never reach a key; parts are bounded', () => {
    expect(keyPart('a, b\tc')).toBe('a_b_c');
    expect(keyPart('x'.repeat(100))).toHaveLength(64);
    const k = buildKeys({ ...facts, imageOs: 'img,1', runId: 'r u n' });
    expect(k.saveKey).not.toMatch(/[,\s]/);
    expect(k.saveKey.length).toBeLessThanOrEqual(512);
  });
});

describe('cacheServiceConfigured (isFeatureAvailable without loading @actions/cache)', () => {
  test.each([
    ['v2 with results URL', { ACTIONS_CACHE_SERVICE_V2: 'true', ACTIONS_RESULTS_URL: 'http://x/' }, true],
    ['v2 without results URL', { ACTIONS_CACHE_SERVICE_V2: 'true', ACTIONS_CACHE_URL: 'http://x/' }, false],
    ['v1 with cache URL', { ACTIONS_CACHE_URL: 'http://x/' }, true],
    ['v1 with results URL only', { ACTIONS_RESULTS_URL: 'http://x/' }, false],
    ['nothing (not on a runner)', {}, false],
    [
      'GHES ignores the v2 flag',
      { GITHUB_SERVER_URL: 'https://ghes.example', ACTIONS_CACHE_SERVICE_V2: '1', ACTIONS_CACHE_URL: 'http://x/' },
      true
    ],
    ['cache mode none', { ACTIONS_CACHE_URL: 'http://x/', ACTIONS_CACHE_MODE: 'none' }, false]
  ])('%s -> %s', (_name, env, expected) => {
    expect(cacheServiceConfigured(env)).toBe(expected);
  });
});

describe("cacheModeAllows (the runner's ACTIONS_CACHE_MODE, as @actions/cache reads it)", () => {
  test.each([
    [undefined, true, true],
    ['write', true, true],
    [' Read ', true, false],
    ['write-only', false, true],
    ['none', false, false],
    ['something-new', true, true]
  ])('%s -> read %s, write %s', (mode, read, write) => {
    expect(cacheModeAllows(mode === undefined ? {} : { ACTIONS_CACHE_MODE: mode })).toEqual({ read, write });
  });
});
