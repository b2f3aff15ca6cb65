import { auditFindings, auditUpgrade } from '../../src/audit/audit.js';
import { AUDIT_RULES, auditSarifResults, auditSarifRules } from '../../src/audit/sarif.js';
import { AUDIT_CHECK_IDS } from '../../src/audit/types.js';
import { decl, input, mod, side } from './fixture.js';

const result = auditUpgrade(
  input(
    side([mod('go.mod', 'go 1.22')], [decl('Dockerfile', 'svc api/Dockerfile', '1.22', 'golang:1.22', 3)]),
    side([mod('go.mod', 'go 1.24')], [decl('Dockerfile', 'svc api/Dockerfile', '1.22', 'golang:1.22', 3)])
  )
);

describe('auditSarifResults: SARIF 2.1.0 results at the changed lines', () => {
  test('one result per finding, rule id = class, level warning, location file:line', () => {
    const results = auditSarifResults(result);
    const findings = auditFindings(result);
    expect(results).toHaveLength(findings.length);
    for (const [i, r] of results.entries()) {
      expect(r.ruleId).toBe(findings[i].check);
      expect(r.ruleIndex).toBe(AUDIT_CHECK_IDS.indexOf(findings[i].check));
      expect(r.level).toBe('warning');
      expect(r.message.text).toBe(findings[i].message);
      expect(r.properties).toEqual({ kind: 'advice' });
    }
    expect(results[0].locations).toEqual([
      { physicalLocation: { artifactLocation: { uri: 'go.mod' }, region: { startLine: 3 } } }
    ]);
    const left = results.find((r) => r.ruleId === 'audit-left-behind');
    expect(left?.locations?.[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'svc%20api/Dockerfile' },
      region: { startLine: 3 }
    });
  });

  test('the checks input: error raises a class, off leaves it out; ruleIndexOf places the rules', () => {
    const settings = new Map([
      ['audit-godebug', 'error' as const],
      ['audit-left-behind', 'off' as const]
    ]);
    const results = auditSarifResults(result, { settings, ruleIndexOf: (id) => 100 + AUDIT_CHECK_IDS.indexOf(id) });
    expect(results.find((r) => r.ruleId === 'audit-godebug')?.level).toBe('error');
    expect(results.some((r) => r.ruleId === 'audit-left-behind')).toBe(false);
    expect(results.find((r) => r.ruleId === 'audit-vet')?.ruleIndex).toBe(100 + AUDIT_CHECK_IDS.indexOf('audit-vet'));
  });

  test('a finding without a file (no base) sits on the root file, line 1', () => {
    const noBase = auditUpgrade({
      base: { status: 'no-base', ref: 'HEAD^1', reason: 'not here.' },
      head: side([mod('go.mod', 'go 1.24')]),
      platform: { os: 'linux', arch: 'x64' }
    });
    expect(auditSarifResults(noBase, { root: 'go.mod' })[0].locations).toEqual([
      { physicalLocation: { artifactLocation: { uri: 'go.mod' }, region: { startLine: 1 } } }
    ]);
    expect(auditSarifResults(noBase)[0]).not.toHaveProperty('locations');
  });

  test('one rule per class, with its description', () => {
    const rules = auditSarifRules('https://example.com/docs');
    expect(rules.map((r) => r.id)).toEqual([...AUDIT_CHECK_IDS]);
    expect(rules[1]).toEqual({
      id: 'audit-godebug',
      name: 'AuditGodebug',
      shortDescription: { text: AUDIT_RULES['audit-godebug'] },
      helpUri: 'https://example.com/docs#audit'
    });
  });
});
