/**
 * GOTOOLCHAIN as the go command reads it (cmd/go/internal/toolchain/select.go, Go 1.21+), and which
 * Go then runs for a module. Pure.
 *
 * - `local`: the Go that runs is the one invoked; a go line newer than it is refused.
 * - `auto` (= `local+auto`), `path` (= `local+path`): when the module's go line (or its toolchain
 *   line) is newer than the running Go, the go command switches: `auto` downloads
 *   `golang.org/toolchain@v0.0.1-go1.X.Y.<os>-<arch>` from GOPROXY, `path` runs `go1.X.Y` from PATH
 *   (and fails when there is none).
 * - `<name>`, `<name>+auto`, `<name>+path` (`go1.26.0+auto`): `<name>` replaces the invoked Go as
 *   the base, whether newer or older, then switches up as above.
 * Go before 1.21 knows nothing of GOTOOLCHAIN: it always runs itself.
 */
import { compareGo, fromToolchain, isValidGo } from './gover.js';

export type SwitchMode = 'local' | 'auto' | 'path';

export interface GoToolchainSetting {
  /** the value as set */
  raw: string;
  /** `<name>` of `<name>[+auto|+path]` as a version ("1.26.0"); undefined for local/auto/path */
  base?: string;
  mode: SwitchMode;
}

/** Parses a GOTOOLCHAIN value as select.go does; undefined when Go would reject it ("invalid GOTOOLCHAIN"). */
export function parseGoToolchain(value: string): GoToolchainSetting | undefined {
  const raw = value.trim();
  if (raw === '' || raw === 'local') return { raw: raw || 'local', mode: 'local' };
  if (raw === 'auto' || raw === 'path') return { raw, mode: raw };
  const plus = raw.indexOf('+');
  const min = plus < 0 ? raw : raw.slice(0, plus);
  const suffix = plus < 0 ? '' : raw.slice(plus + 1);
  if (plus >= 0 && suffix !== 'auto' && suffix !== 'path') return undefined;
  const mode: SwitchMode = suffix === 'auto' || suffix === 'path' ? suffix : 'local';
  if (min === 'local') return { raw, mode };
  const base = fromToolchain(min);
  if (base === undefined) return undefined;
  return { raw, base, mode };
}

/** The toolchain name Go switches to for a go line: `go` + the line, `.0` added to a 1.21+ language version. */
export function switchTarget(goLine: string): string {
  return /^\d+\.\d+$/.test(goLine) && compareGo(goLine, '1.21') >= 0 ? `${goLine}.0` : goLine;
}

export type GoThatRuns =
  /** the invoked Go (or the GOTOOLCHAIN base) runs the module itself */
  | { kind: 'runs'; version: string; base: boolean }
  /** the go command switches to `version` (`auto`: downloaded; `path`: found on PATH) */
  | { kind: 'switches'; version: string; via: 'download' | 'path' }
  /** `path` mode and no go<version> on PATH: the go command fails */
  | { kind: 'missing'; version: string };

/**
 * Which Go runs a module whose go line is `goLine` (and toolchain line pin `toolchain`, when it
 * counts) when `invoked` is the go on PATH and GOTOOLCHAIN is `setting`. `onPath(version)` says
 * whether `go<version>` is on PATH (for `path` mode).
 */
export function goThatRuns(
  setting: GoToolchainSetting,
  invoked: string,
  goLine: string,
  toolchain: string | undefined,
  onPath: (version: string) => boolean = () => false
): GoThatRuns {
  if (!isValidGo(invoked) || compareGo(invoked, '1.21') < 0) return { kind: 'runs', version: invoked, base: false };
  const base = setting.base ?? invoked;
  const asBase = { kind: 'runs' as const, version: base, base: setting.base !== undefined };
  if (setting.mode === 'local' || !isValidGo(goLine)) return asBase;
  let want: string | undefined;
  if (compareGo(goLine, base) > 0) want = switchTarget(goLine);
  if (toolchain !== undefined && compareGo(toolchain, base) > 0 && (!want || compareGo(toolchain, want) > 0)) {
    want = toolchain;
  }
  if (want === undefined) return asBase;
  if (setting.mode === 'auto') return { kind: 'switches', version: want, via: 'download' };
  return onPath(want) ? { kind: 'switches', version: want, via: 'path' } : { kind: 'missing', version: want };
}

/** Whether `setting` makes the go command run something other than `invoked` even without a newer go line. */
export function replacesInvoked(setting: GoToolchainSetting, invoked: string): boolean {
  return (
    setting.base !== undefined && isValidGo(invoked) && compareGo(invoked, '1.21') >= 0 && setting.base !== invoked
  );
}

/** One phrase for messages: "GOTOOLCHAIN=auto". */
export function describeSetting(setting: GoToolchainSetting): string {
  return `GOTOOLCHAIN=${setting.raw}`;
}
