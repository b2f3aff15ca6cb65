/** Reads a whole stream into memory, refusing more than `limit` bytes. */
import type { Readable } from 'node:stream';

export function readAll(stream: Readable | NodeJS.ReadableStream, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let n = 0;
    stream.on('data', (b: Buffer) => {
      n += b.length;
      if (n > limit) {
        const err = new Error(`longer than ${limit} bytes`);
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
