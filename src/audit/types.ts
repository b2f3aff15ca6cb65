/**
 * The shapes of the upgrade audit: what one side (the base or the head of a pull request) holds,
 * the audit's input, and its result, which is the `audit` object of the JSON report (stable field
 * names, plain JSON: optional fields are left out, never `undefined` or `null` inside). Plain data,
 * no behaviour. Pure.
 */
import type { FileProblem, VulnFacts } from '../verify/facts.js';
import type { FindingKind } from '../verify/findings.js';
import type { AuditCheckId } from '../verify/checks/ids.js';
import type { ModFile, Platform, Release, VersionDeclaration } from '../go/types.js';
import type { GodebugFlipCause, GoSourceFile } from '../go/godebug.js';
import type { LanguageChange, PlatformRequirement, VetChange } from '../go/release-changes.js';

/** The Go files of one package folder that were read, with their headers (go/source-header.ts). */
export interface PackageSources {
  /** repository-relative posix folder, '' for the root */
  dir: string;
  /** its files that are part of a build say `package main` */
  main: boolean;
  /** the files read, by path; the head side includes `_test.go` files, the base side does not */
  files: GoSourceFile[];
}

/** One side of the comparison: what the files of the base or of the head state. */
export interface AuditSide {
  /** every go.mod and go.work in scope, with their `godebug` lines */
  modules: ModFile[];
  /** every version stated by a version file, Dockerfile or workflow in scope */
  declarations: VersionDeclaration[];
  /** the main packages whose headers were read (their `//go:debug` directives) */
  packages: PackageSources[];
  /** path of the main module or workspace file (GOWORK, else go.work, else go.mod); absent when none */
  root?: string;
  /** what could not be read */
  problems?: FileProblem[];
}

/** What the git edge read of the base (base-tree.ts), or why it could not. */
export type BaseRead =
  | { status: 'read'; ref: string; sha: string; side: AuditSide }
  | {
      status: 'no-base';
      ref: string;
      /** why the base could not be read, one sentence */
      reason: string;
      /** what to change so that it can (e.g. `fetch-depth: 0`); absent when nothing helps */
      advice?: string;
    };

/** The runner the job runs on, as its environment tells. */
export interface RunnerTarget {
  /** RUNNER_OS: `Linux`, `Windows` or `macOS` */
  os: string;
  /** RUNNER_ARCH: `X64`, `ARM64`, `X86`, `ARM` */
  arch?: string;
  /** ImageOS of a GitHub-hosted runner (`ubuntu24`, `win22`, `macos15`) */
  imageOS?: string;
  /** os.release() of the machine (read on self-hosted runners): `5.15.0-1064-azure`, `10.0.17763`, `23.5.0` */
  release?: string;
  /** RUNNER_ENVIRONMENT */
  environment?: string;
}

/** `go list -f '{{.ImportPath}} {{.DefaultGODEBUG}}'` of the main packages of one module (default-godebug.ts). */
export interface DefaultGodebugAnswer {
  /** the go.mod the packages belong to (repository path) */
  module: string;
  /** the Go that answered (Go spelling) */
  toolchain: string;
  packages: {
    /** repository-relative folder of the package */
    dir: string;
    importPath: string;
    /** DefaultGODEBUG under the base's go and godebug lines (a temporary -modfile); absent when not asked */
    before?: string;
    /** DefaultGODEBUG under the head's go.mod */
    after?: string;
  }[];
}

/** Everything the audit compares. */
export interface AuditInput {
  base: BaseRead;
  head: AuditSide;
  /** the release list, when it was read; without it a language version (`go 1.22`) stays unresolved */
  releases?: Release[];
  /** where Go is installed (the archive a resolution needs) */
  platform: Platform;
  /** the vulnerability facts of each Go that builds, by version */
  vulnerabilities?: { version: string; facts: VulnFacts }[];
  runner?: RunnerTarget;
  /** the answers of the installed Go (1.21+), preferred over the tables for the go-line part */
  defaultGodebug?: DefaultGodebugAnswer[];
}

