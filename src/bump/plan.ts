/**
 * The plan of a bump: located version tokens + module roles + options -> what happens to each
 * token. Go's rules, not text replacement (see docs/bump.md). Pure.
 *
 * - Declarations (version files, Dockerfiles, workflows) and toolchain lines are set to the target
 *   at their precision (precision.ts).
 * - A module's go line is raised only where the policy says: `all`, `main` (workspaces, tools
 *   modules and applications: roles.ts), `none`.
 * - Nothing is lowered without `allowDowngrade`; with it, the same policy applies.
 * - A go.work's go line ends at or above the go line of every module it uses: raised to the
 *   highest one when the target would leave it below (also when lowering).
 * - A toolchain line that would end at or below its file's go line is removed, as the go command
 *   does when it writes the file (`toolchain == "go"+goVers || toolVers < goVers`).
 */
import path from 'node:path';
import { compareGo } from '../go/gover.js';
import { defaultGoLine } from '../go/modfile.js';
import type { ModFile } from '../go/types.js';
import { showPath } from '../text.js';
import { versionAtPrecision } from './precision.js';
import type {
  BumpOptions,
  BumpPlan,
  Decision,
  FileFacts,
  KeepReason,
  ModuleFacts,
  Site,
  Unrewritable
} from './types.js';

/** The go.mod paths a go.work uses that are inside the repository (absolute or leaving paths are not followed). */
export function usedGoMods(work: ModFile): string[] {
  const base = path.posix.dirname(work.path);
  const out: string[] = [];
  for (const u of work.use) {
    const written = u.value.replace(/\\/g, '/');
    if (written.startsWith('/') || /^[A-Za-z]:\//.test(written)) continue;
    const dir = path.posix.normalize(path.posix.join(base, written)).replace(/\/+$/, '');
    if (dir === '..' || dir.startsWith('../')) continue;
    out.push(dir === '.' || dir === '' ? 'go.mod' : `${dir}/go.mod`);
  }
  return out;
}

function keep(site: Site, reason: KeepReason, why: string): Decision {
  return { action: 'keep', site, reason, why };
}

/** What the options do to one site whose file may be changed (`raise`: the policy allows it). */
function decide(site: Site, o: BumpOptions): Decision {
  const to = versionAtPrecision(site.written, o.target, site.role, o.exact, site.minorOnly);
  const c = compareGo(site.written, to);
  if (c === 0) return keep(site, 'same', `already ${site.written}`);
  if (c > 0 && !o.allowDowngrade) {
    return keep(site, 'newer', `newer than ${to}: not lowered (--allow-downgrade lowers it)`);
  }
  return { action: 'set', site, to };
}

/** The version a site states after the decision. */
function finalVersion(d: Decision | undefined): string | undefined {
  if (!d) return undefined;
  return d.action === 'set' ? d.to : d.action === 'keep' ? d.site.written : undefined;
}

export function planBump(files: readonly FileFacts[], modules: readonly ModuleFacts[], o: BumpOptions): BumpPlan {
  const decisions: Decision[] = [];
  const unrewritable: Unrewritable[] = files.flatMap((f) => f.located.unrewritable);
  const sitesOf = new Map<string, Site[]>();
  for (const f of files) sitesOf.set(f.path, f.located.sites);

  for (const f of files) {
    for (const s of f.located.sites) if (s.role === 'declaration') decisions.push(decide(s, o));
  }

  const raises = (m: ModuleFacts): boolean => o.policy === 'all' || (o.policy === 'main' && m.role !== 'library');
  const goDecision = new Map<string, Decision>();
  const tcDecision = new Map<string, Decision>();
  const finalGo = (m: ModuleFacts): string =>
    finalVersion(goDecision.get(m.path)) ?? m.mod.go?.value ?? defaultGoLine(m.mod.kind);

  const byPath = new Map(modules.map((m) => [m.path, m]));
  const ordered = [...modules.filter((m) => m.kind !== 'go.work'), ...modules.filter((m) => m.kind === 'go.work')];
  for (const m of ordered) {
    const sites = sitesOf.get(m.path) ?? [];
    const go = sites.find((s) => s.role === 'go');
    const tc = sites.find((s) => s.role === 'toolchain');
    if (tc) tcDecision.set(m.path, decide(tc, o));
    if (!go) {
      if (raises(m) && !m.mod.go) {
        unrewritable.push({
          file: m.path,
          line: m.mod.module?.line ?? 1,
          what: 'no go line',
          reason: `Go assumes go ${defaultGoLine(m.mod.kind)}: not added (go mod edit -go=${o.target} adds one)`
        });
      }
      continue;
    }
    let d: Decision;
    if (raises(m)) d = decide(go, o);
    else if (o.policy === 'none') d = keep(go, 'policy', 'go lines are kept (--go-lines none)');
    else d = keep(go, 'library', `a library (${m.why}): its go line is kept (--go-lines all raises it)`);
    if (m.kind === 'go.work' && o.policy !== 'none') {
      // The workspace's go line must stay at or above every module it uses (Go refuses it below).
      const used = usedGoMods(m.mod)
        .map((p) => byPath.get(p))
        .filter((u): u is ModuleFacts => u !== undefined && u.mod.go !== undefined);
      const top = used.reduce<ModuleFacts | undefined>(
        (a, b) => (a === undefined || compareGo(finalGo(b), finalGo(a)) > 0 ? b : a),
        undefined
      );
      const wanted = finalVersion(d) ?? go.written;
      if (top && compareGo(wanted, finalGo(top)) < 0) {
        const need = finalGo(top);
        const why = `at least the go line of ${showPath(top.path)} (go ${need}), which it uses`;
        d = go.written === need ? keep(go, 'workspace', `kept ${why}`) : { action: 'set', site: go, to: need, why };
      }
    }
    goDecision.set(m.path, d);
  }

  for (const m of modules) {
    const g = goDecision.get(m.path);
    const t = tcDecision.get(m.path);
    if (g) decisions.push(g);
    if (!t) continue;
    const changed = g?.action === 'set' || t.action === 'set';
    const tcVersion = finalVersion(t)!;
    const goVersion = finalGo(m);
    if (changed && compareGo(tcVersion, goVersion) <= 0) {
      decisions.push({
        action: 'remove',
        site: t.site,
        why: `at or below the go line (go ${goVersion}), where Go ignores it (go mod tidy drops it too)`
      });
    } else decisions.push(t);
  }
  return { decisions, unrewritable };
}
