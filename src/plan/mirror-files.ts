/**
 * The requests of a mirror without a listing (edge: HTTP): whether a failed listing request means
 * there is none, and the sha256 a `<file>.sha256` states. The decisions are plan/no-listing.ts's.
 */
import { InputError } from '../errors.js';
import { parseSha256File, type BaseFrom } from './no-listing.js';
import { HttpError, NotJsonError, joinUrl, openStream } from '../system/http.js';
import { TooLongError, readAll } from '../system/read-all.js';
import type { RetryPolicy } from '../system/retry.js';

/** A .sha256 file is 64 hex digits and a file name: more is not one. */
const MAX_SHA256_FILE = 4096;

/** True when a request failed because the mirror has no such file: HTTP 404 or 410. */
function gone(err: unknown): boolean {
  return err instanceof HttpError && (err.status === 404 || err.status === 410);
}

/** True when reading the listing failed because there is none: HTTP 404/410, or not JSON. */
export function listingAbsent(err: unknown): boolean {
  return gone(err) || err instanceof NotJsonError;
}

/** Where a mirror keeps the checksum of `<base>/<filename>`. */
export function sha256FileUrl(base: string, filename: string): string {
  return `${joinUrl(base, filename)}.sha256`;
}

/** The sha256 `url` (a `.sha256` file) states; undefined when the mirror has none (404, 410). */
export async function readSha256File(
  url: string,
  headers: Record<string, string>,
  retry: Partial<RetryPolicy>,
  from: BaseFrom
): Promise<string | undefined> {
  let text: string;
  try {
    const { stream } = await openStream(url, { what: 'the archive checksum', headers, retry });
    text = (await readAll(stream, MAX_SHA256_FILE)).toString('utf8');
  } catch (e) {
    if (gone(e)) return undefined;
    if (e instanceof TooLongError) {
      throw new InputError(`${url} is ${e.message}, not a .sha256 file (expected 64 hex digits)`, from);
    }
    throw e;
  }
  const sha = parseSha256File(text);
  if (!sha) throw new InputError(`${url} holds no sha256 (expected 64 hex digits)`, from);
  return sha;
}
