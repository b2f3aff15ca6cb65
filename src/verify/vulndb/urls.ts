/**
 * Where the Go vulnerability database (https://vuln.go.dev) keeps what this action reads:
 * `<base>/index/modules.json` and `<base>/ID/<id>.json`; the `vulndb-url` input. Pure.
 */
import { InputError } from '../../errors.js';

/** The module paths of the standard library and the go command in the database. */
export const GO_MODULES: readonly string[] = ['stdlib', 'toolchain'];

/**
 * Validates the `vulndb-url` input: http://, https:// or file://, trailing slashes removed.
 * A query or fragment is refused (paths are appended to the base).
 */
export function parseVulnDbUrl(text: string): string {
  const raw = text.trim();
  const bad = (): InputError =>
    new InputError(`"${text}" is not an http(s):// or file:// URL`, { input: 'vulndb-url' });
  if (!/^(https?|file):\/\//i.test(raw)) throw bad();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw bad();
  }
  if (url.protocol !== 'file:' && url.hostname === '') throw bad();
  if (url.search !== '' || url.hash !== '' || raw.includes('?') || raw.includes('#')) {
    throw new InputError(`"${text}" must be a base URL without ?query or #fragment`, { input: 'vulndb-url' });
  }
  let base = raw;
  while (base.endsWith('/') && !/^[a-z]+:\/\/\/?$/i.test(base)) base = base.slice(0, -1);
  return base;
}

/** `<base>/index/modules.json` */
export function indexUrl(baseUrl: string): string {
  return `${baseUrl}/index/modules.json`;
}

/** `<base>/ID/<id>.json` */
export function entryUrl(baseUrl: string, id: string): string {
  return `${baseUrl}/ID/${id}.json`;
}
