/**
 * Check `vulnerabilities` (default warning): known vulnerabilities of the standard library and the
 * go command that affect the checked Go, from the Go vulnerability database (facts.vulns).
 */
import type { CheckFinding } from '../findings.js';
import type { Facts, VulnMatch } from '../facts.js';
import { lang } from '../../go/gover.js';

/**
 * "GO-2024-2887 (CVE-2024-24790): <summary>; fixed in 1.22.4", or
 * "...; no fix in 1.21: upgrade to 1.22.4", or "...; no fix released yet".
 */
function vulnMessage(m: VulnMatch, version: string): string {
  const aliases = m.aliases.length > 0 ? ` (${m.aliases.join(', ')})` : '';
  const summary = m.summary ? `: ${m.summary}` : '';
  let fix: string;
  if (m.fixedInMinor) fix = `fixed in ${m.fixedInMinor}`;
  else if (m.newestFix) fix = `no fix in ${lang(version)}: upgrade to ${m.newestFix}`;
  else fix = 'no fix released yet';
  return `${m.id}${aliases}${summary}; ${fix}`;
}

/** One finding per affecting vulnerability; one warning when the database could not be read. */
export function checkVulnerabilities(facts: Facts): CheckFinding[] {
  const vulns = facts.vulns;
  if (!vulns || vulns.status === 'skipped') return [];
  if (vulns.status === 'unknown') {
    return [{ check: 'vulnerabilities', kind: 'advice', message: `vulnerabilities: unknown: ${vulns.reason}` }];
  }
  return vulns.matches.map((m) => ({
    check: 'vulnerabilities',
    kind: 'advice',
    message: vulnMessage(m, facts.version)
  }));
}
