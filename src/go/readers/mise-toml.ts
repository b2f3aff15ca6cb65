/**
 * `mise.toml` / `.mise.toml`, parsed with smol-toml (a complete TOML 1.0 parser), then the `go` tool
 * of `[tools]` is read. Pure.
 */
import { TomlError, parse } from 'smol-toml';
import type { VersionDeclaration } from '../types.js';
import { quoteContent } from '../../text.js';
import { EXPECTED, asWritten, fail, goVersionOf, isNonVersionWord, linesOf } from './common.js';

const GO_TOOL_NAMES = ['go', 'golang'];

function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** The version text a mise tool value states (first of an array; `version` of a table). */
function miseVersionText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.length > 0 ? miseVersionText(v[0]) : undefined;
  if (isTable(v)) return miseVersionText(v.version);
  return undefined;
}

/**
 * The line of the go tool's value: `go = ...`/`golang = ...` (quoted or not) in `[tools]`,
 * `tools.go = ...` at the top level, or `version = ...` in `[tools.go]`. TOML keeps no positions,
 * so the lines are read again, table headers tracked; 1 when not found.
 */
function toolLine(text: string, tool: string): number {
  const lines = linesOf(text);
  const key = `"?${tool}"?`;
  let table = '';
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const header = /^\s*\[\s*([^\]]+?)\s*\](?!\])/.exec(l);
    if (header && !l.trimStart().startsWith('[[')) {
      table = header[1].replace(/\s*\.\s*/g, '.').replace(/"/g, '');
      continue;
    }
    if (table === '' && new RegExp(`^\\s*tools\\s*\\.\\s*${key}\\s*=`).test(l)) return i + 1;
    if (table === 'tools' && new RegExp(`^\\s*${key}\\s*=`).test(l)) return i + 1;
    if (table === `tools.${tool}` && /^\s*"?version"?\s*=/.test(l)) return i + 1;
  }
  return 1;
}

/**
 * The `go` (or `golang`) tool of the `[tools]` table, as `go = "1.22.3"`, `go = ["1.22", "1.21"]`
 * (the first), `go = { version = "1.22.3" }`, `"go" = ...`, `tools.go = ...` at the top level, or a
 * `[tools.go]` table with `version = ...`. `latest`, `system`, `ref:...`, `path:...` name no
 * particular version (undefined); `prefix:1.22` states 1.22. A file that is not valid TOML (mise
 * would refuse it too) or a go value that is not a version is an InputError at file:line.
 */
export function parseMiseToml(text: string, path: string): VersionDeclaration | undefined {
  let doc: Record<string, unknown>;
  try {
    doc = parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    if (!(e instanceof TomlError)) throw e;
    const first = e.message.split('\n').find((l) => l.trim() !== '') ?? 'invalid TOML';
    return fail(path, e.line || 1, `${first.replace(/^Invalid TOML document: /, 'not valid TOML: ')}`);
  }
  const tools = doc.tools;
  if (!isTable(tools)) return undefined;
  const tool = GO_TOOL_NAMES.find((t) => t in tools);
  if (tool === undefined) return undefined;
  const line = toolLine(text, tool);
  const raw = miseVersionText(tools[tool]);
  if (raw === undefined) {
    fail(path, line, `unexpected value for ${tool}: expected a quoted Go version like "1.22.3"`);
  }
  const word = raw.trim().replace(/^prefix:/, '');
  if (isNonVersionWord(word)) return undefined;
  const version = goVersionOf(word);
  if (!version) fail(path, line, `invalid Go version ${quoteContent(raw)}: ${EXPECTED}`);
  return { kind: 'mise.toml', file: path, line, raw: asWritten(raw), version };
}
