/**
 * version-files: .go-version, .tool-versions, mise.toml and Dockerfiles agree with the checked Go
 * at the precision they state: "1.22" agrees with any 1.22.x (and 1.22rc1), "1" with any 1.x,
 * "1.22.3" or "1.21rc1" only with exactly that release (Go's order: "1.20" == "1.20.0").
 */
import type { Facts, Finding } from '../../model.js';
import { compareGo, isValidGo, lang } from '../../go/gover.js';
import { at, howObtained } from './common.js';

/** Whether a stated version agrees with a release at the stated precision. */
export function agreesAtPrecision(stated: string, version: string): boolean {
  const s = stated.trim();
  if (/^\d+$/.test(s)) return lang(version).split('.')[0] === s;
  if (/^\d+\.\d+$/.test(s)) return lang(s) === lang(version);
  if (!isValidGo(s)) return false;
  return compareGo(s, version) === 0;
}

export function checkVersionFiles(facts: Facts): Finding[] {
  const out: Finding[] = [];
  for (const d of facts.workspace.declarations) {
    if (agreesAtPrecision(d.version, facts.version)) continue;
    out.push({
      check: 'version-files',
      severity: 'error',
      message: `${at(d.file, d.line)}${d.raw} states Go ${d.version}, but ${facts.version} is ${howObtained(facts)}`,
      file: d.file,
      line: d.line
    });
  }
  return out;
}
