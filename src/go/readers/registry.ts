/**
 * The file kinds the action reads, in one registry: how a repository path matches each, whether it
 * can be a version source (go-version-file), its reader, and what a file that does not parse is.
 * The scan's classifier, the version-source classifier, the parse dispatch and the kind unions all
 * derive from FILE_KINDS: a new reader is its file plus one entry here.
 *
 * The YAML and TOML readers (and their parsers) are loaded only when a file's text can state a Go
 * version at all (`mayState`): a workflow without `go-version:` or a mise.toml without a go tool
 * costs no parser. Pure, apart from those lazy imports of this project's own readers.
 */
import { UserError } from '../../errors.js';
import { AliasBombError } from './common.js';
import type { ModFile, VersionDeclaration } from '../types.js';
import { parseModFile } from '../modfile.js';
import { parseDockerfile } from './dockerfile.js';
import { parseGoVersionFile } from './go-version-file.js';
import { parseToolVersions } from './tool-versions.js';

/** What a file states: its module file, or the versions it declares. */
export interface Parsed {
  modules: ModFile[];
  declarations: VersionDeclaration[];
}

export interface FileKind {
  kind: string;
  /** whether a repository file (its folder and name, posix) is of this kind; `github`: below .github/ */
  matches(name: string, dir: string, github: boolean): boolean;
  /** go-version-file: a file of this base name is read as this kind */
  versionSource?(base: string): boolean;
  /** false when the text cannot state a Go version, so the reader need not even be loaded */
  mayState?(text: string): boolean;
  /** text -> what it states; throws UserError at file:line when it cannot be parsed */
  read(text: string, rel: string): Parsed | Promise<Parsed>;
  /**
   * A file that does not parse: `unparsable` (Go, Docker, asdf or mise would reject it: a
   * finding), `refused` (this reader cannot read it: not checked), or `ignored` (not this kind
   * after all, e.g. a `*.mod` that is not a Go module file).
   */
  whenUnparsable: 'unparsable' | 'refused' | 'ignored';
}

const none = (): Parsed => ({ modules: [], declarations: [] });
const declared = (d: VersionDeclaration | VersionDeclaration[] | undefined): Parsed => ({
  modules: [],
  declarations: d === undefined ? [] : Array.isArray(d) ? d : [d]
});

/** Dockerfile, Dockerfile.dev, api.Dockerfile, Containerfile (not .dockerignore files). */
function dockerfileName(name: string): boolean {
  if (/\.dockerignore$/i.test(name)) return false;
  return /^(dockerfile|containerfile)(\..+)?$/i.test(name) || /\.(dockerfile|containerfile)$/i.test(name);
}

/** A tool modfile: any `*.mod` but go.mod (go run -modfile=tools.mod, docker/cli's vendor.mod). */
const toolModName = (name: string): boolean =>
  name.endsWith('.mod') && name.length > '.mod'.length && name !== 'go.mod';

export const FILE_KINDS = [
  {
    kind: 'go.work',
    matches: (name, _dir, github) => !github && name === 'go.work',
    versionSource: (base) => base === 'go.work',
    read: (text, rel) => ({ modules: [parseModFile(text, rel, 'go.work')], declarations: [] }),
    whenUnparsable: 'unparsable'
  },
  {
    kind: 'go.mod',
    matches: (name, _dir, github) => !github && name === 'go.mod',
    // a tool modfile named as the version source is read as a go.mod (setup-go #736, #746)
    versionSource: (base) => base === 'go.mod' || toolModName(base),
    read: (text, rel) => ({ modules: [parseModFile(text, rel, 'go.mod')], declarations: [] }),
    whenUnparsable: 'unparsable'
  },
  {
    kind: 'tool.mod',
    matches: (name, _dir, github) => !github && toolModName(name),
    read: (text, rel) => {
      const m = parseModFile(text, rel, 'go.mod');
      // only a module file that names its module counts
      return m.module ? { modules: [m], declarations: [] } : none();
    },
    whenUnparsable: 'ignored'
  },
  {
    kind: '.go-version',
    matches: (name, _dir, github) => !github && name === '.go-version',
    read: (text, rel) => declared(parseGoVersionFile(text, rel)),
    whenUnparsable: 'unparsable'
  },
  {
    kind: '.tool-versions',
    matches: (name, _dir, github) => !github && name === '.tool-versions',
    versionSource: (base) => base === '.tool-versions',
    read: (text, rel) => declared(parseToolVersions(text, rel)),
    whenUnparsable: 'unparsable'
  },
  {
    kind: 'mise.toml',
    matches: (name, _dir, github) => !github && (name === 'mise.toml' || name === '.mise.toml'),
    versionSource: (base) => base === 'mise.toml' || base === '.mise.toml',
    mayState: (text) => /\b(?:go|golang)\b/.test(text),
    read: async (text, rel) => declared((await import('./mise-toml.js')).parseMiseToml(text, rel)),
    whenUnparsable: 'unparsable'
  },
  {
    kind: 'Dockerfile',
    matches: (name) => dockerfileName(name),
    read: (text, rel) => declared(parseDockerfile(text, rel)),
    whenUnparsable: 'unparsable'
  },
  {
    kind: 'workflow',
    // only the workflows directly in .github/workflows/
    matches: (name, dir) => dir === '.github/workflows' && /\.ya?ml$/i.test(name),
    // a setup-go step states a version only through `go-version:` (go-version-file names a file)
    mayState: (text) => /go-version\s*:/.test(text),
    read: async (text, rel) => declared((await import('./workflow.js')).parseWorkflow(text, rel)),
    // a workflow is read for its go-version lines only; one this reader cannot parse is not checked
    whenUnparsable: 'refused'
  }
] as const satisfies readonly FileKind[];

