/**
 * installed-version: the Go that later steps run is the one the action stands for.
 * - install mode: the installed `go`, run with GOTOOLCHAIN=local, reports the resolved version
 *   (`go version` and `go env GOVERSION`, one finding when both say the same), its `go env GOROOT`
 *   is the install root, and it is the first `go` on the exported PATH. Anything else means the
 *   build runs another Go than the one installed: a break.
 * - verify mode: the `go` on PATH is consistent with itself (GOROOT is its own tree: otherwise
 *   "compile version does not match go tool version", a break); and when go-version asked for an
 *   exact release, a different one is drift. Versions from files are the other checks' business,
 *   so one mismatch is reported once.
 */
import type { CheckFinding, FindingKind } from '../findings.js';
import type { Facts } from '../facts.js';
import { sameRelease } from '../../go/gover.js';
import { fromVersionInput } from '../../plan/request-origin.js';
import { realOf, sameFolder } from './common.js';
import { directlyInside } from '../../paths.js';

/** What `go version` and `go env GOVERSION` say against `expected`: at most one finding for one mismatch. */
function versionFindings(facts: Facts, expected: string, kind: FindingKind): CheckFinding[] {
  const g = facts.installed!;
  const add = (message: string): CheckFinding => ({ check: 'installed-version', kind, message });
  const v = g.goVersion;
  const e = g.envGoVersion;
  if (v === undefined && e === undefined) {
    return [
      add(
        `\`go version\` and \`go env GOVERSION\` printed no version${g.goVersionOutput ? ` ("${g.goVersionOutput}")` : ''}; expected go${expected}`
      )
    ];
  }
  if (v !== undefined && e !== undefined && sameRelease(v, e)) {
    return sameRelease(v, expected) ? [] : [add(`the go command reports go${v}, but go${expected} was expected`)];
  }
  const out: CheckFinding[] = [];
  if (v === undefined) out.push(add(`\`go version\` printed no version; expected go${expected}`));
  else if (!sameRelease(v, expected)) out.push(add(`\`go version\` reports go${v}, but go${expected} was expected`));
  if (e === undefined) out.push(add(`\`go env GOVERSION\` printed nothing; expected go${expected}`));
  else if (!sameRelease(e, expected))
    out.push(add(`\`go env GOVERSION\` reports go${e}, but go${expected} was expected`));
  return out;
}

export function checkInstalledVersion(facts: Facts): CheckFinding[] {
  const g = facts.installed;
  if (!g) return [];
  const out: CheckFinding[] = [];
  const add = (message: string): void => void out.push({ check: 'installed-version', kind: 'break', message });
  if (g.error) {
    add(`the go command in ${g.expectedRoot || 'PATH'} could not be run: ${g.error}`);
    return out;
  }
  if (facts.mode === 'verify') {
    if (fromVersionInput(facts.request) && facts.request?.spec.kind === 'exact') {
      out.push(...versionFindings(facts, facts.request.spec.version, 'drift'));
    }
  } else {
    out.push(...versionFindings(facts, g.expected, 'break'));
  }
  if (g.envGoRoot === undefined || g.envGoRoot.trim() === '') {
    add(`\`go env GOROOT\` printed nothing; expected ${g.expectedRoot}`);
  } else if (!sameFolder(facts, g.envGoRoot, g.expectedRoot)) {
    add(
      facts.mode === 'verify'
        ? `\`go env GOROOT\` reports ${g.envGoRoot}, but the go on PATH is in ${g.expectedRoot}: builds mix two Go trees ("compile version does not match go tool version")`
        : `\`go env GOROOT\` reports ${g.envGoRoot}, but Go was installed in ${g.expectedRoot}`
    );
  }
  if (facts.mode !== 'verify') {
    const bin = `${g.expectedRoot.replace(/[\\/]+$/, '')}/bin`;
    if (g.goOnPath === undefined) add(`no \`go\` is found on PATH; expected ${bin}/go first on PATH`);
    else if (
      !directlyInside(g.goOnPath, bin) &&
      !directlyInside(realOf(facts, g.goOnPath), `${realOf(facts, g.expectedRoot).replace(/[\\/]+$/, '')}/bin`)
    )
      add(`the \`go\` first on PATH is ${g.goOnPath}, not the one in ${bin}`);
  }
  return out;
}
