/**
 * Which GOTOOLCHAIN later steps run with (the `toolchain-switching` input, issue: setup-go #491):
 * the input when given; else a GOTOOLCHAIN the job already set (kept, with an advice finding);
 * else `local`, as actions/setup-go exports. Only install mode exports it; verify and plan change
 * nothing, so there the job's own GOTOOLCHAIN is what Go will do. Pure.
 */
import type { Mode } from '../inputs/mode.js';
import { parseGoToolchain, type GoToolchainSetting, type SwitchMode } from '../go/gotoolchain.js';

export interface ToolchainSwitching {
  /** GOTOOLCHAIN as later steps see it */
  setting: GoToolchainSetting;
  /** input: the toolchain-switching input; environment: the job's GOTOOLCHAIN, kept; default: local */
  from: 'input' | 'environment' | 'default';
  /** the toolchain-switching input, when given */
  asked?: SwitchMode;
  /** install mode: GOTOOLCHAIN=<setting.raw> is exported for later steps */
  exported: boolean;
  /** the job's GOTOOLCHAIN when the action replaced it */
  replaced?: string;
  /** the job's GOTOOLCHAIN when Go would reject it ("invalid GOTOOLCHAIN") */
  invalid?: string;
}

const LOCAL: GoToolchainSetting = { raw: 'local', mode: 'local' };

/** What a job with no GOTOOLCHAIN and no input gets: local, exported (as actions/setup-go). */
export const DEFAULT_SWITCHING: ToolchainSwitching = { setting: LOCAL, from: 'default', exported: true };

export function decideSwitching(
  asked: SwitchMode | undefined,
  jobValue: string | undefined,
  mode: Mode
): ToolchainSwitching {
  const job = (jobValue ?? '').trim();
  const parsed = job === '' ? undefined : parseGoToolchain(job);
  const invalid = job !== '' && !parsed ? job : undefined;
  const base = { ...(asked ? { asked } : {}), ...(invalid ? { invalid } : {}) };
  if (mode !== 'install') {
    // Nothing is exported: what the job set is what Go does.
    return { ...base, setting: parsed ?? LOCAL, from: parsed ? 'environment' : 'default', exported: false };
  }
  if (asked) {
    const setting = parseGoToolchain(asked)!;
    return {
      ...base,
      setting,
      from: 'input',
      exported: true,
      ...(job !== '' && job !== asked ? { replaced: job } : {})
    };
  }
  if (parsed) return { ...base, setting: parsed, from: 'environment', exported: false };
  // No GOTOOLCHAIN (or one Go rejects, which would fail every go command): local.
  return { ...base, setting: LOCAL, from: 'default', exported: true, ...(invalid ? { replaced: invalid } : {}) };
}
