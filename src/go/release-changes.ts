/**
 * What a Go bump changes besides GODEBUG, as small hand-kept data with its sources: language
 * changes keyed to the go line, vet changes that can fail `go vet` or `go test`, and the OS and port
 * requirements of each release; and a checker of a runner or image against a release's
 * requirements. Sources: the release notes (golang/website _content/doc/go1.NN.md at b02076a,
 * 2026-08-21, https://go.dev/doc/go1.NN) and, for `go test`'s vet subset, defaultVetFlags in
 * cmd/go/internal/test/test.go of each release. Pure.
 */
import { compareGo, isValidGo, lang } from './gover.js';

/** A language change: the compiler applies it to files whose language version (go line, //go:build) is at least `goLine`. */
export interface LanguageChange {
  /** the language version it takes ("1.22") */
  goLine: string;
  title: string;
  /** existing code can behave differently (rather than only new code becoming legal) */
  changesBehaviour: boolean;
  link: string;
}

export const LANGUAGE_CHANGES: readonly LanguageChange[] = [
  // go1.21.md "Changes to the language": three new built-ins.
  {
    goLine: '1.21',
    title: 'built-in functions min, max and clear',
    changesBehaviour: false,
    link: 'https://go.dev/doc/go1.21#language'
  },
  // go1.22.md: "each iteration of the loop creates new variables, to avoid accidental sharing bugs".
  {
    goLine: '1.22',
    title: 'each iteration of a "for" loop creates new variables',
    changesBehaviour: true,
    link: 'https://go.dev/doc/go1.22#language'
  },
  // go1.22.md: '"For" loops may now range over integers.'
  {
    goLine: '1.22',
    title: '"for" loops may range over integers',
    changesBehaviour: false,
    link: 'https://go.dev/doc/go1.22#language'
  },
  // go1.23.md: the "range" clause accepts iterator functions.
  {
    goLine: '1.23',
    title: '"for" loops may range over iterator functions',
    changesBehaviour: false,
    link: 'https://go.dev/doc/go1.23#language'
  },
  // go1.24.md: "Go 1.24 now fully supports generic type aliases".
  {
    goLine: '1.24',
    title: 'generic type aliases',
    changesBehaviour: false,
    link: 'https://go.dev/doc/go1.24#language'
  },
  // go1.26.md: "The built-in new function ... now allows its operand to be an expression".
  {
    goLine: '1.26',
    title: 'new(expr): the operand of new may be an expression',
    changesBehaviour: false,
    link: 'https://go.dev/doc/go1.26#language'
  },
  // go1.26.md: "The restriction that a generic type may not refer to itself in its type parameter list has been lifted."
  {
    goLine: '1.26',
    title: 'a generic type may refer to itself in its type parameter list',
    changesBehaviour: false,
    link: 'https://go.dev/doc/go1.26#language'
  },
  // go1.27.md: "Go 1.27 now supports generic methods".
  {
    goLine: '1.27',
    title: 'generic methods (methods with their own type parameters)',
    changesBehaviour: false,
    link: 'https://go.dev/doc/go1.27#language'
  },
  // go1.27.md: "A key in a struct literal may now be any valid field selector for the struct type".
  {
    goLine: '1.27',
    title: 'struct literal keys may be any field selector',
    changesBehaviour: false,
    link: 'https://go.dev/doc/go1.27#language'
  },
  // go1.27.md: "Function type inference has been generalized ... where a generic function is assigned".
  {
    goLine: '1.27',
    title: 'function type inference wherever a generic function is assigned',
    changesBehaviour: false,
    link: 'https://go.dev/doc/go1.27#language'
  }
];

/** A vet change of a toolchain release. */
export interface VetChange {
  /** the toolchain release that brought it ("1.24") */
  release: string;
  analyzer: string;
  /** it applies only to files whose language version is at least this (go line, //go:build) */
  languageVersion?: string;
  /** `go test` runs it (its vet subset), so it can fail `go test`, not only `go vet` */
  goTest: boolean;
  effect: 'more-findings' | 'fewer-findings';
  summary: string;
  link: string;
}

