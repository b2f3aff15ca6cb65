/**
 * Where the Go vulnerability database (https://vuln.go.dev) keeps what this action reads:
 * `<base>/index/modules.json` and `<base>/ID/<id>.json` (the base: the `vulndb-url` input, read by
 * parseBaseUrl in url.ts). Pure.
 */

/** The module paths of the standard library and the go command in the database. */
export const GO_MODULES: readonly string[] = ['stdlib', 'toolchain'];

/** `<base>/index/modules.json` */
export function indexUrl(baseUrl: string): string {
  return `${baseUrl}/index/modules.json`;
}

/** `<base>/ID/<id>.json` */
export function entryUrl(baseUrl: string, id: string): string {
  return `${baseUrl}/ID/${id}.json`;
}
