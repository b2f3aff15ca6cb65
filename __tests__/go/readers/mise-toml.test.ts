import { parseMiseToml } from '../../../src/go/readers/mise-toml.js';
import { brief, errorOf } from './helpers.js';

describe('parseMiseToml (mise.toml)', () => {
  test.each<[string, string, [number, string, string] | undefined]>([
    ['string', '[tools]\ngo = "1.22.3"\n', [2, '1.22.3', '1.22.3']],
    ['literal string', "[tools]\ngo = '1.22.3'\n", [2, '1.22.3', '1.22.3']],
    ['array takes the first', '[tools]\ngo = ["1.22", "1.21"]\n', [2, '1.22', '1.22']],
    ['multi-line array', '[tools]\ngo = [\n  "1.23.1", # newest\n  "1.22.8",\n]\n', [2, '1.23.1', '1.23.1']],
    ['inline table', '[tools]\ngo = { version = "1.22.3", postinstall = "go env" }\n', [2, '1.22.3', '1.22.3']],
    ['quoted key', '[tools]\n"go" = "1.21.0"\n', [2, '1.21.0', '1.21.0']],
    ['golang key', '[tools]\ngolang = "1.21rc2"\n', [2, '1.21rc2', '1.21rc2']],
    ['dotted key at top level', 'tools.go = "1.22.1"\n', [1, '1.22.1', '1.22.1']],
    ['tools.go table', '[tools.go]\nversion = "1.22.2"\n', [2, '1.22.2', '1.22.2']],
    [
      'spaced header and comments',
      '# mise\n[env]\nGO = "1.10"\n\n[ tools ] # the tools\nnode = "20"\ngo = "1.22.4" # pinned\n',
      [7, '1.22.4', '1.22.4']
    ],
    ['CRLF', '[tools]\r\ngo = "1.22.5"\r\n', [2, '1.22.5', '1.22.5']],
    ['prefix form', '[tools]\ngo = "prefix:1.22"\n', [2, 'prefix:1.22', '1.22']],
    ['go prefix in value', '[tools]\ngo = "go1.22.6"\n', [2, 'go1.22.6', '1.22.6']],
    ['latest is skipped', '[tools]\ngo = "latest"\n', undefined],
    ['system is skipped', '[tools]\ngo = "system"\n', undefined],
    ['ref is skipped', '[tools]\ngo = "ref:master"\n', undefined],
    ['go backend packages are not the go tool', '[tools]\n"go:github.com/x/y" = "1.2.3"\n', undefined],
    ['go key in another table', '[env]\ngo = "1.22"\n[settings]\ngo = "1.23"\n', undefined],
    ['array of tables named tools', '[[tools]]\ngo = "1.22"\n', undefined],
    ['no tools', 'min_version = "2024.1.0"\n', undefined],
    ['a TOML date elsewhere', '[env]\nWHEN = 1979-05-27 07:32:00Z\n[tools]\ngo = "1.22.7"\n', [4, '1.22.7', '1.22.7']],
    [
      'multi-line string elsewhere',
      '[env]\nX = """\ngo = "9.9"\n"""\n[tools]\ngo = "1.22.8"\n',
      [6, '1.22.8', '1.22.8']
    ]
  ])('%s', (_name, text, want) => {
    const d = parseMiseToml(text, 'mise.toml');
    expect(brief(d)).toEqual(want);
    if (d) expect(d.kind).toBe('mise.toml');
  });

  test.each<[string, string, number]>([
    ['invalid version', '[tools]\nnode = "20"\ngo = "1.22.x"\n', 3],
    ['unquoted float', '[tools]\ngo = 1.22\n', 2],
    ['table without version', '[tools]\ngo = { postinstall = "x" }\n', 2],
    ['empty array', '[tools]\ngo = []\n', 2],
    ['not TOML (mise refuses it too)', '[env]\nWEIRD = 1\n= oops\n[tools]\ngo = "1.22.7"\n', 3]
  ])('invalid: %s', (_name, text, line) => {
    const e = errorOf(() => parseMiseToml(text, '.mise.toml'));
    expect(e.file).toBe('.mise.toml');
    expect(e.line).toBe(line);
    expect(e.message.startsWith(`.mise.toml:${line}: `)).toBe(true);
  });
});
