import type { ToolchainSwitching } from './plan/toolchain-switching.js';

/**
 * Plain data that flows through the pipeline: inputs -> plan -> install -> verify -> report.
 * Every pure module takes and returns these shapes; edges (HTTP, fs, processes, @actions/core)
 * produce or consume them.
 */

/**
 * Node's names for the runner platform. process.platform and process.arch are read only in
 * edge/platform.ts; process.env and the standard streams belong to the hosts (edge/actions.ts,
 * edge/post-host.ts, cli/terminal-host.ts) and the entry points; stages get the environment as
 * host.env. (process.pid only names this process's lock, staging folder and stash.)
 */
export interface Platform {
  /** process.platform: 'linux' | 'darwin' | 'win32' | ... */
  os: string;
  /** process.arch style: 'x64' | 'arm64' | 'ia32' | 'arm' | ... (also accepts Go names on input) */
  arch: string;
}

/** One file of a release in the official manifest (go.dev/dl/?mode=json&include=all). */
export interface ManifestFile {
  filename: string;
  os: string;
  arch: string;
  /** "go1.22.3" as in the manifest */
  version: string;
  /** 64 lowercase hex, or "" for old entries */
  sha256: string;
  size: number;
  kind: string;
}

/** A release of the manifest, with the version in Go's spelling without "go" ("1.22.3", "1.21rc1", "1.20"). */
export interface Release {
  version: string;
  stable: boolean;
  files: ManifestFile[];
}

/** What the user asked for, normalized. Versions are in Go's spelling without "go". */
export type VersionSpec =
  /** exactly this release: "1.22.3", "1.21rc1", "1.20" (go-version 1.21.0-rc.1 arrives here as 1.21rc1) */
  | { kind: 'exact'; version: string }
  /** newest stable release of a language version: "1.22", "1.22.x" */
  | { kind: 'minor'; lang: string }
  /** a node-semver range applied to the semver spelling of releases ("^1.21", ">=1.21 <1.23") */
  | { kind: 'range'; range: string }
  /** "stable" (newest stable), "oldstable" (newest of the previous minor), "latest" (= stable) */
  | { kind: 'alias'; alias: 'stable' | 'oldstable' | 'latest' }
  /**
   * from a go line without a toolchain pin: the newest release of `lang(minimum)` that is >= minimum
   * (prereleases only when the minimum names one)
   */
  | { kind: 'minimum'; minimum: string };

/** The files a version may be read from (go-version-file, or go.work / go.mod in the root). */
export type VersionFileKind = 'go.mod' | 'go.work' | '.go-version' | '.tool-versions' | 'mise.toml';

/** Where a request came from, as facts; `describeOrigin` (request-origin.ts) makes the display text. */
export type RequestOrigin =
  /** the go-version input (a matrix entry, an explicit version) */
  | { kind: 'input' }
  | {
      kind: 'file';
      format: VersionFileKind;
      /** repository-relative posix path */
      file: string;
      /** the line the version is on; absent for a go.mod/go.work without a go line */
      line?: number;
      /** go.mod/go.work: which line decided */
      directive?: 'go' | 'toolchain';
    };

/** What was asked for and where from. */
export interface VersionRequest {
  spec: VersionSpec;
  /** as typed or as written in the file ("1.22", "go1.22.3") */
  raw: string;
  origin: RequestOrigin;
}

/** The outcome of resolution. */
export interface Resolution {
  /** Go spelling, as `go version` prints it without "go": "1.22.12", "1.21rc1", "1.20" */
  version: string;
  /** the archive to download; absent when served from the tool cache without the manifest */
  file?: ManifestFile;
  /** true when the manifest was not consulted or could not be fetched and a cached version was used */
  fromCacheOnly: boolean;
  /** warnings to show (e.g. manifest unreachable, fell back to cache) */
  warnings: string[];
}

/** A line of a go.mod or go.work file. */
export interface Located<T> {
  value: T;
  /** 1-based line */
  line: number;
}

/** A parsed go.mod or go.work. */
export interface ModFile {
  kind: 'go.mod' | 'go.work';
  /** repository-relative posix path, e.g. "svc/api/go.mod" */
  path: string;
  /** module path (go.mod only) */
  module?: Located<string>;
  /** the go line's version, e.g. "1.22", "1.21rc1" */
  go?: Located<string>;
  /** the toolchain line's name, e.g. "go1.22.3" or "default" */
  toolchain?: Located<string>;
  /** go.work `use` directory paths as written (go.work only) */
  use: Located<string>[];
  /** `godebug key=value` lines and `godebug ( ... )` entries, in order */
  godebug: Located<{ key: string; value: string }>[];
}

/**
 * A version stated by another file kind: .go-version, .tool-versions, mise.toml, a Dockerfile's
 * `FROM golang:<tag>`, or the literal `go-version:` of a setup-go step in a workflow.
 */
export interface VersionDeclaration {
  kind: '.go-version' | '.tool-versions' | 'mise.toml' | 'Dockerfile' | 'workflow';
  /** repository-relative posix path */
  file: string;
  line: number;
  /** the text as written, at most 40 characters (e.g. "golang:1.22-alpine", "go1.22.3") */
  raw: string;
  /** the Go version it states, in Go spelling at its own precision: "1.22" or "1.22.3" or "1.21rc1" */
  version: string;
}

/** The ids of the checks; the registry (verify/checks/index.ts) holds one entry for each. */
export const CHECK_IDS = [
  'installed-version',
  'environment',
  'files',
  'go-directive',
  'toolchain-directive',
  'workspace',
  'version-files',
  'supported-release',
  'latest-patch',
  'vulnerabilities'
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

export type Severity = 'error' | 'warning';
export type SeveritySetting = Severity | 'off';

/**
 * How a finding relates to what Go does:
 * - break: Go or the build would refuse (a go line newer than the Go that runs it, a file Go cannot
 *   parse, an image too old for its module): an error;
 * - drift: versions that disagree but that Go accepts (a pin older than the installed Go, a toolchain
 *   line Go ignores): a warning, an error with `consistency: exact`;
 * - advice: worth knowing, not a disagreement (a newer patch, the support window, known
 *   vulnerabilities, a setting the action overrode, a file that was not read): a warning.
 */
export type FindingKind = 'break' | 'drift' | 'advice';

/** What a check says; run-checks gives it a severity. `file` is repository-relative with forward slashes. */
export interface CheckFinding {
  check: CheckId;
  kind: FindingKind;
  message: string;
  file?: string;
  line?: number;
}

/** A finding with its severity (after consistency, the `checks` input and on-mismatch). */
export interface Finding extends CheckFinding {
  severity: Severity;
}

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

export type Mode = 'install' | 'verify' | 'plan';

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
}
