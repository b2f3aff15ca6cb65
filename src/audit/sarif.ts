/**
 * The audit's findings as SARIF 2.1.0 result objects (the shape report/sarif.ts writes), at the
 * changed lines, with one rule per finding class (AUDIT_CHECK_IDS). A finding without a file (the
 * base could not be read) is placed on the root module file, as report/sarif.ts places findings
 * about the Go itself, since code scanning shows a result only at a location. Levels are warning
 * (advice) unless the `checks` input raised a class. Pure.
 *
 * When the lead registers the classes as checks, report/sarif.ts emits these findings already;
 * this module is for writing the audit's results on their own (or next to an existing log).
 */
import type { Severity, SeveritySetting } from '../verify/findings.js';
import type { SarifLog } from '../report/sarif.js';
import { auditFindings } from './audit.js';
import { AUDIT_CHECK_IDS, type AuditCheckId, type AuditResult } from './types.js';

type SarifResult = SarifLog['runs'][number]['results'][number];
type SarifRule = SarifLog['runs'][number]['tool']['driver']['rules'][number];

/** What each class tells, for the rule descriptions code scanning shows. */
export const AUDIT_RULES: Readonly<Record<AuditCheckId, string>> = {
  'audit-base': 'The base of the pull request could be read for the upgrade audit.',
  'audit-godebug': 'GODEBUG defaults that a Go bump flips (go.dev/doc/godebug), minus those pinned by godebug lines.',
  'audit-language': 'Language changes that a go line bump turns on (or off).',
  'audit-vet': 'vet checks that a Go bump adds, including those go test runs.',
  'audit-platform':
    'Operating-system and port requirements that a Go bump changes, checked against the runner and images.',
  'audit-vulnerabilities': 'Known vulnerabilities that a Go bump fixes, keeps or brings.',
  'audit-support': 'The support window of the Go before and after a bump.',
  'audit-left-behind': 'Files that still state the old version after a bump.'
};

/** The rules of the audit's classes, in AUDIT_CHECK_IDS order. */
export function auditSarifRules(informationUri: string): SarifRule[] {
  return AUDIT_CHECK_IDS.map((id) => ({
    id,
    name: id.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase()),
    shortDescription: { text: AUDIT_RULES[id] },
    helpUri: `${informationUri}#audit`
  }));
}

function uriOf(file: string): string {
  return file
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

export interface AuditSarifOptions {
  /** the index of a class's rule in the run's rules (default: its index in AUDIT_CHECK_IDS) */
  ruleIndexOf?: (id: AuditCheckId) => number;
  /** the `checks` input's setting per class: `error` raises, `off` leaves the class out */
  settings?: ReadonlyMap<string, SeveritySetting>;
  /** where a finding without a file is placed (the root module file) */
  root?: string;
}

/** The audit's findings as SARIF results. */
export function auditSarifResults(result: AuditResult, options: AuditSarifOptions = {}): SarifResult[] {
  const indexOf = options.ruleIndexOf ?? ((id: AuditCheckId) => AUDIT_CHECK_IDS.indexOf(id));
  const out: SarifResult[] = [];
  for (const f of auditFindings(result)) {
    const setting = options.settings?.get(f.check);
    if (setting === 'off') continue;
    const level: Severity = setting === 'error' ? 'error' : 'warning';
    const file = f.file ?? options.root;
    const line = f.file ? f.line : file ? 1 : undefined;
    out.push({
      ruleId: f.check,
      ruleIndex: indexOf(f.check),
      level,
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
    });
  }
  return out;
}
