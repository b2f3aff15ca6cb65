// A Go module proxy in a folder (GOPROXY=file:///...), and a module that depends on it, for the
// caching tests and the benchmark. Everything is computed here: the proxy layout
// (<module>/@v/list, <v>.info, <v>.mod, <v>.zip) and the go.sum lines (Go's dirhash "h1:"), so no
// `go` command and no network are needed to set them up.
import { createHash } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const DEP_MODULE = 'example.com/dep';
export const APP_MODULE = 'example.com/app';

/** Go's module path escaping in the proxy and module cache: upper case -> "!" + lower case. @param {string} p */
export function escapeModulePath(p) {
  return p.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

/**
 * golang.org/x/mod/sumdb/dirhash Hash1 over files named `<prefix>/<name>` (just `<name>` when prefix is
 * empty, as for the go.mod line).
 * @param {Record<string, string | Buffer>} files  name -> content
 * @param {string} prefix
 */
export function hash1(files, prefix) {
  const full = (/** @type {string} */ n) => (prefix ? `${prefix}/${n}` : n);
  const summary = Object.keys(files)
    .sort((a, b) => (full(a) < full(b) ? -1 : full(a) > full(b) ? 1 : 0))
    .map((n) => `${createHash('sha256').update(files[n]).digest('hex')}  ${full(n)}\n`)
    .join('');
  return `h1:${createHash('sha256').update(summary).digest('base64')}`;
}

/**
 * Go source for the dependency at `version`: `files` files of generated functions, so that
 * compiling it takes a measurable moment and every version compiles to different code.
 * @param {string} version
 * @param {{ files?: number, funcs?: number }} [size]
 * @returns {Record<string, string>}
 */
export function depSources(version, size = {}) {
  const n = size.files ?? 8;
  const funcs = size.funcs ?? 60;
  /** @type {Record<string, string>} */
  const out = { 'go.mod': `module ${DEP_MODULE}\n\ngo 1.19\n` };
  const salt = Number.parseInt(createHash('sha256').update(version).digest('hex').slice(0, 6), 16);
  for (let f = 0; f < n; f++) {
    const body = [];
    for (let i = 0; i < funcs; i++) {
      body.push(
        `func F${f}_${i}(xs []int) int {\n\ts := ${salt % 997}\n\tfor i, x := range xs {\n\t\tif x%${i + 2} == 0 {\n\t\t\ts += x * ${i + 1}\n\t\t} else {\n\t\t\ts ^= i << ${i % 7}\n\t\t}\n\t}\n\treturn s\n}\n`
      );
    }
    out[`f${f}.go`] = `package dep\n\n${body.join('\n')}`;
  }
  out['dep.go'] =
    `package dep\n\n// Version is the version of this module.\nconst Version = "${version}"\n\n// Sum calls every function once.\nfunc Sum(xs []int) int {\n\ts := 0\n${Array.from(
      { length: n },
      (_, f) => `\ts += F${f}_0(xs)\n`
    ).join('')}\treturn s\n}\n`;
  return out;
}

/**
 * Writes a file:// module proxy holding `versions` of the dependency. Returns its GOPROXY URL and
 * the go.sum lines per version.
 * @param {string} dir
 * @param {string[]} versions  e.g. ["v1.0.0", "v1.1.0"]
 * @param {{ files?: number, funcs?: number }} [size]
 */
export async function buildGoProxy(dir, versions, size) {
  const { ZipFile } = await import('yazl');
  const modDir = path.join(dir, escapeModulePath(DEP_MODULE), '@v');
  await fs.mkdir(modDir, { recursive: true });
  /** @type {Record<string, string[]>} */
  const sums = {};
  const mtime = new Date('2026-01-01T00:00:00Z');
  for (const v of versions) {
    const files = depSources(v, size);
    const prefix = `${DEP_MODULE}@${v}`;
    await fs.writeFile(path.join(modDir, `${v}.mod`), files['go.mod']);
    await fs.writeFile(path.join(modDir, `${v}.info`), JSON.stringify({ Version: v, Time: mtime.toISOString() }));
    const zip = new ZipFile();
    for (const name of Object.keys(files).sort())
      zip.addBuffer(Buffer.from(files[name]), `${prefix}/${name}`, { mtime });
    zip.end();
    await new Promise((resolve, reject) => {
      const ws = createWriteStream(path.join(modDir, `${v}.zip`));
      zip.outputStream.pipe(ws).on('close', resolve).on('error', reject);
    });
    sums[v] = [
      `${DEP_MODULE} ${v} ${hash1(files, prefix)}`,
      `${DEP_MODULE} ${v}/go.mod ${hash1({ 'go.mod': files['go.mod'] }, '')}`
    ];
  }
  await fs.writeFile(path.join(modDir, 'list'), versions.join('\n') + '\n');
  return { dir, url: pathToFileURL(dir).href, sums };
}

/**
 * Writes (or rewrites) the application module in `ws`: go.mod requiring the dependency at
 * `version`, its go.sum lines, and a main package that calls it.
 * @param {string} ws
 * @param {string} version
 * @param {Record<string, string[]>} sums  from buildGoProxy
 */
export async function writeApp(ws, version, sums) {
  await fs.mkdir(ws, { recursive: true });
  await fs.writeFile(path.join(ws, 'go.mod'), `module ${APP_MODULE}\n\ngo 1.19\n\nrequire ${DEP_MODULE} ${version}\n`);
  await fs.writeFile(path.join(ws, 'go.sum'), sums[version].join('\n') + '\n');
  await fs.writeFile(
    path.join(ws, 'main.go'),
    `package main\n\nimport (\n\t"fmt"\n\n\t"${DEP_MODULE}"\n)\n\nfunc main() {\n\tfmt.Println("dep", dep.Version, dep.Sum([]int{1, 2, 3}))\n}\n`
  );
}

/**
 * Adds to the proxy in `dir` the module Go 1.21+ downloads to switch toolchains
 * (GOTOOLCHAIN=auto): golang.org/toolchain@v0.0.1-go<version>.<goos>-<goarch>, holding `files`
 * (a Go tree, e.g. a synthetic toolchain's bin/go) under its module prefix. Returns the version.
 * @param {string} dir
 * @param {{ version: string, goos: string, goarch: string, files: Record<string, string | Buffer> }} t
 */
export async function addToolchainModule(dir, t) {
  const { ZipFile } = await import('yazl');
  const mod = 'golang.org/toolchain';
  const v = `v0.0.1-go${t.version}.${t.goos}-${t.goarch}`;
  const modDir = path.join(dir, escapeModulePath(mod), '@v');
  await fs.mkdir(modDir, { recursive: true });
  const mtime = new Date('2026-01-01T00:00:00Z');
  await fs.writeFile(path.join(modDir, `${v}.mod`), `module ${mod}\n`);
  await fs.writeFile(path.join(modDir, `${v}.info`), JSON.stringify({ Version: v, Time: mtime.toISOString() }));
  const zip = new ZipFile();
  for (const name of Object.keys(t.files).sort()) {
    zip.addBuffer(Buffer.from(t.files[name]), `${mod}@${v}/${name}`, { mtime, mode: 0o100755 });
  }
  zip.end();
  await new Promise((resolve, reject) => {
    const ws = createWriteStream(path.join(modDir, `${v}.zip`));
    zip.outputStream.pipe(ws).on('close', resolve).on('error', reject);
  });
  const list = path.join(modDir, 'list');
  const before = await fs.readFile(list, 'utf8').catch(() => '');
  await fs.writeFile(list, `${before}${v}\n`);
  return v;
}
