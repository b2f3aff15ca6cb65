/**
 * latest-patch: the checked Go is the newest release of its minor; otherwise the newer patch is
 * named.
 */
import type { CheckFinding } from '../findings.js';
import type { Facts } from '../facts.js';
import { compareGo, lang } from '../../go/gover.js';
import { newest, newestPatch } from '../../go/releases.js';

export function checkLatestPatch(facts: Facts): CheckFinding[] {
  if (!facts.releases) return [];
  const minor = lang(facts.version);
  // The newest stable patch; for a minor with no stable release yet, its newest prerelease.
  const latest =
    newestPatch(minor, facts.releases) ?? newest(facts.releases.filter((r) => lang(r.version) === minor))?.version;
  if (latest === undefined || compareGo(latest, facts.version) <= 0) return [];
  return [
    {
      check: 'latest-patch',
      kind: 'advice',
      message: `Go ${facts.version} is not the newest release of ${minor}: ${latest} is available`
    }
  ];
}
