/** SARIF 2.1.0 for code scanning, validated against the SARIF 2.1.0 JSON schema (@microsoft/jest-sarif). */
import '@microsoft/jest-sarif';
import { CHECK_IDS } from '../../src/verify/checks/ids.js';
import { toSarif } from '../../src/report/sarif.js';
import { sampleParts, sampleReport } from './report-fixture.js';
import { buildReport } from '../../src/report/json-report.js';

const URI = 'https://github.com/org/setup-go-enforced';

describe('toSarif', () => {
  const report = sampleReport();
  const log = toSarif(report, URI);

  test('is a valid SARIF 2.1.0 log', () => {
    expect(log).toBeValidSarifLog();
  });

  test('the schema validation can fail (a result without a message is refused)', () => {
    const broken = structuredClone(log) as unknown as { runs: { results: Record<string, unknown>[] }[] };
    delete broken.runs[0].results[0].message;
    expect(broken).not.toBeValidSarifLog();
  });

  test('one rule per check id; one result per finding, with its check, level, file and line', () => {
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual([...CHECK_IDS]);
    expect(run.results).toHaveLength(report.findings.length);
    const broken = run.results.find((r) => r.ruleId === 'go-directive' && r.level === 'error')!;
    expect(broken.locations).toEqual([
      { physicalLocation: { artifactLocation: { uri: 'svc/a%7Cb/go.mod' }, region: { startLine: 3 } } }
    ]);
    expect(broken.properties.kind).toBe('break');
    expect(run.tool.driver.rules[broken.ruleIndex].id).toBe('go-directive');
  });

  test('a finding without a file is placed on the main module, line 1', () => {
    const vuln = log.runs[0].results.find((r) => r.ruleId === 'vulnerabilities')!;
    expect(vuln.locations).toEqual([
      { physicalLocation: { artifactLocation: { uri: 'go.mod' }, region: { startLine: 1 } } }
    ]);
  });

  test('a report without findings is still valid', () => {
    const parts = sampleParts();
    const empty = buildReport({ ...parts, outcome: { ...parts.outcome!, findings: [] } });
    const out = toSarif(empty, URI);
    expect(out.runs[0].results).toEqual([]);
    expect(out).toBeValidSarifLog();
  });
});
