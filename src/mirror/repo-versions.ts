/**
 * What a repository asks for (`--repo PATH`), by the action's own rules: each go.mod and go.work
 * asks for what Go would run (plan/source.ts modFileRequest: a toolchain pin, else the go line: a
 * release exactly, a language version as its newest patch), each version file, Dockerfile `FROM
 * golang:<tag>` and workflow `go-version:` for the spec its version text makes (plan/spec.ts).
 * Input: the workspace scan (verify/workspace-scan.ts). Pure.
 */
import { UserError } from '../errors.js';
import type { WorkspaceFacts } from '../verify/facts.js';
import { modFileRequest } from '../plan/source.js';
import { tryParseVersionSpec } from '../plan/spec.js';
import { describeOrigin } from '../plan/request-origin.js';
import { clipContent, showPath } from '../text.js';
import { specKey, type MirrorSpec } from './specs.js';

export interface RepoSpecs {
  specs: MirrorSpec[];
  /** declarations that cannot be read for a version (an unparsable go.mod, a bad toolchain line) */
  problems: string[];
}

/**
 * The specs a scanned repository makes; `repo` is how messages name it (the path as given).
 * Equal specs are kept once, labelled by their first place and how many more ask the same.
 */
export function repoSpecs(repo: string, facts: WorkspaceFacts): RepoSpecs {
  const at = (file: string): string => `${showPath(repo.replace(/[\\/]+$/, ''))}/${showPath(file)}`;
  const found: { spec: MirrorSpec['spec']; label: string }[] = [];
  const problems: string[] = [];
  for (const m of facts.modules) {
    try {
      const r = modFileRequest(m);
      found.push({ spec: r.spec, label: `${at('')}${clipContent(describeOrigin(r), 80)}` });
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      problems.push(`${at(e.file ?? m.path)}${e.line ? `:${e.line}` : ''}: ${e.detail}`);
    }
  }
  for (const d of facts.declarations) {
    const spec = tryParseVersionSpec(d.version);
    if (spec) found.push({ spec, label: `${at(d.file)}:${d.line} ${clipContent(d.raw)}` });
  }
  for (const p of facts.problems) {
    if (p.kind !== 'unparsable') continue;
    problems.push(`${at(p.file)}${p.line ? `:${p.line}` : ''}: ${p.message}: its Go version is not known`);
  }
  const specs: MirrorSpec[] = [];
  const counts = new Map<string, number>();
  for (const f of found) {
    const key = specKey(f.spec);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (counts.get(key) === 1) specs.push({ spec: f.spec, label: f.label, fromFlag: false });
  }
  for (const s of specs) {
    const more = (counts.get(specKey(s.spec)) ?? 1) - 1;
    if (more > 0) s.label += ` (and ${more} more)`;
  }
  return { specs, problems };
}
