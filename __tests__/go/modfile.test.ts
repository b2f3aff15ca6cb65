import { InputError } from '../../src/errors.js';
import { type ModFile } from '../../src/go/types.js';
import { mainGoVersion, parseModFile, unquoteGoString } from '../../src/go/modfile.js';

type Kind = 'go.mod' | 'go.work';

/** The interesting fields of a parse, with [value, line] pairs. */
function summary(m: ModFile) {
  return {
    module: m.module ? [m.module.value, m.module.line] : undefined,
    go: m.go ? [m.go.value, m.go.line] : undefined,
    toolchain: m.toolchain ? [m.toolchain.value, m.toolchain.line] : undefined,
    use: m.use.map((u) => [u.value, u.line])
  };
}

function parseError(text: string, path = 'go.mod', kind: Kind = 'go.mod'): InputError {
  try {
    parseModFile(text, path, kind);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('parseModFile: go.mod variants', () => {
  test.each<[string, string, ReturnType<typeof summary>]>([
    [
      'plain',
      'module example.com/m\n\ngo 1.22\n',
      { module: ['example.com/m', 1], go: ['1.22', 3], toolchain: undefined, use: [] }
    ],
    [
      'CRLF',
      'module example.com/m\r\n\r\ngo 1.22.3\r\ntoolchain go1.23.0\r\n',
      { module: ['example.com/m', 1], go: ['1.22.3', 3], toolchain: ['go1.23.0', 4], use: [] }
    ],
    ['tab after go', 'module m\ngo\t1.21\n', { module: ['m', 1], go: ['1.21', 2], toolchain: undefined, use: [] }],
    [
      'several spaces and tabs',
      'module m\n  go  \t  1.21rc1   \n',
      { module: ['m', 1], go: ['1.21rc1', 2], toolchain: undefined, use: [] }
    ],
    [
      'trailing comment',
      'module m // the module\ngo 1.22 // minimum\ntoolchain go1.22.5// pinned\n',
      { module: ['m', 1], go: ['1.22', 2], toolchain: ['go1.22.5', 3], use: [] }
    ],
    [
      'comment glued to the version',
      'module m\ngo 1.21//x\n',
      { module: ['m', 1], go: ['1.21', 2], toolchain: undefined, use: [] }
    ],
    [
      'whole-line comments that look like directives',
      '// go 1.99\nmodule m\n  // toolchain go1.99.0\ngo 1.20\n',
      { module: ['m', 2], go: ['1.20', 4], toolchain: undefined, use: [] }
    ],
    ['no trailing newline', 'module m\ngo 1.22', { module: ['m', 1], go: ['1.22', 2], toolchain: undefined, use: [] }],
    [
      'missing go line',
      'module m\n\nrequire golang.org/x/go v1.0.0\n',
      { module: ['m', 1], go: undefined, toolchain: undefined, use: [] }
    ],
    ['empty file', '', { module: undefined, go: undefined, toolchain: undefined, use: [] }],
    [
      'blocks and godebug lines',
      [
        'module example.com/m',
        '',
        'go 1.23.4',
        '',
        'godebug default=go1.21',
        'godebug (',
        '\tpanicnil=1',
        '\tgo=1.99',
        ')',
        'require (',
        '\tgolang.org/x/go v1.0.0 // indirect',
        '\tgo v1.2.3',
        '\tgopher.dev/x v0.1.0',
        ')',
        'require golang.org/x/go v1.0.0',
        'replace golang.org/x/go => ../go',
        'exclude (',
        ')',
        'retract [v1.0.0, v1.1.0] // broken',
        'tool golang.org/x/tools/cmd/stringer',
        'ignore ./node_modules',
        'gopher 1.99',
        'goo 1.99',
        'someday (',
        '  go 1.99',
        ')',
        'toolchain go1.24.0'
      ].join('\n'),
      { module: ['example.com/m', 1], go: ['1.23.4', 3], toolchain: ['go1.24.0', 27], use: [] }
    ],
    [
      'toolchain default',
      'module m\ngo 1.21\ntoolchain default\n',
      { module: ['m', 1], go: ['1.21', 2], toolchain: ['default', 3], use: [] }
    ],
    [
      'toolchain go1.21rc2',
      'module m\ngo 1.21rc1\ntoolchain go1.21rc2\n',
      { module: ['m', 1], go: ['1.21rc1', 2], toolchain: ['go1.21rc2', 3], use: [] }
    ],
    [
      'toolchain with suffix',
      'module m\ntoolchain go1.22.1-custom\n',
      { module: ['m', 1], go: undefined, toolchain: ['go1.22.1-custom', 2], use: [] }
    ],
    ['toolchain go1', 'module m\ntoolchain go1\n', { module: ['m', 1], go: undefined, toolchain: ['go1', 2], use: [] }],
    [
      'quoted module path',
      'module "example.com/quoted"\ngo 1.22\n',
      { module: ['example.com/quoted', 1], go: ['1.22', 2], toolchain: undefined, use: [] }
    ],
    [
      'quoted module path with escapes',
      'module "example.com/a\\x2fb\\u00e9"\n',
      { module: ['example.com/a/bé', 1], go: undefined, toolchain: undefined, use: [] }
    ],
    [
      'module block',
      'module (\n\texample.com/blocked\n)\ngo 1.22\n',
      { module: ['example.com/blocked', 2], go: ['1.22', 4], toolchain: undefined, use: [] }
    ],
    [
      'empty unknown block on one line',
      'module m\nfoo ()\ngo 1.22\n',
      { module: ['m', 1], go: ['1.22', 3], toolchain: undefined, use: [] }
    ],
    [
      'use is ignored in go.mod',
      'module m\nuse ./x\n',
      { module: ['m', 1], go: undefined, toolchain: undefined, use: [] }
    ],
    [
      'parens mid-line are tokens',
      'module m\nfoo ( bar ) baz\ngo 1.22\n',
      { module: ['m', 1], go: ['1.22', 3], toolchain: undefined, use: [] }
    ],
    [
      'unicode identifiers',
      'module example.com/ünï\ngo 1.22\n',
      { module: ['example.com/ünï', 1], go: ['1.22', 2], toolchain: undefined, use: [] }
    ],
    [
      'suffix comment after block close',
      'require (\n a v1.0.0\n) // done\ngo 1.22\n',
      { module: undefined, go: ['1.22', 4], toolchain: undefined, use: [] }
    ],
    [
      'comment right after block open',
      'require ( // deps\n a v1.0.0\n)\ngo 1.22\n',
      { module: undefined, go: ['1.22', 4], toolchain: undefined, use: [] }
    ]
  ])('%s', (_name, text, want) => {
    const m = parseModFile(text, 'svc/go.mod', 'go.mod');
    expect(m.kind).toBe('go.mod');
    expect(m.path).toBe('svc/go.mod');
    expect(summary(m)).toEqual(want);
  });
});

describe('parseModFile: go.work variants', () => {
  test.each<[string, string, ReturnType<typeof summary>]>([
    [
      'single use',
      'go 1.22\n\nuse ./a\n',
      { module: undefined, go: ['1.22', 1], toolchain: undefined, use: [['./a', 3]] }
    ],
    [
      'use block with comments and quoted paths',
      'go 1.23.0\r\ntoolchain go1.23.2\r\n\r\nuse (\r\n\t./a // first\r\n\r\n\t// ./commented\r\n\t"./with space"\r\n\t../b\r\n)\r\nuse ./c\r\n',
      {
        module: undefined,
        go: ['1.23.0', 1],
        toolchain: ['go1.23.2', 2],
        use: [
          ['./a', 5],
          ['./with space', 8],
          ['../b', 9],
          ['./c', 11]
        ]
      }
    ],
    ['empty use block', 'go 1.22\nuse ()\n', { module: undefined, go: ['1.22', 1], toolchain: undefined, use: [] }],
    [
      'replace and godebug',
      'go 1.22\nreplace a => ./a\ngodebug (\n\tx=1\n)\nuse .\n',
      { module: undefined, go: ['1.22', 1], toolchain: undefined, use: [['.', 6]] }
    ],
    ['no go line', 'use ./a\n', { module: undefined, go: undefined, toolchain: undefined, use: [['./a', 1]] }]
  ])('%s', (_name, text, want) => {
    const m = parseModFile(text, 'go.work', 'go.work');
    expect(m.kind).toBe('go.work');
    expect(summary(m)).toEqual(want);
  });
});

describe('parseModFile: errors name file:line', () => {
  test.each<[string, string, Kind, number, RegExp]>([
    ['duplicate go line', 'module m\ngo 1.21\n\ngo 1.22\n', 'go.mod', 4, /repeated go statement/],
    [
      'duplicate toolchain line',
      'go 1.21\ntoolchain go1.21.0\ntoolchain go1.21.1\n',
      'go.work',
      3,
      /repeated toolchain statement/
    ],
    ['duplicate module line', 'module a\nmodule b\n', 'go.mod', 2, /repeated module statement/],
    ['go ( block', 'module m\ngo (\n\t1.21\n)\n', 'go.mod', 2, /unexpected block "go \("/],
    ['go () empty block', 'module m\ngo ()\n', 'go.mod', 2, /unexpected block/],
    ['toolchain ( block', 'module m\ntoolchain (\n\tgo1.21.0\n)\n', 'go.mod', 2, /unexpected block "toolchain \("/],
    ['go block in go.work', 'go (\n1.22\n)\n', 'go.work', 1, /unexpected block/],
    ['/* comment', 'module m\n/* go 1.21 */\ngo 1.21\n', 'go.mod', 2, /\/\* comment/],
    ['/* inside a token', 'module m\ngo 1.21/*x*/\n', 'go.mod', 2, /\/\* comment/],
    ['go 1', 'module m\ngo 1\n', 'go.mod', 2, /invalid go version "1": expected a Go version like 1\.21/],
    ['go v1.2', 'go v1.2\n', 'go.mod', 1, /invalid go version "v1\.2"/],
    ['go "1.21"', 'module m\n\n\ngo "1.21"\n', 'go.mod', 4, /invalid go version "\\"1\.21\\""/],
    ['go 1.21.x', 'module m\ngo 1.21.x\n', 'go.mod', 2, /invalid go version "1\.21\.x"/],
    ['go 1.21.0-rc1', 'go 1.21.0-rc1\n', 'go.work', 1, /invalid go version/],
    ['go 01.21', 'go 01.21\n', 'go.mod', 1, /invalid go version/],
    ['go 1.21rc', 'go 1.21rc\n', 'go.mod', 1, /invalid go version/],
    ['go without version', 'module m\ngo\n', 'go.mod', 2, /go directive has 0 arguments/],
    ['go with a comment only', 'module m\ngo // 1.21\n', 'go.mod', 2, /go directive has 0 arguments/],
    ['go with two arguments', 'module m\ngo 1.21 1.22\n', 'go.mod', 2, /go directive has 2 arguments/],
    ['toolchain without name', 'toolchain\n', 'go.mod', 1, /toolchain directive has 0 arguments/],
    ['toolchain 1.21.0', 'toolchain 1.21.0\n', 'go.mod', 1, /invalid toolchain name "1\.21\.0"/],
    ['toolchain local', 'toolchain local\n', 'go.mod', 1, /invalid toolchain name "local"/],
    ['toolchain go1x', 'toolchain go10.1\n', 'go.mod', 1, /invalid toolchain name/],
    ['module without path', 'module\n', 'go.mod', 1, /module directive has 0 arguments/],
    ['module with a bad quoted string', 'module "a\\q"\n', 'go.mod', 1, /invalid quoted string/],
    ['module path with a backquote string', 'module `a`\n', 'go.mod', 1, /cannot contain a quote/],
    ['unterminated string', 'module m\nrequire "a v1.0.0\n', 'go.mod', 2, /newline in quoted string/],
    ['string at EOF', 'module "abc', 'go.mod', 1, /unterminated quoted string/],
    ['unterminated block', 'module m\nrequire (\n\ta v1.0.0\n', 'go.mod', 2, /unterminated block "require \("/],
    ['text after closing paren', 'require (\n\ta v1.0.0\n) go 1.22\n', 'go.mod', 3, /after "\)"/],
    ['control character', 'module m\ngo 1.22\x01\n', 'go.mod', 2, /unexpected character U\+0001/],
    ['byte order mark', '\uFEFFmodule m\n', 'go.mod', 1, /byte order mark/],
    ['use with two paths', 'go 1.22\nuse ./a ./b\n', 'go.work', 2, /use directive has 2 arguments/],
    ['use block entry with two paths', 'use (\n\t./a\n\t./b ./c\n)\n', 'go.work', 3, /use directive has 2 arguments/],
    ['use with quote in unquoted path', "use ./a'b\n", 'go.work', 1, /cannot contain a quote/],
    ['use block with arguments on its line', 'use x (\n./a\n)\n', 'go.work', 1, /unknown block type "use x \("/],
    ['go version error in go.work', 'go 1.22.x\nuse .\n', 'go.work', 1, /invalid go version "1\.22\.x"/],
    [
      'module line in go.work (ParseWork: unknown directive)',
      'go 1.22\nmodule m\n',
      'go.work',
      2,
      /unknown directive "module"/
    ],
    ['require in go.work', 'go 1.22\nrequire x v1.0.0\n', 'go.work', 2, /unknown directive "require"/],
    ['exclude block in go.work', 'go 1.22\nexclude (\n\tx v1.0.0\n)\n', 'go.work', 2, /unknown directive "exclude"/]
  ])('%s', (_name, text, kind, line, message) => {
    const path = kind === 'go.mod' ? 'svc/api/go.mod' : 'go.work';
    const e = parseError(text, path, kind);
    expect(e).toBeInstanceOf(InputError);
    expect(e.file).toBe(path);
    expect(e.line).toBe(line);
    expect(e.message.startsWith(`${path}:${line}: `)).toBe(true);
    expect(e.message).toMatch(message);
    expect(e.message).not.toContain('\n');
  });

  test('the example message from the brief', () => {
    expect(parseError('module m\n\ngo 1.21.x\n').message).toBe(
      'go.mod:3: invalid go version "1.21.x": expected a Go version like 1.21 or 1.21.3 or 1.21rc1'
    );
  });
});

describe('mainGoVersion', () => {
  test.each<[string, Kind, string]>([
    ['module m\ngo 1.22.3\n', 'go.mod', '1.22.3'],
    ['module m\n', 'go.mod', '1.16'],
    ['use ./a\n', 'go.work', '1.18'],
    ['go 1.21rc1\n', 'go.work', '1.21rc1']
  ])('%j (%s) -> %s', (text, kind, want) => {
    expect(mainGoVersion(parseModFile(text, kind, kind))).toBe(want);
  });
});

describe('unquoteGoString (strconv.Unquote for "...")', () => {
  test.each<[string, string | undefined]>([
    ['"abc"', 'abc'],
    ['""', ''],
    ['"a\\tb"', 'a\tb'],
    ['"\\x41\\101\\u00e9\\U0001F600"', 'AAé😀'],
    ['"\\\\"', '\\'],
    ['"\\""', '"'],
    ['"\\\'"', undefined],
    ['"\\q"', undefined],
    ['"\\x4"', undefined],
    ['"\\400"', undefined],
    ['"\\ud800"', undefined],
    ['"a"b"', undefined],
    ['"abc', undefined],
    ['abc', undefined]
  ])('%s -> %j', (s, want) => {
    expect(unquoteGoString(s)).toBe(want);
  });
});

describe('parseModFile: godebug lines are kept (x/mod modfile\'s "godebug" rules)', () => {
  test.each<[string, string, Kind, [string, string, number][]]>([
    ['one line', 'module m\ngo 1.23\ngodebug panicnil=1\n', 'go.mod', [['panicnil', '1', 3]]],
    [
      'a block with comments and CRLF',
      'module m\r\ngodebug ( // defaults\r\n\tdefault=go1.21 // base\r\n\r\n\t// x=1\r\n\tpanicnil=1\r\n)\r\n',
      'go.mod',
      [
        ['default', 'go1.21', 3],
        ['panicnil', '1', 6]
      ]
    ],
    [
      'lines and blocks in order',
      'godebug a=1\ngodebug (\n\tb=2\n)\ngodebug c=3\n',
      'go.mod',
      [
        ['a', '1', 1],
        ['b', '2', 3],
        ['c', '3', 5]
      ]
    ],
    [
      'an empty key or value is syntax (CheckGodebug judges it)',
      'godebug x=\ngodebug =1\n',
      'go.mod',
      [
        ['x', '', 1],
        ['', '1', 2]
      ]
    ],
    ['the first "=" splits', 'godebug a=b=c\n', 'go.mod', [['a', 'b=c', 1]]],
    ['a comment glued to the value', 'godebug panicnil=1// old\n', 'go.mod', [['panicnil', '1', 1]]],
    ['an empty block', 'godebug ()\ngo 1.23\n', 'go.mod', []],
    ['go.work', 'go 1.23\ngodebug default=go1.21\nuse .\n', 'go.work', [['default', 'go1.21', 2]]],
    ['go.work block', 'go 1.23\ngodebug (\n\ttlssha1=1\n)\n', 'go.work', [['tlssha1', '1', 3]]],
    ['none', 'module m\ngo 1.22\n', 'go.mod', []]
  ])('%s', (_name, text, kind, want) => {
    const m = parseModFile(text, kind, kind);
    expect(m.godebug.map((g) => [g.value.key, g.value.value, g.line])).toEqual(want);
  });

  test.each<[string, string, Kind, number, RegExp]>([
    [
      'no argument',
      'module m\ngodebug\n',
      'go.mod',
      2,
      /godebug directive has 0 arguments: .*usage: godebug key=value/
    ],
    ['two arguments', 'godebug a=1 b=2\n', 'go.mod', 1, /godebug directive has 2 arguments/],
    ['a comma splits the line into tokens', 'godebug a=1,b=2\n', 'go.mod', 1, /godebug directive has 3 arguments/],
    [
      'a quoted argument',
      'godebug "a=1"\n',
      'go.mod',
      1,
      /invalid godebug "\\"a=1\\"": expected key=value without quotes/
    ],
    ['a quote in the value', "godebug a='1'\n", 'go.work', 1, /invalid godebug "a='1'"/],
    [
      'no "="',
      'go 1.23\ngodebug panicnil\n',
      'go.work',
      2,
      /invalid godebug "panicnil": expected key=value like panicnil=1/
    ],
    [
      'a block entry with two words',
      'godebug (\n\ta=1\n\ta=1 b=2\n)\n',
      'go.mod',
      3,
      /godebug directive has 2 arguments/
    ],
    ['a block entry without "="', 'godebug (\n\tpanicnil\n)\n', 'go.work', 2, /invalid godebug "panicnil"/],
    ['godebug x ( in go.mod', 'godebug x (\n\ta=1\n)\n', 'go.mod', 1, /unknown block type "godebug x \("/],
    ['godebug x ( in go.work', 'go 1.23\ngodebug x (\n\ta=1\n)\n', 'go.work', 2, /unknown block type "godebug x \("/]
  ])('%s', (_name, text, kind, line, message) => {
    const e = parseError(text, kind, kind);
    expect(e).toBeInstanceOf(InputError);
    expect(e.file).toBe(kind);
    expect(e.line).toBe(line);
    expect(e.message.startsWith(`${kind}:${line}: `)).toBe(true);
    expect(e.message).toMatch(message);
  });
});
