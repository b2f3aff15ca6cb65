/**
 * Collects what `doctor` diagnoses: every `go` on PATH (in order, after symlinks), every Go tree in
 * the known locations, GOROOT and GOTOOLCHAIN, the `go env -w` file, GOPATH. Edge module: file
 * system and processes (the first go on PATH answers `go env`).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { askGo, parseGoVersionLine } from '../../system/go-exec.js';
import { exeName } from '../../go/platform-names.js';
import { defaultGoEnvFile, knownLocations, pathApi, type DoctorPlatform } from './locations.js';
import { samePath } from '../../paths.js';
import type { GoInstall, GoOnPath, MachineFacts } from './diagnose.js';
import { realPathOf } from '../../system/fs-probe.js';

function isFile(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
}

function real(p: string): string {
  return realPathOf(p) ?? p;
}

/** The version a Go tree says in its VERSION file (first line, "go1.22.3" -> "1.22.3"). */
function treeVersion(os: string, root: string): string | undefined {
  try {
    const first = readFileSync(pathApi(os).join(root, 'VERSION'), 'utf8').split(/\r?\n/, 1)[0].trim();
    return parseGoVersionLine(`go version ${first}`);
  } catch {
    return undefined;
  }
}

function isGoTree(os: string, root: string): boolean {
  const api = pathApi(os);
  const j = (...parts: string[]): string => api.join(...parts);
  return isFile(j(root, 'bin', exeName({ os, arch: '' }, 'go'))) && existsSync(j(root, 'src', 'runtime'));
}

/** `KEY=VALUE` lines of a go env file. */
export function parseGoEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
    if (m) out[m[1]] = m[2].trim();
  }
  return out;
}

export async function collectMachine(p: DoctorPlatform): Promise<MachineFacts> {
  const api = pathApi(p.os);
  const delimiter = api.delimiter;
  const entries = (p.env.PATH ?? p.env.Path ?? '').split(delimiter).filter((d) => d.trim() !== '');
  const goOnPath: GoOnPath[] = [];
  for (const dir of entries) {
    const bin = api.join(dir, exeName({ os: p.os, arch: '' }, 'go'));
    if (!isFile(bin)) continue;
    const r = real(bin);
    const tree = api.dirname(api.dirname(r));
    const root = isGoTree(p.os, tree) ? tree : undefined;
    let version = root ? treeVersion(p.os, root) : undefined;
    if (!version) version = (await askGo(r, [], p.env)).version;
    goOnPath.push({ dir, real: r, root, version });
  }

  const first = goOnPath[0];
  const said = first ? await askGo(first.real, ['GOENV', 'GOPATH', 'GOMODCACHE', 'GOROOT'], p.env) : undefined;
  if (first && !first.root && said?.env.GOROOT) first.root = said.env.GOROOT;

  const installs: GoInstall[] = [];
  const add = (root: string, source: string): void => {
    const r = real(root);
    if (!isGoTree(p.os, r) || installs.some((i) => i.root === r)) return;
    installs.push({ root: r, version: treeVersion(p.os, r), source });
  };
  for (const g of goOnPath) if (g.root) add(g.root, 'PATH');
  if (p.env.GOROOT) add(p.env.GOROOT, 'GOROOT');
  for (const loc of knownLocations(p, said?.env.GOMODCACHE || undefined)) {
    if (loc.kind === 'root') {
      add(loc.root, loc.source);
      continue;
    }
    let names: string[] = [];
    try {
      names = readdirSync(loc.parent);
    } catch {
      continue;
    }
    for (const name of names.filter((n) => loc.match.test(n)).sort()) {
      add(loc.sub ? api.join(loc.parent, name, loc.sub) : api.join(loc.parent, name), loc.source);
    }
  }

  const goenvFile = said?.env.GOENV || defaultGoEnvFile(p);
  let goenv: MachineFacts['goenv'];
  if (goenvFile !== 'off') {
    try {
      goenv = { file: goenvFile, settings: parseGoEnvFile(readFileSync(goenvFile, 'utf8')) };
    } catch {
      goenv = undefined;
    }
  }

  const gopathDir = said?.env.GOPATH?.split(delimiter)[0];
  const gopath = gopathDir
    ? {
        dir: gopathDir,
        binOnPath: entries.some((e) => samePath(e, api.join(gopathDir, 'bin'), p.os))
      }
    : undefined;

  return {
    os: p.os,
    goOnPath,
    installs,
    env: { GOROOT: p.env.GOROOT, GOTOOLCHAIN: p.env.GOTOOLCHAIN },
    goenv,
    gopath
  };
}
