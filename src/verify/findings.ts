/** What a check says, and what it weighs once severity is decided (run-checks.ts). Plain data. */
import type { CheckId } from './checks/ids.js';

export type Severity = 'error' | 'warning';

export type SeveritySetting = Severity | 'off';

/**
 * How a finding relates to what Go does:
 * - break: Go or the build would refuse (a go line newer than the Go that runs it, a file Go cannot
 *   parse, an image too old for its module): an error;
 * - drift: versions that disagree but that Go accepts (a pin older than the installed Go, a toolchain
 *   line Go ignores): a warning, an error with `consistency: exact`;
 * - advice: worth knowing, not a disagreement (a newer patch, the support window, known
 *   vulnerabilities, a setting the action overrode, a file that was not read): a warning.
 */
export type FindingKind = 'break' | 'drift' | 'advice';

/**
 * What a check says; run-checks gives it a severity. `file` is repository-relative with forward
 * slashes. `Id` is the registry's ids: the repository's checks (CheckId), or the machine checks
 * of `doctor`, whose findings carry the commands that fix them.
 */
export interface CheckFinding<Id extends string = CheckId> {
  check: Id;
  kind: FindingKind;
  message: string;
  file?: string;
  line?: number;
  /** the commands that fix it, in POSIX shells and in PowerShell (doctor's machine checks) */
  fix?: { posix: string; powershell: string };
}

/** A finding with its severity (after consistency, the `checks` input and on-mismatch). */
export interface Finding<Id extends string = CheckId> extends CheckFinding<Id> {
  severity: Severity;
}
