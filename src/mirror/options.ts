/**
 * The command line of `setup-go-enforced mirror DIR [flags]` -> MirrorOptions (node:util
 * parseArgs). Every bad value is a UsageError of one line naming the flag and what was expected
 * (exit 2). The environment supplies the upstream (GO_DOWNLOAD_BASE_URL) and its token
 * (GO_DOWNLOAD_TOKEN, so a secret need not be on a command line other users can read); the flags
 * win. Pure.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../cli/args.js';
import { InputError } from '../errors.js';
import { DEFAULT_DOWNLOAD_BASE_URL, DEFAULT_VULNDB_URL } from '../inputs/inputs.js';
import { displayUrl, parseBaseUrl } from '../url.js';
import { parseKinds, type FileKind } from './kinds.js';
import { parsePlatforms, type MirrorPlatform } from './platforms.js';
import { parseMirrorSpecs, type MirrorSpec } from './specs.js';

export const MIRROR_USAGE = `  mirror DIR       build or refresh in DIR a mirror of Go releases that the action
                   (go-download-base-url, vulndb-url) and use install from: the archives,
                   <file>.sha256, the listing (index.json, manifest.json), a README.md; exit 0
                   complete, 1 something could not be mirrored (the previous mirror is kept),
                   2 bad usage
    --versions SPEC    supported (default: newest patch of each supported minor), stable,
                       oldstable, 1.26, 1.25.3, '>=1.24' (repeat, or a,b)
    --repo PATH        also what a repository asks for (go.mod, go.work, version files,
                       Dockerfiles, workflows; repeat)
    --platforms LIST   os/arch,... (default linux/amd64,linux/arm64,windows/amd64,darwin/arm64)
    --kinds LIST       tar.gz,zip (default); msi, pkg for the installers
    --from URL         the upstream: https://go.dev/dl (default), GO_DOWNLOAD_BASE_URL, any
                       mirror, file:///folder
    --go-download-token TOKEN   the upstream's credentials (or GO_DOWNLOAD_TOKEN), sent to
                       its host only, never written into DIR
    --allow-missing-checksum    mirror upstream files that have no sha256
    --vulndb           also copy the vulnerability database's stdlib and toolchain entries
                       into DIR/vulndb (vulndb-url); --vulndb-url URL: from where
                       (default https://vuln.go.dev)
    --prune            remove what the selection no longer holds (after the new listing)
    --jobs N           downloads at once (default 4)
    --rehash           hash every file again instead of trusting DIR/.mirror-state.json
    --json             print the summary as JSON
`;

export interface MirrorOptions {
  /** DIR as given */
  dir: string;
  specs: MirrorSpec[];
  /** --repo folders as given */
  repos: string[];
  platforms: MirrorPlatform[];
  kinds: FileKind[];
  /** the upstream base URL (no trailing slash) and where it came from */
  from: string;
  fromSource: 'flag' | 'env' | 'default';
  token: string;
  allowMissingChecksum: boolean;
  /** the database to copy; undefined without --vulndb */
  vulndbUrl?: string;
  prune: boolean;
  jobs: number;
  rehash: boolean;
  json: boolean;
  help: boolean;
  /** the flags as given that select what the mirror holds, for the README's refresh line */
  selectionArgs: string[];
}

const MAX_JOBS = 32;

const OPTIONS = {
  versions: { type: 'string', multiple: true },
  repo: { type: 'string', multiple: true },
  platforms: { type: 'string', multiple: true },
  kinds: { type: 'string', multiple: true },
  from: { type: 'string' },
  'go-download-token': { type: 'string' },
  'allow-missing-checksum': { type: 'boolean' },
  vulndb: { type: 'boolean' },
  'vulndb-url': { type: 'string' },
  prune: { type: 'boolean' },
  jobs: { type: 'string' },
  rehash: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const;

function parseJobs(v: string | undefined): number {
  if (v === undefined) return 4;
  const n = Number(v.trim());
  if (!/^\d+$/.test(v.trim()) || n < 1 || n > MAX_JOBS) {
    throw new UsageError(`--jobs: "${v}" is not a number of downloads at once (expected 1 to ${MAX_JOBS})`);
  }
  return n;
}

function upstreamOf(flag: string | undefined, env: NodeJS.ProcessEnv): Pick<MirrorOptions, 'from' | 'fromSource'> {
  const envValue = (env.GO_DOWNLOAD_BASE_URL ?? '').trim();
  const [value, fromSource, name] =
    flag !== undefined
      ? [flag, 'flag' as const, '--from']
      : envValue !== ''
        ? [envValue, 'env' as const, 'env GO_DOWNLOAD_BASE_URL']
        : [DEFAULT_DOWNLOAD_BASE_URL, 'default' as const, '--from'];
  try {
    return { from: parseBaseUrl({}, value), fromSource };
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(`${name}: ${e.detail}`);
    throw e;
  }
}

/** Parses `mirror`'s arguments (after the command name). */
export function parseMirrorArgs(argv: readonly string[], env: NodeJS.ProcessEnv): MirrorOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
  const { values: v, positionals } = parsed;
  const help = v.help === true;
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}" (mirror takes one DIR)`);
  const dir = positionals[0] ?? '';
  if (dir.trim() === '' && !help) throw new UsageError('no DIR given (expected: setup-go-enforced mirror DIR [flags])');
  for (const r of v.repo ?? []) if (r.trim() === '') throw new UsageError('--repo: empty path (expected a folder)');
  if (v['vulndb-url'] !== undefined && v.vulndb !== true) {
    throw new UsageError('--vulndb-url: given without --vulndb (expected --vulndb --vulndb-url URL)');
  }
  let vulndbUrl: string | undefined;
  if (v.vulndb === true) {
    try {
      vulndbUrl = parseBaseUrl({}, v['vulndb-url'] ?? DEFAULT_VULNDB_URL);
    } catch (e) {
      if (e instanceof InputError) throw new UsageError(`--vulndb-url: ${e.detail}`);
      throw e;
    }
  }
  const selectionArgs: string[] = [];
  for (const name of ['versions', 'repo', 'platforms', 'kinds'] as const) {
    for (const x of v[name] ?? []) selectionArgs.push(`--${name}`, x);
  }
  if (v.from !== undefined) selectionArgs.push('--from', displayUrl(v.from));
  if (v['allow-missing-checksum']) selectionArgs.push('--allow-missing-checksum');
  if (v.vulndb)
    selectionArgs.push('--vulndb', ...(v['vulndb-url'] !== undefined ? ['--vulndb-url', v['vulndb-url']] : []));
  return {
    dir,
    specs: parseMirrorSpecs(v.versions ?? []),
    repos: v.repo ?? [],
    platforms: parsePlatforms(v.platforms ?? []),
    kinds: parseKinds(v.kinds ?? []),
    ...upstreamOf(v.from, env),
    token: (v['go-download-token'] ?? env.GO_DOWNLOAD_TOKEN ?? '').trim(),
    allowMissingChecksum: v['allow-missing-checksum'] === true,
    ...(vulndbUrl !== undefined ? { vulndbUrl } : {}),
    prune: v.prune === true,
    jobs: parseJobs(v.jobs),
    rehash: v.rehash === true,
    json: v.json === true,
    help,
    selectionArgs
  };
}
