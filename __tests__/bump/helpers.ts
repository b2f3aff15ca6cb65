/** Shared by the bump tests: one file through locate -> plan -> rewrite, as bump does it. */
import { locate, isModFileKind, type LocatedModFile } from '../../src/bump/kinds/index.js';
import { planBump } from '../../src/bump/plan.js';
import { rewriteFile } from '../../src/bump/rewrite.js';
import type { BumpFileKind, BumpOptions, FileFacts, ModuleFacts, ModuleRole } from '../../src/bump/types.js';

export const OPTIONS: BumpOptions = { target: '1.27.0', policy: 'main', exact: false, allowDowngrade: false };

/** The text of one file after a bump (a go.mod is an application unless `role` says otherwise). */
export function bumpOne(
  kind: BumpFileKind,
  text: string,
  options: Partial<BumpOptions> = {},
  role: ModuleRole = kind === 'go.work' ? 'workspace' : 'application',
  path = kind === 'workflow' ? '.github/workflows/ci.yml' : kind === 'tool modfile' ? 'tools.mod' : kind
): string {
  const located = locate(kind, text, path);
  const file: FileFacts = { path, kind, text, located };
  const modules: ModuleFacts[] = isModFileKind(kind)
    ? [{ path, kind, mod: (located as LocatedModFile).mod, role, why: 'test' }]
    : [];
  const plan = planBump([file], modules, { ...OPTIONS, ...options });
  const changes = plan.decisions.filter((d) => d.action !== 'keep');
  if (changes.length === 0) return text;
  const r = rewriteFile(kind, path, text, changes);
  if (!r.ok) throw new Error(r.reason);
  return r.text;
}