/** A go or toolchain line before and after (as written, at most 40 characters). */
export interface AuditLine {
  before?: string;
  after?: string;
  /** the line on the head side */
  line?: number;
}

/** The Go that builds a module, by the resolution rules (plan/source.ts, plan/resolve.ts). */
export interface AuditBuild {
  /** the release, when it is known (the file names one, or the release list resolved it) */
  version?: string;
  /** what the file asks for: `go 1.22 (newest 1.22.x)`, `go 1.22.3`, `toolchain go1.23.4` */
  asks: string;
  /** the file and line that decide */
  file: string;
  line?: number;
  /** why `version` is absent */
  unresolved?: string;
}

/** A GODEBUG setting whose effective value differs between the base and the head. */
export interface AuditFlip {
  name: string;
  package: string;
  /** the value before; absent: the toolchain's own default */
  before?: string;
  /** the value after; absent: the toolchain's own default (or the setting is gone) */
  after?: string;
  /** the release that changed its default or removed it ("1.23") */
  release: string;
  /** that release's section of go.dev/doc/godebug */
  link: string;
  /** that release's notes */
  notes: string;
  /** the step that made the change (godebug.ts godebugFlips) */
  cause: GodebugFlipCause;
  /** the toolchain alone changes it, whatever the go line says (a removed setting, a table fix) */
  toolchainOnly: boolean;
}

/** A setting that would change with the bump but that a `godebug` line keeps. */
export interface AuditHeld {
  name: string;
  package: string;
  /** the value it keeps */
  value: string;
  /** the `godebug` line (or `default=` line) that keeps it */
  file: string;
  line: number;
}

export interface AuditGodebug {
  /** `table`: Go's tables (go/godebug-table.ts); `go list`: the installed Go's own DefaultGODEBUG for the go-line part */
  source: 'table' | 'go list';
  /** the flips of the module's main packages that have no `//go:debug` lines of their own, by name */
  flips: AuditFlip[];
  held: AuditHeld[];
  /** main packages whose `//go:debug` lines make their flips differ from `flips` */
  packages: { dir: string; flips: AuditFlip[] }[];
}

/** A language change keyed to the go line. */
export interface AuditLanguageChange extends LanguageChange {
  /** the go line moved up past it, or down below it */
  direction: 'raised' | 'lowered';
}

/** One place the bump's Go must run, and whether it can. */
export interface AuditPlatformTarget {
  /** `runner ubuntu24`, `runner Linux (kernel 5.15.0)`, `image golang:1.24-alpine` */
  target: string;
  /** the Dockerfile line, for an image */
  file?: string;
  line?: number;
  verdict: 'ok' | 'unsupported' | 'unknown';
  /** what decided (platformVerdict's reason or notes) */
  reason?: string;
}

/** An OS or port requirement that differs between the Go before and after. */
export interface AuditPlatformChange extends PlatformRequirement {
  /** the Go after is at or past the release (the requirement now applies) or before it (it no longer does) */
  applies: boolean;
  targets: AuditPlatformTarget[];
}

export interface AuditVuln {
  id: string;
  summary: string;
  url: string;
  /** the first fixed release in the minor of the Go it affects, when there is one */
  fixedIn?: string;
}

export interface AuditVulnerabilities {
  /** `checked` when the database answered for both Gos */
  status: 'checked' | 'unknown';
  reason?: string;
  /** affect the Go before, not the Go after */
  fixed: AuditVuln[];
  /** affect both */
  stillPresent: AuditVuln[];
  /** affect the Go after, not the Go before */
  introduced: AuditVuln[];
}

/** Whether a minor gets fixes: exactly the two newest stable minors do. */
export interface AuditSupportState {
  minor: string;
  supported: boolean;
  /** support ends (or ended) when this minor is released: two minors later */
  endsWith: string;
}

