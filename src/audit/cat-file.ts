/**
 * Reads blobs of a repository through ONE `git cat-file --batch` process: object ids go in on stdin
 * (never paths, which may hold any byte), and each answer on stdout is `<oid> blob <size>\n`, the
 * content and a newline, or `<oid> missing\n`. Requests may be pipelined; answers come in order.
 * Edge module: a child process. The caller asks only for blobs whose size it knows (git ls-tree -l)
 * and accepts, so what is buffered is bounded; nothing read is ever printed.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { gitEnv } from './git.js';

interface Pending {
  oid: string;
  resolve: (b: Buffer | undefined) => void;
  reject: (e: Error) => void;
}

export class BlobReader {
  private readonly proc: ChildProcessWithoutNullStreams;
  private chunks: Buffer[] = [];
  private length = 0;
  private readonly pending: Pending[] = [];
  private failure: Error | undefined;
  private readonly timer: ReturnType<typeof setTimeout>;

  /** Starts `git -C dir cat-file --batch`; it is stopped after `timeoutMs` or by close(). */
  constructor(dir: string, timeoutMs = 60_000) {
    this.proc = spawn('git', ['-C', dir, 'cat-file', '--batch'], { env: gitEnv(), windowsHide: true, stdio: 'pipe' });
    this.proc.stdout.on('data', (c: Buffer) => {
      this.chunks.push(c);
      this.length += c.length;
      this.drain();
    });
    this.proc.stderr.resume();
    this.proc.stdin.on('error', (e) => this.fail(new Error(`git cat-file: ${e.message}`)));
    this.proc.on('error', (e) => this.fail(new Error(`git cat-file: ${e.message}`)));
    this.proc.on('close', (code) => this.fail(new Error(`git cat-file ended (${code ?? 'signal'})`)));
    this.timer = setTimeout(() => {
      this.fail(new Error(`git cat-file took more than ${Math.round(timeoutMs / 1000)} s`));
      this.proc.kill();
    }, timeoutMs);
    this.timer.unref?.();
  }

  /** The content of blob `oid`, or undefined when git says it is missing. */
  read(oid: string): Promise<Buffer | undefined> {
    if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(oid)) return Promise.reject(new Error('not an object id'));
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.push({ oid, resolve, reject });
      this.proc.stdin.write(`${oid}\n`);
    });
  }

  /** Ends the process (stdin closed; killed if it lingers). */
  close(): void {
    clearTimeout(this.timer);
    if (!this.failure) this.failure = new Error('closed');
    this.proc.stdin.end();
    this.proc.kill();
  }

  private buffer(): Buffer {
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks, this.length)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  private consume(n: number): void {
    const b = this.buffer();
    this.chunks = [b.subarray(n)];
    this.length -= n;
  }

  private drain(): void {
    while (this.pending.length > 0 && this.length > 0) {
      const b = this.buffer();
      const nl = b.indexOf(0x0a);
      if (nl < 0) return;
      const header = b.subarray(0, nl).toString('latin1');
      const p = this.pending[0];
      if (/ missing$/.test(header) || / ambiguous$/.test(header)) {
        this.consume(nl + 1);
        this.pending.shift();
        p.resolve(undefined);
        continue;
      }
      const m = /^([0-9a-f]+) (\S+) (\d+)$/.exec(header);
      if (!m || m[1] !== p.oid) {
        this.fail(new Error('git cat-file: unexpected answer'));
        this.proc.kill();
        return;
      }
      const size = Number(m[3]);
      if (this.length < nl + 1 + size + 1) return;
      const content = Buffer.from(b.subarray(nl + 1, nl + 1 + size));
      this.consume(nl + 1 + size + 1);
      this.pending.shift();
      p.resolve(content);
    }
  }

  private fail(e: Error): void {
    if (!this.failure) this.failure = e;
    clearTimeout(this.timer);
    for (const p of this.pending.splice(0)) p.reject(this.failure);
  }
}
