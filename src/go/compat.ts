/**
 * What a Go release does with a go line it is older than: Go's own forward-compatibility rules
 * (go.dev/doc/toolchain, cmd/go/internal/gover). Pure.
 *
 * - Go 1.21 and later refuse to build a module whose go line is newer than themselves
 *   ("go.mod requires go >= 1.23.1 (running go 1.22.12; GOTOOLCHAIN=local)").
 * - Before 1.21 the go line was advisory: an older Go builds and only notes the mismatch if the
 *   build fails. But Go 1.19.13+ and 1.20.8+ refuse go lines of 1.22 and later, and no Go before
 *   1.21 parses a go line with a patch or a prerelease (`go 1.21.0`, `go 1.21rc1`): "invalid go
 *   version '1.21.0': must match format 1.23".
 * - Go 1.21 and later refuse a go.work whose go line is below a used module's ("module . listed in
 *   go.work file requires go >= 1.22"); before 1.21 the workspace builds (Go 1.19.8 builds one
 *   with go.work `go 1.18` using a module at `go 1.19`).
 */
import { compareGo, isValidGo, lang } from './gover.js';

export type GoLineVerdict =
  /** the Go is at least the go line */
  | 'ok'
  /** the Go refuses the module */
  | 'refuses'
  /** the Go cannot parse the go line (older than 1.21, line with a patch or prerelease) */
  | 'cannot-parse'
  /** the Go is older but builds anyway (before 1.21: advisory) */
  | 'advisory';

/** Go 1.19.13+ and 1.20.8+: patched to refuse go lines of 1.22 and later. */
function refusesFuture(running: string): boolean {
  const l = lang(running);
  return (l === '1.19' && compareGo(running, '1.19.13') >= 0) || (l === '1.20' && compareGo(running, '1.20.8') >= 0);
}

/** What Go `running` does with a module whose go line is `goLine`. */
export function goLineVerdict(goLine: string, running: string): GoLineVerdict {
  if (!isValidGo(goLine) || !isValidGo(running) || compareGo(running, goLine) >= 0) return 'ok';
  if (compareGo(running, '1.21') >= 0) return 'refuses';
  if (!/^\d+\.\d+$/.test(goLine)) return 'cannot-parse';
  if (refusesFuture(running) && compareGo(goLine, '1.22') >= 0) return 'refuses';
  return 'advisory';
}

/** One line on why a verdict is what it is, for messages. */
export function verdictReason(verdict: Exclude<GoLineVerdict, 'ok'>, goLine: string, running: string): string {
  switch (verdict) {
    case 'refuses':
      return compareGo(running, '1.21') >= 0
        ? `Go ${running} refuses a go line newer than itself`
        : `Go ${running} refuses go lines of 1.22 and later`;
    case 'cannot-parse':
      return `Go ${running} cannot parse "go ${goLine}" (before Go 1.21 a go line holds two numbers)`;
    case 'advisory':
      return `Go ${running} builds it anyway (before Go 1.21 the go line was advisory)`;
  }
}

/** Whether Go `running` refuses a go.work whose go line is below a used module's (1.21 and later). */
export function refusesWorkBelowModule(running: string): boolean {
  return !isValidGo(running) || compareGo(running, '1.21') >= 0;
}
