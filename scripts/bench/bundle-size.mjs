// Bench part (c): the size of the main bundle (dist/index.js, or --dist). Goal: at most 1.5 MB.
import { statSync } from 'node:fs';
import path from 'node:path';
import { formatBytes } from '../test-support/measure.mjs';
import { MiB } from './context.mjs';

/** @param {Pick<import('./context.mjs').BenchContext, 'root' | 'dist' | 'add'>} ctx */
export async function benchBundleSize(ctx) {
  const size = statSync(ctx.dist).size;
  ctx.add({
    id: 'bundle-size',
    name: `bundle size ${path.relative(ctx.root, ctx.dist)}`,
    value: size / MiB,
    unit: 'MiB',
    display: formatBytes(size),
    goal: '<= 1.5 MB',
    pass: size <= 1_500_000
  });
}
