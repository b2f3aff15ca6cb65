/**
 * Which request wins, as in actions/setup-go: the go-version input, else the go-version-file
 * input, else go.work, else go.mod in the workspace root. The caller reads the files; this module
 * only decides. Pure.
 *
 * go.mod / go.work follow the go command's own choice (cmd/go/internal/toolchain): a toolchain line
 * (not `default`) newer than the go line pins that exact release; otherwise the go line is a minimum
 * (newest release of its minor that is >= it); without a go line Go assumes 1.16 (go.mod) or 1.18
 * (go.work).
 */
import { InputError } from '../errors.js';
import { type VersionDeclaration, type VersionRequest } from '../model.js';
import { compareGo, fromToolchain } from '../go/gover.js';
import { mainGoVersion, parseModFile } from '../go/modfile.js';
import { parseGoVersionFile, parseMiseToml, parseToolVersions } from '../go/version-files.js';
import { parseVersionSpec, tryParseVersionSpec } from './spec.js';

export type VersionFileKind = 'go.mod' | 'go.work' | '.go-version' | '.tool-versions' | 'mise.toml';

export interface VersionSourceFile {
  /** repository-relative posix path ("go.mod", "svc/.go-version") */
  path: string;
  text: string;
  kind: VersionFileKind;
}

export interface ChooseRequestArgs {
  goVersionInput: string;
  goVersionFileInput: string;
  /** the go-version-file (when that input is set), else go.work and/or go.mod of the workspace root */
  files: VersionSourceFile[];
}

/** A VersionRequest with the warnings of the choice and, for go.mod/go.work, the directive used. */
export interface ChosenRequest extends VersionRequest {
  warnings: string[];
  /** which line of a go.mod/go.work decided: the toolchain pin or the go line (absent otherwise) */
  directive?: 'go' | 'toolchain';
}

/** True when the request is an exact pin from a go.mod/go.work toolchain line (for applyCheckLatest). */
export function isToolchainPin(request: VersionRequest): boolean {
  return (request as Partial<ChosenRequest>).directive === 'toolchain';
}

/**
 * The kind of a version file by its base name: go.mod, go.work, .tool-versions, mise.toml or
 * .mise.toml; anything else is read as a plain version file like .go-version (as actions/setup-go
 * reads any other file as its trimmed text).
 */
export function versionFileKind(file: string): VersionFileKind {
  const base = file.replace(/\\/g, '/').split('/').pop() ?? '';
  if (base === 'go.mod' || base === 'go.work' || base === '.tool-versions') return base;
  if (base === 'mise.toml' || base === '.mise.toml') return 'mise.toml';
  return '.go-version';
}

/** "./a//b/go.mod" and "a\\b\\go.mod" -> "a/b/go.mod". */
function normalizePath(p: string): string {
  return p
    .replace(/\\/g, '/')
    .split('/')
    .filter((seg) => seg !== '' && seg !== '.')
    .join('/');
}

function fromModFile(file: VersionSourceFile, kind: 'go.mod' | 'go.work'): ChosenRequest {
  const mod = parseModFile(file.text, file.path, kind);
  const goVersion = mainGoVersion(mod);
  const tc = mod.toolchain;
  if (tc && tc.value !== 'default') {
    const pinned = fromToolchain(tc.value);
    if (pinned === undefined) {
      throw new InputError(`invalid toolchain name "${tc.value}" (expected e.g. go1.22.3)`, {
        file: file.path,
        line: tc.line
      });
    }
    // The go command accepts the toolchain line only when it is newer than the go line.
    if (compareGo(pinned, goVersion) >= 0) {
      return {
        spec: { kind: 'exact', version: pinned },
        raw: tc.value,
        from: `${file.path}:${tc.line} toolchain ${tc.value}`,
        file: file.path,
        line: tc.line,
        warnings: [],
        directive: 'toolchain'
      };
    }
  }
  if (!mod.go) {
    return {
      spec: { kind: 'minimum', minimum: goVersion },
      raw: goVersion,
      from: `${file.path} (no go line: Go assumes ${goVersion})`,
      file: file.path,
      warnings: [],
      directive: 'go'
    };
  }
  return {
    spec: { kind: 'minimum', minimum: mod.go.value },
    raw: mod.go.value,
    from: `${file.path}:${mod.go.line} go ${mod.go.value}`,
    file: file.path,
    line: mod.go.line,
    warnings: [],
    directive: 'go'
  };
}

function fromDeclaration(file: VersionSourceFile): ChosenRequest {
  let decl: VersionDeclaration | undefined;
  if (file.kind === '.tool-versions') decl = parseToolVersions(file.text, file.path);
  else if (file.kind === 'mise.toml') decl = parseMiseToml(file.text, file.path);
  else decl = parseGoVersionFile(file.text, file.path);
  if (!decl) {
    throw new InputError('no Go version found (expected e.g. "golang 1.22.3" or go = "1.22.3")', { file: file.path });
  }
  const spec = tryParseVersionSpec(decl.version);
  if (!spec) {
    throw new InputError(`"${decl.raw}" is not a Go version (expected e.g. 1.22 or 1.22.3)`, {
      file: file.path,
      line: decl.line
    });
  }
  return { spec, raw: decl.raw, from: `${file.path}:${decl.line}`, file: file.path, line: decl.line, warnings: [] };
}

function fromFile(file: VersionSourceFile): ChosenRequest {
  return file.kind === 'go.mod' || file.kind === 'go.work' ? fromModFile(file, file.kind) : fromDeclaration(file);
}

/**
 * Decides the request. go-version wins (with a warning when go-version-file is set too); then the
 * go-version-file (found in `files` by path, read by its `kind`); then go.work, then go.mod among
 * `files`. Nothing to go on, or a bad version/file: InputError naming the input or `file:line`.
 */
export function chooseRequest(args: ChooseRequestArgs): ChosenRequest {
  const input = args.goVersionInput.trim();
  const fileInput = args.goVersionFileInput.trim();
  if (input !== '') {
    const warnings = fileInput
      ? [`both go-version and go-version-file are set: using go-version (${input}) and ignoring ${fileInput}`]
      : [];
    return { spec: parseVersionSpec(input, 'go-version'), raw: input, from: 'input go-version', warnings };
  }
  if (fileInput !== '') {
    const wanted = normalizePath(fileInput);
    const file =
      args.files.find((f) => normalizePath(f.path) === wanted) ?? (args.files.length === 1 ? args.files[0] : undefined);
    if (!file) throw new InputError(`${fileInput} was not found`, { input: 'go-version-file' });
    return fromFile(file);
  }
  const work = args.files.find((f) => f.kind === 'go.work');
  const mod = args.files.find((f) => f.kind === 'go.mod');
  const chosen = work ?? mod;
  if (!chosen) {
    throw new InputError(
      'no Go version to install: set input go-version or go-version-file, or add go.mod or go.work to the workspace root',
      { input: 'go-version' }
    );
  }
  return fromFile(chosen);
}
