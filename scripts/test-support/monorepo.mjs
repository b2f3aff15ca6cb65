/**
 * Generates a large Go monorepo for benchmarks and tests of the workspace scan.
 *
 * Layout (n = options.modules):
 *   go.mod                         root module
 *   go.work                        (options.workspace) `use` of the first 50 modules
 *   .go-version                    (options.goVersionFile) the go line
 *   services/g<k>/m<i>/go.mod      n modules in groups of 100, each with main.go and README.md
 *   services/g<k>/m<i>/Dockerfile  every 10th module: FROM golang:<goLine>-alpine AS build
 *   services/g<k>/m<i>/vendor/     every 25th module: a vendored go.mod the scan must skip
 *   services/g<k>/m<i>/testdata/   every 25th module: a fixture go.mod the scan must skip
 *   node_modules/, .git/           with go.mod files the scan must skip
 * About 3 files and folders per module (15,000 for 5,000 modules).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * @param {string} dir empty or missing folder to fill
 * @param {{ modules?: number, goLine?: string, workspace?: boolean, goVersionFile?: boolean, concurrency?: number }} [options]
 * @returns {Promise<{ modules: string[], skipped: string[], dockerfiles: string[] }>}
 *   repository-relative paths of the in-scope go.mod files, of the go.mod files the default scope
 *   skips, and of the Dockerfiles
 */
export async function generateMonorepo(dir, options = {}) {
  const n = options.modules ?? 5000;
  const goLine = options.goLine ?? '1.22';
  const concurrency = options.concurrency ?? 64;
  const modules = ['go.mod'];
  const skipped = [];
  const dockerfiles = [];
  /** @type {[string, string][]} */
  const files = [];
  const add = (rel, text) => files.push([rel, text]);
  const gomod = (mod) => `module example.com/${mod}\n\ngo ${goLine}\n\nrequire example.com/lib v1.2.3\n`;

  add('go.mod', gomod('root'));
  if (options.goVersionFile) add('.go-version', `${goLine}\n`);
  add('node_modules/pkg/go.mod', gomod('node-modules-pkg'));
  add('.git/hooks/go.mod', gomod('git-hook'));
  skipped.push('node_modules/pkg/go.mod', '.git/hooks/go.mod');
  const uses = [];
  for (let i = 0; i < n; i++) {
    const base = `services/g${Math.floor(i / 100)}/m${i}`;
    add(`${base}/go.mod`, gomod(`m${i}`));
    add(`${base}/main.go`, `package main\n\nfunc main() { println(${i}) }\n`);
    add(`${base}/README.md`, `# m${i}\n`);
    modules.push(`${base}/go.mod`);
    if (uses.length < 50) uses.push(`./${base}`);
    if (i % 10 === 0) {
      add(`${base}/Dockerfile`, `FROM golang:${goLine}-alpine AS build\nRUN go build ./...\nFROM scratch\n`);
      dockerfiles.push(`${base}/Dockerfile`);
    }
    if (i % 25 === 0) {
      add(`${base}/vendor/example.com/dep/go.mod`, gomod(`dep${i}`));
      add(`${base}/testdata/fixture/go.mod`, 'module fixture\n\ngo 9.99\n');
      skipped.push(`${base}/vendor/example.com/dep/go.mod`, `${base}/testdata/fixture/go.mod`);
    }
  }
  if (options.workspace) add('go.work', `go ${goLine}\n\nuse (\n\t.\n${uses.map((u) => `\t${u}\n`).join('')})\n`);

  const dirs = new Set(files.map(([rel]) => path.dirname(rel)));
  for (const d of [...dirs].sort()) await mkdir(path.join(dir, d), { recursive: true });
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const [rel, text] = files[next++];
      await writeFile(path.join(dir, rel), text);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { modules, skipped, dockerfiles };
}
