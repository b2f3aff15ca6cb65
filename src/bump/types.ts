/**
 * The shapes `bump` works with, from the located version tokens of each file to the plan and the
 * result. Plain data, no behaviour. Pure.
 */
import type { ModFile } from '../go/types.js';

/** How a go line of a module is treated: the `--go-lines` flag. */
export type GoLinesPolicy = 'all' | 'main' | 'none';

/**
 * What a version token is:
 * - `go`: the go line of a go.mod, go.work or tool modfile
 * - `toolchain`: its toolchain line
 * - `declaration`: a version stated by a version file, Dockerfile or workflow
 */
export type SiteRole = 'go' | 'toolchain' | 'declaration';

/** One version token of a file, located to its bytes. */
export interface Site {
  /** repository-relative posix path */
  file: string;
  /** 1-based line of the token */
  line: number;
  /** offsets in the text (without a byte order mark) of the version itself: `1.25.0` of `go 1.25.0` */
  start: number;
  end: number;
  /** the version as written there, in Go spelling: `1.25`, `1.25.0`, `1.21rc1` */
  written: string;
  role: SiteRole;
  /** the text around the version as shown in messages: `golang:` and `-alpine` of `golang:1.25-alpine` */
  before: string;
  after: string;
  /** the token can only name a minor (`1.25.x` in a workflow): it stays one, also with --exact */
  minorOnly?: boolean;
  /** toolchain lines: the offsets of the whole line with its line break, to remove it */
  lineStart?: number;
  lineEnd?: number;
}

/** A version the file states but bump does not rewrite: an expression, a matrix list, a digest. */
export interface Unrewritable {
  file: string;
  line: number;
  /** what is written (escaped and at most 40 characters when shown) */
  what: string;
  /** why it is left, and what to do */
  reason: string;
}

/** What locating a file's version tokens found. */
export interface LocatedFile {
  sites: Site[];
  unrewritable: Unrewritable[];
}

/** The kinds of file bump rewrites; `tool modfile` is a `*.mod` file other than go.mod (`go run -modfile`). */
export const BUMP_FILE_KINDS = [
  'go.mod',
  'go.work',
  'tool modfile',
  '.go-version',
  '.tool-versions',
  'mise.toml',
  'Dockerfile',
  'workflow'
] as const;

export type BumpFileKind = (typeof BUMP_FILE_KINDS)[number];

/** Whether bump rewrites files of a kind the checks read (a new reader's kind: not until it has a locator). */
export function isBumpFileKind(kind: string): kind is BumpFileKind {
  return (BUMP_FILE_KINDS as readonly string[]).includes(kind);
}

/** Why a module's go line is raised or kept under `--go-lines main`. */
export type ModuleRole = 'workspace' | 'application' | 'tools' | 'library';

/** A go.mod, go.work or tool modfile with its role. */
export interface ModuleFacts {
  path: string;
  kind: 'go.mod' | 'go.work' | 'tool modfile';
  mod: ModFile;
  role: ModuleRole;
  /** the evidence of the role, for the summary: "cmd/api/main.go is package main" */
  why: string;
}

/** A file read and located, ready for the plan. */
export interface FileFacts {
  path: string;
  kind: BumpFileKind;
  text: string;
  located: LocatedFile;
}

/** How the plan treats one site. */
export type Decision =
  /** the version is replaced (`to` at the precision the file used) */
  | { action: 'set'; site: Site; to: string; why?: string }
  /** the toolchain line is removed: it would be at or below the go line */
  | { action: 'remove'; site: Site; why: string }
  /** left as it is, and why (a library's go line, a newer version without --allow-downgrade) */
  | { action: 'keep'; site: Site; reason: KeepReason; why: string };

/**
 * Why a site is kept: `same` (it already states the target at its precision), `library` (a
 * library's go line under `--go-lines main`), `policy` (`--go-lines none`), `newer` (lowering it
 * needs --allow-downgrade), `workspace` (a go.work kept at a used module's go line).
 */
export type KeepReason = 'same' | 'library' | 'policy' | 'newer' | 'workspace';

export interface BumpOptions {
  /** the exact Go release to bump to (Go spelling) */
  target: string;
  policy: GoLinesPolicy;
  /** write the release also where a file states a language version or minor */
  exact: boolean;
  allowDowngrade: boolean;
}

/** The plan: what to do with every site, per file. */
export interface BumpPlan {
  decisions: Decision[];
  unrewritable: Unrewritable[];
}

/** A file bump leaves alone as a whole: changed during the run, not a regular file, unparsable. */
export interface Refusal {
  file: string;
  line?: number;
  reason: string;
}

/** Something bump left out or passed over that is not a failure: a folder not walked, a symlink. */
export interface Note {
  file: string;
  message: string;
}
