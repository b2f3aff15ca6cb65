/**
 * The files of one side, read by an edge, parsed with the readers the workspace scan uses
 * (go/modfile.ts, go/readers/*.ts) and with the scan's rules: a tool modfile counts only when it
 * parses and names its module, a workflow this reader cannot parse is not checked, a file that
 * does not parse becomes a problem. Then the main module or workspace under GOWORK. Pure.
 */
import type { FileProblem } from '../verify/facts.js';
import type { ModFile, VersionDeclaration } from '../go/types.js';
import type { GoWork } from '../plan/gowork.js';
import { sortByPath } from '../verify/scope.js';
import { readRepositoryFile, type FileKindName } from '../go/readers/registry.js';

/** One file as read: its repository path, its kind by path (go/readers/registry.ts kindOfPath) and its text. */
export interface SideFile {
  path: string;
  kind: FileKindName;
  text: string;
}

export interface ParsedSide {
  modules: ModFile[];
  declarations: VersionDeclaration[];
  problems: FileProblem[];
}

/** Parses every file with the scan's own reader; what does not parse becomes a problem (never throws for file content). */
export async function parseSideFiles(files: readonly SideFile[]): Promise<ParsedSide> {
  const out: ParsedSide = { modules: [], declarations: [], problems: [] };
  for (const f of files) {
    const read = await readRepositoryFile(f.kind, f.text, f.path);
    out.modules.push(...read.modules);
    out.declarations.push(...read.declarations);
    if (read.problem) out.problems.push({ ...read.problem, file: f.path });
  }
  sortByPath(out.modules, (m) => m.path);
  sortByPath(
    out.declarations,
    (d) => d.file,
    (a, b) => a.line - b.line
  );
  return out;
}

/** The main module or workspace, as the go command picks it in the workspace root under GOWORK. */
export function rootPath(modules: readonly ModFile[], gowork: GoWork): string | undefined {
  const work = gowork.mode === 'file' ? modules.find((m) => m.kind === 'go.work' && m.path === gowork.file) : undefined;
  return (work ?? modules.find((m) => m.path === 'go.mod'))?.path;
}
