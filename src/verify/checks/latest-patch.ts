/**
 * latest-patch: the checked Go is the newest release of its minor; otherwise the newer patch is
 * named.
 */
import type { Facts, Finding } from '../../model.js';
import { compareGo, lang } from '../../go/gover.js';
import { newestOfMinor } from './releases.js';

export function checkLatestPatch(facts: Facts): Finding[] {
  if (!facts.releases) return [];
  const minor = lang(facts.version);
  const newest = newestOfMinor(minor, facts.releases);
  if (newest === undefined || compareGo(newest, facts.version) <= 0) return [];
  return [
    {
      check: 'latest-patch',
      severity: 'warning',
      message: `Go ${facts.version} is not the newest release of ${minor}: ${newest} is available`
    }
  ];
}
