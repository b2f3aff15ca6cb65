/**
 * The support window of the Go before and after a bump: exactly the two newest stable minors of the
 * release list get fixes (go/releases.ts supportedMinors), so a minor's support ends when the minor
 * two above it is released. Pure.
 */
import type { Release } from '../go/types.js';
import { isValidGo, lang } from '../go/gover.js';
import { supportedMinors } from '../go/releases.js';
import type { AuditSupport, AuditSupportState } from './types.js';

/** The minor two above `minor` ("1.22" -> "1.24"), whose release ends its support. */
export function supportEndsWith(minor: string): string {
  const [major, n] = minor.split('.');
  return `${major}.${Number(n) + 2}`;
}

function state(version: string | undefined, supported: readonly string[]): AuditSupportState | undefined {
  if (!version || !isValidGo(version)) return undefined;
  const minor = lang(version);
  if (!minor.includes('.')) return undefined;
  return { minor, supported: supported.includes(minor), endsWith: supportEndsWith(minor) };
}

/** Support of the Go before and after (a release or a language version each). */
export function supportWindow(
  before: string | undefined,
  after: string | undefined,
  releases?: Release[]
): AuditSupport {
  if (!releases) return { unknown: 'the release list was not read' };
  const minors = supportedMinors(releases);
  const b = state(before, minors);
  const a = state(after, minors);
  return { ...(b ? { before: b } : {}), ...(a ? { after: a } : {}), supportedMinors: minors };
}
