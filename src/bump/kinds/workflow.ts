/**
 * Workflows: the literal `go-version:` of each setup-go step the reader (go/readers/workflow.ts)
 * declares, located to its bytes inside the YAML scalar, so comments, quotes, anchors, flow style
 * and layout stay byte for byte. What the reader skips because it states no one version is
 * reported when it is one bump cannot rewrite: an expression (and the matrix list it names), an
 * alias, a range, a block scalar. `stable`, `oldstable` and `latest` follow Go by themselves. Pure.
 */
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Node, type Scalar } from 'yaml';
import { SETUP_GO_USES, parseWorkflow, statedVersion } from '../../go/readers/workflow.js';
import type { LocatedFile, Site, Unrewritable } from '../types.js';

function get(node: unknown, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  const v: unknown = node.get(key, true);
  return v === null || v === undefined ? undefined : (v as Node);
}

/** The source text of a plain or quoted scalar, without its quotes; undefined for other styles. */
function scalarText(node: Scalar, text: string): { value: string; at: number } | string {
  if (!node.range) return 'has no position in the file';
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') return 'is a block scalar: not rewritten';
  const source = text.slice(node.range[0], node.range[1]);
  if (/[\r\n]/.test(source.trim())) return 'spans several lines: not rewritten';
  if (node.type === 'PLAIN') {
    const value = source.trim();
    return { value, at: node.range[0] + source.indexOf(value) };
  }
  if (node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE') {
    const inner = source.slice(1, -1);
    if (inner !== node.value) return 'is a quoted value with escapes: not rewritten';
    const value = inner.trim();
    return { value, at: node.range[0] + 1 + inner.indexOf(value) };
  }
  return 'is a block scalar: not rewritten';
}

const MATRIX_REF = /^\$\{\{\s*matrix\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}$/;

export function locateWorkflow(text: string, path: string): LocatedFile {
  const declared = parseWorkflow(text, path);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  const lineOf = (offset: number): number => lineCounter.linePos(offset).line;
  const sites: Site[] = [];
  const unrewritable: Unrewritable[] = [];
  const reportedLists = new Set<Node>();
  const jobs = get(doc.contents, 'jobs');
  if (!isMap(jobs)) return { sites, unrewritable };
  for (const job of jobs.items) {
    const steps = get(job.value, 'steps');
    if (!isSeq(steps)) continue;
    for (const step of steps.items) {
      const uses = get(step, 'uses');
      if (!isScalar(uses) || typeof uses.value !== 'string' || !SETUP_GO_USES.test(uses.value.trim())) continue;
      const node = get(get(step, 'with'), 'go-version');
      if (node === undefined || !node.range) continue;
      const line = lineOf(node.range[0]);
      const report = (what: string, reason: string, at = line): void => {
        unrewritable.push({ file: path, line: at, what: `go-version: ${what}`, reason });
      };
      if (isAlias(node)) {
        report(`*${node.source}`, 'is an alias: not rewritten here (its anchor is, where it is a go-version)');
        continue;
      }
      if (!isScalar(node)) {
        report('…', 'is not one value: not rewritten');
        continue;
      }
      const got = scalarText(node, text);
      if (typeof got === 'string') {
        report(String(node.value).trim(), got);
        continue;
      }
      const { value, at } = got;
      if (value.includes('${{')) {
        const m = MATRIX_REF.exec(value);
        const list = m ? get(get(get(job.value, 'strategy'), 'matrix'), m[1]) : undefined;
        if (m && isSeq(list) && list.range) {
          if (!reportedLists.has(list)) {
            reportedLists.add(list);
            unrewritable.push({
              file: path,
              line: lineOf(list.range[0]),
              what: `matrix ${m[1]}: ${text.slice(list.range[0], list.range[1]).trim()}`,
              reason: `is a matrix list (used by go-version at line ${line}): not rewritten; edit the versions it tests`
            });
          }
        } else report(value, 'is an expression: not rewritten');
        continue;
      }
      const version = statedVersion(value);
      if (version === undefined) {
        if (!/^(stable|oldstable|latest)$/i.test(value)) report(value, 'is not one version (a range?): not rewritten');
        continue;
      }
      const prefix = /^(go|v)(?=\d)/.exec(value)?.[0].length ?? 0;
      const isDeclared = declared.some((d) => d.line === line && d.version === version);
      if (!isDeclared || !value.startsWith(version, prefix)) {
        report(value, 'not found where the reader read it: not rewritten');
        continue;
      }
      sites.push({
        file: path,
        line,
        start: at + prefix,
        end: at + prefix + version.length,
        written: version,
        role: 'declaration',
        before: `go-version: ${value.slice(0, prefix)}`,
        after: value.slice(prefix + version.length),
        ...(/\.[xX*]$/.test(value) ? { minorOnly: true } : {})
      });
    }
  }
  return { sites, unrewritable };
}
