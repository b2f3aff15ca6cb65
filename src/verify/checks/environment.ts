/**
 * environment: settings the step found that would make later steps run another Go: a GOROOT of
 * another tree, a GOTOOLCHAIN other than local, a -toolchain flag in GOFLAGS. The action overrides
 * the first two; each is reported with what it was: advice in install mode (the action overrode it),
 * drift in verify mode (later steps still see it).
 */
import type { CheckFinding, Facts } from '../../model.js';
import { below, samePath } from './common.js';

const TOOLCHAIN_FLAG = /(?:^|\s)(--?toolchain(?:=\S*)?)(?=\s|$)/;

/** The pass message: "previous Go 1.21.5 (/usr/local/go/bin/go) -> 1.22.12". */
export function environmentRecord(facts: Facts): string {
  const prev = facts.env.previousGo;
  if (!prev) return `no Go on PATH before this step -> ${facts.version}`;
  return `previous Go ${prev.version ?? 'unknown version'} (${prev.path}) -> ${facts.version}`;
}

export function checkEnvironment(facts: Facts): CheckFinding[] {
  const out: CheckFinding[] = [];
  // install mode overrides GOROOT and GOTOOLCHAIN (advice); verify mode changes nothing, so later
  // steps see these settings (drift).
  const kind = facts.mode === 'verify' ? 'drift' : 'advice';
  const add = (message: string): void => {
    out.push({ check: 'environment', kind, message });
  };
  const { GOROOT, GOTOOLCHAIN, GOFLAGS, previousGo } = facts.env;
  const root = facts.installed?.expectedRoot;
  // verify mode exports nothing: say what later steps will see instead of "overridden".
  const verify = facts.mode === 'verify';
  if (GOROOT && GOROOT.trim() !== '' && (root === undefined || !samePath(GOROOT, root))) {
    const prevInside = previousGo?.version && below(previousGo.path, GOROOT) ? ` (go${previousGo.version})` : '';
    add(
      verify
        ? `GOROOT is ${GOROOT}${prevInside}, not the root of the go found on PATH (${root ?? 'unknown'}); mode verify changes nothing`
        : `GOROOT was ${GOROOT}${prevInside}; overridden to ${root ?? 'the installed Go'}`
    );
  }
  const tc = (GOTOOLCHAIN ?? '').trim();
  if (tc !== '' && tc !== 'local') {
    add(
      verify
        ? `GOTOOLCHAIN is ${tc}, so go.mod can switch later steps to another toolchain; mode verify changes nothing (set GOTOOLCHAIN=local)`
        : `GOTOOLCHAIN was ${tc}; set to local so go.mod cannot switch toolchains`
    );
  }
  const flag = TOOLCHAIN_FLAG.exec(GOFLAGS ?? '');
  if (flag) {
    add(`GOFLAGS contains ${flag[1]}: remove it; GOTOOLCHAIN=local selects the installed Go`);
  }
  return out;
}
