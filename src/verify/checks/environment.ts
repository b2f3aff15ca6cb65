/**
 * environment: settings the step found that would make later steps run another Go: a GOROOT of
 * another tree, a GOTOOLCHAIN that lets go.mod switch toolchains, a -toolchain flag in GOFLAGS.
 * Install mode overrides GOROOT, and GOTOOLCHAIN as the toolchain-switching input says (else it
 * keeps the job's own, saying so, else sets local); each is reported with what it was: advice in
 * install mode (the action overrode it, or kept it on purpose), drift in verify mode (later steps
 * still see it). A GOTOOLCHAIN=<name> that runs another Go than the checked one is drift; one Go
 * rejects is a break (every go command fails).
 */
import type { CheckFinding } from '../findings.js';
import type { Facts } from '../facts.js';
import { sameFolder } from './common.js';
import { below } from '../../paths.js';
import { describeSetting, replacesInvoked } from '../../go/gotoolchain.js';

const TOOLCHAIN_FLAG = /(?:^|\s)(--?toolchain(?:=\S*)?)(?=\s|$)/;

/** The pass message: "previous Go 1.21.5 (/usr/local/go/bin/go) -> 1.22.12". */
export function environmentRecord(facts: Facts): string {
  const prev = facts.env.previousGo;
  if (!prev) return `no Go on PATH before this step -> ${facts.version}`;
  return `previous Go ${prev.version ?? 'unknown version'} (${prev.path}) -> ${facts.version}`;
}

/** What the GOTOOLCHAIN decision (plan/toolchain-switching.ts) means for later steps. */
function switchingFindings(facts: Facts, job: string): CheckFinding[] {
  const sw = facts.switching;
  const out: CheckFinding[] = [];
  const add = (kind: CheckFinding['kind'], message: string): void =>
    void out.push({ check: 'environment', kind, message });
  const now = describeSetting(sw.setting);
  if (facts.mode === 'verify' || facts.mode === 'plan') {
    if (sw.invalid)
      add('break', `GOTOOLCHAIN is ${sw.invalid}, which Go rejects (invalid GOTOOLCHAIN): every go command fails`);
    else if (sw.asked && sw.asked !== sw.setting.raw)
      add(
        'drift',
        `GOTOOLCHAIN is ${sw.setting.raw}, but toolchain-switching asks for ${sw.asked}; mode ${facts.mode} changes nothing (set GOTOOLCHAIN=${sw.asked})`
      );
    else if (!sw.asked && sw.setting.mode !== 'local')
      add(
        facts.mode === 'verify' ? 'drift' : 'advice',
        `GOTOOLCHAIN is ${job}, so go.mod can switch later steps to another toolchain; mode ${facts.mode} changes nothing (set GOTOOLCHAIN=local, or toolchain-switching: ${sw.setting.mode} to accept it)`
      );
  } else if (sw.replaced !== undefined) {
    add(
      'advice',
      sw.invalid
        ? `GOTOOLCHAIN was ${sw.invalid}, which Go rejects (every go command would fail); set to local`
        : `GOTOOLCHAIN was ${sw.replaced}; set to ${sw.setting.raw} (${sw.from === 'input' ? 'toolchain-switching' : 'the default'})${sw.setting.mode === 'local' ? ' so go.mod cannot switch toolchains' : ''}`
    );
  } else if (sw.from === 'environment' && sw.setting.raw !== 'local') {
    add(
      'advice',
      `GOTOOLCHAIN=${sw.setting.raw} from the job's environment is kept (toolchain-switching is not set): a go.mod or go.work newer than the Go that runs makes the go command ${sw.setting.mode === 'path' ? 'look for that toolchain on PATH' : 'download that toolchain'}; set toolchain-switching: local to prevent it`
    );
  }
  if (!sw.invalid && replacesInvoked(sw.setting, facts.version)) {
    add(
      'drift',
      `${now} makes every go command run go${sw.setting.base}, not the ${facts.mode === 'verify' ? 'found' : 'installed'} go${facts.version}`
    );
  }
  return out;
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
  if (GOROOT && GOROOT.trim() !== '' && (root === undefined || !sameFolder(facts, GOROOT, root))) {
    const prevInside = previousGo?.version && below(previousGo.path, GOROOT) ? ` (go${previousGo.version})` : '';
    add(
      verify
        ? `GOROOT is ${GOROOT}${prevInside}, not the root of the go found on PATH (${root ?? 'unknown'}); mode verify changes nothing`
        : `GOROOT was ${GOROOT}${prevInside}; overridden to ${root ?? 'the installed Go'}`
    );
  }
  out.push(...switchingFindings(facts, (GOTOOLCHAIN ?? '').trim()));
  const flag = TOOLCHAIN_FLAG.exec(GOFLAGS ?? '');
  if (flag) {
    add(`GOFLAGS contains ${flag[1]}: remove it; GOTOOLCHAIN=local selects the installed Go`);
  }
  return out;
}
