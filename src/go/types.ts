/**
 * Go's own data as the action reads it: the runner platform in Node's names, the release manifest,
 * go.mod/go.work files and the versions other files state. Plain data.
 */

/**
 * Node's names for the runner platform. process.platform and process.arch are read only in
 * system/platform.ts; process.env and the standard streams belong to the hosts (hosts/actions-host.ts,
 * hosts/post-host.ts, hosts/terminal-host.ts) and the entry points; stages get the environment as
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
