/**
 * version-files: the versions stated by .go-version, .tool-versions, mise.toml, Dockerfile images
 * and the literal go-version of setup-go steps in workflows, at the precision they state ("1.22"
 * means the newest 1.22.x, "1.22.3" exactly that release).
 * - break: the stated Go cannot build the module the file builds (the enclosing go.mod, else the
 *   root's go.mod or go.work), by Go's rule (go/compat.ts);
 * - drift: it can, but it is older than the checked Go (a pin left behind, or a matrix entry newer
 *   than the pins);
 * - newer than the checked Go is never a finding.
 */
import type { CheckFinding } from '../findings.js';
import type { Facts } from '../facts.js';
import type { VersionDeclaration } from '../../go/types.js';
import { goLineVerdict, verdictReason } from '../../go/compat.js';
import { compareGo, isValidGo, lang } from '../../go/gover.js';
import { mainGoVersion } from '../../go/modfile.js';
import { newestPatch } from '../../go/releases.js';
import { howObtained, moduleBuiltBy } from './common.js';

const LANG_ONLY = /^\d+\.\d+$/;

/**
 * The Go a statement gets: itself when it names a release; for a minor ("1.22") its newest patch
 * in the manifest. Without the manifest (an exact version already cached reads none), the newest
 * release of that minor this run knows exists: the checked Go or the module's go line when either
 * names a release of it, else the minor itself. Undefined for a major ("1").
 */
function effectiveGo(stated: string, facts: Facts, goLine: string | undefined): string | undefined {
  if (/^\d+$/.test(stated)) return undefined;
  if (!LANG_ONLY.test(stated)) return isValidGo(stated) ? stated : undefined;
  if (facts.releases) return newestPatch(stated, facts.releases) ?? stated;
  const known = [facts.version, goLine].filter((v): v is string => !!v && isValidGo(v) && lang(v) === stated);
  return known.reduce((a, b) => (compareGo(a, b) >= 0 ? a : b), stated);
}

/** True when the statement is older than `version` at the precision it states. */
function olderAtPrecision(stated: string, version: string): boolean {
  if (/^\d+$/.test(stated)) return compareGo(stated, lang(version).split('.')[0]) < 0;
  if (LANG_ONLY.test(stated)) return compareGo(lang(stated), lang(version)) < 0;
  return isValidGo(stated) && compareGo(stated, version) < 0;
}

function what(d: VersionDeclaration): string {
  return d.kind === 'workflow' ? `go-version ${d.raw}` : d.kind === 'Dockerfile' ? `image ${d.raw}` : `${d.raw}`;
}

export function checkVersionFiles(facts: Facts): CheckFinding[] {
  const out: CheckFinding[] = [];
  const builtBy = moduleBuiltBy(facts.workspace.modules, facts.root);
  for (const d of facts.workspace.declarations) {
    const at = { file: d.file, line: d.line };
    const built = builtBy(d.file);
    const need = built && mainGoVersion(built);
    const go = effectiveGo(d.version, facts, need);
    if (built && need && go !== undefined) {
      const verdict = goLineVerdict(need, go);
      if (verdict === 'refuses' || verdict === 'cannot-parse') {
        out.push({
          check: 'version-files',
          kind: 'break',
          message: `${what(d)} states Go ${d.version}, which cannot build ${built.path} (go ${need}): ${verdictReason(verdict, need, go)}`,
          ...at
        });
        continue;
      }
    }
    if (olderAtPrecision(d.version, facts.version)) {
      out.push({
        check: 'version-files',
        kind: 'drift',
        message: `${what(d)} states Go ${d.version}, older than the ${facts.version} ${howObtained(facts)} here`,
        ...at
      });
    }
  }
  return out;
}
