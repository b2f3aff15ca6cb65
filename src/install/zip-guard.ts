/**
 * Checks a zip archive (Go's Windows release format) before extraction: reads the central
 * directory with yauzl (no extraction), compares each entry's name with its local file header
 * (extractors may read either), reads symlink targets, and applies the archive rules.
 */
import * as fs from 'node:fs';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { ArchiveError, ArchiveRules, checkPathSyntax, showName, type ArchiveEntry } from './archive-rules.js';
import { readAll } from '../system/read-all.js';

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const OTHER_TYPES: Record<number, string> = {
  0o020000: 'character device',
  0o060000: 'block device',
  0o010000: 'fifo',
  0o140000: 'socket'
};
/** MS-DOS directory attribute in the low byte of the external attributes. */
const DOS_DIR = 0x10;
const MAX_LINK_TARGET = 4096;

export interface ZipSummary {
  entries: number;
  uncompressedBytes: number;
}

/** Maps a zip entry's name and external attributes to an archive entry (without link target). */
export function zipEntryType(
  name: string,
  externalFileAttributes: number
): Pick<ArchiveEntry, 'type' | 'mode' | 'detail'> {
  const mode = (externalFileAttributes >>> 16) & 0xffff;
  const fmt = mode & S_IFMT;
  if (fmt === S_IFLNK) return { type: 'symlink', mode };
  if (OTHER_TYPES[fmt]) return { type: 'other', mode, detail: OTHER_TYPES[fmt] };
  if (name.endsWith('/') || fmt === S_IFDIR || (externalFileAttributes & DOS_DIR) !== 0) {
    return { type: 'dir', mode: mode || undefined };
  }
  if (fmt !== 0 && fmt !== S_IFREG) return { type: 'other', mode, detail: `file of mode ${mode.toString(8)}` };
  return { type: 'file', mode: mode || undefined };
}

/** Bytes [start, end) of an open file, read with positioned reads; never closes the descriptor. */
class RangeStream extends Readable {
  private pos: number;
  constructor(
    private readonly fd: number,
    start: number,
    private readonly end: number
  ) {
    super({ highWaterMark: 1 << 16 });
    this.pos = start;
  }
  override _read(size: number): void {
    const n = Math.min(Math.max(size, 1 << 16), this.end - this.pos);
    if (n <= 0) {
      this.push(null);
      return;
    }
    const buf = Buffer.allocUnsafe(n);
    fs.read(this.fd, buf, 0, n, this.pos, (err, bytes) => {
      if (err) this.destroy(err);
      else if (bytes === 0) this.destroy(new Error('unexpected end of file'));
      else {
        this.pos += bytes;
        this.push(buf.subarray(0, bytes));
      }
    });
  }
}

/**
 * yauzl reader over a file descriptor with synchronous positioned reads: yauzl makes several
 * small reads per entry, and a Go zip has ~12k entries; through yauzl's default file reader
 * that takes seconds, with pread it takes a fraction of a second.
 */
class FdReader extends yauzl.RandomAccessReader {
  constructor(private readonly fd: number) {
    super();
  }
  /** Entry data: positioned reads of the shared `fd` (the stream never closes it). */
  override _readStreamForRange(start: number, end: number): Readable {
    return new RangeStream(this.fd, start, end);
  }
  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null) => void
  ): void {
    let err: Error | null = null;
    try {
      let done = 0;
      while (done < length) {
        const n = fs.readSync(this.fd, buffer, offset + done, length - done, position + done);
        if (n === 0) throw new Error('unexpected end of file');
        done += n;
      }
    } catch (e) {
      err = e as Error;
    }
    process.nextTick(callback, err);
  }
  override close(callback: (err: Error | null) => void): void {
    fs.close(this.fd, (err) => callback(err));
  }
}

/** What yauzl threw, as the ArchiveError of an archive that cannot be read as a zip. */
export function unreadableZip(e: unknown, archive: string): ArchiveError {
  return new ArchiveError(`not a readable zip archive: ${(e as Error).message}`, undefined, archive);
}

