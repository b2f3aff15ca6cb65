import type { FileProblem } from '../../../src/verify/facts.js';
import type { FindingKind } from '../../../src/verify/findings.js';
import { checkFiles } from '../../../src/verify/checks/files.js';
import { facts } from './facts-fixture.js';

test.each<[FileProblem['kind'], FindingKind]>([
  ['unparsable', 'break'],
  ['unreadable', 'break'],
  ['refused', 'advice'],
  ['skipped', 'advice']
])('a file %s is %s', (kind, want) => {
  const problems: FileProblem[] = [{ kind, file: 'tools/go.mod', line: 3, message: 'why' }];
  const out = checkFiles(facts({ workspace: { modules: [], useTargets: [], declarations: [], problems } }));
  expect(out).toEqual([{ check: 'files', kind: want, message: 'why', file: 'tools/go.mod', line: 3 }]);
});
