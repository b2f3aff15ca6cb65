/**
 * `doctor`: the machine's Go setup (what machine.ts collected) -> problems, each with the command
 * that fixes it in POSIX shells and in PowerShell. Pure.
 *
 * What it looks for, in the order it reports:
 * - no `go` on PATH, or one whose own GOROOT is another tree;
 * - shadowing: a `go` earlier on PATH than the one the repository asks for, or than a later one;
 * - a stale or foreign GOROOT variable;
 * - `go env -w` settings in the GOENV file that change which Go runs (GOTOOLCHAIN, GOFLAGS), and a
 *   GOTOOLCHAIN in the environment;
 * - GOPATH/bin missing from PATH;
 * - versions: the go on PATH against the repository's go line (Go's own rule), and every
 *   installation against the support policy (supported minors, newest patch, known
 *   vulnerabilities) as the action checks them.
 */
import type { Release } from '../../go/types.js';
import type { VulnFacts } from '../../verify/facts.js';
import type { CheckFinding } from '../../verify/findings.js';
import type { RunnableCheck } from '../../verify/run-checks.js';
import { compareGo, lang } from '../../go/gover.js';
import { goLineVerdict, verdictReason } from '../../go/compat.js';
import { newestPatch, supportedMinors } from '../../go/releases.js';
import { pathApi } from './locations.js';
import { samePath } from '../../paths.js';
import { psQuote, shQuote } from '../activate.js';

/** A Go tree found on the machine. */
export interface GoInstall {
  /** its GOROOT (after symlinks) */
  root: string;
  /** from its VERSION file or `go version`, Go spelling; undefined when it could not be told */
  version?: string;
  /** how it got there: "PATH", "Homebrew", "the Go MSI installer", ... */
  source: string;
}

/** A `go` found in a PATH entry, in PATH order. */
export interface GoOnPath {
  /** the PATH entry */
  dir: string;
  /** the executable in it, after symlinks */
  real: string;
  /** the tree around the real executable, when that is a Go tree */
  root?: string;
  version?: string;
}

export interface MachineFacts {
  os: string;
  goOnPath: GoOnPath[];
  installs: GoInstall[];
  env: { GOROOT?: string; GOTOOLCHAIN?: string };
  /** the `go env -w` file and its settings */
  goenv?: { file: string; settings: Record<string, string> };
  /** the first GOPATH entry, and whether its bin is on PATH */
  gopath?: { dir: string; binOnPath: boolean };
  /** the repository `doctor` runs in: its main module's go line and what the action would install */
  repo?: { goLine: string; file: string; wanted?: string };
  /** the release manifest, when it could be read */
  releases?: Release[];
  /** the vulnerability database's answer per installed version */
  vulns?: Record<string, VulnFacts>;
}

/** The machine checks of `doctor`, in the order they report (one per kind of problem). */
export const MACHINE_CHECK_IDS = [
  'no-go',
  'shadowed',
  'stale-goroot',
  'goenv-gotoolchain',
  'goenv-goflags',
  'env-gotoolchain',
  'gopath-bin',
  'repo-cannot-build',
  'unsupported',
  'old-patch',
  'vulnerable'
] as const;
export type MachineCheckId = (typeof MACHINE_CHECK_IDS)[number];

/** A machine check's finding: the engine's finding shape, always with its fix. */
type Fix = { posix: string; powershell: string };
export type Problem = CheckFinding<MachineCheckId> & { fix: Fix };

function prependPath(dir: string): Fix {
  return {
    posix: `export PATH=${shQuote(dir)}":$PATH"`,
    powershell: `$env:PATH = ${psQuote(`${dir};`)} + $env:PATH`
  };
}

function removeFromPath(dir: string): Fix {
  return {
    posix: `export PATH="$(printf %s "$PATH" | tr ':' '\\n' | grep -vxF ${shQuote(dir)} | paste -sd: -)"`,
    powershell: `$env:PATH = ($env:PATH -split ';' | Where-Object { $_ -ne ${psQuote(dir)} }) -join ';'`
  };
}

