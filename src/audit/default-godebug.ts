/**
 * The installed Go's own answer for the GODEBUG delta (upgrade-facts §2.4 item 1): `go list -e -f
 * '{{.Dir}}\t{{.ImportPath}}\t{{.Name}}\t{{.DefaultGODEBUG}}' <main packages>` in the module, once
 * under the head's go.mod and once under a temporary copy of it with the base's go line and
 * `godebug` lines (`-modfile=`, with go.sum beside it). DefaultGODEBUG already applies the
 * `godebug` and `//go:debug` lines, and the installed toolchain's table is the faithful one, so the
 * audit prefers it (godebug-delta.ts) whenever it is there.
 *
 * Only for a go.mod main module (a workspace cannot take -modfile) and a Go 1.21+ (DefaultGODEBUG
 * is new there). Nothing is downloaded or written: GOTOOLCHAIN=local, GOPROXY=off, GOWORK=off, and
 * GOFLAGS=-mod=vendor when the module is vendored, else -mod=readonly (never -mod=mod, which may
 * rewrite go.mod). Any failure (a module not in the cache, a go.sum that needs updating, a Go that
 * refuses the base's go line) gives undefined and one debug line: the audit then uses the tables,
 * which are the tested default. Edge module: runs go and writes one temporary folder.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ModFile } from '../go/types.js';
import { compareGo, isValidGo } from '../go/gover.js';
import { readWorkspaceFile, workspaceRoot } from '../system/workspace-files.js';
import { clipContent, showPath } from '../text.js';
import { dirOf } from './packages.js';
import type { DefaultGodebugAnswer } from './types.js';
import { realPathOf } from '../system/fs-probe.js';

export interface DefaultGodebugOptions {
  /** the go binary that builds (installed), and its version */
  goBinary: string;
  goVersion: string;
  /** the repository root */
  workspace: string;
  /** the head's go.mod (the main module) */
  module: ModFile;
  /** the base's go.mod at the same path: its go and godebug lines; absent: only the head is asked */
  base?: ModFile;
  /** repository-relative folders of the main packages */
  packages: readonly string[];
  env: NodeJS.ProcessEnv;
  /** where the temporary go.mod copy goes (RUNNER_TEMP) */
  tempDir: string;
  debug?: (message: string) => void;
  timeoutMs?: number;
}

const FORMAT = '{{.Dir}}\t{{.ImportPath}}\t{{.Name}}\t{{.DefaultGODEBUG}}';

interface Listed {
  dir: string;
  importPath: string;
  value: string;
}

function run(
  goBinary: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      goBinary,
      args,
      { cwd, env, timeout: timeoutMs, maxBuffer: 8 * 1024 * 1024, windowsHide: true, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (err) reject(new Error((String(stderr || '').trim() || err.message).split(/\r?\n/)[0]));
        else resolve(stdout);
      }
    );
  });
}

/** The repository-relative folder of a Dir go printed, or undefined when it is not below the module. */
function relativeDir(goDir: string, moduleAbs: string, repoAbs: string, moduleRel: string): string | undefined {
  for (const [from, prefix] of [
    [moduleAbs, moduleRel],
    [safeReal(moduleAbs), moduleRel],
    [repoAbs, ''],
    [safeReal(repoAbs), '']
  ] as const) {
    const rel = path.relative(from, goDir);
    if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
    const posix = rel.split(path.sep).join('/');
    const joined = [prefix, posix].filter((s) => s !== '').join('/');
    return joined;
  }
  return undefined;
}

function safeReal(p: string): string {
  return realPathOf(p) ?? p;
}

/** Parses go list's lines: only main packages count. */
function parseListed(out: string): Listed[] {
  const rows: Listed[] = [];
  for (const line of out.split(/\r?\n/)) {
    const parts = line.split('\t');
    if (parts.length < 4 || parts[2] !== 'main') continue;
    rows.push({ dir: parts[0], importPath: parts[1], value: parts.slice(3).join('\t').trim() });
  }
  return rows;
}

/**
 * The head go.mod's text with the base's go line and `godebug` lines: the go line replaced (or
 * removed when the base had none), every `godebug` entry of the head blanked (a block stays, empty),
 * the base's entries appended as one block.
 */
