/**
 * Progress of the downloads: on a terminal one line redrawn at most every 100 ms (files, bytes,
 * speed); elsewhere (CI logs) a plain line when the downloads start and one per file. Writes to
 * the stream it is given (stderr); the clock is injected. Pure apart from that stream.
 */
import { formatBytes } from './summary.js';

export interface ProgressStream {
  write(s: string): unknown;
}

export interface Progress {
  start(files: number, bytes: number, jobs: number): void;
  /** bytes went through (negative: a transfer is tried again from the start) */
  bytes(n: number): void;
  done(filename: string, bytes: number): void;
  failed(filename: string, message: string): void;
  /** a line of its own (the bar is redrawn below it) */
  note(line: string): void;
  finish(): void;
}

const REDRAW_MS = 100;

export function makeProgress(out: ProgressStream, tty: boolean, now: () => number = Date.now): Progress {
  let files = 0;
  let total = 0;
  let finished = 0;
  let seen = 0;
  let started = 0;
  let lastDraw = 0;
  let drawn = false;

  const bar = (): string => {
    const secs = Math.max(0.001, (now() - started) / 1000);
    const of = total > 0 ? ` of ${formatBytes(total)}` : '';
    return `mirror: ${finished}/${files} files, ${formatBytes(seen)}${of}, ${formatBytes(seen / secs)}/s`;
  };
  const draw = (force: boolean): void => {
    if (!tty || files === 0) return;
    const t = now();
    if (!force && t - lastDraw < REDRAW_MS) return;
    lastDraw = t;
    out.write(`\r\u001b[2K${bar()}`);
    drawn = true;
  };
  const line = (s: string): void => {
    if (tty && drawn) out.write('\r\u001b[2K');
    out.write(`${s}\n`);
    draw(true);
  };

  return {
    start(n, bytes, jobs) {
      files = n;
      total = bytes;
      started = now();
      if (n === 0) return;
      if (tty) draw(true);
      else
        out.write(
          `downloading ${n} file${n === 1 ? '' : 's'}${bytes > 0 ? ` (${formatBytes(bytes)})` : ''}, ${jobs} at a time\n`
        );
    },
    bytes(n) {
      seen += n;
      draw(false);
    },
    done(filename, bytes) {
      finished++;
      if (tty) draw(true);
      else out.write(`  ${filename} (${formatBytes(bytes)}) verified\n`);
    },
    failed(filename, message) {
      finished++;
      line(`  ${filename}: ${message}`);
    },
    note(s) {
      line(s);
    },
    finish() {
      if (tty && drawn) out.write(`\r\u001b[2K${bar()}\n`);
      drawn = false;
    }
  };
}
