import { parseGoVersionFile } from '../../../src/go/readers/go-version-file.js';
import { brief, errorOf } from './helpers.js';

describe('parseGoVersionFile (.go-version)', () => {
  test.each<[string, string, [number, string, string]]>([
    ['plain', '1.22.3\n', [1, '1.22.3', '1.22.3']],
    ['go prefix', 'go1.22.3', [1, 'go1.22.3', '1.22.3']],
    ['language version', '1.22\n', [1, '1.22', '1.22']],
    ['prerelease', '1.23rc1\n', [1, '1.23rc1', '1.23rc1']],
    ['pre-1.21 first release', '1.20\n', [1, '1.20', '1.20']],
    ['CRLF and blanks', '  1.21.5 \t\r\n', [1, '1.21.5', '1.21.5']],
    ['comments and empty lines first', '# pinned by ops\n\n   \n1.22.1\n1.21.0\n', [4, '1.22.1', '1.22.1']],
    ['trailing comment', '1.22.1 # security fix\n', [1, '1.22.1', '1.22.1']],
    ['byte order mark', '\uFEFF1.22.0\n', [1, '1.22.0', '1.22.0']]
  ])('%s', (_name, text, want) => {
    const d = parseGoVersionFile(text, 'svc/.go-version');
    expect(d.kind).toBe('.go-version');
    expect(d.file).toBe('svc/.go-version');
    expect(brief(d)).toEqual(want);
  });

  test.each<[string, string, number]>([
    ['empty', '', 1],
    ['only comments', '# nothing\n\n', 1],
    ['x suffix', '1.22.x\n', 1],
    ['v prefix', 'v1.22.3\n', 1],
    ['major only', '1\n', 1],
    ['latest', '\nlatest\n', 2],
    ['two words', '1.22.3 1.21.0\n', 1],
    ['semver prerelease', '1.22.0-rc.1\n', 1],
    ['leading zero', '1.022\n', 1]
  ])('invalid: %s', (_name, text, line) => {
    const e = errorOf(() => parseGoVersionFile(text, '.go-version'));
    expect(e.file).toBe('.go-version');
    expect(e.line).toBe(line);
    expect(e.message.startsWith(`.go-version:${line}: `)).toBe(true);
  });
});
