// Test entry: `node --import <this file> dist/index.js` (or dist/cli.js) installs the test hook of
// src/test-points.ts before the bundle starts. It reads what to do from the test's environment:
//   SETUP_GO_ENFORCED_TEST_PAUSE=<point>: at that point (an install or mirror point), write
//     <dir>/setup-go-enforced-paused-<point> (holding the pid) and wait to be killed;
//   SETUP_GO_ENFORCED_TEST_HOLD=<folder>: at bump-before-write, write <folder>/paused and wait
//     until <folder>/resume exists (at most two minutes).
// The product itself never reads these variables.
import { existsSync, mkdirSync, promises as fs, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';

const PAUSE = (process.env.SETUP_GO_ENFORCED_TEST_PAUSE ?? '').trim();
const HOLD = (process.env.SETUP_GO_ENFORCED_TEST_HOLD ?? '').trim();

/** The file a paused run writes. @param {string} dir @param {string} point */
export function pauseFile(dir, point) {
  return path.join(dir, `setup-go-enforced-paused-${point}`);
}

/** @param {string} dir @param {string} point @returns {Promise<never>} */
async function pauseForever(dir, point) {
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(pauseFile(dir, point), String(process.pid));
  return new Promise(() => {
    setInterval(() => undefined, 60_000);
  });
}

const hook = {
  /** @param {string} point @param {string} dir */
  async at(point, dir) {
    if (point === 'bump-before-write' && HOLD) {
      mkdirSync(HOLD, { recursive: true });
      writeFileSync(path.join(HOLD, 'paused'), String(process.pid));
      const until = Date.now() + 120_000;
      while (!existsSync(path.join(HOLD, 'resume')) && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return;
    }
    if (point === PAUSE) await pauseForever(dir, point);
  },
  /** @param {string} point @param {string} dir @param {number} atBytes */
  stream(point, dir, atBytes) {
    if (point !== PAUSE) return undefined;
    let seen = 0;
    return new Transform({
      transform(chunk, _enc, cb) {
        seen += chunk.length;
        if (seen < atBytes) {
          cb(null, chunk);
          return;
        }
        this.push(chunk);
        void pauseForever(dir, point);
      }
    });
  }
};

globalThis[Symbol.for('setup-go-enforced.test-hook')] = hook;