export const VET_CHANGES: readonly VetChange[] = [
  // go1.22.md "Vet": loopclosure no longer reports for files at 1.22 or later.
  {
    release: '1.22',
    analyzer: 'loopclosure',
    languageVersion: '1.22',
    goTest: false,
    effect: 'fewer-findings',
    summary: 'no report of loop variables captured by function literals (per-iteration variables)',
    link: 'https://go.dev/doc/go1.22#vet'
  },
  // go1.22.md "Vet": new warnings for missing values after append (cmd/vet of go1.22.0 adds appends).
  {
    release: '1.22',
    analyzer: 'appends',
    goTest: false,
    effect: 'more-findings',
    summary: 'calls to append that pass no values to append',
    link: 'https://go.dev/doc/go1.22#vet'
  },
  // go1.22.md "Vet": new warnings for deferring time.Since (cmd/vet of go1.22.0 adds defers).
  {
    release: '1.22',
    analyzer: 'defers',
    goTest: false,
    effect: 'more-findings',
    summary: 'a non-deferred call to time.Since in a defer statement',
    link: 'https://go.dev/doc/go1.22#vet'
  },
  // go1.23.md "Vet": go vet includes stdversion.
  {
    release: '1.23',
    analyzer: 'stdversion',
    goTest: false,
    effect: 'more-findings',
    summary: 'references to standard library symbols too new for the go line',
    link: 'https://go.dev/doc/go1.23#vet'
  },
  // go1.24.md "Vet": "This analyzer is among the subset of analyzers that are run by go test" (defaultVetFlags gains -tests).
  {
    release: '1.24',
    analyzer: 'tests',
    goTest: true,
    effect: 'more-findings',
    summary: 'malformed test, fuzz, benchmark and example declarations',
    link: 'https://go.dev/doc/go1.24#vet'
  },
  // go1.24.md "Vet": printf with a non-constant format and no other arguments, "only applied when the language version ... is at least Go 1.24".
  {
    release: '1.24',
    analyzer: 'printf',
    languageVersion: '1.24',
    goTest: true,
    effect: 'more-findings',
    summary: 'fmt.Printf(s) with a non-constant format string and no other arguments',
    link: 'https://go.dev/doc/go1.24#vet'
  },
  // go1.24.md "Vet": buildtag reports an invalid Go major version build constraint (//go:build go1.23.1).
  {
    release: '1.24',
    analyzer: 'buildtag',
    goTest: true,
    effect: 'more-findings',
    summary: 'a //go:build constraint naming a point release (go1.23.1)',
    link: 'https://go.dev/doc/go1.24#vet'
  },
  // go1.24.md "Vet": copylock reports a sync.Locker declared in a 3-clause for loop.
  {
    release: '1.24',
    analyzer: 'copylock',
    goTest: false,
    effect: 'more-findings',
    summary: 'a lock declared in a 3-clause "for" loop (copied each iteration)',
    link: 'https://go.dev/doc/go1.24#vet'
  },
  // go1.25.md "Vet": new analyzers waitgroup and hostport.
  {
    release: '1.25',
    analyzer: 'waitgroup',
    goTest: false,
    effect: 'more-findings',
    summary: 'misplaced calls to sync.WaitGroup.Add',
    link: 'https://go.dev/doc/go1.25#vet'
  },
  {
    release: '1.25',
    analyzer: 'hostport',
    goTest: false,
    effect: 'more-findings',
    summary: 'fmt.Sprintf("%s:%d", host, port) used as a network address',
    link: 'https://go.dev/doc/go1.25#vet'
  },
  // go1.27.md "go test": "go test now invokes the stdversion vet check by default" (defaultVetFlags gains -stdversion).
  {
    release: '1.27',
    analyzer: 'stdversion',
    goTest: true,
    effect: 'more-findings',
    summary: 'go test reports standard library symbols too new for the go line',
    link: 'https://go.dev/doc/go1.27#go-command'
  }
];

