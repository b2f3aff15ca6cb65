/**
 * One run of `setup-go-enforced mirror DIR` (edge: the wiring of the pure selection and decisions
 * with the file system and the upstream).
 *
 * Under the lock (install/lock.ts on DIR/.lock: two runs on one DIR take turns, a dead holder's
 * lock is taken over): remove dead runs' temporary files; read the previous listing and the state
 * file; scan the --repo folders; read the upstream; select; inspect what DIR holds; decide; download
 * what is missing or changed a few at a time (each verified as it streams, flushed, renamed into
 * place; a changed file waits under its temporary name until every download succeeded); copy the
 * vulnerability database; write the checksum files and the state file; then the listing
 * (index.json, manifest.json), last; then the README; and only then, with --prune, remove what the
 * new listing does not hold. Any problem stops the run before the listing: the previous listing
 * stays, with every file it names untouched, and what was verified meanwhile is kept for the next
 * run. A run killed at any moment leaves the same.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import pLimit from 'p-limit';
import { firstLine } from '../errors.js';
import type { Platform } from '../go/types.js';
import { lexists } from '../system/fs-probe.js';
import { scanWorkspace } from '../verify/workspace-scan.js';
import { acquireLock } from '../install/lock.js';
import { testPoint } from '../test-points.js';
import { ACTION_VERSION } from '../version.js';
import { decide, type Present } from './decide.js';
import {
  LOCK_DIR,
  STATE_FILE,
  fileNames,
  inspectFile,
  readPreviousListing,
  readState,
  recordOf,
  removeLeftovers,
  stateText,
  type State
} from './dir-state.js';
import type { FileKind } from './kinds.js';
import { LISTING_FILES, buildListing, heldFromListing, listingText } from './listing.js';
import type { MirrorPlatform } from './platforms.js';
import type { Progress } from './progress.js';
import { pruneNames, sha256Name } from './prune.js';
import { README_FILE, mirrorReadme } from './readme.js';
import { repoSpecs } from './repo-versions.js';
import {
  heldWithoutListing,
  selectFromListing,
  selectWithoutListing,
  upstreamFiles,
  type HeldFile,
  type Selection
} from './selection.js';
import type { MirrorSpec } from './specs.js';
import type { MirrorResult } from './summary.js';
import { downloadTemp, place, syncDir, writeFileAtomic } from './transfer.js';
import {
  fileUrl,
  readUpstream,
  readUpstreamSha256,
  upstreamHeaders,
  upstreamRetry,
  type Upstream
} from './upstream.js';
import { displayUrl } from '../url.js';
import { copyVulnDb, type VulnCopyResult } from './vulndb-copy.js';

/** The vulnerability database copy's folder in DIR (`vulndb-url: <mirror>/vulndb`). */
export const VULNDB_DIR = 'vulndb';

export interface MirrorRunOptions {
  /** absolute */
  dir: string;
  specs: MirrorSpec[];
  /** absolute path, and how messages name it (as given) */
  repos: { path: string; label: string }[];
  platforms: MirrorPlatform[];
  kinds: FileKind[];
  upstream: Upstream;
  allowMissingChecksum: boolean;
  /** the database to copy, when --vulndb */
  vulndb?: { base: string };
  prune: boolean;
  jobs: number;
  rehash: boolean;
  /** the command line that refreshes this mirror, for the README (no token) */
  refresh: string;
  /** this machine (renames on Windows are retried) */
  platform: Platform;
  /** where a test hook writes its files (src/test-points.ts) */
  pauseDir: string;
  progress: Progress;
  /** how long to wait for another run's lock (default 60 minutes) */
  lockTimeoutMs?: number;
}

const DEFAULT_LOCK_TIMEOUT_MS = 60 * 60_000;

interface Listed {
  held: HeldFile[];
}

function shape(r: Listed): Pick<MirrorResult, 'releases' | 'files' | 'bytes' | 'platforms'> {
  const releases = [...new Set(buildListing(r.held).map((x) => x.version.replace(/^go/, '')))];
  const platforms = [...new Set(r.held.map((h) => `${h.file.os}/${h.file.arch}`))].sort();
  return { releases, files: r.held.length, bytes: r.held.reduce((n, h) => n + h.file.size, 0), platforms };
}

