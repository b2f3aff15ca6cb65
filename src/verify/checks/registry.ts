/**
 * The registry of checks: one entry per id of CHECK_IDS (model.ts), which also gives the order
 * they run and are reported in. Each entry says whether the check needs an installed Go, why it
 * would be skipped for given facts, and its message when it finds nothing. What a finding weighs
 * comes from its kind (break, drift, advice); see run-checks.ts.
 */
import { count } from '../../text.js';
import { CHECK_IDS, type CheckId } from './ids.js';
import { type CheckFinding } from '../findings.js';
import { type Facts } from '../facts.js';
import { checkInstalledVersion } from './installed-version.js';
import { checkEnvironment, environmentRecord } from './environment.js';
import { checkFiles } from './files.js';
import { checkGoDirective } from './go-directive.js';
import { checkToolchainDirective } from './toolchain-directive.js';
import { checkWorkspace } from './workspace.js';
import { checkVersionFiles } from './version-files.js';
import { checkSupportedRelease } from './supported-release.js';
import { checkLatestPatch } from './latest-patch.js';
import { checkVulnerabilities } from './vulnerabilities.js';

export interface CheckDefinition {
  needsInstalledGo: boolean;
  /** compares against the checked Go's version (skipped when there is none: a go that cannot run) */
  needsVersion: boolean;
  run(f: Facts): CheckFinding[];
  /** why the check cannot run on these facts (besides a missing installed Go), if it cannot */
  skipReason?(f: Facts): string | undefined;
  /** the result message when the check found nothing */
  passMessage(f: Facts): string;
}

const noManifest = (f: Facts): string | undefined => (f.releases ? undefined : 'the release manifest was not read');

/** Every check, by id; the type makes sure there is exactly one entry for each id. */
export const CHECKS: { readonly [K in CheckId]: CheckDefinition } = {
  'installed-version': {
    needsVersion: false,
    needsInstalledGo: true,
    run: checkInstalledVersion,
    passMessage: (f) =>
      f.mode === 'verify'
        ? `go${f.version} in ${f.installed?.expectedRoot ?? '?'}, first on PATH`
        : `go${f.installed?.expected ?? f.version} in ${f.installed?.expectedRoot ?? '?'}, first on PATH`
  },
  environment: {
    needsVersion: false,
    needsInstalledGo: true,
    run: checkEnvironment,
    passMessage: environmentRecord
  },
  files: {
    needsVersion: false,
    needsInstalledGo: false,
    run: checkFiles,
    passMessage: (f) =>
      `${count(f.workspace.modules.length + new Set(f.workspace.declarations.map((d) => d.file)).size, 'file')} read and parsed`
  },
  'go-directive': {
    needsVersion: true,
    needsInstalledGo: false,
    run: checkGoDirective,
    passMessage: (f) => `${count(f.workspace.modules.length, 'go.mod/go.work file')} satisfied by ${f.version}`
  },
  'toolchain-directive': {
    needsVersion: true,
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
  workspace: {
    needsVersion: false,
    needsInstalledGo: false,
    run: checkWorkspace,
    passMessage: (f) => {
      const works = f.workspace.modules.filter((m) => m.kind === 'go.work').length;
      return works === 0
        ? 'no go.work in scope'
        : `${count(works, 'go.work')} and ${count(f.workspace.useTargets.length, 'use path')} consistent`;
    }
  },
  'version-files': {
    needsVersion: true,
    needsInstalledGo: false,
    run: checkVersionFiles,
    passMessage: (f) =>
      f.workspace.declarations.length === 0
        ? 'no version files in scope'
        : `${count(f.workspace.declarations.length, 'declaration')} can build their modules with ${f.version}`
  },
  'supported-release': {
    needsVersion: true,
    needsInstalledGo: false,
    run: checkSupportedRelease,
    skipReason: noManifest,
    passMessage: (f) => `Go ${f.version} is in a supported minor`
  },
  'latest-patch': {
    needsVersion: true,
    needsInstalledGo: false,
    run: checkLatestPatch,
    skipReason: noManifest,
    passMessage: (f) => `Go ${f.version} is the newest release of its minor`
  },
  vulnerabilities: {
    needsVersion: true,
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
};

/** The checks in the order they run: [id, definition]. */
export function checksInOrder(): [CheckId, CheckDefinition][] {
  return CHECK_IDS.map((id) => [id, CHECKS[id]]);
}
