/**
 * The version a token gets, at the precision the file already used. Pure.
 *
 * - A language version or minor (`1.25`, and `1.25.x` in a workflow) stays one: `1.27`. With
 *   `exact`, the release is written instead (`1.27.0`).
 * - A release or prerelease (`1.25.0`, `1.25.3`, `1.27rc1`) becomes the target release.
 * - A prerelease target (`1.28rc1`): a go line at language precision becomes `go 1.28` (Go's own
 *   language version, which Go 1.28rc1 builds: 1.28 < 1.28rc1 in Go's order); a declaration at
 *   minor precision (`golang:1.25`, `.go-version` 1.25) gets the prerelease itself, since `1.28`
 *   there names the newest stable 1.28.x, which does not exist yet.
 * - Toolchain lines always name a release: `go` + target.
 * - A wildcard minor (`1.25.x` in a workflow) stays a minor (`1.27.x`), also with `exact`.
 * - A target before Go 1.21 whose first release has no `.0` (`1.20`): go and toolchain lines use
 *   Go's spelling (`go 1.20`, `go1.20`); a declaration that had three numbers gets `1.20.0`, which
 *   Docker, setup-go and asdf read as that release (for them `1.20` would be the minor).
 */
import { canonicalRelease, isPrerelease, lang, parseGoVersion } from '../go/gover.js';
import type { SiteRole } from './types.js';

/** True when the text is a language version or minor as written: two numbers, nothing more. */
export function isLanguageForm(written: string): boolean {
  return /^\d+\.\d+$/.test(written);
}

/**
 * The version text a token `written` gets when bumping to `target`. `minorOnly`: the token names a
 * minor by its form (`1.25.x`), so it gets the target's minor whatever the options.
 */
export function versionAtPrecision(
  written: string,
  target: string,
  role: SiteRole,
  exact: boolean,
  minorOnly = false
): string {
  const release = canonicalRelease(target);
  if (role === 'toolchain') return release;
  if (minorOnly) return lang(release);
  if (isLanguageForm(written) && !exact) {
    if (!isPrerelease(release) || role === 'go') return lang(release);
    return release;
  }
  if (role === 'declaration' && /^\d+\.\d+\.\d+/.test(written) && isLanguageForm(release)) {
    const v = parseGoVersion(release);
    if (v) return `${release}.${v.patch || '0'}`;
  }
  return release;
}
