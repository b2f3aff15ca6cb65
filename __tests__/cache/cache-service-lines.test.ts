/**
 * cache-service.ts reads @actions/cache's log lines to tell a failed restore or save from a miss:
 * each line it reads must still be one the installed library writes (a warning or error call
 * whose text starts so), or an upgrade would silently turn failures into misses.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { FAILURE_PREFIXES } from '../../src/cache/cache-service.js';

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return jsFiles(p);
    return name.endsWith('.js') ? [p] : [];
  });
}

const lib = path.resolve('node_modules', '@actions', 'cache', 'lib');
const source = jsFiles(lib)
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');
const version = (
  JSON.parse(readFileSync(path.resolve('node_modules/@actions/cache/package.json'), 'utf8')) as { version: string }
).version;

test.each(FAILURE_PREFIXES.map((p) => [p]))(`@actions/cache ${version} writes lines that start with %j`, (prefix) => {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // a warning/error call (core.warning(`...`), warning(`...`)), or a message thrown and logged by one
  expect(source).toMatch(new RegExp(`(?:warning|error|info|Error)\\(\\s*[\`'"]${escaped}`));
});
