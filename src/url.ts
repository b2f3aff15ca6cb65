/**
 * URLs as this project reads them: one parser that does not throw, one validator for every base
 * URL a user gives (go-download-base-url and GO_DOWNLOAD_BASE_URL, vulndb-url, the mirror's --from
 * and --vulndb-url), and how a URL is shown in logs and reports without its credentials. Pure.
 */
import { InputError, type Where } from './errors.js';

/** `text` as a URL (relative to `base` when given), or undefined when it is not one. */
export function parseUrl(text: string, base?: string | URL): URL | undefined {
  try {
    return new URL(text, base);
  } catch {
    return undefined;
  }
}

/**
 * A base URL that paths are appended to: http(s):// with a host, or file://; no ?query or
 * #fragment; trailing slashes removed. Errors name `where` (the input, variable or flag).
 */
export function parseBaseUrl(where: Where, value: string): string {
  const raw = value.trim();
  const url = /^[a-z][a-z\d+.-]*:\/\//i.test(raw) ? parseUrl(raw) : undefined;
  if (!url || (url.protocol !== 'file:' && url.hostname === '')) {
    throw new InputError(`"${raw}" is not a URL (expected https://host/path or file:///folder)`, where);
  }
  if (!['http:', 'https:', 'file:'].includes(url.protocol)) {
    throw new InputError(`"${raw}" has an unsupported scheme ${url.protocol} (expected http(s):// or file://)`, where);
  }
  if (url.search !== '' || url.hash !== '' || raw.includes('?') || raw.includes('#')) {
    throw new InputError(`"${raw}" must be a base URL without ?query or #fragment`, where);
  }
  let base = raw;
  while (base.endsWith('/') && !/^[a-z]+:\/\/\/?$/i.test(base)) base = base.slice(0, -1);
  return base;
}

/**
 * `url` as a log line or a report may show it: no user name or password, no query or fragment, no
 * trailing slash; `fallback` when it is not a URL (it may hold a secret, so by default it is not shown).
 */
export function displayUrl(url: string, fallback = '(the URL)'): string {
  const u = parseUrl(url);
  if (!u) return fallback;
  u.username = '';
  u.password = '';
  u.search = '';
  u.hash = '';
  return u.href.replace(/\/+$/, '');
}
