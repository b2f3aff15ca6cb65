/**
 * One locator per file kind: text -> the version tokens bump may rewrite, and what it may not.
 * Each runs the project's own reader first, so bump rewrites exactly what the checks read; a file
 * the reader cannot parse throws its InputError (file:line). Pure.
 */
import type { BumpFileKind, LocatedFile } from '../types.js';
import { locateDockerfile } from './dockerfile.js';
import { locateMiseToml } from './mise-toml.js';
import { locateModFile, type LocatedModFile } from './modfile.js';
import { locateGoVersionFile, locateToolVersions } from './version-files.js';
import { locateWorkflow } from './workflow.js';

export type { LocatedModFile } from './modfile.js';

export function locate(kind: BumpFileKind, text: string, path: string): LocatedFile | LocatedModFile {
  switch (kind) {
    case 'go.mod':
    case 'tool modfile':
      return locateModFile(text, path, 'go.mod');
    case 'go.work':
      return locateModFile(text, path, 'go.work');
    case '.go-version':
      return locateGoVersionFile(text, path);
    case '.tool-versions':
      return locateToolVersions(text, path);
    case 'mise.toml':
      return locateMiseToml(text, path);
    case 'Dockerfile':
      return locateDockerfile(text, path);
    case 'workflow':
      return locateWorkflow(text, path);
  }
}

export function isModFileKind(kind: BumpFileKind): kind is 'go.mod' | 'go.work' | 'tool modfile' {
  return kind === 'go.mod' || kind === 'go.work' || kind === 'tool modfile';
}