/**
 * The vet analyzers `go test` runs, by the release that set the list (defaultVetFlags of
 * cmd/go/internal/test/test.go at go1.21.0, go1.24.0 and 0153438 for 1.27).
 */
const GO_TEST_VET: readonly { release: string; analyzers: readonly string[] }[] = [
  {
    release: '1.21',
    analyzers: [
      'atomic',
      'bools',
      'buildtag',
      'directive',
      'errorsas',
      'ifaceassert',
      'nilfunc',
      'printf',
      'slog',
      'stringintconv'
    ]
  },
  {
    release: '1.24',
    analyzers: [
      'atomic',
      'bools',
      'buildtag',
      'directive',
      'errorsas',
      'ifaceassert',
      'nilfunc',
      'printf',
      'slog',
      'stringintconv',
      'tests'
    ]
  },
  {
    release: '1.27',
    analyzers: [
      'atomic',
      'bools',
      'buildtag',
      'directive',
      'errorsas',
      'ifaceassert',
      'nilfunc',
      'printf',
      'slog',
      'stdversion',
      'stringintconv',
      'tests'
    ]
  }
];

/** The vet analyzers `go test` runs under `toolchain` (Go 1.21 and later; undefined before). */
export function goTestVetAnalyzers(toolchain: string): readonly string[] | undefined {
  let found: readonly string[] | undefined;
  for (const e of GO_TEST_VET) if (isValidGo(toolchain) && compareGo(toolchain, e.release) >= 0) found = e.analyzers;
  return found;
}

/** Whether a language version `goLine` has reached `version` ("1.22.3" has reached "1.22"). */
function reached(goLine: string, version: string): boolean {
  return isValidGo(goLine) && compareGo(lang(goLine), version) >= 0;
}

/** The language changes between two go lines (raised or lowered), oldest first. */
export function languageChanges(fromGoLine: string, toGoLine: string): LanguageChange[] {
  return LANGUAGE_CHANGES.filter((c) => reached(fromGoLine, c.goLine) !== reached(toGoLine, c.goLine));
}

/** Whether a vet change applies to a module at go line `goLine` vetted by `toolchain`. */
function vetApplies(c: VetChange, goLine: string, toolchain: string): boolean {
  return reached(toolchain, c.release) && (c.languageVersion === undefined || reached(goLine, c.languageVersion));
}

/**
 * The vet changes that start to apply when the go line moves from `fromGoLine` to `toGoLine` and
 * the toolchain from `fromToolchain` to `toToolchain` (a go-line-keyed one needs both the toolchain
 * and the go line), oldest first.
 */
export function vetChanges(
  fromGoLine: string,
  toGoLine: string,
  fromToolchain: string,
  toToolchain: string
): VetChange[] {
  return VET_CHANGES.filter((c) => vetApplies(c, toGoLine, toToolchain) && !vetApplies(c, fromGoLine, fromToolchain));
}

/** A requirement a Go release puts on the system it runs on, or a port it drops. */
export interface PlatformRequirement {
  /** the first release with it ("1.24") */
  release: string;
  os: 'linux' | 'windows' | 'darwin' | 'freebsd';
  /** only this architecture (Go's name) */
  arch?: string;
  /**
   * os-minimum: Windows NT version ("10.0") or macOS version ("13"); kernel-minimum: Linux kernel
   * ("3.2"); port-removed / port-broken: the os/arch port
   */
  kind: 'os-minimum' | 'kernel-minimum' | 'port-removed' | 'port-broken';
  minimum?: string;
  summary: string;
  link: string;
}

