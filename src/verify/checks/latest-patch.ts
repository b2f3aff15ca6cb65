/**
 * latest-patch: the checked Go is the newest release of its minor; otherwise the newer patch is
 * named.
 */
import type { CheckFinding, Facts } from '../../model.js';
import { compareGo, lang } from '../../go/gover.js';
import { newestPatch } from '../../go/releases.js';

export function checkLatestPatch(facts: Facts): CheckFinding[] {
  if (!facts.releases) return [];
  const minor = lang(facts.version);
  // The newest stable patch; for a minor with no stable release yet, its newest prerelease.
  const newest =
    newestPatch(minor, facts.releases) ??
    facts.releases
      .filter((r) => lang(r.version) === minor)
      .map((r) => r.version)
      .sort(compareGo)
      .at(-1);
  if (newest === undefined || compareGo(newest, facts.version) <= 0) return [];
  return [
    {
      check: 'latest-patch',
      kind: 'advice',
      message: `Go ${facts.version} is not the newest release of ${minor}: ${newest} is available`
    }
  ];
}
