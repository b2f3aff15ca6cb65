/**
 * Progress of a long read: on a terminal one line rewritten in place (at most 10 times a second);
 * elsewhere (CI logs) a plain line at most every `intervalMs`. The stream and the clock are given.
 */
import { num } from './format.js';

export interface Progress {
  /** `done` of the total are read */
  update(done: number): void;
  /** clears the terminal line */
  end(): void;
}

export function progress(
  out: { write(s: string): unknown; isTTY?: boolean },
  total: number,
  opts: { now?: () => number; intervalMs?: number; what?: string } = {}
): Progress {
  const now = opts.now ?? Date.now;
  const what = opts.what ?? 'files';
  const tty = out.isTTY === true;
  const interval = tty ? 100 : (opts.intervalMs ?? 5000);
  let last = now();
  let drawn = false;
  return {
    update(done: number): void {
      const t = now();
      if (done < total && t - last < interval) return;
      if (!tty && done >= total) return; // the summary says it
      last = t;
      if (tty) {
        out.write(`\rreading ${what}: ${num(done)} of ${num(total)}\u001b[K`);
        drawn = true;
      } else out.write(`read ${num(done)} of ${num(total)} ${what}\n`);
    },
    end(): void {
      if (tty && drawn) out.write('\r\u001b[K');
      drawn = false;
    }
  };
}
