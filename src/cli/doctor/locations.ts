/**
 * Where Go installations live on a developer machine, by platform: the folders `doctor` looks in
 * besides PATH and GOROOT. Pure: the platform and environment are arguments, so Windows locations
 * are computed (and tested) anywhere.
 */
import path from 'node:path';

export interface DoctorPlatform {
  /** process.platform: 'linux' | 'darwin' | 'win32' | ... */
  os: string;
  env: NodeJS.ProcessEnv;
  /** the user's home folder */
  home: string;
  /** the tool cache arch folder (x64, arm64) */
  arch: string;
}

/**
 * A place to look: `root` is a Go root itself, or every child of `parent` whose name matches
 * `match` is one (`sub` below it, when the tree sits one level down).
 */
export type Location =
  | { kind: 'root'; root: string; source: string }
  | { kind: 'children'; parent: string; match: RegExp; sub?: string; source: string };

export function pathApi(os: string): path.PlatformPath {
  return os === 'win32' ? path.win32 : path.posix;
}

/** The folders Go installers, package managers and version managers use on this platform. */
export function knownLocations(p: DoctorPlatform, gomodcache?: string): Location[] {
  const api = pathApi(p.os);
  const j = (...parts: string[]): string => api.join(...parts);
  const out: Location[] = [];
  if (p.os === 'win32') {
    const programFiles = p.env.ProgramFiles || 'C:\\Program Files';
    const localAppData = p.env.LOCALAPPDATA || j(p.home, 'AppData', 'Local');
    const programData = p.env.ProgramData || 'C:\\ProgramData';
    out.push(
      { kind: 'root', root: j(programFiles, 'Go'), source: 'the Go MSI installer' },
      { kind: 'root', root: j(localAppData, 'Programs', 'Go'), source: 'the Go MSI installer (per user)' },
      { kind: 'children', parent: j(p.home, 'scoop', 'apps', 'go'), match: /^(?!current$)\d/, source: 'Scoop' },
      { kind: 'root', root: j(programData, 'chocolatey', 'lib', 'golang', 'tools', 'go'), source: 'Chocolatey' },
      { kind: 'children', parent: j(p.home, 'sdk'), match: /^go1\./, source: 'golang.org/dl' }
    );
  } else {
    out.push(
      { kind: 'root', root: '/usr/local/go', source: 'the official archive' },
      { kind: 'children', parent: '/usr/lib', match: /^go(-\d+\.\d+)?$/, source: 'the distribution package' },
      { kind: 'children', parent: '/opt/homebrew/Cellar/go', match: /^\d/, sub: 'libexec', source: 'Homebrew' },
      { kind: 'children', parent: '/usr/local/Cellar/go', match: /^\d/, sub: 'libexec', source: 'Homebrew' },
      {
        kind: 'children',
        parent: '/home/linuxbrew/.linuxbrew/Cellar/go',
        match: /^\d/,
        sub: 'libexec',
        source: 'Homebrew'
      },
      { kind: 'children', parent: j(p.home, 'sdk'), match: /^go1\./, source: 'golang.org/dl' },
      { kind: 'children', parent: j(p.home, '.asdf', 'installs', 'golang'), match: /^\d/, sub: 'go', source: 'asdf' },
      {
        kind: 'children',
        parent: j(p.env.XDG_DATA_HOME || j(p.home, '.local', 'share'), 'mise', 'installs', 'go'),
        match: /^\d/,
        source: 'mise'
      }
    );
  }
  out.push({
    kind: 'children',
    parent: j(userToolCache(p), 'go'),
    match: /^\d/,
    sub: p.arch,
    source: 'setup-go-enforced use'
  });
  if (gomodcache) {
    out.push({
      kind: 'children',
      parent: j(gomodcache, 'golang.org'),
      match: /^toolchain@v0\.0\.1-go/,
      source: 'a GOTOOLCHAIN download'
    });
  }
  return out;
}

/** Where `go env -w` writes when GOENV is not set (os.UserConfigDir()/go/env). */
export function defaultGoEnvFile(p: DoctorPlatform): string {
  const api = pathApi(p.os);
  const j = (...parts: string[]): string => api.join(...parts);
  if (p.os === 'win32') return j(p.env.APPDATA || j(p.home, 'AppData', 'Roaming'), 'go', 'env');
  if (p.os === 'darwin') return j(p.home, 'Library', 'Application Support', 'go', 'env');
  return j(p.env.XDG_CONFIG_HOME || j(p.home, '.config'), 'go', 'env');
}

/** The per-user tool cache of `use`: SETUP_GO_ENFORCED_HOME, else the platform's cache folder. */
export function userToolCache(p: DoctorPlatform): string {
  const api = pathApi(p.os);
  const j = (...parts: string[]): string => api.join(...parts);
  if (p.env.SETUP_GO_ENFORCED_HOME) return j(p.env.SETUP_GO_ENFORCED_HOME, 'tool-cache');
  if (p.os === 'win32')
    return j(p.env.LOCALAPPDATA || j(p.home, 'AppData', 'Local'), 'setup-go-enforced', 'tool-cache');
  if (p.os === 'darwin') return j(p.home, 'Library', 'Caches', 'setup-go-enforced', 'tool-cache');
  return j(p.env.XDG_CACHE_HOME || j(p.home, '.cache'), 'setup-go-enforced', 'tool-cache');
}
