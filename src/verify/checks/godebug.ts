/**
 * godebug: the `godebug` lines of every go.mod and go.work in scope and the `//go:debug` directives
 * of the main packages read, under every Go that builds them: the checked Go (installed, found or
 * resolved) and each Dockerfile image, version file and workflow go-version that builds the module
 * (the nearest go.mod, else the root's: see common.ts moduleBuiltBy). A break only where Go refuses,
 * with Go's own message (go/godebug.ts checkGodebugLine, checkPackageGoDebug):
 * - any `godebug` line under a Go before 1.23 ("unknown directive: godebug", also in a go.mod a
 *   workspace uses, which Go parses strictly as a main module);
 * - from 1.23 an unknown key, `default=goN` newer than that Go, a removed setting set to its old
 *   value (Go 1.24+ for x509sha1 and tlskyber, 1.27+ for the seven removed there); a go.mod's lines
 *   are not checked when the root go.work builds it (Go reads only go.work's then);
 * - invalid or repeated `//go:debug` directives under Go 1.21+ (a `_test.go` file's only fail
 *   `go test`).
 * At the line itself for the checked Go; at the image's FROM line (or the version file's, the
 * workflow's go-version line) for a Go stated elsewhere, naming the line it refuses. A Go that
 * cannot build the module's go line at all is left to go-directive and version-files. A key that a
 * Go newer than the tables may know is advice ("not verified"), never a break.
 */
import type { CheckFinding } from '../findings.js';
import type { Facts } from '../facts.js';
import type { ModFile, VersionDeclaration } from '../../go/types.js';
import { goLineVerdict } from '../../go/compat.js';
import { checkGodebugLine, checkPackageGoDebug, type GodebugVerdict } from '../../go/godebug.js';
import { mainGoVersion } from '../../go/modfile.js';
import { showPath } from '../../text.js';
import { declaredGo } from '../../audit/build-go.js';
import { moduleBuiltBy } from './common.js';
import { dirOf, goModDirsOf, ownerDir, usedDirs } from '../../audit/packages.js';
import type { PackageSources } from '../../audit/types.js';

/** What the check reads: the Facts fields it uses, and the package headers of the head side. */
export interface GodebugCheckFacts extends Pick<Facts, 'mode' | 'version' | 'root' | 'workspace' | 'releases'> {
  /** the packages whose `//go:debug` directives were read (head-sources.ts); absent: none read */
  goPackages?: readonly PackageSources[];
}

/** CheckFinding with the proposed id `godebug` (the lead adds it to CHECK_IDS). */
export type GodebugFinding = Omit<CheckFinding, 'check'> & { check: 'godebug' };

/** A Go that builds a module. */
interface Builder {
  go: string;
  /** `Go 1.22.12 (installed)`, `image golang:1.22 (Go 1.22.12)` */
  label: string;
  /** where its findings sit; absent: at the refused line itself */
  at?: { file: string; line: number };
  /** it builds in workspace mode (the root go.work): a go.mod's godebug lines are not read (1.23+) */
  workspace: boolean;
}

function how(mode: Facts['mode']): string {
  return mode === 'verify' ? 'found on PATH' : mode === 'plan' ? 'resolved' : 'installed';
}

function what(d: VersionDeclaration): string {
  return d.kind === 'workflow'
    ? `go-version ${d.raw}`
    : d.kind === 'Dockerfile'
      ? `image ${d.raw}`
      : `${showPath(d.file)} ${d.raw}`;
}

/** One finding in the making: a location, a reason, and the Gos that refuse. */
interface Refusal {
  file: string;
  line: number;
  kind: 'break' | 'advice';
  /** for a Go stated elsewhere: the refused line, `go.mod:5` */
  refused?: string;
  reason: string;
  gos: string[];
}

