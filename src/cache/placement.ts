/**
 * Where the caches live on Windows hosted runners (pure). C: is slow there; restoring a large
 * cache onto it takes many minutes (setup-go #495). Unless the user chose GOMODCACHE or GOCACHE
 * (in the environment, or `go env -w` to anything but Go's default), a cache on another drive than
 * the fast one goes to the same path on the fast drive, the drive the toolchain is installed on
 * (install/layout.ts fastDrive).
 */
import path from 'node:path';
import { fastDrive } from '../install/layout.js';

export interface PlacementFacts {
  os: string;
  /** RUNNER_ENVIRONMENT is github-hosted */
  hosted: boolean;
  /** the environment before the step exports anything */
  env: NodeJS.ProcessEnv;
  /** `go env` of the installed Go */
  goEnv: { GOMODCACHE: string; GOCACHE: string; GOPATH: string };
  temp: string;
  workspace: string;
}

/** The variables to export so the caches sit on the fast drive; {} when nothing moves. */
export function cachePlacement(f: PlacementFacts): { GOMODCACHE?: string; GOCACHE?: string } {
  if (f.os !== 'win32' || !f.hosted) return {};
  const same = (a: string, b: string): boolean =>
    path.win32
      .normalize(a)
      .replace(/[\\/]+$/, '')
      .toLowerCase() ===
    path.win32
      .normalize(b)
      .replace(/[\\/]+$/, '')
      .toLowerCase();
  const gopath = f.goEnv.GOPATH.split(';')[0] ?? '';
  const defaults = {
    GOMODCACHE: gopath ? path.win32.join(gopath, 'pkg', 'mod') : '',
    GOCACHE: f.env.LOCALAPPDATA ? path.win32.join(f.env.LOCALAPPDATA, 'go-build') : ''
  };
  const out: { GOMODCACHE?: string; GOCACHE?: string } = {};
  for (const name of ['GOMODCACHE', 'GOCACHE'] as const) {
    const value = f.goEnv[name];
    if (!value || (f.env[name] ?? '') !== '' || !defaults[name] || !same(value, defaults[name])) continue;
    const drive = fastDrive(value, f.temp, f.workspace);
    if (drive) out[name] = drive + value.slice(2);
  }
  return out;
}
