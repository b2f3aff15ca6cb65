/**
 * The vulnerabilities of the Go standard library and go command that a bump fixes, keeps or brings:
 * the database's matches (verify/vulndb, VulnFacts) for the Go before and the Go after, compared by
 * entry id. Pure.
 */
import type { VulnFacts, VulnMatch } from '../verify/facts.js';
import { sameRelease } from '../go/gover.js';
import type { AuditVuln, AuditVulnerabilities } from './types.js';

/** The facts given for `version`, if any. */
export function vulnFactsOf(
  list: readonly { version: string; facts: VulnFacts }[] | undefined,
  version: string | undefined
): VulnFacts | undefined {
  if (!version || !list) return undefined;
  return list.find((v) => sameRelease(v.version, version))?.facts;
}

function auditVuln(m: VulnMatch): AuditVuln {
  return { id: m.id, summary: m.summary, url: m.url, ...(m.fixedInMinor ? { fixedIn: m.fixedInMinor } : {}) };
}

function why(facts: VulnFacts | undefined, version: string | undefined, side: string): string {
  if (!version) return `the Go ${side} is not resolved`;
  if (!facts) return `the vulnerability database was not consulted for Go ${version}`;
  return facts.status === 'checked' ? '' : `Go ${version}: ${facts.reason}`;
}

/** What the bump from Go `before` to Go `after` does to the known vulnerabilities. */
export function vulnsDelta(
  before: string | undefined,
  after: string | undefined,
  list: readonly { version: string; facts: VulnFacts }[] | undefined
): AuditVulnerabilities {
  const b = vulnFactsOf(list, before);
  const a = vulnFactsOf(list, after);
  if (b?.status !== 'checked' || a?.status !== 'checked') {
    const reasons = [why(b, before, 'before'), why(a, after, 'after')].filter((s) => s !== '');
    const reason = !b && !a && before && after ? 'the vulnerability database was not consulted' : reasons.join('; ');
    return { status: 'unknown', reason, fixed: [], stillPresent: [], introduced: [] };
  }
  const beforeIds = new Set(b.matches.map((m) => m.id));
  const afterIds = new Set(a.matches.map((m) => m.id));
  return {
    status: 'checked',
    fixed: b.matches.filter((m) => !afterIds.has(m.id)).map(auditVuln),
    stillPresent: a.matches.filter((m) => beforeIds.has(m.id)).map(auditVuln),
    introduced: a.matches.filter((m) => !beforeIds.has(m.id)).map(auditVuln)
  };
}
