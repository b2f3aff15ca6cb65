import { parseToolVersions } from '../../../src/go/readers/tool-versions.js';
import { brief, errorOf } from './helpers.js';

describe('parseToolVersions (.tool-versions)', () => {
  test.each<[string, string, [number, string, string] | undefined]>([
    ['golang entry', 'nodejs 20.11.0\ngolang 1.22.3\n', [2, '1.22.3', '1.22.3']],
    ['go entry', 'go 1.21.6\n', [1, '1.21.6', '1.21.6']],
    ['first of several versions', 'golang 1.22.3 1.21.9 system\n', [1, '1.22.3', '1.22.3']],
    ['comments and CRLF', '# tools\r\npython 3.12.1 # py\r\n  golang   1.22.0   # go\r\n', [3, '1.22.0', '1.22.0']],
    ['go prefix', 'golang go1.22.3\n', [1, 'go1.22.3', '1.22.3']],
    ['language version', 'golang 1.22\n', [1, '1.22', '1.22']],
    ['first golang line wins', 'golang 1.22.3\ngolang 1.21.0\n', [1, '1.22.3', '1.22.3']],
    ['no go entry', 'nodejs 20\ngolangci-lint 1.55.2\n', undefined],
    ['commented out', '# golang 1.22.3\n', undefined],
    ['system', 'golang system\n', undefined],
    ['latest', 'golang latest\n', undefined],
    ['ref', 'golang ref:master\n', undefined],
    ['path', 'golang path:/opt/go\n', undefined],
    ['empty file', '', undefined]
  ])('%s', (_name, text, want) => {
    const d = parseToolVersions(text, '.tool-versions');
    expect(brief(d)).toEqual(want);
    if (d) {
      expect(d.kind).toBe('.tool-versions');
      expect(d.file).toBe('.tool-versions');
    }
  });

  test.each<[string, string, number]>([
    ['no version', 'nodejs 20\ngolang\n', 2],
    ['x suffix', 'golang 1.22.x\n', 1],
    ['garbage', 'go banana\n', 1]
  ])('invalid: %s', (_name, text, line) => {
    const e = errorOf(() => parseToolVersions(text, 'a/.tool-versions'));
    expect(e.file).toBe('a/.tool-versions');
    expect(e.line).toBe(line);
    expect(e.message.startsWith(`a/.tool-versions:${line}: `)).toBe(true);
  });
});