export type FileKindName = (typeof FILE_KINDS)[number]['kind'];

/** The kinds a version source can be (go-version-file, or go.work / go.mod in the root). */
export type VersionSourceKind =
  Extract<(typeof FILE_KINDS)[number], { versionSource: unknown }>['kind'] | '.go-version';

const BY_KIND = new Map<string, FileKind>(FILE_KINDS.map((k) => [k.kind, k]));

export function fileKind(kind: FileKindName): FileKind {
  return BY_KIND.get(kind)!;
}

/**
 * The kind of a repository file by its repository-relative posix path, or undefined when the
 * action does not read it. Under `.github/` only Dockerfiles and the workflows count.
 */
export function kindOfPath(rel: string): FileKindName | undefined {
  const slash = rel.lastIndexOf('/');
  const dir = slash < 0 ? '' : rel.slice(0, slash);
  const name = rel.slice(slash + 1);
  const github = dir === '.github' || dir.startsWith('.github/');
  return FILE_KINDS.find((k) => k.matches(name, dir, github))?.kind;
}

/**
 * The kind of a go-version-file by its base name; any other name is read like `.go-version` (as
 * actions/setup-go reads any other file as its trimmed text).
 */
export function versionSourceKind(file: string): VersionSourceKind {
  const base = file.replace(/\\/g, '/').split('/').pop() ?? '';
  for (const k of FILE_KINDS) {
    if ('versionSource' in k && k.versionSource(base)) return k.kind;
  }
  return '.go-version';
}

/** Reads a file of `kind`; throws UserError at file:line (or a reader's own error) when it does not parse. */
export async function parseFileOfKind(kind: FileKindName, text: string, rel: string): Promise<Parsed> {
  const k = fileKind(kind);
  if (k.mayState && !k.mayState(text)) return none();
  return k.read(text, rel);
}

/** Why a file did not parse, as its kind says to report it (undefined: not this kind, ignored). */
export function unparsableProblem(
  kind: FileKindName,
  err: UserError
): { kind: 'unparsable' | 'refused'; line?: number; message: string } | undefined {
  const how = fileKind(kind).whenUnparsable;
  if (how === 'ignored') return undefined;
  return how === 'refused'
    ? { kind: 'refused', line: err.line, message: `${err.detail}: not checked` }
    : { kind: 'unparsable', line: err.line, message: err.detail };
}

/** A file that could not be used, as the scan reports it (without its path). */
export interface ReadProblem {
  kind: 'unparsable' | 'refused';
  line?: number;
  message: string;
}

/**
 * Reads a repository file of `kind` as the scan does (the working tree, or the base of a pull
 * request read from git): what it states, or the problem it is. Never throws for file content.
 */
export async function readRepositoryFile(
  kind: FileKindName,
  text: string,
  rel: string
): Promise<Parsed & { problem?: ReadProblem }> {
  try {
    return await parseFileOfKind(kind, text, rel);
  } catch (err) {
    if (err instanceof AliasBombError) {
      return {
        ...none(),
        problem: { kind: 'refused', message: 'has YAML aliases that expand too far (an alias bomb?): not read' }
      };
    }
    if (!(err instanceof UserError)) throw err;
    const problem = unparsableProblem(kind, err);
    return problem ? { ...none(), problem } : none();
  }
}
