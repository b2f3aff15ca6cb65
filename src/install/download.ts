/**
 * Verified downloads: a pass-through stream that counts bytes and computes sha256, failing the
 * stream when the size or hash differs from the manifest; and a whole-file download built on it
 * (for zip archives, which must be complete on disk before they can be read).
 */
import { createHash, type Hash } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UserError } from '../errors.js';
import { BodyError, HttpError, openStream, type FetchOptions } from '../system/http.js';
import { isTransientError, retryPolicy, retrying, type RetryPolicy } from '../system/retry.js';

export interface ExpectedDownload {
  /** archive file name, for messages */
  filename: string;
  /** 64 hex digits from the manifest; empty or absent means the manifest has none */
  sha256?: string;
  /** bytes from the manifest; absent or 0 means unknown */
  size?: number;
  /** allow-missing-checksum: accept an archive without a manifest sha256 (never a mismatch) */
  allowUnverified?: boolean;
}

export interface DownloadResult {
  /** sha256 of the bytes seen, lowercase hex */
  sha256: string;
  bytes: number;
}

/** The downloaded bytes are not the ones the manifest names (or no hash to check against). */
export class ChecksumError extends UserError {}

/**
 * The sha256 a download must have (lowercase hex), or undefined when the manifest has none and
 * allow-missing-checksum allows that. A missing (not allowed) or malformed sha256 is a
 * ChecksumError: callers check this before any request or change.
 */
export function expectedSha256(expected: ExpectedDownload): string | undefined {
  const sha = (expected.sha256 ?? '').trim().toLowerCase();
  if (sha === '') {
    if (expected.allowUnverified) return undefined;
    throw new ChecksumError(
      'no sha256 in the manifest; refusing to install an unverified archive (set allow-missing-checksum: true to allow it)',
      { archive: expected.filename }
    );
  }
  if (!/^[0-9a-f]{64}$/.test(sha)) {
    throw new ChecksumError(`the manifest sha256 "${sha.slice(0, 80)}" is not 64 hex digits`, {
      archive: expected.filename
    });
  }
  return sha;
}

/** Passes bytes through unchanged, counting them and hashing them; fails on size or sha256 mismatch. */
export class VerifyingStream extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private readonly expectedSha: string | undefined;
  private readonly expectedSize: number | undefined;
  private readonly filename: string;
  private bytes = 0;
  private done: DownloadResult | undefined;

  constructor(expected: ExpectedDownload) {
    super();
    this.filename = expected.filename;
    this.expectedSha = expectedSha256(expected);
    this.expectedSize = expected.size !== undefined && expected.size > 0 ? expected.size : undefined;
  }

  /** sha256 and byte count, once the stream has finished without error. */
  get result(): DownloadResult {
    if (!this.done) throw new Error(`${this.filename}: download not finished`);
    return this.done;
  }

  /** Bytes seen so far. */
  get bytesSeen(): number {
    return this.bytes;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.expectedSize !== undefined && this.bytes > this.expectedSize) {
      cb(
        new ChecksumError(`size mismatch: expected ${this.expectedSize} bytes, got at least ${this.bytes}`, {
          archive: this.filename
        })
      );
      return;
    }
    this.hash.update(chunk);
    cb(null, chunk);
  }

  override _flush(cb: TransformCallback): void {
    if (this.expectedSize !== undefined && this.bytes !== this.expectedSize) {
      cb(
        new ChecksumError(
          `size mismatch: expected ${this.expectedSize} bytes, got ${this.bytes} (download cut short?)`,
          {
            archive: this.filename
          }
        )
      );
      return;
    }
    const actual = this.hash.digest('hex');
    if (this.expectedSha !== undefined && actual !== this.expectedSha) {
      cb(new ChecksumError(`sha256 mismatch: expected ${this.expectedSha}, got ${actual}`, { archive: this.filename }));
      return;
    }
    this.done = { sha256: actual, bytes: this.bytes };
    cb();
  }
}

/**
 * Whether a failed transfer is worth a new one: the connection or the body broke off (a body
 * shorter than the manifest's size included). A complete body with a wrong sha256, a hostile
 * archive, a bad tree or a final HTTP answer is not.
 */
export function worthAnotherTransfer(e: unknown, bytesSeen: number, expectedSize: number | undefined): boolean {
  if (e instanceof ChecksumError) return expectedSize !== undefined && expectedSize > 0 && bytesSeen < expectedSize;
  if (e instanceof UserError && !(e instanceof HttpError)) return false;
  return isTransientError(e);
}

export interface TransferOptions {
  url: string;
  /** for messages */
  what: string;
  expected: ExpectedDownload;
  retry?: Partial<RetryPolicy>;
}

/**
 * Runs a whole verified transfer (`attempt` gets a fresh VerifyingStream each time) and repeats
 * it, up to `retry.tries` times with backoff, while worthAnotherTransfer says so. Each try's
 * request has its own retries and budget (openStream); this loop has no time budget of its own,
 * so a slow but healthy download is never cut off. A body that broke off on the last of several
 * tries ends as one HttpError that says how many there were.
 */
export function retryTransfer<T>(o: TransferOptions, attempt: (verifier: VerifyingStream) => Promise<T>): Promise<T> {
  expectedSha256(o.expected); // a missing or malformed sha256 fails before any request
  const policy = { ...retryPolicy(o.retry), totalMs: Infinity };
  let verifier: VerifyingStream | undefined;
  return retrying(
    policy,
    () => {
      verifier = new VerifyingStream(o.expected);
      return attempt(verifier);
    },
    (e) => ({ retry: worthAnotherTransfer(e, verifier?.bytesSeen ?? 0, o.expected.size) }),
    {
      giveUp: (e, tries) =>
        e instanceof BodyError && tries > 1
          ? new HttpError(
              `could not download ${o.what} from ${o.url}: ${e.reason} (${tries} tries)`,
              o.url,
              undefined,
              tries
            )
          : e
    }
  );
}

/**
 * Streams `url` into `dest` through a VerifyingStream, repeating the whole transfer when it breaks
 * off (retryTransfer); a complete body with a wrong sha256 is not retried. The partial file is
 * removed on failure. Throws ChecksumError at once (before any request) when the manifest has no
 * sha256 and `allowUnverified` is not set.
 */
export async function downloadToFile(
  url: string,
  dest: string,
  expected: ExpectedDownload,
  opts: FetchOptions = {}
): Promise<DownloadResult> {
  const what = opts.what ?? expected.filename;
  return retryTransfer({ url, what, expected, retry: opts.retry }, async (verifier) => {
    try {
      const { stream } = await openStream(url, { ...opts, what });
      await pipeline(stream, verifier, createWriteStream(dest));
      return verifier.result;
    } catch (e) {
      await fs.rm(dest, { force: true }).catch(() => undefined);
      throw e;
    }
  });
}
