import { cachePlacement, type PlacementFacts } from '../../src/cache/placement.js';

const win: PlacementFacts = {
  os: 'win32',
  hosted: true,
  env: { LOCALAPPDATA: 'C:\\Users\\runneradmin\\AppData\\Local' },
  goEnv: {
    GOMODCACHE: 'C:\\Users\\runneradmin\\go\\pkg\\mod',
    GOCACHE: 'C:\\Users\\runneradmin\\AppData\\Local\\go-build',
    GOPATH: 'C:\\Users\\runneradmin\\go'
  },
  temp: 'D:\\a\\_temp',
  workspace: 'D:\\a\\repo\\repo'
};

describe('cachePlacement (Windows hosted runners: caches on the fast drive)', () => {
  test('both defaults move to the drive of RUNNER_TEMP, same path', () => {
    expect(cachePlacement(win)).toEqual({
      GOMODCACHE: 'D:\\Users\\runneradmin\\go\\pkg\\mod',
      GOCACHE: 'D:\\Users\\runneradmin\\AppData\\Local\\go-build'
    });
  });

  test.each<[string, Partial<PlacementFacts>, ReturnType<typeof cachePlacement>]>([
    ['Linux', { os: 'linux' }, {}],
    ['self-hosted', { hosted: false }, {}],
    ['temp and workspace on C: too', { temp: 'C:\\a\\_temp', workspace: 'C:\\a\\r' }, {}],
    [
      'GOMODCACHE set by the user in the environment',
      { env: { ...win.env, GOMODCACHE: 'C:\\mods' }, goEnv: { ...win.goEnv, GOMODCACHE: 'C:\\mods' } },
      { GOCACHE: 'D:\\Users\\runneradmin\\AppData\\Local\\go-build' }
    ],
    [
      'GOCACHE set with go env -w (not the default)',
      { goEnv: { ...win.goEnv, GOCACHE: 'C:\\build-cache' } },
      { GOMODCACHE: 'D:\\Users\\runneradmin\\go\\pkg\\mod' }
    ],
    [
      'already on the fast drive',
      { goEnv: { ...win.goEnv, GOPATH: 'D:\\go', GOMODCACHE: 'D:\\go\\pkg\\mod' } },
      { GOCACHE: 'D:\\Users\\runneradmin\\AppData\\Local\\go-build' }
    ]
  ])('%s', (_name, over, expected) => {
    expect(cachePlacement({ ...win, ...over })).toEqual(expected);
  });
});
