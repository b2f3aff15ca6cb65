/**
 * A realistic Go release manifest (the JSON of https://go.dev/dl/?mode=json&include=all) for tests,
 * the demo and the benchmark: the real stable release numbers up to 1.27.0, the rc/beta releases
 * before several minors, archives for linux/darwin/windows x amd64/arm64/386 (+ linux armv6l),
 * Windows .msi and macOS .pkg installers, a source tarball per release, deterministic fake sha256
 * and sizes, and the quirks of old entries (empty sha256 and size 0, go1.4-bootstrap files with
 * os "4" and arch "bootstrap", a release entry whose version is not a Go version).
 *
 * Plain ESM JavaScript with JSDoc types: scripts run it with node directly, TS tests import it.
 */
import { createHash } from 'node:crypto';

/**
 * @typedef {{ filename: string, os: string, arch: string, version: string, sha256: string, size: number, kind: string }} FixtureFile
 * @typedef {{ version: string, stable: boolean, files: FixtureFile[] }} FixtureRelease
 * @typedef {{ os: string, arch: string, kind?: string, filename?: string, sha256?: string, size?: number }} FileOverride
 * @typedef {object} FixtureOptions
 * @property {boolean} [rcPeriod] add go1.28rc1 (stable: false) at the front, as during a real rc period
 * @property {string} [upTo] keep only releases <= this Go version ("1.26.7", "1.27rc2"), in Go's order
 * @property {Record<string, FileOverride[]>} [files] per Go version ("1.22.3", no "go"): files to merge
 *   into that release, matched by os + arch + kind (kind defaults to "archive"); unmatched ones are
 *   appended. A version not in the fixture is added as a release (stable unless a prerelease).
 */

/** @param {string} first @param {number} last @param {number} from */
function patches(first, last, from = 0) {
  /** @type {string[]} */
  const out = [];
  for (let i = from; i <= last; i++) out.push(`${first}.${i}`);
  return out;
}

/** Stable releases in the fixture (Go spelling; before 1.21 the first release has no ".0"). */
export const STABLE_VERSIONS = [
  '1.27.0',
  ...patches('1.26', 7),
  ...patches('1.25', 14),
  ...patches('1.24', 13),
  ...patches('1.23', 12),
  ...patches('1.22', 12),
  ...patches('1.21', 13),
  '1.20',
  ...patches('1.20', 14, 1),
  '1.19',
  ...patches('1.19', 13, 1),
  '1.18',
  ...patches('1.18', 10, 1)
];

/** Prereleases in the fixture (stable: false). */
export const PRERELEASE_VERSIONS = [
  '1.27rc1',
  '1.27rc2',
  '1.26rc1',
  '1.21rc2',
  '1.21rc3',
  '1.20rc1',
  '1.18beta1',
  '1.18beta2',
  '1.18rc1'
];

/** The release added by rcPeriod. */
export const RC_PERIOD_VERSION = '1.28rc1';

/** The old release whose archives have empty sha256 and size 0, plus the go1.4 bootstrap file. */
export const OLD_QUIRK_VERSION = '1.4.3';

/** A release entry of the real manifest whose version is not a Go version (parsers drop it). */
export const BOOTSTRAP_VERSION = 'go1.4-bootstrap-20171003';

/** Archive platforms (Go os/arch). */
export const ARCHIVE_PLATFORMS = [
  ['linux', 'amd64'],
  ['linux', 'arm64'],
  ['linux', '386'],
  ['linux', 'armv6l'],
  ['darwin', 'amd64'],
  ['darwin', 'arm64'],
  ['darwin', '386'],
  ['windows', 'amd64'],
  ['windows', 'arm64'],
  ['windows', '386']
];

/** Deterministic fake sha256 of a file name. @param {string} filename */
export function fakeSha256(filename) {
  return createHash('sha256').update(`setup-go-enforced fixture ${filename}`).digest('hex');
}

/** Deterministic fake size (50-80 MB) of a file name. @param {string} filename */
export function fakeSize(filename) {
  return 50_000_000 + (parseInt(fakeSha256(filename).slice(0, 8), 16) % 30_000_000);
}

/**
 * Go's version order (src/internal/gover) for well-formed versions; enough for fixture sorting.
 * @param {string} x @param {string} y @returns {number}
 */
export function compareGoVersions(x, y) {
  const px = parse(x);
  const py = parse(y);
  if (!px || !py) return px ? 1 : py ? -1 : 0;
  for (const k of /** @type {const} */ (['major', 'minor', 'patch'])) {
    const c = cmpInt(px[k], py[k]);
    if (c !== 0) return c;
  }
  if (px.kind !== py.kind) {
    if (px.patch !== '') {
      if (px.kind === '') return 1;
      if (py.kind === '') return -1;
    }
    return px.kind < py.kind ? -1 : 1;
  }
  return cmpInt(px.pre, py.pre);
}

/** @param {string} a @param {string} b */
function cmpInt(a, b) {
  if (a === b) return 0;
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : 1;
}

/** @param {string} v */
function parse(v) {
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:([a-z]+)(\d*))?$/.exec(v.replace(/^go/, ''));
  if (!m) return undefined;
  const [, major, minor = '', patchRaw = '', kind = '', pre = ''] = m;
  let patch = patchRaw;
  if (minor === '') return { major, minor: '0', patch: '0', kind, pre };
  if (patch === '' && kind === '' && cmpInt(minor, '21') < 0) patch = '0';
  return { major, minor, patch, kind, pre };
}

