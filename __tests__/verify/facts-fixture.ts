/** Builders of Facts and ModFiles for the check tests. */
import type { Facts, ModFile, Release, VersionDeclaration } from '../../src/model.js';

export function mod(path: string, go?: string, extra: Partial<ModFile> = {}): ModFile {
  const kind = path.endsWith('go.work') ? 'go.work' : 'go.mod';
  return {
    kind,
    path,
    ...(kind === 'go.mod' ? { module: { value: `example.com/${path}`, line: 1 } } : {}),
    ...(go !== undefined ? { go: { value: go, line: 3 } } : {}),
    use: [],
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
    request: { spec: { kind: 'minimum', minimum: '1.22' }, raw: 'go 1.22', from: 'go.mod:3', file: 'go.mod', line: 3 },
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
    workspace: { modules: [], useTargets: [], declarations: [] },
    ...over
  };
}

/** Stable releases for the given versions (prereleases marked unstable). */
export function releases(...versions: string[]): Release[] {
  return versions.map((v) => ({ version: v, stable: !/[a-z]/.test(v), files: [] }));
}