export function baseModText(headText: string, head: ModFile, base: ModFile): string {
  const lines = headText.split('\n');
  const blank = (n: number | undefined): void => {
    if (n !== undefined && n >= 1 && n <= lines.length) lines[n - 1] = lines[n - 1].endsWith('\r') ? '\r' : '';
  };
  for (const g of head.godebug) blank(g.line);
  if (head.go) {
    if (base.go) lines[head.go.line - 1] = `go ${base.go.value}${lines[head.go.line - 1].endsWith('\r') ? '\r' : ''}`;
    else blank(head.go.line);
  } else if (base.go) lines.push(`go ${base.go.value}`);
  let text = lines.join('\n');
  if (base.godebug.length > 0) {
    if (!text.endsWith('\n')) text += '\n';
    text += `godebug (\n${base.godebug.map((g) => `\t${g.value.key}=${g.value.value}\n`).join('')})\n`;
  }
  return text;
}

/** Asks the installed Go; undefined when it cannot answer (then the tables answer). */
export async function askDefaultGodebug(opts: DefaultGodebugOptions): Promise<DefaultGodebugAnswer | undefined> {
  const debug = opts.debug ?? (() => undefined);
  if (!isValidGo(opts.goVersion) || compareGo(opts.goVersion, '1.21') < 0) return undefined;
  if (opts.module.kind !== 'go.mod' || opts.packages.length === 0) return undefined;
  const moduleRel = dirOf(opts.module.path);
  const moduleAbs = path.join(opts.workspace, ...moduleRel.split('/').filter((s) => s !== ''));
  const patterns = opts.packages.map((d) => {
    const rel = moduleRel === '' ? d : d === moduleRel ? '' : d.slice(moduleRel.length + 1);
    return rel === '' ? '.' : `./${rel}`;
  });
  const vendored = existsSync(path.join(moduleAbs, 'vendor', 'modules.txt'));
  const env: NodeJS.ProcessEnv = {
    ...opts.env,
    GOTOOLCHAIN: 'local',
    GOPROXY: 'off',
    GOWORK: 'off',
    GOFLAGS: vendored ? '-mod=vendor' : '-mod=readonly'
  };
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const ask = async (extra: string[]): Promise<Map<string, Listed>> => {
    const out = await run(
      opts.goBinary,
      ['list', '-e', ...extra, '-f', FORMAT, '--', ...patterns],
      moduleAbs,
      env,
      timeoutMs
    );
    const byDir = new Map<string, Listed>();
    for (const row of parseListed(out)) {
      const dir = relativeDir(row.dir, moduleAbs, opts.workspace, moduleRel);
      if (dir !== undefined) byDir.set(dir, row);
    }
    return byDir;
  };

  let tmp: string | undefined;
  try {
    const after = await ask([]);
    let before: Map<string, Listed> | undefined;
    if (opts.base) {
      const got = readWorkspaceFile(
        workspaceRoot(opts.workspace),
        path.join(opts.workspace, ...opts.module.path.split('/'))
      );
      if (got.status !== 'read') throw new Error(`${opts.module.path} ${got.status}`);
      tmp = mkdtempSync(path.join(opts.tempDir, 'audit-godebug-'));
      const modfile = path.join(tmp, 'base.mod');
      writeFileSync(modfile, baseModText(got.text, opts.module, opts.base));
      const sum = readWorkspaceFile(workspaceRoot(opts.workspace), path.join(moduleAbs, 'go.sum'));
      if (sum.status === 'read') writeFileSync(path.join(tmp, 'base.sum'), sum.text);
      before = await ask([`-modfile=${modfile}`]);
    }
    const packages = opts.packages.flatMap((dir) => {
      const a = after.get(dir);
      if (!a) return [];
      const b = before?.get(dir);
      return [{ dir, importPath: a.importPath, ...(b ? { before: b.value } : {}), after: a.value }];
    });
    if (packages.length === 0) {
      debug(
        `go list answered for none of the main packages of ${showPath(opts.module.path)}: using the GODEBUG tables`
      );
      return undefined;
    }
    return { module: opts.module.path, toolchain: opts.goVersion, packages };
  } catch (err) {
    debug(
      `go list -f {{.DefaultGODEBUG}} in ${showPath(opts.module.path)} failed (${clipContent((err as Error).message, 120)}): using the GODEBUG tables`
    );
    return undefined;
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}
