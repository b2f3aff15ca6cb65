/**
 * installed-version: the installed `go`, run with GOTOOLCHAIN=local, reports the resolved version
 * (`go version`, `go env GOVERSION`) and the install root (`go env GOROOT`), and it is the `go`
 * that PATH finds first.
 */
import type { Facts, Finding } from '../../model.js';
import { compareGo, isValidGo } from '../../go/gover.js';
import { directlyInside, samePath } from './common.js';

function sameVersion(a: string, b: string): boolean {
  if (a === b) return true;
  return isValidGo(a) && isValidGo(b) && compareGo(a, b) === 0;
}

export function checkInstalledVersion(facts: Facts): Finding[] {
  const g = facts.installed;
  if (!g) return [];
  const out: Finding[] = [];
  const add = (message: string): void => {
    out.push({ check: 'installed-version', severity: 'error', message });
  };
  if (g.error) {
    add(`the go command in ${g.expectedRoot} could not be run: ${g.error}`);
    return out;
  }
  if (g.goVersion === undefined) {
    add(
      `\`go version\` printed no version${g.goVersionOutput ? ` ("${g.goVersionOutput}")` : ''}; expected go${g.expected}`
    );
  } else if (!sameVersion(g.goVersion, g.expected)) {
    add(`\`go version\` reports go${g.goVersion}, but go${g.expected} was expected`);
  }
  if (g.envGoVersion === undefined) {
    add(`\`go env GOVERSION\` printed nothing; expected go${g.expected}`);
  } else if (!sameVersion(g.envGoVersion, g.expected)) {
    add(`\`go env GOVERSION\` reports go${g.envGoVersion}, but go${g.expected} was expected`);
  }
  if (g.envGoRoot === undefined || g.envGoRoot.trim() === '') {
    add(`\`go env GOROOT\` printed nothing; expected ${g.expectedRoot}`);
  } else if (!samePath(g.envGoRoot, g.expectedRoot)) {
    add(`\`go env GOROOT\` reports ${g.envGoRoot}, but Go was installed in ${g.expectedRoot}`);
  }
  const bin = `${g.expectedRoot.replace(/[\\/]+$/, '')}/bin`;
  if (g.goOnPath === undefined) {
    add(`no \`go\` is found on PATH; expected ${bin}/go first on PATH`);
  } else if (!directlyInside(g.goOnPath, bin)) {
    add(`the \`go\` first on PATH is ${g.goOnPath}, not the one in ${bin}`);
  }
  return out;
}
