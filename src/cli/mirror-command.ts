/**
 * `setup-go-enforced mirror DIR [flags]`: builds or refreshes a mirror of Go releases that the
 * action and `use` install from (src/mirror/run.ts; flags: src/mirror/options.ts). Exit 0 the
 * mirror is complete, 1 something could not be mirrored (listed; the previous mirror is kept),
 * 2 bad usage.
 */
import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { localPathOf } from '../system/http.js';
import { currentPlatform } from '../system/platform.js';
import { MIRROR_USAGE, parseMirrorArgs } from '../mirror/options.js';
import { makeProgress } from '../mirror/progress.js';
import { VULNDB_DIR, runMirror } from '../mirror/run.js';
import { summaryJson, summaryLines } from '../mirror/summary.js';
import { UsageError } from './args.js';
import type { OwnCommand } from './commands.js';
import type { CliIo } from './io.js';

/** A shell word for the README's refresh line. */
function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function isFolder(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const o = parseMirrorArgs(argv, io.env);
  if (o.help) {
    io.stdout.write(MIRROR_USAGE);
    return 0;
  }
  const dir = path.resolve(io.cwd, o.dir);
  const repos = o.repos.map((r) => {
    const abs = path.resolve(io.cwd, r);
    if (!isFolder(abs)) throw new UsageError(`--repo: "${r}" is not a folder (looked at ${abs})`);
    return { path: abs, label: r };
  });
  const local = localPathOf(o.from);
  if (local !== undefined && path.resolve(io.cwd, local) === dir) {
    throw new UsageError(`--from: ${o.from} is DIR itself (expected the upstream to mirror from)`);
  }
  const progress = makeProgress(io.stderr, io.stderr.isTTY === true);
  const result = await runMirror({
    dir,
    specs: o.specs,
    repos,
    platforms: o.platforms,
    kinds: o.kinds,
    upstream: { base: o.from, token: o.token, env: io.env },
    allowMissingChecksum: o.allowMissingChecksum,
    ...(o.vulndbUrl !== undefined ? { vulndb: { base: o.vulndbUrl } } : {}),
    prune: o.prune,
    jobs: o.jobs,
    rehash: o.rehash,
    refresh: ['setup-go-enforced', 'mirror', o.dir, ...o.selectionArgs].map(shellWord).join(' '),
    platform: currentPlatform(),
    pauseDir: io.env.RUNNER_TEMP || os.tmpdir(),
    progress
  });
  for (const p of result.problems) io.stderr.write(`setup-go-enforced mirror: ${p}\n`);
  if (o.json) io.stdout.write(summaryJson(result));
  else {
    io.stdout.write(`${summaryLines(result).join('\n')}\n`);
    if (result.complete && o.vulndbUrl !== undefined) {
      const url = pathToFileURL(path.join(dir, VULNDB_DIR)).href;
      io.stdout.write(`  vulndb-url: ${url}, or <where DIR is served>/${VULNDB_DIR}\n`);
    }
  }
  return result.complete ? 0 : 1;
}

export const mirrorCommand: OwnCommand = { usage: MIRROR_USAGE, run };
