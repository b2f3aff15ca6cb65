/**
 * The files of one side, read by an edge, parsed with the readers the workspace scan uses
 * (go/modfile.ts, go/readers/*.ts) and with the scan's rules: a tool modfile counts only when it
 * parses and names its module, a workflow this reader cannot parse is not checked, a file that
 * does not parse becomes a problem. Then the main module or workspace under GOWORK. Pure.
 */
import { UserError } from '../errors.js';
import type { FileProblem } from '../verify/facts.js';
import type { ModFile, VersionDeclaration } from '../go/types.js';
import { parseModFile } from '../go/modfile.js';
import { parseDockerfile } from '../go/readers/dockerfile.js';
import { parseGoVersionFile } from '../go/readers/go-version-file.js';
import { parseMiseToml } from '../go/readers/mise-toml.js';
import { parseToolVersions } from '../go/readers/tool-versions.js';
import { AliasBombError, parseWorkflow } from '../go/readers/workflow.js';
import type { GoWork } from '../plan/gowork.js';
import { sortByPath, type ScannedKind } from '../verify/scope.js';

/** One file as read: its repository path, its kind by path (verify/scope.ts scannedKind) and its text. */
export interface SideFile {
  path: string;
  kind: ScannedKind;
  text: string;
}

export interface ParsedSide {
  modules: ModFile[];
  declarations: VersionDeclaration[];
  problems: FileProblem[];
}

function parseOne(f: SideFile, out: ParsedSide): void {
  switch (f.kind) {
    case 'go.mod':
    case 'go.work':
      out.modules.push(parseModFile(f.text, f.path, f.kind));
      return;
    case 'tool.mod': {
      let m: ModFile;
      try {
        m = parseModFile(f.text, f.path, 'go.mod');
      } catch {
        return;
      }
      if (m.module) out.modules.push(m);
      return;
    }
    case '.go-version':
      out.declarations.push(parseGoVersionFile(f.text, f.path));
      return;
    case '.tool-versions': {
      const d = parseToolVersions(f.text, f.path);
      if (d) out.declarations.push(d);
      return;
    }
    case 'mise.toml': {
      const d = parseMiseToml(f.text, f.path);
      if (d) out.declarations.push(d);
      return;
    }
    case 'Dockerfile':
      out.declarations.push(...parseDockerfile(f.text, f.path));
      return;
    case 'workflow':
      out.declarations.push(...parseWorkflow(f.text, f.path));
      return;
  }
}

/** Parses every file; what does not parse becomes a problem (never throws for file content). */
export function parseSideFiles(files: readonly SideFile[]): ParsedSide {
  const out: ParsedSide = { modules: [], declarations: [], problems: [] };
  for (const f of files) {
    try {
      parseOne(f, out);
    } catch (err) {
      if (err instanceof AliasBombError) {
        out.problems.push({
          kind: 'refused',
          file: f.path,
          message: 'has YAML aliases that expand too far (an alias bomb?): not read'
        });
      } else if (err instanceof UserError && f.kind === 'workflow') {
        out.problems.push({ kind: 'refused', file: f.path, line: err.line, message: `${err.detail}: not checked` });
      } else if (err instanceof UserError) {
        out.problems.push({ kind: 'unparsable', file: f.path, line: err.line, message: err.detail });
      } else {
        throw err;
      }
    }
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
