// Builders of Go toolchain archives for tests, the demo and the benchmark.
//
// - buildSyntheticToolchain: a tiny archive laid out like an official one (go/VERSION, go/bin/go, a
//   few files) whose `go` is a POSIX sh script answering `go version` and `go env`.
// - packRealGo: packs an installed Go (Debian's /usr/lib/go-1.19) as an official-style tar.gz,
//   cached by version so repeated runs reuse it.
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGzip } from 'node:zlib';

const run = promisify(execFile);

/** The action's own table of architecture names (src/go/arch-names.json), read as data. */
const ARCH_NAMES = JSON.parse(readFileSync(new URL('../../src/go/arch-names.json', import.meta.url), 'utf8'));

/**
 * Go's name of an architecture given in Node's or Go's spelling ("x64" -> "amd64", "amd64" -> "amd64").
 * @param {string} arch
 */
export function goArch(arch) {
  const node = ARCH_NAMES.nodeArch[arch] ?? arch;
  return ARCH_NAMES.goArch[node] ?? arch;
}

/** Go's name of this machine's architecture. */
export const HOST_GOARCH = goArch(process.arch);

/**
 * sha256 and size of a file.
 * @param {string} file
 * @returns {Promise<{ sha256: string, size: number }>}
 */
export async function hashFile(file) {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * An archive built once and kept with its sha256 and size beside it (<out>.json), or undefined
 * when it is not there whole.
 * @param {string} out
 * @returns {Promise<{ filename: string, path: string, sha256: string, size: number } | undefined>}
 */
export async function builtArchive(out) {
  const sumFile = `${out}.json`;
  if (!existsSync(out) || !existsSync(sumFile)) return undefined;
  const sum = JSON.parse(await fs.readFile(sumFile, 'utf8'));
  const st = await fs.stat(out);
  if (st.size !== sum.size) return undefined;
  return { filename: path.basename(out), path: out, sha256: sum.sha256, size: sum.size };
}

/**
 * Writes an archive through `write(partial)` to a partial file, renames it into place and records
 * its sha256 and size beside it (read back by builtArchive).
 * @param {string} out @param {(partial: string) => Promise<void>} write
 */
export async function publishArchive(out, write) {
  const partial = `${out}.partial-${process.pid}`;
  await write(partial);
  await fs.rename(partial, out);
  const { sha256, size } = await hashFile(out);
  await fs.writeFile(`${out}.json`, JSON.stringify({ sha256, size }));
  return { filename: path.basename(out), path: out, sha256, size };
}

/** @param {string} s */
function shQuote(s) {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The synthetic `go` script.
 * @param {{ version: string, goos: string, goarch: string }} o version without "go"
 */
export function goScript({ version, goos, goarch }) {
  return `#!/bin/sh
# Synthetic go command for tests: answers "go version" and "go env" like the real one.
GOROOT_SELF=$(cd "$(dirname "$0")/.." && pwd -P)
GOVERSION_SELF=${shQuote(`go${version}`)}
GOOS_SELF=${shQuote(goos)}
GOARCH_SELF=${shQuote(goarch)}
value() {
  case "$1" in
    GOVERSION) printf '%s\\n' "$GOVERSION_SELF" ;;
    GOROOT) printf '%s\\n' "$GOROOT_SELF" ;;
    GOPATH) if [ -n "$GOPATH" ]; then printf '%s\\n' "$GOPATH"; else printf '%s\\n' "$HOME/go"; fi ;;
    GOMODCACHE) if [ -n "$GOMODCACHE" ]; then printf '%s\\n' "$GOMODCACHE"; else printf '%s/pkg/mod\\n' "$(value GOPATH | cut -d: -f1)"; fi ;;
    GOCACHE) if [ -n "$GOCACHE" ]; then printf '%s\\n' "$GOCACHE"; else printf '%s/go-build\\n' "\${XDG_CACHE_HOME:-$HOME/.cache}"; fi ;;
    GOTOOLCHAIN) printf '%s\\n' "$GOTOOLCHAIN" ;;
    GOFLAGS) printf '%s\\n' "$GOFLAGS" ;;
    GOOS) printf '%s\\n' "$GOOS_SELF" ;;
    GOARCH) printf '%s\\n' "$GOARCH_SELF" ;;
    GOBIN) printf '%s\\n' "$GOBIN" ;;
    GOWORK) printf '%s\\n' "$GOWORK" ;;
    *) printf '\\n' ;;
  esac
}
ALL="GOARCH GOBIN GOFLAGS GOOS GOPATH GOROOT GOTOOLCHAIN GOVERSION"
case "$1" in
  version)
    printf 'go version %s %s/%s\\n' "$GOVERSION_SELF" "$GOOS_SELF" "$GOARCH_SELF"
    ;;
  env)
    shift
    if [ "$1" = "-json" ]; then
      shift
      [ $# -eq 0 ] && set -- $ALL
      printf '{\\n'
      n=$#
      i=0
      for name in "$@"; do
        i=$((i + 1))
        sep=','
        [ $i -eq $n ] && sep=''
        printf '\\t"%s": "%s"%s\\n' "$name" "$(value "$name" | sed 's/\\\\/\\\\\\\\/g; s/"/\\\\"/g')" "$sep"
      done
      printf '}\\n'
    elif [ $# -eq 0 ]; then
      for name in $ALL; do printf "%s='%s'\\n" "$name" "$(value "$name")"; done
    else
      for name in "$@"; do value "$name"; done
    fi
    ;;
  *)
    echo "go $1: unknown command (synthetic go)" >&2
    exit 2
    ;;
esac
`;
}

/**
 * Builds go<version>.<os>-<arch>.tar.gz (or .zip for windows) in outDir.
 * @param {{
 *   version: string,
 *   os: 'linux' | 'windows' | 'darwin',
 *   arch: string,
 *   outDir: string,
 *   versionFileText?: string,
 *   reportVersion?: string,
 *   filename?: string,
 *   format?: 'tar.gz' | 'zip',
 *   extraFiles?: [string, string][],
 * }} o version in Go spelling without "go"; arch in Go spelling (node's x64/ia32 are mapped);
 *   versionFileText overrides go/VERSION; reportVersion overrides what `go version` prints;
 *   filename overrides the archive name; format overrides the archive type (default: zip for
 *   windows, tar.gz otherwise), e.g. a linux zip to test the zip path on Linux; extraFiles adds
 *   [path below go/, content] pairs (e.g. a non-ASCII name like Go's own test/.../Äfoo.go).
 * @returns {Promise<{ filename: string, path: string, sha256: string, size: number }>}
 */
export async function buildSyntheticToolchain(o) {
  const goarch = goArch(o.arch);
  const ext = o.format ?? (o.os === 'windows' ? 'zip' : 'tar.gz');
  const filename = o.filename ?? `go${o.version}.${o.os}-${goarch}.${ext}`;
  await fs.mkdir(o.outDir, { recursive: true });
  const out = path.join(o.outDir, filename);
  // Go 1.21+ VERSION files have a second line ("time ..."); older ones are one line without newline.
  const [maj, min] = o.version.split(/[.a-z]/).map(Number);
  const modern = maj > 1 || min >= 21;
  const versionFile = o.versionFileText ?? (modern ? `go${o.version}\ntime 2026-01-01T00:00:00Z\n` : `go${o.version}`);
  const script = goScript({ version: o.reportVersion ?? o.version, goos: o.os, goarch });
  const exe = o.os === 'windows' ? 'go.exe' : 'go';
  /** @type {[string, string, number][]} path, content, mode */
  const files = [
    ['go/VERSION', versionFile, 0o644],
    [`go/bin/${exe}`, script, 0o755],
    ['go/go.env', 'GOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\nGOTOOLCHAIN=auto\n', 0o644],
    ['go/LICENSE', 'Synthetic Go toolchain for tests.\n', 0o644],
    ['go/src/fmt/print.go', 'package fmt\n', 0o644],
    ['go/src/runtime/extern.go', 'package runtime\n', 0o644],
    ['go/pkg/tool/README', 'tools\n', 0o644],
    .../** @type {[string, string, number][]} */ ((o.extraFiles ?? []).map(([p, c]) => [`go/${p}`, c, 0o644]))
  ];

  if (ext === 'zip') {
    const { ZipFile } = await import('yazl');
    const zip = new ZipFile();
    const mtime = new Date('2026-01-01T00:00:00Z');
    const dirs = new Set(['go/', 'go/bin/', 'go/src/', 'go/src/fmt/', 'go/src/runtime/', 'go/pkg/', 'go/pkg/tool/']);
    for (const [name] of files) {
      for (let d = path.posix.dirname(name); d !== '.' && d !== 'go'; d = path.posix.dirname(d)) dirs.add(`${d}/`);
    }
    for (const dir of [...dirs].sort()) zip.addEmptyDirectory(dir, { mtime, mode: 0o40755 });
    for (const [name, content, mode] of files) zip.addBuffer(Buffer.from(content), name, { mtime, mode });
    zip.end();
    await new Promise((resolve, reject) => {
      const ws = createWriteStream(out);
      zip.outputStream.pipe(ws).on('close', resolve).on('error', reject);
      zip.outputStream.on('error', reject);
    });
  } else {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'synthetic-go-'));
    try {
      for (const [name, content, mode] of files) {
        const p = path.join(tmp, name);
        await fs.mkdir(path.dirname(p), { recursive: true });
        await fs.writeFile(p, content);
        await fs.chmod(p, mode);
      }
      await run('tar', ['-czf', out, '-C', tmp, 'go']);
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  }
  const { sha256, size } = await hashFile(out);
  return { filename, path: out, sha256, size };
}

/**
 * Runs `tar <args>` (writing the archive to stdout) and gzips its output into `dest`.
 * @param {string[]} args
 * @param {string} dest
 */
async function tarGzipTo(args, dest) {
  const tar = spawn('tar', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  tar.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => tar.once('close', resolve));
  try {
    await pipeline(tar.stdout, createGzip(), createWriteStream(dest));
  } catch (e) {
    tar.kill();
    await exited;
    await fs.rm(dest, { force: true });
    throw e;
  }
  const code = await exited;
  if (code !== 0) {
    await fs.rm(dest, { force: true });
    throw new Error(`tar ${args.join(' ')} failed (exit ${code}): ${stderr.trim().split('\n').pop()}`);
  }
}

/**
 * Packs an installed Go (e.g. Debian's /usr/lib/go-1.19, whose top-level entries are symlinks into
 * /usr/share/go-1.19) as an official-style archive with top folder go/, dereferencing symlinks.
 * Writes go/VERSION when the source has none. The archive is cached in <outDir>/real-go-<version>/
 * and reused when it exists (its sha256 is stored beside it).
 * @param {{ srcDir: string, version: string, outDir: string }} o
 * @returns {Promise<{ filename: string, path: string, sha256: string, size: number }>}
 */
export async function packRealGo({ srcDir, version, outDir }) {
  const goBin = path.join(srcDir, 'bin', 'go');
  const { stdout } = await run(goBin, ['version'], { env: { ...process.env, GOTOOLCHAIN: 'local', GOROOT: '' } });
  const m = /^go version go(\S+) (\w+)\/(\w+)/.exec(stdout.trim());
  if (!m || m[1] !== version) throw new Error(`${goBin} reports "${stdout.trim()}", expected go${version}`);
  const [, , goos, goarch] = m;
  const filename = `go${version}.${goos}-${goarch}.tar.gz`;
  const cacheDir = path.join(outDir, `real-go-${version}`);
  const out = path.join(cacheDir, filename);
  const cached = await builtArchive(out);
  if (cached) return cached;
  await fs.mkdir(cacheDir, { recursive: true });
  const tmp = await fs.mkdtemp(path.join(cacheDir, 'pack-'));
  try {
    // go/ holds a symlink per top-level entry of srcDir (tar -h follows them), plus VERSION if missing.
    const top = path.join(tmp, 'go');
    await fs.mkdir(top);
    for (const name of await fs.readdir(srcDir)) {
      await fs.symlink(path.join(srcDir, name), path.join(top, name));
    }
    // Deterministic bytes (sorted names, fixed mtimes of what we create, gzip header without
    // name/time), so concurrent packers of the same version produce the same file and sha256.
    const epoch = new Date(0);
    if (!existsSync(path.join(srcDir, 'VERSION'))) {
      await fs.writeFile(path.join(top, 'VERSION'), `go${version}\n`);
      await fs.utimes(path.join(top, 'VERSION'), epoch, epoch);
    }
    await fs.utimes(top, epoch, epoch);
    return await publishArchive(out, (partial) =>
      tarGzipTo(['--sort=name', '--owner=0', '--group=0', '--numeric-owner', '-chf', '-', '-C', tmp, 'go'], partial)
    );
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}
