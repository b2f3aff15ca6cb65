/**
 * supported-release: the checked Go's minor is one of the two newest stable minors of the
 * manifest (the ones that still get security fixes).
 */
import type { CheckFinding } from '../findings.js';
import type { Facts } from '../facts.js';
import { compareGo, isPrerelease, lang } from '../../go/gover.js';
import { supportedMinors } from '../../go/releases.js';

export function checkSupportedRelease(facts: Facts): CheckFinding[] {
  if (!facts.releases) return [];
  const supported = supportedMinors(facts.releases);
  if (supported.length === 0) return [];
  const minor = lang(facts.version);
  if (supported.includes(minor)) return [];
  const list = supported.join(' and ');
  const newer = compareGo(minor, supported[0]) > 0;
  const message =
    newer && isPrerelease(facts.version)
      ? `Go ${facts.version} is a prerelease of ${minor}, newer than the supported minors ${list}`
      : newer
        ? `Go ${minor} is not in the manifest's supported minors (${list})`
        : `Go ${minor} is no longer supported (Go ${facts.version}); supported minors: ${list}`;
  return [{ check: 'supported-release', kind: 'advice', message }];
}
