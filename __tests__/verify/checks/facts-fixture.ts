/** Builders of Facts and ModFiles for the check tests. */
import type { Facts, UseTarget } from '../../../src/verify/facts.js';
import type { ModFile, Release, VersionDeclaration } from '../../../src/go/types.js';
import { DEFAULT_SWITCHING } from '../../../src/plan/toolchain-switching.js';

export function mod(path: string, go?: string, extra: Partial<ModFile> = {}): ModFile {
  const kind = path.endsWith('go.work') ? 'go.work' : 'go.mod';
  return {
    kind,
    path,
    ...(kind === 'go.mod' ? { module: { value: `example.com/${path}`, line: 1 } } : {}),
    ...(go !== undefined ? { go: { value: go, line: 3 } } : {}),
    use: [],
    godebug: [],
    ...extra
  };
}

export function decl(
  kind: VersionDeclaration['kind'],
  file: string,
  version: string,
  raw = version,
  line = 1
): VersionDeclaration {
  return { kind, file, line, raw, version };
}

export function facts(over: Partial<Facts> = {}): Facts {
  const version = over.version ?? '1.22.12';
  return {
    mode: 'install',
    version,
    request: {
      spec: { kind: 'minimum', minimum: '1.22' },
      raw: '1.22',
      origin: { kind: 'file', format: 'go.mod', file: 'go.mod', line: 3, directive: 'go' }
    },
    installed: {
      expected: version,
      expectedRoot: '/opt/hostedtoolcache/go/1.22.12/x64',
      goVersionOutput: `go version go${version} linux/amd64`,
      goVersion: version,
      envGoVersion: version,
      envGoRoot: '/opt/hostedtoolcache/go/1.22.12/x64',
      goOnPath: '/opt/hostedtoolcache/go/1.22.12/x64/bin/go'
    },
    env: {},
    workspace: { modules: [], useTargets: [], declarations: [], problems: [] },
    switching: DEFAULT_SWITCHING,
    ...over
  };
}

/** Facts over these modules (the first is the root) and declarations. */
export function repo(modules: ModFile[], declarations: VersionDeclaration[] = [], over: Partial<Facts> = {}): Facts {
  return facts({
    root: modules[0],
    workspace: { modules, useTargets: [], declarations, problems: [] },
    ...over
  });
}

/** A go.work `use` entry as the scanner resolves it. */
export function target(
  use: string,
  dir: string,
  exists: boolean,
  hasGoMod: boolean,
  line = 4,
  workFile = 'go.work'
): UseTarget {
  return { workFile, use, line, dir, exists, hasGoMod, outside: false };
}

/** The request of the go-version input. */
export function inputRequest(version: string): Facts['request'] {
  return { spec: { kind: 'exact', version }, raw: version, origin: { kind: 'input' } };
}

/** Stable releases for the given versions (prereleases marked unstable). */
export function releases(...versions: string[]): Release[] {
  return versions.map((v) => ({ version: v, stable: !/[a-z]/.test(v), files: [] }));
}
