/**
 * A bump over a repository: walk, read, locate, classify, plan, rewrite in memory, and (unless
 * dry-run) write each changed file back through a temporary file and a rename. Edge module: the
 * file system (walk.ts, files.ts); the decisions are the pure modules'.
 */
import path from 'node:path';
import { UserError } from '../errors.js';
import { AliasBombError } from '../go/readers/common.js';
import { unifiedDiff } from './diff.js';
import { readForRewrite, writeIfUnchanged, type Snapshot } from './files.js';
import { isModFileKind, locate, type LocatedModFile } from './kinds/index.js';
import { planBump } from './plan.js';
import { rewriteFile } from './rewrite.js';
import { moduleRoles, type ModuleInput } from './roles.js';
import { testPoint } from '../test-points.js';
import type { BumpOptions, BumpPlan, Decision, FileFacts, ModuleFacts, Note, Refusal } from './types.js';
import { walkRepository } from './walk.js';

export interface BumpRun {
  /** the repository folder */
  dir: string;
  options: BumpOptions;
  dryRun: boolean;
  env: NodeJS.ProcessEnv;
}

export interface BumpOutcome {
  plan: BumpPlan;
  /** the decisions of the files that were (dry run: would be) written */
  applied: Decision[];
  modules: ModuleFacts[];
  refusals: Refusal[];
  /** the files written (dry run: that would be), repository-relative */
  files: string[];
  /** the unified diff of every changed file */
  diff: string;
  /** what was left out of the walk, and symlinks whose targets are rewritten instead */
  notes: Note[];
}

export async function runBump(run: BumpRun): Promise<BumpOutcome> {
  const walk = walkRepository(run.dir);
  const notes = [...walk.notes];
  const refusals: Refusal[] = [];
  const files: FileFacts[] = [];
  const snapshots = new Map<string, Snapshot>();
  const modules: ModuleInput[] = [];

  for (const w of walk.files) {
    const tool = w.kind === 'tool modfile';
    const got = readForRewrite(walk.root, path.join(run.dir, ...w.path.split('/')));
    if (!got.ok) {
      if (got.missing || tool) continue;
      if (got.linkInside) notes.push({ file: w.path, message: got.reason });
      else refusals.push({ file: w.path, reason: got.reason });
      continue;
    }
    let located;
    try {
      located = locate(w.kind, got.snapshot.text, w.path);
    } catch (e) {
      if (tool) continue; // a *.mod file that is no Go modfile is not one of ours
      if (e instanceof AliasBombError) {
        refusals.push({ file: w.path, reason: 'has YAML aliases that expand too far: left alone' });
        continue;
      }
      if (!(e instanceof UserError)) throw e;
      refusals.push({ file: w.path, line: e.line, reason: `cannot be parsed (${e.detail}): left alone` });
      continue;
    }
    if (isModFileKind(w.kind)) {
      const m = located as LocatedModFile;
      if (tool && !m.mod.module) continue;
      modules.push({ path: w.path, kind: w.kind, mod: m.mod, toolDirectives: m.tools });
    }
    files.push({ path: w.path, kind: w.kind, text: got.snapshot.text, located });
    snapshots.set(w.path, got.snapshot);
  }

  const roles = moduleRoles(modules, walk.folders, walk.unread);
  const plan = planBump(files, roles, run.options);
  const changes = plan.decisions.filter((d) => d.action !== 'keep');
  const rewritten: { file: FileFacts; text: string }[] = [];
  for (const f of files) {
    const mine = changes.filter((d) => d.site.file === f.path);
    if (mine.length === 0) continue;
    const r = rewriteFile(f.kind, f.path, f.text, mine);
    if (r.ok) rewritten.push({ file: f, text: r.text });
    else refusals.push({ file: f.path, reason: r.reason });
  }

  if (!run.dryRun && rewritten.length > 0) await testPoint('bump-before-write', run.dir);
  const written: string[] = [];
  let diff = '';
  for (const { file, text } of rewritten) {
    if (!run.dryRun) {
      const w = writeIfUnchanged(snapshots.get(file.path)!, text);
      if (!w.ok) {
        refusals.push({ file: file.path, reason: w.reason });
        continue;
      }
    }
    written.push(file.path);
    const s = snapshots.get(file.path)!;
    const bom = s.bom ? '\uFEFF' : '';
    diff += unifiedDiff(file.path, bom + file.text, bom + text);
  }
  const applied = changes.filter((d) => written.includes(d.site.file));
  return { plan, applied, modules: roles, refusals, files: written, diff, notes };
}
