/**
 * toolchain-directive: the `toolchain` line of the main module or workspace against the checked
 * Go, as Go reads it (cmd/go/internal/toolchain). A name Go cannot read is a break. A toolchain
 * older than its own go line is drift (Go ignores it). Otherwise a toolchain line names the exact Go
 * to build with, and any other Go is drift: Go never switches down to an older toolchain line, and
 * with GOTOOLCHAIN=local it does not switch up either; with auto it downloads the named toolchain,
 * with path it runs it from PATH (a break when it is not there). In workspace mode, a used module's toolchain
 * line that differs from the go.work's is drift (Go ignores it there, but a build of that module
 * alone would use it). Toolchain lines of other modules are not the main module's and are not read.
 */
import type { CheckFinding } from '../findings.js';
import type { Facts } from '../facts.js';
import type { ModFile } from '../../go/types.js';
import { compareGo, lang } from '../../go/gover.js';
import { mainGoVersion, toolchainLine } from '../../go/modfile.js';
import { goModIn, howObtained } from './common.js';
import { describeSetting, goThatRuns } from '../../go/gotoolchain.js';
import { isModFilePin } from '../../plan/request-origin.js';

/** True when check-latest moved a go.mod/go.work pin to a newer patch of the same minor. */
function movedByCheckLatest(facts: Facts, pinned: string): boolean {
  const r = facts.request;
  return (
    r !== undefined &&
    isModFilePin(r) &&
    r.spec.kind === 'minimum' &&
    lang(pinned) === lang(facts.version) &&
    compareGo(facts.version, pinned) > 0
  );
}

/** Modules a go.work uses, by their go.mod path. */
function usedModules(facts: Facts, work: ModFile): ModFile[] {
  const used = new Set(
    facts.workspace.useTargets.filter((t) => t.workFile === work.path && t.hasGoMod).map((t) => goModIn(t.dir))
  );
  return facts.workspace.modules.filter((m) => m.kind === 'go.mod' && used.has(m.path));
}

function workspaceDrift(facts: Facts, work: ModFile): CheckFinding[] {
  const tc = work.toolchain;
  if (!tc || tc.value === 'default') return [];
  const out: CheckFinding[] = [];
  for (const m of usedModules(facts, work)) {
    const mt = m.toolchain;
    if (!mt || mt.value === 'default' || mt.value === tc.value) continue;
    out.push({
      check: 'toolchain-directive',
      kind: 'drift',
      message: `toolchain ${mt.value} differs from ${work.path}'s toolchain ${tc.value}: the workspace builds with ${tc.value}, a build of this module alone (GOWORK=off) with ${mt.value}`,
      file: m.path,
      line: mt.line
    });
  }
  return out;
}

export function checkToolchainDirective(facts: Facts): CheckFinding[] {
  const root = facts.root;
  if (!root) return [];
  const out = root.kind === 'go.work' ? workspaceDrift(facts, root) : [];
  const t = toolchainLine(root);
  if (t.kind === 'none') return out;
  const tc = t.line;
  const where = { file: root.path, line: tc.line };
  if (t.kind === 'invalid') {
    return [
      ...out,
      {
        check: 'toolchain-directive',
        kind: 'break',
        message: `toolchain ${tc.value} is not a toolchain name Go can run (expected go1.X.Y or default)`,
        ...where
      }
    ];
  }
  const pinned = t.pinned;
  if (t.kind === 'ignored') {
    const goLine = mainGoVersion(root);
    out.push({
      check: 'toolchain-directive',
      kind: 'drift',
      message: `toolchain ${tc.value} is older than the go line (go ${goLine}), so Go ignores it; remove it or raise it`,
      ...where
    });
    return out;
  }
  if (compareGo(pinned, facts.version) === 0) return out;
  if (compareGo(pinned, facts.version) > 0 && !movedByCheckLatest(facts, pinned)) {
    const onPath = (v: string): boolean => facts.toolchainsOnPath?.includes(v) ?? false;
    const r = goThatRuns(facts.switching.setting, facts.version, mainGoVersion(root), pinned, onPath);
    const setting = describeSetting(facts.switching.setting);
    const head = `toolchain ${tc.value} names ${pinned}, but ${facts.version} is ${howObtained(facts)}`;
    if (r.kind === 'missing') {
      out.push({
        check: 'toolchain-directive',
        kind: 'break',
        message: `${head}; with ${setting} the go command runs go${r.version} from PATH, and there is none`,
        ...where
      });
      return out;
    }
    const message =
      r.kind === 'switches'
        ? `${head}; with ${setting} the go command ${r.via === 'download' ? 'downloads' : 'runs'} go${r.version} and builds with it`
        : `${head}; with ${setting} builds use ${r.version}`;
    out.push({ check: 'toolchain-directive', kind: 'drift', message, ...where });
    return out;
  }
  const message = movedByCheckLatest(facts, pinned)
    ? `toolchain ${tc.value} pins ${pinned}, but check-latest ${howObtained(facts)} ${facts.version}, the newest patch of ${lang(pinned)}; update the line (go get toolchain@go${facts.version}) so local builds match CI`
    : `toolchain ${tc.value} names ${pinned}, but ${facts.version} is ${howObtained(facts)}; Go never switches down to an older toolchain line, so builds use ${facts.version}`;
  out.push({ check: 'toolchain-directive', kind: 'drift', message, ...where });
  return out;
}
