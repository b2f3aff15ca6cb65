/** Reads a whole stream into memory, refusing more than `limit` bytes. */
import type { Readable } from 'node:stream';

/** A stream longer than the limit readAll was given. */
export class TooLongError extends Error {
  constructor(readonly limit: number) {
    super(`longer than ${limit} bytes`);
  }
}

export function readAll(stream: Readable | NodeJS.ReadableStream, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let n = 0;
    stream.on('data', (b: Buffer) => {
      n += b.length;
      if (n > limit) {
        const err = new TooLongError(limit);
        (stream as Readable).destroy?.(err);
        reject(err);
        return;
      }
      parts.push(b);
    });
    stream.on('error', reject);
    stream.on('end', () => resolve(Buffer.concat(parts)));
  });
}