export const PLATFORM_REQUIREMENTS: readonly PlatformRequirement[] = [
  // go1.21.md Ports: "Go 1.21 requires at least Windows 10 or Windows Server 2016" (both are NT 10.0).
  {
    release: '1.21',
    os: 'windows',
    kind: 'os-minimum',
    minimum: '10.0',
    summary: 'requires Windows 10 or Windows Server 2016',
    link: 'https://go.dev/doc/go1.21#windows'
  },
  // go1.21.md Ports: "Go 1.21 requires macOS 10.15 Catalina or later".
  {
    release: '1.21',
    os: 'darwin',
    kind: 'os-minimum',
    minimum: '10.15',
    summary: 'requires macOS 10.15 Catalina',
    link: 'https://go.dev/doc/go1.21#darwin'
  },
  // go1.23.md Ports: "Go 1.23 requires macOS 11 Big Sur or later".
  {
    release: '1.23',
    os: 'darwin',
    kind: 'os-minimum',
    minimum: '11',
    summary: 'requires macOS 11 Big Sur',
    link: 'https://go.dev/doc/go1.23#darwin'
  },
  // go1.24.md Ports: "Go 1.24 requires Linux kernel version 3.2 or later" (go1.23.md: 1.23 is the last to require only 2.6.32).
  {
    release: '1.24',
    os: 'linux',
    kind: 'kernel-minimum',
    minimum: '3.2',
    summary: 'requires Linux kernel 3.2',
    link: 'https://go.dev/doc/go1.24#linux'
  },
  // go1.24.md Ports: "The 32-bit windows/arm port (GOOS=windows GOARCH=arm) has been marked broken."
  {
    release: '1.24',
    os: 'windows',
    arch: 'arm',
    kind: 'port-broken',
    summary: 'windows/arm (32-bit) marked broken',
    link: 'https://go.dev/doc/go1.24#windows'
  },
  // go1.25.md Ports: "Go 1.25 requires macOS 12 Monterey or later."
  {
    release: '1.25',
    os: 'darwin',
    kind: 'os-minimum',
    minimum: '12',
    summary: 'requires macOS 12 Monterey',
    link: 'https://go.dev/doc/go1.25#ports'
  },
  // go1.26.md Ports: "the broken 32-bit windows/arm port (GOOS=windows GOARCH=arm) has been removed."
  {
    release: '1.26',
    os: 'windows',
    arch: 'arm',
    kind: 'port-removed',
    summary: 'windows/arm (32-bit) removed',
    link: 'https://go.dev/doc/go1.26#ports'
  },
  // go1.26.md Ports: "The freebsd/riscv64 port ... has been marked broken."
  {
    release: '1.26',
    os: 'freebsd',
    arch: 'riscv64',
    kind: 'port-broken',
    summary: 'freebsd/riscv64 marked broken',
    link: 'https://go.dev/doc/go1.26#ports'
  },
  // go1.27.md Ports: "Go 1.27 requires macOS 13 Ventura or later".
  {
    release: '1.27',
    os: 'darwin',
    kind: 'os-minimum',
    minimum: '13',
    summary: 'requires macOS 13 Ventura',
    link: 'https://go.dev/doc/go1.27#darwin'
  },
  // go1.27.md Ports: linux/ppc64 uses ELFv2; "ELFv2 support requires Linux kernel 3.13 or later.
  // RHEL7 backported this support to its 3.10 kernel."
  {
    release: '1.27',
    os: 'linux',
    arch: 'ppc64',
    kind: 'kernel-minimum',
    minimum: '3.13',
    summary: 'linux/ppc64 uses the ELFv2 ABI: requires Linux kernel 3.13 (or RHEL 7 3.10)',
    link: 'https://go.dev/doc/go1.27#ppc64'
  }
];

/** Go 1.23 and earlier: "the last release that requires Linux kernel version 2.6.32 or later" (go1.23.md Ports). */
const KERNEL_BEFORE_1_24: PlatformRequirement = {
  release: '1.0',
  os: 'linux',
  kind: 'kernel-minimum',
  minimum: '2.6.32',
  summary: 'requires Linux kernel 2.6.32',
  link: 'https://go.dev/doc/go1.23#linux'
};

