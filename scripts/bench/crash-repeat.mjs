// Bench part (h): the crash suite (__tests__/e2e/crash.test.ts: SIGKILL at every named stage of a
// real Go 1.19.8 install) run N times in a row (default 20), to show it is not flaky. Goal: 0 failed
// runs. Each run is a separate jest process against the bundled dist/index.js.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { formatMs, timeCommand } from '../test-support/measure.mjs';

/**
 * @param {{ root: string, runs: number, add: (f: import('./context.mjs').Figure) => void, skip: (id: string, name: string, goal: string, note: string) => void }} ctx
 */
export async function benchCrashSuiteRepeated(ctx) {
  const name = `crash suite, ${ctx.runs} runs in a row`;
  if (!existsSync('/usr/lib/go-1.19/bin/go')) {
    console.log('(h) skipped: /usr/lib/go-1.19 is missing (apt-get install golang-1.19-go)');
    ctx.skip('crash-suite-repeat', name, '0 failed', '/usr/lib/go-1.19 missing');
    return;
  }
  const jest = path.join(ctx.root, 'node_modules', 'jest', 'bin', 'jest.js');
  const file = path.join('__tests__', 'e2e', 'crash.test.ts');
  let failed = 0;
  /** @type {number[]} */
  const durations = [];
  for (let i = 1; i <= ctx.runs; i++) {
    const r = await timeCommand(process.execPath, ['--experimental-vm-modules', jest, '--runTestsByPath', file], {
      cwd: ctx.root,
      timeoutMs: 20 * 60_000
    });
    durations.push(r.durationMs);
    const ok = r.code === 0 && /Tests:\s+\d+ passed, \d+ total/.test(r.stderr);
    if (!ok) {
      failed++;
      console.log(`    run ${i}: FAILED\n${r.stderr.split('\n').slice(-40).join('\n')}`);
    } else console.log(`    run ${i}: passed in ${formatMs(r.durationMs)}`);
  }
  const total = durations.reduce((a, b) => a + b, 0);
  ctx.add({
    id: 'crash-suite-repeat',
    name,
    value: failed,
    unit: 'failed runs',
    display: `${failed} of ${ctx.runs} failed`,
    goal: '0 failed',
    pass: failed === 0,
    note: `${formatMs(total)} in all, ${formatMs(total / ctx.runs)} per run`
  });
}
