import {
  defaultGoEnvFile,
  knownLocations,
  userToolCache,
  type DoctorPlatform
} from '../../../src/cli/doctor/locations.js';

const WIN: DoctorPlatform = {
  os: 'win32',
  home: 'C:\\Users\\dev',
  arch: 'x64',
  env: {
    ProgramFiles: 'C:\\Program Files',
    LOCALAPPDATA: 'C:\\Users\\dev\\AppData\\Local',
    APPDATA: 'C:\\Users\\dev\\AppData\\Roaming',
    ProgramData: 'C:\\ProgramData'
  }
};
const LINUX: DoctorPlatform = { os: 'linux', home: '/home/dev', arch: 'x64', env: {} };
const MAC: DoctorPlatform = { os: 'darwin', home: '/Users/dev', arch: 'arm64', env: {} };

const places = (p: DoctorPlatform, cache?: string): string[] =>
  knownLocations(p, cache).map((l) => (l.kind === 'root' ? l.root : `${l.parent}${l.sub ? ` [*/${l.sub}]` : ' [*]'}`));

test('Windows: the MSI locations, Scoop, Chocolatey, golang.org/dl, use, and GOTOOLCHAIN downloads', () => {
  expect(places(WIN, 'C:\\Users\\dev\\go\\pkg\\mod')).toEqual([
    'C:\\Program Files\\Go',
    'C:\\Users\\dev\\AppData\\Local\\Programs\\Go',
    'C:\\Users\\dev\\scoop\\apps\\go [*]',
    'C:\\ProgramData\\chocolatey\\lib\\golang\\tools\\go',
    'C:\\Users\\dev\\sdk [*]',
    'C:\\Users\\dev\\AppData\\Local\\setup-go-enforced\\tool-cache\\go [*/x64]',
    'C:\\Users\\dev\\go\\pkg\\mod\\golang.org [*]'
  ]);
});

test('Linux: /usr/local/go, distribution packages, Homebrew, golang.org/dl, asdf, mise', () => {
  expect(places(LINUX)).toEqual([
    '/usr/local/go',
    '/usr/lib [*]',
    '/opt/homebrew/Cellar/go [*/libexec]',
    '/usr/local/Cellar/go [*/libexec]',
    '/home/linuxbrew/.linuxbrew/Cellar/go [*/libexec]',
    '/home/dev/sdk [*]',
    '/home/dev/.asdf/installs/golang [*/go]',
    '/home/dev/.local/share/mise/installs/go [*]',
    '/home/dev/.cache/setup-go-enforced/tool-cache/go [*/x64]'
  ]);
});

test('which children count', () => {
  const byParent = (p: string) => knownLocations(LINUX).find((l) => l.kind === 'children' && l.parent === p)!;
  const lib = byParent('/usr/lib');
  expect(
    lib.kind === 'children' && ['go', 'go-1.19', 'go-1.22', 'golang', 'gcc'].filter((n) => lib.match.test(n))
  ).toEqual(['go', 'go-1.19', 'go-1.22']);
  const scoop = knownLocations(WIN).find((l) => l.kind === 'children' && l.source === 'Scoop')!;
  expect(scoop.kind === 'children' && ['1.22.3', 'current'].filter((n) => scoop.match.test(n))).toEqual(['1.22.3']);
});

test.each<[DoctorPlatform, string, string]>([
  [WIN, 'C:\\Users\\dev\\AppData\\Roaming\\go\\env', 'C:\\Users\\dev\\AppData\\Local\\setup-go-enforced\\tool-cache'],
  [LINUX, '/home/dev/.config/go/env', '/home/dev/.cache/setup-go-enforced/tool-cache'],
  [MAC, '/Users/dev/Library/Application Support/go/env', '/Users/dev/Library/Caches/setup-go-enforced/tool-cache'],
  [{ ...LINUX, env: { XDG_CONFIG_HOME: '/x/cfg', SETUP_GO_ENFORCED_HOME: '/y' } }, '/x/cfg/go/env', '/y/tool-cache']
])('%# go env file and the tool cache of use', (p, goenv, cache) => {
  expect(defaultGoEnvFile(p)).toBe(goenv);
  expect(userToolCache(p)).toBe(cache);
});
