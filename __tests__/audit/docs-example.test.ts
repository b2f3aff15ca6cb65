import { readFileSync } from 'node:fs';
import { renderAuditMarkdown } from '../../src/audit/markdown.js';
import { AUDIT_CHECK_IDS } from '../../src/audit/types.js';
import { docExample } from './doc-example.js';

const DOC = readFileSync(new URL('../../docs/audit.md', import.meta.url), 'utf8');

describe('docs/audit.md', () => {
  test('the worked example is exactly what the renderer writes for its fixture', () => {
    const m = /<!-- example:start -->\n````markdown\n([\s\S]*?)````\n<!-- example:end -->/.exec(DOC);
    expect(m).not.toBeNull();
    expect(m?.[1]).toBe(renderAuditMarkdown(docExample()));
  });

  test.each([...AUDIT_CHECK_IDS, 'godebug'])('documents the check %s', (id) => {
    expect(DOC).toContain(`| \`${id}\` |`);
  });

  test('documents every top-level field of the audit object', () => {
    for (const field of Object.keys(docExample())) expect(DOC).toContain(`| \`${field}\``);
  });
});