/** Runs the mirror (see the module comment). Throws only what stops it before any decision. */
export async function runMirror(o: MirrorRunOptions): Promise<MirrorResult> {
  const t0 = Date.now();
  const env = o.upstream.env;
  await fs.mkdir(o.dir, { recursive: true });
  const lockDir = path.join(o.dir, LOCK_DIR);
  if (await lexists(lockDir)) o.progress.note(`waiting for ${lockDir}: another mirror run holds ${o.dir}`);
  const lock = await acquireLock(lockDir, { timeoutMs: o.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS });
  const temps = new Set<string>();
  try {
    const vulnDir = path.join(o.dir, VULNDB_DIR);
    await removeLeftovers([o.dir, vulnDir, path.join(vulnDir, 'index'), path.join(vulnDir, 'ID')]);
    const warnings: string[] = [];
    const problems: string[] = [];
    const state = await readState(o.dir);
    const prev = await readPreviousListing(o.dir);
    if (prev && 'warning' in prev) warnings.push(prev.warning);
    const previous = prev && 'releases' in prev ? heldFromListing(prev.releases) : [];

    const specs = [...o.specs];
    for (const r of o.repos) {
      const found = repoSpecs(r.label, await scanWorkspace(r.path));
      specs.push(...found.specs);
      problems.push(...found.problems);
    }

    const limit = pLimit(Math.max(1, o.jobs));
    const up = await readUpstream(o.upstream);
    let selection: Selection;
    let upstreamByName: Map<string, HeldFile> | undefined;
    if (up.kind === 'listing') {
      selection = selectFromListing(specs, up.releases, o.platforms, o.kinds, o.allowMissingChecksum);
      upstreamByName = upstreamFiles(up.releases);
    } else {
      const wanted = selectWithoutListing(specs, o.platforms, o.kinds, displayUrl(o.upstream.base), up.why);
      const shas = new Map<string, string | undefined>();
      await Promise.all(
        wanted.map((w) =>
          limit(async () => {
            try {
              shas.set(w.filename, await readUpstreamSha256(o.upstream, w.filename));
            } catch (e) {
              problems.push(`${w.filename}: ${firstLine(e)}`);
            }
          })
        )
      );
      selection = heldWithoutListing(
        wanted.filter((w) => shas.has(w.filename)),
        shas,
        o.allowMissingChecksum
      );
    }
    problems.push(...selection.problems);

    // What DIR holds of every file the new listing may name.
    const candidates = new Map<string, HeldFile>();
    for (const h of [...selection.files, ...(o.prune ? [] : previous)]) {
      if (!candidates.has(h.file.filename)) candidates.set(h.file.filename, h);
    }
    const present = new Map<string, Present>();
    const records: State = new Map();
    await Promise.all(
      [...candidates.values()].map((h) =>
        limit(async () => {
          const name = h.file.filename;
          const got = await inspectFile(o.dir, name, state, { rehash: o.rehash, expectedSize: h.file.size });
          if (got.problem) problems.push(got.problem);
          if (got.present) present.set(name, got.present);
          if (got.record) records.set(name, got.record);
        })
      )
    );
    const { decisions, dropped } = decide({
      selected: selection.files,
      previous,
      upstream: upstreamByName,
      present,
      prune: o.prune
    });

    // Downloads: a few at a time; an added file is renamed into place at once, a changed one waits.
    const finals = new Map<string, HeldFile>();
    const kept: string[] = [];
    for (const d of decisions.filter((x) => x.action === 'keep')) {
      finals.set(d.held.file.filename, d.held);
      kept.push(d.held.file.filename);
    }
    const fetches = decisions.filter((d) => d.action !== 'keep');
    const added: string[] = [];
    const waiting: { held: HeldFile; temp: string }[] = [];
    let downloadedBytes = 0;
    o.progress.start(
      fetches.length,
      fetches.reduce((n, d) => n + d.held.file.size, 0),
      Math.min(o.jobs, Math.max(1, fetches.length))
    );
    await Promise.all(
      fetches.map((d) =>
        limit(async () => {
          const name = d.held.file.filename;
          const dest = path.join(o.dir, name);
          const url = fileUrl(o.upstream, name);
          try {
            const got = await downloadTemp(o.dir, name, {
              url,
              headers: upstreamHeaders(o.upstream, url),
              retry: upstreamRetry(o.upstream),
              expected: {
                filename: name,
                sha256: d.held.file.sha256 || undefined,
                size: d.held.file.size > 0 ? d.held.file.size : undefined,
                allowUnverified: o.allowMissingChecksum && d.held.file.sha256 === ''
              },
              env,
              pauseDir: o.pauseDir,
              onBytes: (n) => o.progress.bytes(n)
            });
            temps.add(got.temp);
            const held = { ...d.held, file: { ...d.held.file, sha256: got.sha256, size: got.bytes } };
            downloadedBytes += got.bytes;
            if (d.action === 'add') {
              await place(got.temp, dest, o.platform);
              temps.delete(got.temp);
              records.set(name, await recordOf(dest, got.sha256));
              finals.set(name, held);
              added.push(name);
            } else waiting.push({ held, temp: got.temp });
            o.progress.done(name, got.bytes);
          } catch (e) {
            problems.push(firstLine(e));
            o.progress.failed(name, firstLine(e));
          }
        })
      )
    );
    o.progress.finish();

    let vuln: VulnCopyResult | undefined;
    if (problems.length === 0 && o.vulndb) {
      vuln = await copyVulnDb({ dir: vulnDir, base: o.vulndb.base, env, jobs: 8, platform: o.platform });
      problems.push(...vuln.problems);
    }

    const result = (complete: boolean, held: HeldFile[], removed: string[]): MirrorResult => ({
      dir: o.dir,
      upstream: displayUrl(o.upstream.base),
      complete,
      ...shape({ held }),
      added: added.sort(),
      replaced: complete ? waiting.map((w) => w.held.file.filename).sort() : [],
      kept: kept.sort(),
      removed,
      dropped,
      downloadedBytes,
      durationMs: Date.now() - t0,
      problems,
      warnings,
      ...(vuln
        ? {
            vulndb: {
              entries: vuln.entries,
              fetched: vuln.fetched,
              kept: vuln.kept,
              removed: complete && o.prune ? vuln.stale.length : 0
            }
          }
        : {})
    });

    if (problems.length > 0) {
      // Keep what was verified for the next run; the previous listing (and every file it names) stays.
      await writeFileAtomic(path.join(o.dir, STATE_FILE), stateText(new Map([...state, ...records])), o.platform);
      return result(false, previous, []);
    }

    for (const w of waiting) {
      const name = w.held.file.filename;
      const dest = path.join(o.dir, name);
      await place(w.temp, dest, o.platform);
      temps.delete(w.temp);
      records.set(name, await recordOf(dest, w.held.file.sha256));
      finals.set(name, w.held);
    }
    const held = [...finals.values()];
    for (const h of held) {
      const name = h.file.filename;
      await writeFileAtomic(path.join(o.dir, sha256Name(name)), `${h.file.sha256}  ${name}\n`, o.platform);
    }
    await syncDir(o.dir);
    await testPoint('mirror-before-listing', o.pauseDir);

    const listedRecords: State = new Map([...records].filter(([name]) => finals.has(name)));
    await writeFileAtomic(path.join(o.dir, STATE_FILE), stateText(listedRecords), o.platform);
    const listing = buildListing(held);
    const text = listingText(listing);
    for (const name of LISTING_FILES) await writeFileAtomic(path.join(o.dir, name), text, o.platform);
    await syncDir(o.dir);
    await writeFileAtomic(
      path.join(o.dir, README_FILE),
      mirrorReadme({
        listing,
        upstream: displayUrl(o.upstream.base),
        ...(vuln && o.vulndb ? { vulndb: { entries: vuln.entries, upstream: displayUrl(o.vulndb.base) } } : {}),
        refresh: o.refresh,
        toolVersion: ACTION_VERSION
      }),
      o.platform
    );

    const removed: string[] = [];
    if (o.prune) {
      for (const name of pruneNames(await fileNames(o.dir), new Set(finals.keys()))) {
        await fs.rm(path.join(o.dir, name), { force: true });
        if (!name.endsWith('.sha256')) removed.push(name);
      }
      for (const file of vuln?.stale ?? []) await fs.rm(file, { force: true });
    }
    return result(true, held, removed);
  } finally {
    for (const t of temps) await fs.rm(t, { force: true }).catch(() => undefined);
    await lock.release();
  }
}
