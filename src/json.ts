/** Shape tests for parsed JSON (the manifest, the vulnerability database). Pure. */

/** A JSON object (not null, not an array). */
export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