/** @param {string} v */
function isPrerelease(v) {
  return /[a-z]/.test(v);
}

/**
 * @param {string} version Go spelling without "go"
 * @param {string} os @param {string} arch @param {string} kind @param {string} filename
 * @param {boolean} [noChecksum]
 * @returns {FixtureFile}
 */
function file(version, os, arch, kind, filename, noChecksum = false) {
  return {
    filename,
    os,
    arch,
    version: `go${version}`,
    sha256: noChecksum ? '' : fakeSha256(filename),
    size: noChecksum ? 0 : fakeSize(filename),
    kind
  };
}

/** The files of a normal release: source, then per platform the installer (if any) before the archive. @param {string} v */
function defaultFiles(v) {
  /** @type {FixtureFile[]} */
  const files = [file(v, '', '', 'source', `go${v}.src.tar.gz`)];
  for (const [os, arch] of ARCHIVE_PLATFORMS) {
    if (os === 'windows') files.push(file(v, os, arch, 'installer', `go${v}.${os}-${arch}.msi`));
    if (os === 'darwin' && arch !== '386') files.push(file(v, os, arch, 'installer', `go${v}.${os}-${arch}.pkg`));
    files.push(file(v, os, arch, 'archive', `go${v}.${os}-${arch}.${os === 'windows' ? 'zip' : 'tar.gz'}`));
  }
  return files;
}

/** @returns {FixtureFile} */
function bootstrapFile() {
  return {
    filename: `${BOOTSTRAP_VERSION}.tar.gz`,
    os: '4',
    arch: 'bootstrap',
    version: BOOTSTRAP_VERSION,
    sha256: fakeSha256(`${BOOTSTRAP_VERSION}.tar.gz`),
    size: fakeSize(`${BOOTSTRAP_VERSION}.tar.gz`),
    kind: 'source'
  };
}

/** go1.4.3: archives of amd64/386 only, without checksum or size, and the bootstrap source file. */
function oldQuirkRelease() {
  const v = OLD_QUIRK_VERSION;
  /** @type {FixtureFile[]} */
  const files = [file(v, '', '', 'source', `go${v}.src.tar.gz`, true), bootstrapFile()];
  for (const os of ['linux', 'darwin', 'windows']) {
    for (const arch of ['amd64', '386']) {
      files.push(file(v, os, arch, 'archive', `go${v}.${os}-${arch}.${os === 'windows' ? 'zip' : 'tar.gz'}`, true));
    }
  }
  return { version: `go${v}`, stable: true, files };
}

/**
 * @param {FixtureFile[]} files @param {string} version @param {FileOverride[]} overrides
 * @returns {FixtureFile[]}
 */
function mergeFiles(files, version, overrides) {
  const out = files.map((f) => ({ ...f }));
  for (const o of overrides) {
    const kind = o.kind ?? 'archive';
    const i = out.findIndex((f) => f.os === o.os && f.arch === o.arch && f.kind === kind);
    const ext = o.os === 'windows' ? 'zip' : 'tar.gz';
    const filename = o.filename ?? (i >= 0 ? out[i].filename : `go${version}.${o.os}-${o.arch}.${ext}`);
    /** @type {FixtureFile} */
    const merged = {
      filename,
      os: o.os,
      arch: o.arch,
      version: `go${version}`,
      sha256: o.sha256 ?? (i >= 0 ? out[i].sha256 : fakeSha256(filename)),
      size: o.size ?? (i >= 0 ? out[i].size : fakeSize(filename)),
      kind
    };
    if (i >= 0) out[i] = merged;
    else out.push(merged);
  }
  return out;
}

/**
 * The fixture manifest, newest first in Go's order (so with rcPeriod the rc comes first), the
 * invalid bootstrap entry last.
 * @param {FixtureOptions} [opts]
 * @returns {FixtureRelease[]}
 */
export function buildFixtureManifest(opts = {}) {
  /** @type {FixtureRelease[]} */
  let releases = [
    ...STABLE_VERSIONS.map((v) => ({ version: `go${v}`, stable: true, files: defaultFiles(v) })),
    ...PRERELEASE_VERSIONS.map((v) => ({ version: `go${v}`, stable: false, files: defaultFiles(v) })),
    oldQuirkRelease()
  ];
  if (opts.rcPeriod)
    releases.push({ version: `go${RC_PERIOD_VERSION}`, stable: false, files: defaultFiles(RC_PERIOD_VERSION) });
  for (const [version, overrides] of Object.entries(opts.files ?? {})) {
    const i = releases.findIndex((r) => r.version === `go${version}`);
    if (i >= 0) releases[i] = { ...releases[i], files: mergeFiles(releases[i].files, version, overrides) };
    else
      releases.push({
        version: `go${version}`,
        stable: !isPrerelease(version),
        files: mergeFiles(defaultFiles(version), version, overrides)
      });
  }
  const upTo = opts.upTo;
  if (upTo !== undefined) releases = releases.filter((r) => compareGoVersions(r.version, upTo) <= 0);
  releases.sort((a, b) => compareGoVersions(b.version, a.version));
  releases.push({ version: BOOTSTRAP_VERSION, stable: true, files: [bootstrapFile()] });
  return releases;
}
