import { InputError } from '../../../src/errors.js';
import type { VersionDeclaration } from '../../../src/go/types.js';

/** [line, raw, version] of a declaration. */
export function brief(d: VersionDeclaration | undefined): [number, string, string] | undefined {
  return d ? [d.line, d.raw, d.version] : undefined;
}

/** The InputError `fn` throws (any other outcome fails the test). */
export function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}
