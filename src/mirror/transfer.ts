/**
 * Writing into DIR (edge: HTTP and the file system). A release file streams from the upstream
 * through the installer's verifying stream (install/download.ts: sha256 and size checked as the
 * bytes pass, the whole transfer tried again when it breaks off, never when the bytes are wrong)
 * into `.tmp-<pid>-<name>` beside its final name, is flushed to disk (fsync: about 0.5 ms per MB
 * here), and only then renamed into place. Small files (listings, checksums, the README, the
 * vulnerability database) go the same way: temporary name, fsync, rename. A reader sees the old
 * file or the new one, never part of one.
 */
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Platform } from '../go/types.js';
import { openStream } from '../system/http.js';
import type { RetryPolicy } from '../system/retry.js';
import { retryTransfer, type DownloadResult, type ExpectedDownload } from '../install/download.js';
import { renameWithRetry } from '../install/installer.js';
import { testStreamPoint } from '../test-points.js';
import { tempName } from './prune.js';

export interface TransferOptions {
  url: string;
  headers: Record<string, string>;
  retry: Partial<RetryPolicy>;
  expected: ExpectedDownload;
  /** the environment (the crash tests' pause) and where a pause writes its file */
  env: NodeJS.ProcessEnv;
  pauseDir: string;
  /** bytes that went through (negative when a transfer starts over) */
  onBytes?: (n: number) => void;
}

/** Flushes a file's data to disk. */
async function fsyncFile(file: string): Promise<void> {
  const fh = await fs.open(file, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Flushes a folder's entries (the renames into it) to disk; a no-op where folders cannot be
 * opened for that (Windows).
 */
export async function syncDir(dir: string): Promise<void> {
  let fh;
  try {
    fh = await fs.open(dir, 'r');
    await fh.sync();
  } catch {
    // Windows: EISDIR/EPERM; the renames are durable there once NTFS commits its log
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/**
 * Downloads `opts.url` into `<dir>/.tmp-<pid>-<name>`, verified and flushed; returns that path with
 * the sha256 and size. On failure the temporary file is gone.
 */
export async function downloadTemp(
  dir: string,
  name: string,
  opts: TransferOptions
): Promise<DownloadResult & { temp: string }> {
  const temp = path.join(dir, tempName(process.pid, name));
  const onBytes = opts.onBytes;
  const result = await retryTransfer(
    { url: opts.url, what: name, expected: opts.expected, retry: opts.retry },
    async (verifier) => {
      // Progress reads the verifier's count every 100 ms: no extra stream stage for it (each one
      // costs throughput: measured 1.0 s -> 1.8 s for 240 MiB over loopback on a loaded machine).
      let reported = 0;
      const report = (): void => {
        onBytes?.(verifier.bytesSeen - reported);
        reported = verifier.bytesSeen;
      };
      const timer = onBytes ? setInterval(report, 100) : undefined;
      try {
        const { stream } = await openStream(opts.url, { what: name, headers: opts.headers, retry: opts.retry });
        const size = opts.expected.size ?? 0;
        const pause = testStreamPoint('mirror-mid-archive', opts.pauseDir, Math.floor(size / 2));
        const out = createWriteStream(temp, { highWaterMark: 1 << 20 });
        await pipeline([stream, verifier, ...(pause ? [pause] : []), out]);
        const got = verifier.result;
        await fsyncFile(temp);
        report();
        return got;
      } catch (e) {
        clearInterval(timer);
        onBytes?.(-reported);
        await fs.rm(temp, { force: true }).catch(() => undefined);
        throw e;
      } finally {
        clearInterval(timer);
      }
    }
  );
  return { ...result, temp };
}

/** Renames a verified temporary file into place (Windows: retried while a scanner holds it). */
export function place(temp: string, dest: string, platform: Platform): Promise<void> {
  return renameWithRetry(temp, dest, platform);
}

/**
 * Writes `data` to `dest` through a temporary name beside it (fsync, rename); `dest`'s folder is
 * created when missing. Does nothing when `dest` already holds exactly `data`; returns whether it wrote.
 */
export async function writeFileAtomic(dest: string, data: string | Buffer, platform: Platform): Promise<boolean> {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  const now = await fs.readFile(dest).catch(() => undefined);
  if (now && now.equals(bytes)) return false;
  await fs.mkdir(path.dirname(dest), { recursive: true });
  const temp = path.join(path.dirname(dest), tempName(process.pid, path.basename(dest)));
  try {
    const fh = await fs.open(temp, 'w');
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await place(temp, dest, platform);
  } catch (e) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
  return true;
}
