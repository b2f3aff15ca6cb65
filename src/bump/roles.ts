/**
 * Which modules are applications and which are libraries, for `--go-lines main`. Go's own "main
 * module" does not tell them apart (in a workspace every module is one), so bump defines it:
 *
 * - a go.work is a workspace: its go line is raised;
 * - a module is a tools module when its go.mod has `tool` directives, its root folder has a
 *   `tools.go` with `//go:build tools`, or it is a tool modfile (`tools.mod`, for `go run
 *   -modfile`);
 * - a module is an application when one of its package folders has a `package main` file: the
 *   module root or any folder below it, but not inside a nested module, and not in folders that
 *   are no part of what the module ships (`vendor`, `testdata`, folders starting with `.` or `_`,
 *   which Go's `./...` skips, and `example`/`examples`, whose commands show how to use a library);
 *   `_test.go` files and files with `//go:build ignore` (generators run with `go run gen.go`) do
 *   not count;
 * - every other module is a library: raising its go line would force that Go on everyone who
 *   imports it, so its go line is kept (unless `--go-lines all`).
 * Pure: the edge reads the headers (one file per folder) and hands over what it found.
 */
import type { ModFile } from '../go/types.js';
import { showPath } from '../text.js';
import type { ModuleFacts, ModuleRole } from './types.js';

/** What the edge found in one folder's Go files. */
export interface PackageFolder {
  /** repository-relative posix folder, '' for the root */
  dir: string;
  /** the file that is `package main`, if any */
  main?: string;
  /** a `tools.go` with `//go:build tools`, if any */
  tools?: string;
}

export interface ModuleInput {
  path: string;
  kind: 'go.mod' | 'go.work' | 'tool modfile';
  mod: ModFile;
  /** the go.mod has `tool` directives */
  toolDirectives: boolean;
}

const NOT_SHIPPED = new Set(['vendor', 'testdata', 'example', 'examples']);

/** True when a folder (relative to its module's root) can make its module an application. */
export function countsForRole(relInModule: string): boolean {
  if (relInModule === '') return true;
  return relInModule.split('/').every((s) => !NOT_SHIPPED.has(s) && !s.startsWith('.') && !s.startsWith('_'));
}

/** True when a Go file's header makes it no part of a build: `//go:build ignore`. */
export function isIgnoredFile(directives: readonly { text: string }[]): boolean {
  return directives.some((d) => /^\/\/go:build\s+ignore\s*$/.test(d.text));
}

/** True for a tools.go file: `//go:build tools`. */
export function isToolsFile(name: string, directives: readonly { text: string }[]): boolean {
  return name === 'tools.go' && directives.some((d) => /^\/\/go:build\s+tools\s*$/.test(d.text));
}

export function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '' : file.slice(0, i);
}

function relativeTo(dir: string, root: string): string {
  return root === '' ? dir : dir === root ? '' : dir.slice(root.length + 1);
}

/** The role of every module, with the evidence. `unread` holds module folders whose Go files were not all read. */
export function moduleRoles(
  modules: readonly ModuleInput[],
  folders: readonly PackageFolder[],
  unread: ReadonlySet<string> = new Set()
): ModuleFacts[] {
  const goModDirs = new Set(modules.filter((m) => m.kind === 'go.mod').map((m) => dirOf(m.path)));
  /** The folder of the module a folder belongs to: the nearest go.mod at or above it. */
  const ownerOf = (dir: string): string | undefined => {
    for (let d = dir; ; d = dirOf(d)) {
      if (goModDirs.has(d)) return d;
      if (d === '') return undefined;
    }
  };
  const byModule = new Map<string, PackageFolder[]>();
  for (const f of folders) {
    const owner = ownerOf(f.dir);
    if (owner === undefined || !countsForRole(relativeTo(f.dir, owner))) continue;
    byModule.set(owner, [...(byModule.get(owner) ?? []), f]);
  }
  return modules.map((m): ModuleFacts => {
    const role = (r: ModuleRole, why: string): ModuleFacts => ({
      path: m.path,
      kind: m.kind,
      mod: m.mod,
      role: r,
      why
    });
    if (m.kind === 'go.work') return role('workspace', 'a go.work');
    if (m.kind === 'tool modfile') return role('tools', 'a tool modfile');
    if (m.toolDirectives) return role('tools', 'has tool directives');
    const dir = dirOf(m.path);
    const mine = byModule.get(dir) ?? [];
    const tools = mine.find((f) => f.dir === dir && f.tools);
    if (tools?.tools) return role('tools', `${showPath(tools.tools)} is //go:build tools`);
    const main = mine.find((f) => f.main)?.main;
    if (main) return role('application', `${showPath(main)} is package main`);
    if (unread.has(dir)) return role('library', 'no package main found (not every Go file was read)');
    return role('library', 'no package main');
  });
}
