/** The finding classes of the pull-request audit (src/audit/), which runs after the checks. */
export const AUDIT_CHECK_IDS = [
  'audit-base',
  'audit-godebug',
  'audit-language',
  'audit-vet',
  'audit-platform',
  'audit-vulnerabilities',
  'audit-support',
  'audit-left-behind'
] as const;

export type AuditCheckId = (typeof AUDIT_CHECK_IDS)[number];

/** The ids of the checks, in the order they run; the registry (registry.ts) holds one entry for each. */
export const CHECK_IDS = [
  'installed-version',
  'environment',
  'files',
  'go-directive',
  'toolchain-directive',
  'workspace',
  'version-files',
  'godebug',
  'supported-release',
  'latest-patch',
  'vulnerabilities',
  ...AUDIT_CHECK_IDS
] as const;

export type CheckId = (typeof CHECK_IDS)[number];