export function checkGodebug(facts: GodebugCheckFacts): GodebugFinding[] {
  const modules = facts.workspace.modules;
  const root = facts.root;
  const builtBy = moduleBuiltBy(modules, root);
  const rootUses = root?.kind === 'go.work' ? usedDirs(root) : new Set<string>();
  const inWorkspace = (m: ModFile): boolean =>
    root?.kind === 'go.work' && (m === root || (m.kind === 'go.mod' && rootUses.has(dirOf(m.path))));

  const buildersOf = (m: ModFile): Builder[] => {
    const out: Builder[] = [];
    if (facts.version)
      out.push({ go: facts.version, label: `Go ${facts.version} (${how(facts.mode)})`, workspace: inWorkspace(m) });
    for (const d of facts.workspace.declarations) {
      const by = builtBy(d.file);
      const direct = by === m;
      const viaWorkspace = !direct && by === root && root?.kind === 'go.work' && inWorkspace(m);
      if (!direct && !viaWorkspace) continue;
      const go = declaredGo(d, facts.releases);
      if (!go) continue;
      out.push({
        go,
        label: `${what(d)} (Go ${go})`,
        at: { file: d.file, line: d.line },
        workspace: viaWorkspace || m.kind === 'go.work'
      });
    }
    // A Go that cannot build the module's go line at all is go-directive's and version-files' business.
    return out.filter((b) => {
      const v = goLineVerdict(mainGoVersion(m), b.go);
      return v !== 'refuses' && v !== 'cannot-parse';
    });
  };

  const refusals = new Map<string, Refusal>();
  const add = (b: Builder, file: string, line: number, v: Exclude<GodebugVerdict, { kind: 'ok' }>): void => {
    const at = b.at ?? { file, line };
    const refused = b.at ? `${showPath(file)}:${line}` : undefined;
    const kind = v.kind === 'break' ? 'break' : 'advice';
    const k = `${at.file}\u0000${at.line}\u0000${refused ?? ''}\u0000${kind}\u0000${v.reason}`;
    const r = refusals.get(k);
    if (r) {
      if (!r.gos.includes(b.label)) r.gos.push(b.label);
      return;
    }
    refusals.set(k, { ...at, kind, ...(refused ? { refused } : {}), reason: v.reason, gos: [b.label] });
  };

  for (const m of modules) {
    if (m.godebug.length === 0) continue;
    for (const b of buildersOf(m)) {
      for (const e of m.godebug) {
        const v = checkGodebugLine(b.go, e.value);
        if (v.kind === 'ok') continue;
        // In workspace mode Go 1.23+ reads go.work's godebug lines only; before 1.23 a go.mod's line
        // still fails its strict parse ("unknown directive: godebug").
        if (b.workspace && m.kind === 'go.mod' && v.reason !== 'unknown directive: godebug') continue;
        add(b, m.path, e.line, v);
      }
    }
  }

  const dirs = goModDirsOf(modules);
  for (const p of facts.goPackages ?? []) {
    const owner = ownerDir(p.dir, dirs);
    const m = owner === undefined ? undefined : modules.find((x) => x.kind === 'go.mod' && dirOf(x.path) === owner);
    if (!m) continue;
    for (const b of buildersOf(m)) {
      for (const x of checkPackageGoDebug(b.go, p.files)) {
        const reason = x.when === 'test' ? `go test fails: ${x.reason}` : x.reason;
        add(b, x.file, x.line, { kind: 'break', reason });
      }
    }
  }

  const out: GodebugFinding[] = [];
  for (const r of refusals.values()) {
    const gos = r.gos.length === 1 ? r.gos[0] : `${r.gos.slice(0, -1).join(', ')} and ${r.gos[r.gos.length - 1]}`;
    const verb = r.kind === 'advice' ? 'cannot verify' : r.gos.length === 1 ? 'refuses' : 'refuse';
    const message = r.refused
      ? `${gos} ${r.kind === 'advice' ? 'cannot verify' : 'cannot build'} ${r.refused}: ${r.reason}`
      : `${gos} ${verb} this line: ${r.reason}`;
    out.push({ check: 'godebug', kind: r.kind, message, file: r.file, line: r.line });
  }
  return out;
}
