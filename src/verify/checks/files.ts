/**
 * files: every file in scope could be read and parsed. A go.mod, go.work, version file or
 * Dockerfile that Go (or Docker, asdf, mise) cannot parse, or that should be readable and is not
 * (a broken link, a link loop), is a break. Files not read on purpose (a link leaving the workspace,
 * a FIFO or device, a file over 1 MiB, a workflow that is not YAML) and parts of the tree that were
 * not scanned (too deep, too many folders) are advice. Messages never quote more of a file than
 * the parsers do (40 characters).
 */
import type { CheckFinding } from '../findings.js';
import type { Facts } from '../facts.js';

export function checkFiles(facts: Facts): CheckFinding[] {
  return facts.workspace.problems.map((p) => ({
    check: 'files',
    kind: p.kind === 'unparsable' || p.kind === 'unreadable' ? 'break' : 'advice',
    message: p.message,
    file: p.file,
    ...(p.line ? { line: p.line } : {})
  }));
}
