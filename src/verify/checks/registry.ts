/**
 * The registry of checks: one entry per id of CHECK_IDS (ids.ts), which also gives the order they
 * run and are reported in. Each entry carries its title (SARIF's rules and the docs' table come
 * from it), whether it needs an installed Go, why it would be skipped for given facts, and its
 * message when it finds nothing. A new check is its file and one entry here. What a finding weighs
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
import { checkGodebug } from './godebug.js';
import { auditFindings } from '../../audit/audit.js';
import type { AuditCheckId, AuditResult } from '../../audit/types.js';

export interface CheckDefinition {
  /** one line: what the check proves (SARIF's rule description; the docs' table) */
  title: string;
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

/** An audit class: the audit's findings of that class, advice; skipped when there is no audit. */
function auditClass(id: AuditCheckId, title: string, pass: (a: AuditResult) => string): CheckDefinition {
  return {
    title,
    needsVersion: false,
    needsInstalledGo: false,
    run: (f) => (f.audit ? auditFindings(f.audit).filter((x) => x.check === id) : []),
    skipReason: (f) => (f.audit ? undefined : 'no upgrade audit (not a pull request, and audit-base is not set)'),
    passMessage: (f) => (f.audit ? pass(f.audit) : '')
  };
}

const unchangedOr =
  (what: string) =>
  (a: AuditResult): string =>
    a.status === 'unchanged' ? 'no Go version differs from the base' : what;

/** Every check, by id; the type makes sure there is exactly one entry for each id. */
export const CHECKS: { readonly [K in CheckId]: CheckDefinition } = {
  // (the audit classes follow the checks; see auditClass)
  'installed-version': {
    title: 'The Go that later steps run is the one installed (or the one asked for).',
    needsVersion: false,
    needsInstalledGo: true,
    run: checkInstalledVersion,
    passMessage: (f) =>
      f.mode === 'verify'
        ? `go${f.version} in ${f.installed?.expectedRoot ?? '?'}, first on PATH`
        : `go${f.installed?.expected ?? f.version} in ${f.installed?.expectedRoot ?? '?'}, first on PATH`
  },
  environment: {
    title: 'No GOROOT, GOTOOLCHAIN or GOFLAGS setting makes later steps run another Go.',
    needsVersion: false,
    needsInstalledGo: true,
    run: checkEnvironment,
    passMessage: environmentRecord
  },
  files: {
    title: 'Every go.mod, go.work, version file, Dockerfile and workflow in scope can be read and parsed.',
    needsVersion: false,
    needsInstalledGo: false,
    run: checkFiles,
    passMessage: (f) =>
      `${count(f.workspace.modules.length + new Set(f.workspace.declarations.map((d) => d.file)).size, 'file')} read and parsed`
  },
  'go-directive': {
    title: "Every go.mod and go.work can be built by the Go in use, by Go's own rule.",
    needsVersion: true,
    needsInstalledGo: false,
    run: checkGoDirective,
    passMessage: (f) => `${count(f.workspace.modules.length, 'go.mod/go.work file')} satisfied by ${f.version}`
  },
  'toolchain-directive': {
    title: 'The toolchain line of the main module or workspace names the Go in use.',
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
    title: 'Every go.work is usable: its use folders hold go.mod files and its go line covers them.',
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
    title: 'Version files, Dockerfile images and workflow go-versions can build their modules.',
    needsVersion: true,
    needsInstalledGo: false,
    run: checkVersionFiles,
    passMessage: (f) =>
      f.workspace.declarations.length === 0
        ? 'no version files in scope'
        : `${count(f.workspace.declarations.length, 'declaration')} can build their modules with ${f.version}`
  },
  godebug: {
    title: 'Every godebug line and //go:debug directive is one that each Go that builds the module accepts.',
    needsVersion: true,
    needsInstalledGo: false,
    run: checkGodebug,
    passMessage: (f) => {
      const lines = f.workspace.modules.reduce((n, m) => n + m.godebug.length, 0);
      const directives = (f.goPackages ?? []).reduce(
        (n, p) =>
          n +
          p.files.reduce(
            (k, file) => k + file.header.directives.filter((d) => d.text.startsWith('//go:debug')).length,
            0
          ),
        0
      );
      return lines + directives === 0
        ? 'no godebug lines or //go:debug directives'
        : `${count(lines, 'godebug line')} and ${count(directives, '//go:debug directive')} accepted by every Go that builds them`;
    }
  },
  'supported-release': {
    title: 'The Go in use is a supported minor release.',
    needsVersion: true,
    needsInstalledGo: false,
    run: checkSupportedRelease,
    skipReason: noManifest,
    passMessage: (f) => `Go ${f.version} is in a supported minor`
  },
  'latest-patch': {
    title: 'The Go in use is the newest patch of its minor.',
    needsVersion: true,
    needsInstalledGo: false,
    run: checkLatestPatch,
    skipReason: noManifest,
    passMessage: (f) => `Go ${f.version} is the newest release of its minor`
  },
  vulnerabilities: {
    title: 'No known vulnerability of the standard library or go command affects the Go in use.',
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
  },
  'audit-base': auditClass(
    'audit-base',
    'The base of the pull request could be read for the upgrade audit.',
    (a) => `base ${a.base.ref}${a.base.sha ? ` (${a.base.sha.slice(0, 12)})` : ''} read`
  ),
  'audit-godebug': auditClass(
    'audit-godebug',
    'GODEBUG defaults that a Go bump flips (go.dev/doc/godebug), minus those pinned by godebug lines.',
    unchangedOr('no GODEBUG default flips')
  ),
  'audit-language': auditClass(
    'audit-language',
    'Language changes that a go line bump turns on.',
    unchangedOr('no language change')
  ),
  'audit-vet': auditClass(
    'audit-vet',
    'vet checks that a Go bump adds, including those go test runs.',
    unchangedOr('no vet change')
  ),
  'audit-platform': auditClass(
    'audit-platform',
    'Operating-system and port requirements that a Go bump changes, checked against the runner and images.',
    unchangedOr('no platform requirement changes for this runner and these images')
  ),
  'audit-vulnerabilities': auditClass(
    'audit-vulnerabilities',
    'Known vulnerabilities that a Go bump fixes, keeps or brings.',
    unchangedOr('no change in known vulnerabilities')
  ),
  'audit-support': auditClass(
    'audit-support',
    'The support window of the Go before and after a bump.',
    unchangedOr('support window unchanged')
  ),
  'audit-left-behind': auditClass(
    'audit-left-behind',
    'Files that still state the old version after a bump.',
    unchangedOr('no file left on the old version')
  )
};

/** The checks in the order they run: [id, definition]. */
export function checksInOrder(): [CheckId, CheckDefinition][] {
  return CHECK_IDS.map((id) => [id, CHECKS[id]]);
}
