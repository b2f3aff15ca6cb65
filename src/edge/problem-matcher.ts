/**
 * Go's problem matcher (matchers.json at the root of the action, as actions/setup-go ships it):
 * `file.go:line:col: message` lines of later steps (go build, go vet, go test) become annotations.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Host } from '../host.js';

/** matchers.json beside the bundle's folder: <action>/dist/index.js -> <action>/matchers.json. */
export function matcherFile(entryScript: string): string {
  return path.resolve(path.dirname(entryScript), '..', 'matchers.json');
}

/** Registers the matcher when the action runs from its bundle (and the file is there). */
export function registerProblemMatcher(host: Host, entryScript = process.argv[1] ?? ''): void {
  const file = matcherFile(entryScript);
  if (entryScript && existsSync(file)) host.addMatcher(file);
}