/** The requirements and port changes between two Go releases (either direction), oldest first. */
export function platformChanges(fromGo: string, toGo: string): PlatformRequirement[] {
  return PLATFORM_REQUIREMENTS.filter((r) => reached(fromGo, r.release) !== reached(toGo, r.release));
}

/** What is known of where Go runs: a runner or an image. Unknown fields are left out. */
export interface PlatformTarget {
  os: 'linux' | 'windows' | 'darwin';
  /** Go's architecture name (amd64, arm64, arm, ppc64, ...) */
  arch?: string;
  /** Windows version as os.release() gives it ("10.0.17763", "6.3.9600") */
  windowsVersion?: string;
  /** macOS version ("14.5") */
  macosVersion?: string;
  /** macOS: os.release(), the Darwin kernel version ("23.5.0") */
  darwinRelease?: string;
  /** Linux: os.release() ("5.15.0-1064-azure", "3.10.0-1160.el7.ppc64") */
  kernel?: string;
  /** the ImageOS of a GitHub-hosted runner (ubuntu24, win22, macos15) */
  imageOS?: string;
  /** a Dockerfile base image (alpine:3.20, debian:bookworm, centos:7, mcr.microsoft.com/windows/servercore:ltsc2019) */
  image?: string;
}

export type PlatformVerdict =
  | { kind: 'ok'; notes: string[] }
  /** the target is below `requirement` (or its port is gone) */
  | { kind: 'unsupported'; requirement: PlatformRequirement; reason: string }
  /** what is known of the target cannot tell whether it meets `requirement` */
  | { kind: 'unknown'; requirement: PlatformRequirement; reason: string };

/** Numeric dotted versions (not Go versions): -1, 0, +1 ("10.0" < "10.0.17763" is treated as equal). */
function compareDotted(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}

/** The leading dotted number of a version string ("5.15.0-1064-azure" -> "5.15.0"). */
function leadingVersion(s: string | undefined): string | undefined {
  return s === undefined ? undefined : /^\d+(\.\d+)*/.exec(s.trim())?.[0];
}

/** Windows NT version of hosted runner images (runner-images: win19, win22, win25 are Server 2019/2022/2025). */
const WINDOWS_IMAGE_OS: Readonly<Record<string, string>> = {
  win19: '10.0.17763',
  win22: '10.0.20348',
  win25: '10.0.26100'
};

/** Windows container tags: Server 2016 (ltsc2016, 10.0.14393), 2019 (ltsc2019 / 1809), 2022, 2025. */
const WINDOWS_CONTAINER_TAGS: readonly [RegExp, string][] = [
  [/ltsc2016|sac2016|\b10\.0\.14393/, '10.0.14393'],
  [/ltsc2019|\b1809\b|\b10\.0\.17763/, '10.0.17763'],
  [/ltsc2022|\b10\.0\.20348/, '10.0.20348'],
  [/ltsc2025|\b10\.0\.26100/, '10.0.26100']
];

/** Darwin kernel major -> macOS version (Darwin 18 is 10.14, 19 is 10.15; 20-24 are 11-15; 25 is macOS 26). */
function macosFromDarwin(release: string): string | undefined {
  const major = Number(/^(\d+)\./.exec(release)?.[1]);
  if (!Number.isInteger(major) || major < 5) return undefined;
  if (major < 20) return `10.${major - 4}`;
  return major <= 24 ? String(major - 9) : String(major + 1);
}

/**
 * The Linux kernel of hosted Ubuntu runners, at least: each Ubuntu LTS's release kernel (18.04: 4.15,
 * 20.04: 5.4, 22.04: 5.15, 24.04: 6.8); the runners' Azure kernels are the same series or newer.
 */
const UBUNTU_IMAGE_OS_KERNEL: Readonly<Record<string, string>> = {
  ubuntu18: '4.15',
  ubuntu20: '5.4',
  ubuntu22: '5.15',
  ubuntu24: '6.8'
};