const USE = {
  posix: 'eval "$(setup-go-enforced use)"',
  powershell: 'setup-go-enforced use --shell powershell | Invoke-Expression'
};

function useVersion(v: string): Fix {
  return {
    posix: `eval "$(setup-go-enforced use ${v})"`,
    powershell: `setup-go-enforced use ${v} --shell powershell | Invoke-Expression`
  };
}

function binOf(os: string, root: string): string {
  return pathApi(os).join(root, 'bin');
}

function describeGo(g: { version?: string; real?: string; root?: string }): string {
  return `go${g.version ?? ' (unknown version)'}`;
}

export function diagnose(f: MachineFacts): Problem[] {
  const out: Problem[] = [];
  const first = f.goOnPath[0];

  if (!first) {
    out.push({ check: 'no-go', kind: 'break', message: 'no go command on PATH', fix: USE });
  }

  // Shadowing: the repository's Go is installed but another go comes first; or a later go on PATH never runs.
  if (first && f.repo?.wanted && first.version !== f.repo.wanted) {
    const wanted = f.installs.find((i) => i.version === f.repo!.wanted);
    if (wanted) {
      out.push({
        check: 'shadowed',
        kind: 'drift',
        message: `${f.repo.file} asks for go${f.repo.wanted}, installed in ${wanted.root} (${wanted.source}), but ${describeGo(first)} in ${first.dir} comes first on PATH`,
        fix: prependPath(binOf(f.os, wanted.root))
      });
    }
  }
  for (const later of f.goOnPath.slice(1)) {
    if (!first || samePath(later.real, first.real, f.os)) continue;
    // A newer go behind an older one is most likely the one meant: put it first. An older one
    // behind a newer one only confuses: take it off PATH.
    const newer = later.version && first.version && compareGo(later.version, first.version) > 0;
    out.push({
      check: 'shadowed',
      kind: 'drift',
      message: `${describeGo(later)} in ${later.dir} is on PATH but never runs: ${describeGo(first)} in ${first.dir} comes first`,
      fix: newer ? prependPath(later.dir) : removeFromPath(later.dir)
    });
  }

  // GOROOT: set to another tree than the go on PATH (a stale one from an older install).
  const goroot = f.env.GOROOT?.trim();
  if (goroot && first?.root && !samePath(goroot, first.root, f.os)) {
    const owner = f.installs.find((i) => samePath(i.root, goroot, f.os));
    out.push({
      check: 'stale-goroot',
      kind: 'break',
      message: `GOROOT is ${goroot}${owner?.version ? ` (go${owner.version})` : ''}, not the tree of the go on PATH (${first.root}): builds mix two Go trees ("compile version does not match go tool version")`,
      fix: {
        posix: 'unset GOROOT',
        powershell: "Remove-Item Env:GOROOT; [Environment]::SetEnvironmentVariable('GOROOT', $null, 'User')"
      }
    });
  }

  // go env -w settings that change which Go runs.
  const s = f.goenv?.settings ?? {};
  if (s.GOTOOLCHAIN !== undefined && s.GOTOOLCHAIN !== '') {
    out.push({
      check: 'goenv-gotoolchain',
      kind: 'drift',
      message: `GOTOOLCHAIN=${s.GOTOOLCHAIN} is set in ${f.goenv!.file} (go env -w): every go command starts from it, whatever is on PATH`,
      fix: { posix: 'go env -u GOTOOLCHAIN', powershell: 'go env -u GOTOOLCHAIN' }
    });
  }
  if (s.GOFLAGS !== undefined && s.GOFLAGS !== '') {
    out.push({
      check: 'goenv-goflags',
      kind: 'advice',
      message: `GOFLAGS=${s.GOFLAGS} is set in ${f.goenv!.file} (go env -w): it applies to every go command on this machine`,
      fix: { posix: 'go env -u GOFLAGS', powershell: 'go env -u GOFLAGS' }
    });
  }
  const tc = f.env.GOTOOLCHAIN?.trim();
  if (tc && tc !== 'local' && tc !== 'auto' && tc !== 'path') {
    out.push({
      check: 'env-gotoolchain',
      kind: 'drift',
      message: `the environment sets GOTOOLCHAIN=${tc}: the go on PATH hands over to that toolchain`,
      fix: { posix: 'unset GOTOOLCHAIN', powershell: 'Remove-Item Env:GOTOOLCHAIN' }
    });
  }

  if (f.gopath && !f.gopath.binOnPath) {
    const bin = binOf(f.os, f.gopath.dir);
    out.push({
      check: 'gopath-bin',
      kind: 'advice',
      message: `${bin} (GOPATH/bin, where go install puts tools) is not on PATH`,
      fix: {
        posix: `export PATH="$PATH:$(go env GOPATH)/bin"`,
        powershell: `$env:PATH += ';' + (Join-Path (go env GOPATH) 'bin')`
      }
    });
  }

  // The repository: can the go on PATH build it, by Go's own rule?
  if (first?.version && f.repo) {
    const verdict = goLineVerdict(f.repo.goLine, first.version);
    if (verdict === 'refuses' || verdict === 'cannot-parse') {
      out.push({
        check: 'repo-cannot-build',
        kind: 'break',
        message: `${f.repo.file} says go ${f.repo.goLine}: ${verdictReason(verdict, f.repo.goLine, first.version)} (the go on PATH)`,
        fix: USE
      });
    }
  }

  // Every installation against the support policy, as the action's checks see it.
  const seen = new Set<string>();
  for (const i of f.installs) {
    const v = i.version;
    if (!v || seen.has(v)) continue;
    seen.add(v);
    if (f.releases) {
      const supported = supportedMinors(f.releases);
      const newest = newestPatch(lang(v), f.releases);
      if (supported.length > 0 && !supported.includes(lang(v)) && compareGo(lang(v), supported[0]) < 0) {
        const latest = newestPatch(supported[0], f.releases) ?? supported[0];
        out.push({
          check: 'unsupported',
          kind: 'advice',
          message: `go${v} in ${i.root} is out of support (supported minors: ${supported.join(' and ')})`,
          fix: useVersion(latest)
        });
      } else if (newest && compareGo(newest, v) > 0) {
        out.push({
          check: 'old-patch',
          kind: 'advice',
          message: `go${v} in ${i.root}: go${newest} is the newest patch of ${lang(v)}`,
          fix: useVersion(newest)
        });
      }
    }
    const vulns = f.vulns?.[v];
    if (vulns?.status === 'checked' && vulns.matches.length > 0) {
      const ids = vulns.matches.map((m) => m.id);
      const fix = vulns.matches
        .map((m) => m.fixedInMinor ?? m.newestFix)
        .filter((x): x is string => !!x)
        .sort(compareGo)
        .at(-1);
      out.push({
        check: 'vulnerable',
        kind: 'advice',
        message: `go${v} in ${i.root} is affected by ${ids.length} known vulnerabilit${ids.length === 1 ? 'y' : 'ies'} (${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''})`,
        fix: fix ? useVersion(fix) : USE
      });
    }
  }
  return out;
}

/**
 * The machine checks as the engine runs them (verify/run-checks.ts runRegistry): one entry per id;
 * diagnose() finds every problem once, each check keeps its own.
 */
export function machineChecks(): (readonly [MachineCheckId, RunnableCheck<MachineCheckId, MachineFacts>])[] {
  let memo: { facts: MachineFacts; found: Problem[] } | undefined;
  const found = (f: MachineFacts): Problem[] => {
    if (memo?.facts !== f) memo = { facts: f, found: diagnose(f) };
    return memo.found;
  };
  return MACHINE_CHECK_IDS.map(
    (id) => [id, { run: (f: MachineFacts) => found(f).filter((p) => p.check === id), passMessage: () => 'ok' }] as const
  );
}
