/**
 * In-process zip extraction: the fallback when neither 7-Zip nor Windows' tar.exe is there (Wine,
 * older self-hosted Windows Server, Linux without 7-Zip). Streams each entry from the archive
 * (yauzl, positioned reads) to its file, a few files at a time, and applies the archive rules to
 * every entry before writing it, like the tar guard does for tar.gz: a hostile entry is refused
 * before anything is written for it. Files are created exclusively (`wx`), so an entry can never
 * write through something already there. Names are the archive's UTF-8 names (or the Info-ZIP
 * Unicode Path), so non-ASCII names need no locale.
 */
import { createWriteStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ArchiveError, ArchiveRules, segments } from './archive-rules.js';
import { archiveEntryOf, entryNames, openZipArchive, unreadableZip } from './zip-guard.js';
import pLimit from 'p-limit';

/** What extractZip reports as its tool when it extracted in process. */
export const IN_PROCESS = 'in-process zip extractor';

/** Files written at the same time. */
const PARALLEL_WRITES = 8;

/**
 * Extracts `file` into `destDir` (which must exist). Throws ArchiveError for a refused entry or an
 * unreadable archive; file system errors pass through.
 */
export async function extractZipInProcess(file: string, destDir: string, opts: { archive: string }): Promise<void> {
  const { archive } = opts;
  const rules = new ArchiveRules(archive);
  const zip = await openZipArchive(file, archive);
  const limit = pLimit(PARALLEL_WRITES);
  const writing: Promise<void>[] = [];
  let failed: Error | undefined;
  const made = new Set<string>();
  const mkdirOnce = async (dir: string) => {
    if (made.has(dir)) return;
    await fs.mkdir(dir, { recursive: true });
    made.add(dir);
  };
  try {
    for await (const entry of zip.eachEntry()) {
      if (failed) break;
      const name = entryNames(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields)[0];
      const checked = await archiveEntryOf(zip, entry, name, rules);
      rules.check(checked); // throws ArchiveError before anything is written for this entry
      const target = path.join(destDir, ...segments(name));
      if (checked.type === 'dir') {
        await mkdirOnce(target);
        continue;
      }
      await mkdirOnce(path.dirname(target));
      if (checked.type === 'symlink') {
        await fs.symlink(checked.linkTarget ?? '', target);
        continue;
      }
      const mode = checked.mode !== undefined && (checked.mode & 0o777) !== 0 ? checked.mode & 0o777 : 0o644;
      // entries are read in order (yauzl's lazy reader), their bytes written a few at a time
      writing.push(
        limit(() =>
          zip
            .openReadStreamPromise(entry, {})
            .then((source) => pipeline(source, createWriteStream(target, { flags: 'wx', mode })))
            .catch((e: unknown) => {
              failed ??= e instanceof Error ? e : new Error(String(e));
            })
        )
      );
      // do not read ahead of the writers more than the pool holds
      if (limit.pendingCount > PARALLEL_WRITES) await writing[writing.length - 1 - PARALLEL_WRITES];
    }
    await Promise.all(writing);
    if (failed) throw failed;
    rules.finish();
  } catch (e) {
    await Promise.all(writing);
    if (e instanceof ArchiveError || (e as NodeJS.ErrnoException).code) throw e;
    throw unreadableZip(e, archive);
  } finally {
    zip.close();
  }
}
