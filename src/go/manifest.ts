/**
 * The official release manifest (https://go.dev/dl/?mode=json&include=all): shape validation into
 * Release[] and the choice of a release's archive for a platform. Pure.
 */
import { InputError } from '../errors.js';
import { type ManifestFile, type Platform, type Release } from './types.js';
import { compareGo, isValidGo } from './gover.js';
import { archiveExt, goArch, goOs } from './platform-names.js';
import { isObject } from '../json.js';

const SHA256 = /^[0-9a-fA-F]{64}$/;
const EXPECTED = 'expected the JSON array of go.dev/dl/?mode=json&include=all';

function fail(source: string, where: string, what: string): never {
  throw new InputError(`${source}: ${where} ${what} (${EXPECTED})`);
}

function str(o: Record<string, unknown>, key: string, source: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string') fail(source, `${where}.${key}`, `is ${describe(v)}, not a string`);
  return v;
}

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function parseFile(x: unknown, source: string, where: string): ManifestFile {
  if (!isObject(x)) fail(source, where, `is ${describe(x)}, not a file object`);
  const sha256 = str(x, 'sha256', source, where);
  if (sha256 !== '' && !SHA256.test(sha256)) fail(source, `${where}.sha256`, `"${sha256}" is not 64 hex digits or ""`);
  const size = x.size;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    fail(source, `${where}.size`, `is ${typeof size === 'number' ? size : describe(size)}, not a byte count`);
  }
  return {
    filename: str(x, 'filename', source, where),
    os: str(x, 'os', source, where),
    arch: str(x, 'arch', source, where),
    version: str(x, 'version', source, where),
    sha256: sha256.toLowerCase(),
    size,
    kind: str(x, 'kind', source, where)
  };
}

/**
 * Validates the manifest JSON and returns its releases newest first (Go's order), versions in Go's
 * spelling without "go". Old quirky entries are kept (empty sha256, size 0, files with os "4");
 * releases whose version is not a Go version (go1.4-bootstrap-20171003) are dropped, as are later
 * duplicates of a version. Anything not of the manifest's shape: InputError naming `source`.
 */
export function parseManifest(json: unknown, source: string): Release[] {
  if (!Array.isArray(json)) fail(source, 'the document', `is ${describe(json)}, not an array of releases`);
  const seen = new Set<string>();
  const releases: Release[] = [];
  json.forEach((entry, i) => {
    const where = `[${i}]`;
    if (!isObject(entry)) fail(source, where, `is ${describe(entry)}, not a release object`);
    const name = str(entry, 'version', source, where);
    const version = name.startsWith('go') ? name.slice(2) : name;
    if (!isValidGo(version)) return;
    if (typeof entry.stable !== 'boolean')
      fail(source, `${where}.stable`, `is ${describe(entry.stable)}, not a boolean`);
    if (!Array.isArray(entry.files)) fail(source, `${where}.files`, `is ${describe(entry.files)}, not an array`);
    const files = entry.files.map((f, j) => parseFile(f, source, `${where}.files[${j}]`));
    if (seen.has(version)) return;
    seen.add(version);
    releases.push({ version, stable: entry.stable, files });
  });
  // Stable sort: equal versions in Go's order keep the manifest's order.
  return releases.sort((a, b) => compareGo(b.version, a.version));
}

/**
 * The release's downloadable archive for the platform: kind "archive", the platform's Go os/arch,
 * `.zip` on Windows and `.tar.gz` elsewhere (never the .msi/.pkg installers or the source tarball).
 */
export function findArchive(release: Release, p: Platform): ManifestFile | undefined {
  const os = goOs(p);
  const arch = goArch(p);
  const ext = `.${archiveExt(p)}`;
  return release.files.find((f) => f.kind === 'archive' && f.os === os && f.arch === arch && f.filename.endsWith(ext));
}

/** The official archive name of a version for the platform: archiveFileName('1.22.3', linux/x64) = 'go1.22.3.linux-amd64.tar.gz'. */
export function archiveFileName(version: string, p: Platform): string {
  return `go${version}.${goOs(p)}-${goArch(p)}.${archiveExt(p)}`;
}
