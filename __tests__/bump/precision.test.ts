/** The version a token gets: the precision the file used, language versions, prereleases, old releases. */
import { isLanguageForm, versionAtPrecision } from '../../src/bump/precision.js';
import type { SiteRole } from '../../src/bump/types.js';

test.each<[string, string, SiteRole, boolean, string]>([
  ['1.25', '1.27.0', 'go', false, '1.27'],
  ['1.25', '1.27.0', 'go', true, '1.27.0'],
  ['1.25.0', '1.27.0', 'go', false, '1.27.0'],
  ['1.25rc1', '1.27.0', 'go', false, '1.27.0'],
  ['1.25.3', '1.27.0', 'toolchain', false, '1.27.0'],
  ['1.25', '1.27.0', 'declaration', false, '1.27'],
  ['1.25.3', '1.27.0', 'declaration', false, '1.27.0'],
  ['1.25', '1.28rc1', 'go', false, '1.28'],
  ['1.25', '1.28rc1', 'go', true, '1.28rc1'],
  ['1.25', '1.28rc1', 'declaration', false, '1.28rc1'],
  ['1.25.0', '1.28rc1', 'declaration', false, '1.28rc1'],
  ['1.25.0', '1.28rc1', 'toolchain', false, '1.28rc1'],
  ['1.21', '1.20', 'go', false, '1.20'],
  ['1.21.0', '1.20', 'go', false, '1.20'],
  ['1.21.0', '1.20', 'toolchain', false, '1.20'],
  ['1.21.0', '1.20.0', 'declaration', false, '1.20.0'],
  ['1.21', '1.20.0', 'declaration', false, '1.20'],
  ['1.21.0', '1.20.3', 'declaration', false, '1.20.3']
])('%s -> %s as %s (exact %s): %s', (written, target, role, exact, want) => {
  expect(versionAtPrecision(written, target, role, exact)).toBe(want);
});

test.each<[boolean, string, string]>([
  [false, '1.27.0', '1.27'],
  [true, '1.27.0', '1.27'],
  [true, '1.28rc1', '1.28']
])('a wildcard minor (1.25.x) stays a minor (exact %s, target %s): %s', (exact, target, want) => {
  expect(versionAtPrecision('1.25', target, 'declaration', exact, true)).toBe(want);
});

test.each<[string, boolean]>([
  ['1.25', true],
  ['1.20', true],
  ['1.25.0', false],
  ['1.25rc1', false],
  ['1', false]
])('isLanguageForm(%j) is %s', (v, want) => {
  expect(isLanguageForm(v)).toBe(want);
});