/** Opens a zip for reading its entries one by one; one that cannot be opened is an ArchiveError. */
export async function openZipArchive(file: string, archive: string): Promise<yauzl.ZipFile> {
  try {
    return await openZip(file);
  } catch (e) {
    throw unreadableZip(e, archive);
  }
}

/**
 * An entry as the archive rules see it: its kind, and for a symlink its target (read from the
 * archive, at most MAX_LINK_TARGET bytes).
 */
export async function archiveEntryOf(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  name: string,
  rules: ArchiveRules
): Promise<ArchiveEntry> {
  const kind = zipEntryType(name, entry.externalFileAttributes);
  const archiveEntry: ArchiveEntry = { path: name, ...kind };
  if (kind.type === 'symlink') {
    if (entry.uncompressedSize > MAX_LINK_TARGET) {
      rules.fail(`archive entry ${showName(name)} is a symlink with a ${entry.uncompressedSize}-byte target`, name);
    }
    const target = await readAll(await zip.openReadStreamPromise(entry, {}), MAX_LINK_TARGET);
    archiveEntry.linkTarget = target.toString('utf8');
  }
  return archiveEntry;
}

/** Opens a zip for reading its entries one by one (lazyEntries, raw names). */
async function openZip(file: string): Promise<yauzl.ZipFile> {
  const fd = await new Promise<number>((resolve, reject) =>
    fs.open(file, 'r', (e, fd) => (e ? reject(e) : resolve(fd)))
  );
  try {
    const size = fs.fstatSync(fd).size;
    return await yauzl.fromRandomAccessReaderPromise(new FdReader(fd), size, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      strictFileNames: true
    });
  } catch (e) {
    fs.closeSync(fd);
    throw e;
  }
}

/** Names an entry may be extracted under: the stored name and any Info-ZIP Unicode Path name. */
export function entryNames(flags: number, raw: Buffer, extra: yauzl.ExtraField[]): string[] {
  const plain = yauzl.getFileNameLowLevel(flags, raw, [], true);
  const unicode = yauzl.getFileNameLowLevel(flags, raw, extra, true);
  return unicode === plain ? [plain] : [unicode, plain];
}

/**
 * Reads the central directory of `file` and checks every entry; throws ArchiveError on the first
 * refused entry (or if the zip cannot be read). Returns the entry count and total uncompressed size.
 */
export async function checkZipArchive(file: string, opts: { archive?: string } = {}): Promise<ZipSummary> {
  const archive = opts.archive ?? file.split(/[\\/]/).pop() ?? file;
  const rules = new ArchiveRules(archive);
  const zip = await openZipArchive(file, archive);
  let uncompressedBytes = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const raw = entry.fileNameRaw;
      const names = entryNames(entry.generalPurposeBitFlag, raw, entry.extraFields);
      const name = names[0];
      const local = await zip.readLocalFileHeaderPromise(entry, {});
      if (!local.fileName.equals(raw)) {
        rules.fail(
          `archive entry ${showName(name)} has a different name in its local header (${showName(local.fileName.toString('utf8'))})`,
          name
        );
      }
      const localNames = entryNames(
        local.generalPurposeBitFlag,
        local.fileName,
        yauzl.parseExtraFields(local.extraField)
      );
      for (const alt of new Set([...names.slice(1), ...localNames])) {
        if (alt === name) continue;
        try {
          checkPathSyntax(alt);
        } catch (e) {
          if (e instanceof ArchiveError) rules.fail(`${e.message} (alternative name of ${showName(name)})`, name);
          throw e;
        }
      }
      rules.check(await archiveEntryOf(zip, entry, name, rules));
      uncompressedBytes += entry.uncompressedSize;
    }
    rules.finish();
  } catch (e) {
    if (e instanceof ArchiveError) throw e;
    throw unreadableZip(e, archive);
  } finally {
    zip.close();
  }
  return { entries: rules.entries, uncompressedBytes };
}
