import { goDebugDirectives, readSourceHeader } from '../../src/go/source-header.js';

describe('readSourceHeader', () => {
  test.each([
    ['package main\n', 'main', 1, []],
    ['\uFEFF// Copyright\n\n//go:build linux\n//go:debug panicnil=1\npackage main // x\n', 'main', 5, [3, 4]],
    ['/* licence\n * //go:debug hidden=1\n */\n//go:debug a=1\npackage tools\n', 'tools', 5, [4]],
    ['//go:debug a=1\r\n\r\npackage  /* c */ foo\r\n', 'foo', 3, [1]],
    ['package main\n//go:debug after=1\n', 'main', 1, []],
    ['// only comments\n', undefined, undefined, []],
    ['/* unterminated', undefined, undefined, []],
    ['func main() {}\npackage main\n', undefined, undefined, []],
    ['packagemain\n', undefined, undefined, []],
    ['package\n// c\nmain\n', 'main', 1, []],
    ['package // c', undefined, undefined, []],
    ['package 1x\n', undefined, undefined, []],
    ['package \u00e9t\u00e9\n', '\u00e9t\u00e9', 1, []]
  ])('%j', (text, name, line, directiveLines) => {
    const h = readSourceHeader(text);
    expect(h.packageName).toBe(name);
    expect(h.packageLine).toBe(line);
    expect(h.directives.map((d) => d.line)).toEqual(directiveLines);
  });

  test('a directive keeps its text without trailing blanks', () => {
    expect(readSourceHeader('//go:debug   x509sha1=1  \t\npackage main').directives).toEqual([
      { text: '//go:debug   x509sha1=1', line: 1 }
    ]);
  });
});

describe('goDebugDirectives (cmd/go load.ParseGoDebug)', () => {
  const of = (lines: string[]) => goDebugDirectives(readSourceHeader(`${lines.join('\n')}\npackage main\n`));
  test.each([
    [['//go:debug panicnil=1'], [{ ok: true, key: 'panicnil', value: '1', line: 1 }]],
    [['//go:debug\tdefault=go1.21'], [{ ok: true, key: 'default', value: 'go1.21', line: 1 }]],
    [['//go:debug'], [{ ok: false, reason: 'missing key=value', line: 1 }]],
    [['//go:debug panicnil'], [{ ok: false, reason: 'missing key=value', line: 1 }]],
    [['//go:debugfoo'], []],
    // Go takes what follows the first blank, whatever precedes it
    [['//go:debugx a=1'], [{ ok: true, key: 'a', value: '1', line: 1 }]],
    [['//go:build linux', '//go:embed x'], []],
    [['//go:debug a=b=c'], [{ ok: true, key: 'a', value: 'b=c', line: 1 }]]
  ])('%j', (lines, expected) => {
    expect(of(lines)).toEqual(expected);
  });
});
