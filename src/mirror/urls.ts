/** How the mirror names URLs it was given in messages, the summary and the README: without credentials. Pure. */

/** `url` without user:password, query or fragment (and without trailing slash). */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.href.replace(/\/+$/, '');
  } catch {
    return url;
  }
}