/** What the target tells of its Windows version, macOS version and Linux kernel. */
function facts(t: PlatformTarget): { windows?: string; macos?: string; kernel?: string } {
  const image = t.image?.toLowerCase();
  const windows =
    leadingVersion(t.windowsVersion) ??
    (t.imageOS ? WINDOWS_IMAGE_OS[t.imageOS] : undefined) ??
    (image ? WINDOWS_CONTAINER_TAGS.find(([re]) => re.test(image))?.[1] : undefined);
  const macos =
    leadingVersion(t.macosVersion) ??
    (t.darwinRelease ? macosFromDarwin(t.darwinRelease) : undefined) ??
    /^macos(\d+)$/.exec(t.imageOS ?? '')?.[1];
  const kernel = leadingVersion(t.kernel) ?? (t.imageOS ? UBUNTU_IMAGE_OS_KERNEL[t.imageOS] : undefined);
  return { windows, macos, kernel };
}

/**
 * Whether Go `goVersion` supports `target`: the newest OS minimum of its OS at that release, its
 * kernel minimum (per architecture where one applies), and removed ports. A Dockerfile image tells
 * the Windows version of a Windows container; a Linux container runs on its host's kernel, which the
 * image does not tell (give `kernel` when the host is known).
 */
export function platformVerdict(goVersion: string, target: PlatformTarget): PlatformVerdict {
  const applicable = PLATFORM_REQUIREMENTS.filter(
    (r) => r.os === target.os && reached(goVersion, r.release) && (r.arch === undefined || r.arch === target.arch)
  );
  const notes: string[] = [];
  for (const r of applicable) {
    if (r.kind === 'port-removed')
      return { kind: 'unsupported', requirement: r, reason: `Go ${goVersion}: ${r.summary}` };
    if (r.kind === 'port-broken') notes.push(`Go ${goVersion}: ${r.summary}`);
  }
  const newest = (kind: PlatformRequirement['kind'], arch?: string): PlatformRequirement | undefined =>
    applicable.filter((r) => r.kind === kind && r.arch === arch).pop();
  const known = facts(target);
  const checks: { r: PlatformRequirement; have: string | undefined; what: string }[] = [];
  if (target.os === 'windows') {
    const r = newest('os-minimum');
    if (r) checks.push({ r, have: known.windows, what: 'Windows version' });
  } else if (target.os === 'darwin') {
    const r = newest('os-minimum');
    if (r) checks.push({ r, have: known.macos, what: 'macOS version' });
  } else {
    const general = newest('kernel-minimum') ?? KERNEL_BEFORE_1_24;
    checks.push({ r: general, have: known.kernel, what: 'Linux kernel' });
    const port = target.arch ? newest('kernel-minimum', target.arch) : undefined;
    if (port) checks.push({ r: port, have: known.kernel, what: 'Linux kernel' });
  }
  for (const { r, have, what } of checks) {
    const minimum = r.minimum as string;
    if (have === undefined) {
      const where = target.image && target.os === 'linux' ? ` (a container runs on its host's kernel)` : '';
      return {
        kind: 'unknown',
        requirement: r,
        reason: `Go ${goVersion} ${r.summary}; the ${what} is not known${where}`
      };
    }
    if (compareDotted(have, minimum) >= 0) continue;
    // go1.27.md: "RHEL7 backported this support to its 3.10 kernel."
    if (r.arch === 'ppc64' && /\.el7/.test(target.kernel ?? '') && compareDotted(have, '3.10') >= 0) {
      notes.push(`Go ${goVersion}: RHEL 7 kernel ${have} carries the ELFv2 backport`);
      continue;
    }
    return { kind: 'unsupported', requirement: r, reason: `Go ${goVersion} ${r.summary}; this has ${what} ${have}` };
  }
  return { kind: 'ok', notes };
}
