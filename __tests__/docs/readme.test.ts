// The README documents what action.yml declares: every input, every output and every check, in
// the tables a user reads (Inputs, Outputs, Checks), and nothing that is not there.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { CHECK_IDS } from '../../src/verify/checks/ids.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, { description: string }>;
  outputs: Record<string, { description: string }>;
};

/** The first column of the table under a README heading (`name` cells). */
function tableNames(heading: string): string[] {
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README has no heading "${heading}"`);
  const rest = readme.slice(start + heading.length + 2);
  const end = rest.search(/\n#{2,3} /);
  const section = end < 0 ? rest : rest.slice(0, end);
  return [...section.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
}

describe('README', () => {
  test('the Inputs table lists exactly the inputs of action.yml', () => {
    expect(tableNames('## Inputs').sort()).toEqual(Object.keys(action.inputs).sort());
  });

  test('the Outputs table lists exactly the outputs of action.yml', () => {
    expect(tableNames('## Outputs').sort()).toEqual(Object.keys(action.outputs).sort());
  });

  test('the Checks table lists every check, in the order the action runs them', () => {
    const names = tableNames('### The rule: an error only where Go would refuse');
    expect(names.filter((n) => !['break', 'drift', 'advice'].includes(n))).toEqual([...CHECK_IDS]);
  });

  test("action.yml's checks input names every check", () => {
    for (const id of CHECK_IDS) expect(action.inputs.checks.description).toContain(id);
  });
});
