/** Builders of the audit's plain data for the tests: releases, modules, declarations, sides, inputs. */
import type { ModFile, Release, VersionDeclaration } from '../../src/go/types.js';
import type { VulnMatch } from '../../src/verify/facts.js';
import { readSourceHeader } from '../../src/go/source-header.js';
import type { AuditInput, AuditSide, BaseRead, PackageSources } from '../../src/audit/types.js';

/** Stable releases as of Aug 2026 (go-and-runner-facts.md §4), each with a linux-amd64 archive. */
export const RELEASES: Release[] = (() => {
  const patches: [number, number][] = [
    [27, 0],
    [26, 7],
    [25, 14],
    [24, 13],
    [23, 12],
    [22, 12],
    [21, 13]
  ];
  const out: Release[] = [];
  for (const [minor, newest] of patches) {
    for (let p = newest; p >= 0; p--) {
      const version = `1.${minor}.${p}`;
      out.push({
        version,
        stable: true,
        files: [
          {
            filename: `go${version}.linux-amd64.tar.gz`,
            os: 'linux',
            arch: 'amd64',
            version: `go${version}`,
            sha256: 'a'.repeat(64),
            size: 1,
            kind: 'archive'
          }
        ]
      });
    }
  }
  return out;
})();

export const LINUX = { os: 'linux', arch: 'x64' };

/** A go.mod / go.work: `lines` in file order, e.g. ['go 1.21', 'toolchain go1.23.4', 'godebug panicnil=1']. */
export function mod(path: string, ...lines: string[]): ModFile {
  const kind = path.endsWith('go.work') ? 'go.work' : 'go.mod';
  const m: ModFile = {
    kind,
    path,
    ...(kind === 'go.mod'
      ? { module: { value: `example.com/${path.replace(/\/?go\.mod$/, '') || 'root'}`, line: 1 } }
      : {}),
    use: [],
    godebug: []
  };
  lines.forEach((l, i) => {
    const line = i + 3;
    const [verb, arg] = l.split(/\s+/, 2);
    if (verb === 'go') m.go = { value: arg, line };
    else if (verb === 'toolchain') m.toolchain = { value: arg, line };
    else if (verb === 'use') m.use.push({ value: arg, line });
    else if (verb === 'godebug') {
      const eq = arg.indexOf('=');
      m.godebug.push({ value: { key: arg.slice(0, eq), value: arg.slice(eq + 1) }, line });
    } else throw new Error(`fixture: unknown line ${l}`);
  });
  return m;
}

export function decl(
  kind: VersionDeclaration['kind'],
  file: string,
  version: string,
  raw = kind === 'Dockerfile' ? `golang:${version}` : version,
  line = 1
): VersionDeclaration {
  return { kind, file, line, raw, version };
}

/** A package folder from file name -> source text. */
export function pkg(dir: string, files: Record<string, string>): PackageSources {
  const list = Object.entries(files)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, text]) => ({ file: dir === '' ? name : `${dir}/${name}`, header: readSourceHeader(text) }));
  const main = list.some((f) => !f.file.endsWith('_test.go') && f.header.packageName === 'main');
  return { dir, main, files: list };
}

export function side(
  modules: ModFile[],
  declarations: VersionDeclaration[] = [],
  packages: PackageSources[] = []
): AuditSide {
  const root = modules.find((m) => m.path === 'go.work') ?? modules.find((m) => m.path === 'go.mod');
  return { modules, declarations, packages, ...(root ? { root: root.path } : {}) };
}

export function based(s: AuditSide, sha = '1234567890abcdef1234567890abcdef12345678'): BaseRead {
  return { status: 'read', ref: 'origin/main', sha, side: s };
}

export function input(base: AuditSide, head: AuditSide, over: Partial<AuditInput> = {}): AuditInput {
  return {
    base: based(base),
    head,
    releases: RELEASES,
    platform: LINUX,
    runner: { os: 'Linux', arch: 'X64', imageOS: 'ubuntu24', environment: 'github-hosted' },
    ...over
  };
}

export function vuln(id: string, summary = `a vulnerability ${id}`, fixedInMinor?: string): VulnMatch {
  return {
    id,
    aliases: [],
    summary,
    module: 'stdlib',
    packages: ['net/http'],
    ...(fixedInMinor ? { fixedInMinor } : {}),
    url: `https://pkg.go.dev/vuln/${id}`
  };
}
