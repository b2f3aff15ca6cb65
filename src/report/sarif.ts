/**
 * The findings of a run as SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/), for
 * GitHub code scanning (github/codeql-action/upload-sarif): one rule per check id, one result per
 * finding with its file and line, the level from its severity. Code scanning shows a result only
 * at a location, so a finding about the Go itself (a newer patch, support, vulnerabilities, the
 * environment) is placed on the main module's go.mod or go.work. Pure.
 */
import { CHECK_IDS } from '../verify/checks/ids.js';
import { CHECKS } from '../verify/checks/registry.js';
import type { RunReport } from './json-report.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** A SARIF log: only the parts this action writes. */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        informationUri: string;
        rules: { id: string; name: string; shortDescription: { text: string }; helpUri: string }[];
      };
    };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: 'error' | 'warning';
      message: { text: string };
      locations?: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[];
      properties: { kind: string };
    }[];
  }[];
}

/** A repository path as a relative URI reference (segments percent-encoded, slashes kept). */
function uriOf(file: string): string {
  return file
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

export function toSarif(report: RunReport, informationUri: string): SarifLog {
  const rules = CHECK_IDS.map((id) => ({
    id,
    name: id.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase()),
    shortDescription: { text: CHECKS[id].title },
    helpUri: `${informationUri}#checks`
  }));
  const results = report.findings.map((f) => {
    const file = f.file ?? report.root ?? undefined;
    const line = f.file ? f.line : file ? 1 : undefined;
    return {
      ruleId: f.check,
      ruleIndex: CHECK_IDS.indexOf(f.check),
      level: f.severity,
      message: { text: f.message },
      ...(file
        ? {
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: uriOf(file) },
                  ...(line ? { region: { startLine: line } } : {})
                }
              }
            ]
          }
        : {}),
      properties: { kind: f.kind }
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: report.action.name, version: report.action.version, informationUri, rules } },
        results
      }
    ]
  };
}
