/**
 * Which request wins, as in actions/setup-go: the go-version input, else the go-version-file
 * input, else go.work, else go.mod in the workspace root. The caller reads the files; this module
 * only decides. Pure.
 *
 * go.mod / go.work follow the go command's own choice (cmd/go/internal/toolchain/select.go):
 * - a toolchain line (not `default`) at or above the go line pins exactly that toolchain;
 * - otherwise a go line naming a release (`go 1.22.3`, `go 1.21.0`, `go 1.21rc1`) pins exactly that
 *   release, which is what Go's own switch runs;
 * - a language version (`go 1.22`, and `go 1.20` too) is a minimum: the newest stable patch of it.
 *   Go itself would run 1.22.0; the newest patch has every security fix of the minor and is what
 *   actions/setup-go installs for it, so two runners still agree (the manifest decides, not a cache);
 * - without a go line Go assumes 1.16 (go.mod) or 1.18 (go.work), a language version too.
 */
import { InputError } from '../errors.js';
import type { ModFile, VersionDeclaration } from '../go/types.js';
import type { VersionRequest, VersionSpec } from './types.js';
import { canonicalRelease, isValidGo } from '../go/gover.js';
import { mainGoVersion, toolchainLine } from '../go/modfile.js';
import { parseFileOfKind, type VersionSourceKind } from '../go/readers/registry.js';
import { parseVersionSpec, tryParseVersionSpec } from './spec.js';

export interface VersionSourceFile {
  /** repository-relative posix path ("go.mod", "svc/.go-version") */
  path: string;
  text: string;
  kind: VersionSourceKind;
}

export interface ChooseRequestArgs {
  goVersionInput: string;
  goVersionFileInput: string;
  /** the go-version-file (when that input is set), else go.work and/or go.mod of the workspace root */
  files: VersionSourceFile[];
}

/** A VersionRequest with the warnings of the choice. */
export interface ChosenRequest extends VersionRequest {
  warnings: string[];
}

/**
 * What a go line asks for: exactly the release it names (`1.22.3`, `1.21.0`, `1.21rc1`), or for a
 * language version of two numbers (`1.22`, and `1.20` too, although Go counts it as release
 * 1.20.0) the newest stable patch of that minor.
 */
export function goLineSpec(goLine: string): VersionSpec {
  return /^\d+\.\d+$/.test(goLine) || !isValidGo(goLine)
    ? { kind: 'minimum', minimum: goLine }
    : { kind: 'exact', version: canonicalRelease(goLine) };
}

/** What a parsed go.mod or go.work asks Go to run: its toolchain pin, else its go line (select.go). */
export function modFileRequest(mod: ModFile): ChosenRequest {
  const kind = mod.kind;
  const goVersion = mainGoVersion(mod);
  const tc = toolchainLine(mod);
  if (tc.kind === 'invalid') {
    throw new InputError(`invalid toolchain name "${tc.line.value}" (expected e.g. go1.22.3)`, {
      file: mod.path,
      line: tc.line.line
    });
  }
  if (tc.kind === 'pin') {
    return {
      spec: { kind: 'exact', version: canonicalRelease(tc.pinned) },
      raw: tc.line.value,
      origin: { kind: 'file', format: kind, file: mod.path, line: tc.line.line, directive: 'toolchain' },
      warnings: []
    };
  }
  return {
    spec: goLineSpec(goVersion),
    raw: goVersion,
    origin: { kind: 'file', format: kind, file: mod.path, line: mod.go?.line, directive: 'go' },
    warnings: []
  };
}

function fromDeclaration(file: VersionSourceFile, decl: VersionDeclaration | undefined): ChosenRequest {
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
  return {
    spec,
    raw: decl.raw,
    origin: { kind: 'file', format: file.kind, file: file.path, line: decl.line },
    warnings: []
  };
}

/** The request a version source states, read with its kind's reader (a parse error: InputError at file:line). */
async function fromFile(file: VersionSourceFile): Promise<ChosenRequest> {
  const parsed = await parseFileOfKind(file.kind, file.text, file.path);
  const mod = parsed.modules[0];
  return mod ? modFileRequest(mod) : fromDeclaration(file, parsed.declarations[0]);
}

/**
 * Decides the request. go-version wins (with a warning when go-version-file is set too); then the
 * go-version-file (the one file in `files`, read by its `kind`); then go.work, then go.mod among
 * `files`. Nothing to go on, or a bad version/file: InputError naming the input or `file:line`.
 */
export async function chooseRequest(args: ChooseRequestArgs): Promise<ChosenRequest> {
  const input = args.goVersionInput.trim();
  const fileInput = args.goVersionFileInput.trim();
  if (input !== '') {
    const warnings = fileInput
      ? [`both go-version and go-version-file are set: using go-version (${input}) and ignoring ${fileInput}`]
      : [];
    return { spec: parseVersionSpec(input, 'go-version'), raw: input, origin: { kind: 'input' }, warnings };
  }
  const chosen =
    fileInput !== ''
      ? args.files[0]
      : (args.files.find((f) => f.kind === 'go.work') ?? args.files.find((f) => f.kind === 'go.mod'));
  if (!chosen) {
    throw fileInput !== ''
      ? new InputError(`${fileInput} was not found`, { input: 'go-version-file' })
      : new InputError(
          'no Go version to install: set input go-version or go-version-file, or add go.mod or go.work to the workspace root',
          { input: 'go-version' }
        );
  }
  return fromFile(chosen);
}
