// Bench part (e): the property tests (__tests__/go/*.property.test.ts) with PROPERTY_RUNS=20000,
// one jest process. Goal: they pass.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { timeCommand, formatMs } from '../test-support/measure.mjs';

/** @param {Pick<import('./context.mjs').BenchContext, 'root' | 'add' | 'skip'>} ctx */
export async function benchPropertyTests(ctx) {
  const { root, add, skip } = ctx;
  const dir = path.join(root, '__tests__', 'go');
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.property.test.ts'))
        .map((f) => path.join('__tests__', 'go', f))
    : [];
  if (files.length === 0) {
    skip('property-tests', 'property tests, PROPERTY_RUNS=20000', 'pass', 'no __tests__/go/*.property.test.ts');
    return;
  }
  console.log(`(e) jest ${files.join(' ')} with PROPERTY_RUNS=20000...`);
  const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
  const r = await timeCommand(
    process.execPath,
    ['--experimental-vm-modules', jest, '--testTimeout=1800000', '--runTestsByPath', ...files],
    {
      cwd: root,
      env: { ...process.env, PROPERTY_RUNS: '20000' },
      timeoutMs: 30 * 60_000
    }
  );
  const summary = /Tests:\s+(.*)/.exec(r.stderr)?.[1]?.trim() ?? '';
  if (r.code !== 0) console.log(r.stderr.split('\n').slice(-40).join('\n'));
  add({
    id: 'property-tests',
    name: `property tests (${files.length} files), PROPERTY_RUNS=20000`,
    value: r.durationMs,
    unit: 'ms',
    display: formatMs(r.durationMs),
    goal: 'pass',
    pass: r.code === 0,
    note: summary || `exit ${r.code}`
  });
}
