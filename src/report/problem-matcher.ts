/**
 * Go's problem matchers, beside the action's bundle folder:
 * - matchers.json (owner go): `file.go:line:col: message` lines of later steps (go build, go vet,
 *   type errors in go test, with the `vet: ` prefix) become error annotations;
 * - matchers-test-logs.json (owner go-test), only with `annotate-test-logs: true`: the column-less
 *   `    file_test.go:12: message` lines that t.Log, t.Error and t.Fatal print. A passing test that
 *   logs prints the same shape as a failing one, so they become warnings, and only when asked for
 *   (setup-go-faster #27/#28; actions/setup-go PR #422).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Host } from '../hosts/host.js';
import type { Inputs } from '../inputs/inputs.js';

export const MATCHER_FILES = { build: 'matchers.json', testLogs: 'matchers-test-logs.json' } as const;

/** A matcher file beside the bundle's folder: <action>/dist/index.js -> <action>/<name>. */
export function matcherFile(entryScript: string, name: string = MATCHER_FILES.build): string {
  return path.resolve(path.dirname(entryScript), '..', name);
}

/** Registers the matchers when the action runs from its bundle (and the files are there). */
export function registerProblemMatcher(
  ctx: { host: Pick<Host, 'addMatcher'>; inputs: Pick<Inputs, 'annotateTestLogs'> },
  entryScript = process.argv[1] ?? ''
): void {
  const { host, inputs } = ctx;
  if (!entryScript) return;
  const names = inputs.annotateTestLogs ? [MATCHER_FILES.build, MATCHER_FILES.testLogs] : [MATCHER_FILES.build];
  for (const name of names) {
    const file = matcherFile(entryScript, name);
    if (existsSync(file)) host.addMatcher(file);
  }
}
