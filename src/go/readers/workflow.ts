/**
 * GitHub Actions workflows (`.github/workflows/*.yml|yaml`): the literal `go-version:` of each
 * `actions/setup-go` and `setup-go-enforced` step, as declarations with file:line. Pure.
 *
 * Parsed with the `yaml` package into a document tree; versions are read from the tree without
 * expanding aliases, and the document is first checked with yaml's own alias limit, so an alias
 * bomb ("billion laughs") costs no more than its size. `${{ }}` expressions, ranges, aliases
 * (stable, oldstable) and anything that is not one literal version are skipped: they state no
 * particular Go. Versions are read from the source text, so `go-version: 1.20` is 1.20, not the
 * YAML float 1.2.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { VersionDeclaration } from '../types.js';
import { AliasBombError, asWritten, fail, goVersionOf } from './common.js';

export { AliasBombError };

/** `uses:` of the steps whose go-version is read: actions/setup-go and this action, any ref. */
export const SETUP_GO_USES = /^(actions\/setup-go|[^/\s]+\/setup-go-enforced)(\/[^@\s]*)?@\S+$/i;

/** yaml's limit on resolved aliases (scaled by document size) for the safety check. */
const MAX_ALIAS_COUNT = 100;

function get(node: unknown, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  const v = node.get(key, true) as Node | undefined;
  return v ?? undefined;
}

/** The literal text of a scalar: the source for plain scalars (1.20 stays 1.20), else its string value. */
function literal(node: unknown, text: string): string | undefined {
  if (!isScalar(node)) return undefined;
  if (node.type === 'PLAIN' && node.range) return text.slice(node.range[0], node.range[1]).trim();
  return typeof node.value === 'string' ? node.value.trim() : undefined;
}

/** The Go version a go-version value states, or undefined when it states no particular one. */
export function statedVersion(value: string): string | undefined {
  if (value.includes('${{') || /\s/.test(value)) return undefined;
  const minor = /^(?:go|v)?(\d+\.\d+)\.[xX*]$/.exec(value);
  if (minor) return goVersionOf(minor[1]);
  return goVersionOf(value.replace(/^v(?=\d)/, ''));
}

/**
 * Every literal go-version of a setup-go step. Throws InputError (file:line) when the file is not
 * YAML, AliasBombError when its aliases expand beyond yaml's limit.
 */
export function parseWorkflow(text: string, path: string): VersionDeclaration[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    fail(path, e.linePos?.[0]?.line ?? 1, `not valid YAML: ${e.message.split('\n')[0]}`);
  }
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (e instanceof ReferenceError) throw new AliasBombError(e.message);
    throw e;
  }
  const out: VersionDeclaration[] = [];
  const jobs = get(doc.contents, 'jobs');
  if (!isMap(jobs)) return out;
  for (const job of jobs.items) {
    const steps = get(job.value, 'steps');
    if (!isSeq(steps)) continue;
    for (const step of steps.items) {
      const uses = literal(get(step, 'uses'), text);
      if (!uses || !SETUP_GO_USES.test(uses)) continue;
      const node = get(get(step, 'with'), 'go-version');
      const value = literal(node, text);
      if (!node?.range || value === undefined) continue;
      const version = statedVersion(value);
      if (version === undefined) continue;
      const line = lineCounter.linePos(node.range[0]).line;
      out.push({ kind: 'workflow', file: path, line, raw: asWritten(value), version });
    }
  }
  return out;
}
