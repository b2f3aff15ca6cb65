/**
 * The registry of checks, in the order they run and are reported. Each entry names its default
 * severity, whether it needs an installed Go, and why it would be skipped for given facts.
 */
import type { CheckId, Facts, Finding, Severity } from '../../model.js';
import { checkInstalledVersion } from './installed-version.js';
import { checkEnvironment, environmentRecord } from './environment.js';
import { checkGoDirective } from './go-directive.js';
import { checkToolchainDirective } from './toolchain-directive.js';
import { checkWorkspace } from './workspace.js';
import { checkVersionFiles } from './version-files.js';
import { checkSupportedRelease } from './supported-release.js';
import { checkLatestPatch } from './latest-patch.js';
import { checkVulnerabilities } from './vulnerabilities.js';

export interface CheckDefinition {
  id: CheckId;
  defaultSeverity: Severity;
  needsInstalledGo: boolean;
  run(f: Facts): Finding[];
  /** why the check cannot run on these facts (besides a missing installed Go), if it cannot */
  skipReason?(f: Facts): string | undefined;
  /** the result message when the check found nothing */
  passMessage(f: Facts): string;
}

const noManifest = (f: Facts): string | undefined => (f.releases ? undefined : 'the release manifest was not read');

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

export const CHECKS: CheckDefinition[] = [
  {
    id: 'installed-version',
    defaultSeverity: 'error',
    needsInstalledGo: true,
    run: checkInstalledVersion,
    passMessage: (f) => `go${f.installed?.expected ?? f.version} in ${f.installed?.expectedRoot ?? '?'}, first on PATH`
  },
  {
    id: 'environment',
    defaultSeverity: 'warning',
    needsInstalledGo: true,
    run: checkEnvironment,
    passMessage: environmentRecord
  },
  {
    id: 'go-directive',
    defaultSeverity: 'error',
    needsInstalledGo: false,
    run: checkGoDirective,
    passMessage: (f) => `${count(f.workspace.modules.length, 'go.mod/go.work file')} satisfied by ${f.version}`
  },
  {
    id: 'toolchain-directive',
    defaultSeverity: 'error',
    needsInstalledGo: false,
    run: checkToolchainDirective,
    passMessage: (f) => {
      const tc = f.root?.toolchain;
      if (!f.root) return 'no main module or workspace';
      if (!tc) return `${f.root.path} has no toolchain line`;
      return tc.value === 'default'
        ? `${f.root.path}: toolchain default`
        : `${f.root.path}: toolchain ${tc.value} matches`;
    }
  },
  {
    id: 'workspace',
    defaultSeverity: 'error',
    needsInstalledGo: false,
    run: checkWorkspace,
    passMessage: (f) => {
      const works = f.workspace.modules.filter((m) => m.kind === 'go.work').length;
      return works === 0
        ? 'no go.work in scope'
        : `${count(works, 'go.work')} and ${count(f.workspace.useTargets.length, 'use path')} consistent`;
    }
  },
  {
    id: 'version-files',
    defaultSeverity: 'error',
    needsInstalledGo: false,
    run: checkVersionFiles,
    passMessage: (f) =>
      f.workspace.declarations.length === 0
        ? 'no version files in scope'
        : `${count(f.workspace.declarations.length, 'declaration')} ${f.workspace.declarations.length === 1 ? 'agrees' : 'agree'} with ${f.version}`
  },
  {
    id: 'supported-release',
    defaultSeverity: 'warning',
    needsInstalledGo: false,
    run: checkSupportedRelease,
    skipReason: noManifest,
    passMessage: (f) => `Go ${f.version} is in a supported minor`
  },
  {
    id: 'latest-patch',
    defaultSeverity: 'warning',
    needsInstalledGo: false,
    run: checkLatestPatch,
    skipReason: noManifest,
    passMessage: (f) => `Go ${f.version} is the newest release of its minor`
  },
  {
    id: 'vulnerabilities',
    defaultSeverity: 'warning',
    needsInstalledGo: false,
    run: checkVulnerabilities,
    skipReason: (f) => {
      if (f.mode === 'plan') return 'plan mode: nothing is installed';
      if (!f.vulns) return 'the vulnerability database was not consulted';
      if (f.vulns.status === 'skipped') return f.vulns.reason;
      return undefined;
    },
    passMessage: (f) =>
      f.vulns?.status === 'checked'
        ? `no known vulnerability of the standard library or go command affects ${f.version}`
        : 'vulnerabilities not checked'
  }
];

export const CHECK_IDS: CheckId[] = CHECKS.map((c) => c.id);