export interface AuditSupport {
  before?: AuditSupportState;
  after?: AuditSupportState;
  /** the supported minors of the release list, newest first */
  supportedMinors?: string[];
  /** why the window is not known (no release list) */
  unknown?: string;
}

/** A main module or workspace whose go or toolchain line changed. */
export interface AuditModule {
  /** the go.mod or go.work on the head side */
  path: string;
  /** the base's file, when it is another one (the root moved from go.mod to go.work) */
  basePath?: string;
  kind: 'go.mod' | 'go.work';
  /**
   * `workspace`: the root go.work; `main-module`: the root go.mod; `workspace-module`: a go.mod the
   * root go.work uses (built under the workspace's lines); `module`: another go.mod, built as the
   * main module from its own folder
   */
  role: 'workspace' | 'main-module' | 'workspace-module' | 'module';
  /** the module path (go.mod), at most 40 characters */
  module?: string;
  /** the go.work whose lines build it (workspace-module) */
  workspace?: string;
  go: AuditLine;
  toolchain: AuditLine;
  build: { before: AuditBuild; after: AuditBuild };
  /** the line findings about this module sit at: the toolchain line when it changed, else the go line */
  at: { file: string; line: number };
  /** main packages found in it (whose `//go:debug` lines were read) */
  mainPackages: number;
  godebug: AuditGodebug;
  language: AuditLanguageChange[];
  vet: VetChange[];
  platform: AuditPlatformChange[];
  vulnerabilities: AuditVulnerabilities;
  support: AuditSupport;
  /** the Go that builds changes: the first build starts with a cold build cache (the key holds the Go version) */
  coldBuildCache: boolean;
}

/** A version file, Dockerfile image or workflow go-version that states another Go than on the base. */
export interface AuditDeclarationChange {
  kind: VersionDeclaration['kind'];
  file: string;
  /** the line on the head side */
  line: number;
  /** as written, at most 40 characters */
  before: string;
  after: string;
  /** the Go each states (a minor: its newest patch when the release list was read) */
  goBefore?: string;
  goAfter?: string;
  /** the go.mod or go.work it builds */
  module?: string;
  /** the GODEBUG defaults the change of Go flips for that module (under its head lines) */
  godebug: AuditFlip[];
  /** an image: the OS requirements that change, checked against the image */
  platform: AuditPlatformChange[];
  coldBuildCache: boolean;
}

/** A file on the head side that still states the old version of a module that moved. */
export interface AuditLeftBehind {
  file: string;
  line: number;
  kind: VersionDeclaration['kind'] | 'go.mod' | 'go.work';
  /** go.mod / go.work: which line */
  directive?: 'go' | 'toolchain';
  /** as written, at most 40 characters */
  raw: string;
  /** the version it states */
  states: string;
  /** the module that moved (its head path) and where to */
  module: string;
  movedTo: string;
}

/** The `audit` object of the JSON report. */
export interface AuditResult {
  base: { ref: string; sha?: string };
  /** `changed`: some version differs from the base; `unchanged`: none does; `no-base`: the base was not read */
  status: 'changed' | 'unchanged' | 'no-base';
  /** no-base: why */
  reason?: string;
  /** no-base: what to change */
  advice?: string;
  modules: AuditModule[];
  declarations: AuditDeclarationChange[];
  leftBehind: AuditLeftBehind[];
  /** what could not be resolved or read, one sentence each */
  notes: string[];
}

export { AUDIT_CHECK_IDS, type AuditCheckId } from '../verify/checks/ids.js';

/** A finding of the audit: CheckFinding's shape (model.ts) with the audit's ids; always advice. */
export interface AuditFinding {
  check: AuditCheckId;
  kind: Extract<FindingKind, 'advice'>;
  message: string;
  file?: string;
  line?: number;
}
