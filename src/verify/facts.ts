/** Everything the checks read: the installed Go, the environment, the workspace scan, vulnerabilities. Plain data. */
import type { AuditResult, PackageSources } from '../audit/types.js';
import type { ToolchainSwitching } from '../plan/toolchain-switching.js';
import type { ModFile, Release, VersionDeclaration } from '../go/types.js';
import type { Mode } from '../inputs/mode.js';
import type { VersionRequest } from '../plan/types.js';

/** What the installed (or found) `go` says about itself, each command run with GOTOOLCHAIN=local. */
export interface InstalledGo {
  /** the version the action resolved (Go spelling) */
  expected: string;
  /** the root the action installed (or, in verify mode, the root of the go found on PATH) */
  expectedRoot: string;
  /** raw first line of `go version` */
  goVersionOutput?: string;
  /** version parsed from `go version` ("1.22.3") */
  goVersion?: string;
  /** `go env GOVERSION` without "go" */
  envGoVersion?: string;
  /** `go env GOROOT` */
  envGoRoot?: string;
  /** absolute path of the `go` that PATH (as exported) finds first */
  goOnPath?: string;
  /** why the go command could not be run, if it could not */
  error?: string;
  /**
   * The real path (symbolic links, junctions and 8.3 names resolved) of each path above that has
   * one: Go reports its GOROOT resolved, while the tool cache may be reached through a link.
   */
  realPaths?: Record<string, string>;
}

/** The Go environment as the step found it, before it changed anything. */
export interface EnvironmentBefore {
  GOROOT?: string;
  GOTOOLCHAIN?: string;
  GOFLAGS?: string;
  /** the go that was first on PATH before the step */
  previousGo?: { path: string; version?: string };
  /** the real path of GOROOT, when it has one (see InstalledGo.realPaths) */
  realPaths?: Record<string, string>;
}

/** A `use` entry of a go.work, checked against the file system by the scanner. */
export interface UseTarget {
  /** the folder's real path leaves the workspace: it is reported, not read */
  outside: boolean;
  /** repository-relative path of the go.work */
  workFile: string;
  /** the path as written */
  use: string;
  line: number;
  /** repository-relative resolved folder */
  dir: string;
  exists: boolean;
  hasGoMod: boolean;
}

/**
 * A file or folder in scope that could not be used:
 * - unparsable: Go (or Docker, asdf, mise) would not accept it;
 * - unreadable: it should be readable and is not (a broken link, a link loop, no permission);
 * - refused: not read on purpose (outside the workspace, not a regular file, too large);
 * - skipped: part of the tree was not scanned (too deep, too many entries, a folder not readable).
 */
export interface FileProblem {
  kind: 'unparsable' | 'unreadable' | 'refused' | 'skipped';
  /** repository-relative posix path (escaped for display) */
  file: string;
  line?: number;
  /** what is wrong, without the location */
  message: string;
}

/** Everything the scanner found in scope. */
export interface WorkspaceFacts {
  /** every go.mod and go.work in scope, root ones first */
  modules: ModFile[];
  useTargets: UseTarget[];
  declarations: VersionDeclaration[];
  problems: FileProblem[];
}

/** A vulnerability of the Go standard library or go command that affects the installed version. */
export interface VulnMatch {
  id: string;
  aliases: string[];
  summary: string;
  /** "stdlib" | "toolchain" */
  module: string;
  /** affected packages, when the entry lists them */
  packages: string[];
  /** first fixed release in the installed minor, Go spelling ("1.22.5"), if any */
  fixedInMinor?: string;
  /** newest fixed release over all ranges (for "no fix in this minor: upgrade to X") */
  newestFix?: string;
  /** https://pkg.go.dev/vuln/<id> */
  url: string;
}

export type VulnFacts =
  | { status: 'checked'; matches: VulnMatch[]; entriesRead: number }
  | { status: 'unknown'; reason: string }
  | { status: 'skipped'; reason: string };

/** All inputs of the checks: pure data, collected by the edges. */
export interface Facts {
  mode: Mode;
  /** the version the checks hold the repository against (installed, found, or in plan mode resolved) */
  version: string;
  request?: VersionRequest;
  /** absent in plan mode */
  installed?: InstalledGo;
  env: EnvironmentBefore;
  workspace: WorkspaceFacts;
  /** the main module or workspace: the GOWORK file, else root go.work (unless GOWORK=off), else root go.mod */
  root?: ModFile;
  /** the manifest, when it was fetched */
  releases?: Release[];
  vulns?: VulnFacts;
  /** the GOTOOLCHAIN later steps run with, and where it came from */
  switching: ToolchainSwitching;
  /** `path` mode: the switch targets (versions) whose go<version> is on PATH */
  toolchainsOnPath?: string[];
  /** the main packages whose file headers were read (their `//go:debug` directives) */
  goPackages?: PackageSources[];
  /** the upgrade audit against the base (a pull request, or audit-base); absent when not asked */
  audit?: AuditResult;
}
