import fc from 'fast-check';
import { InputError } from '../../src/errors.js';
import { parseModFile } from '../../src/go/modfile.js';

const SEED = 20261125;
const RUNS = Number(process.env.PROPERTY_RUNS ?? 300) || 300;
const opts = { seed: SEED, numRuns: RUNS };

const kindArb = fc.constantFrom<'go.mod' | 'go.work'>('go.mod', 'go.work');

/** Pieces of go.mod / go.work syntax, glued at random. */
const token = fc.constantFrom(
  'module',
  'go',
  'toolchain',
  'use',
  'require',
  'replace',
  'godebug',
  'tool',
  'ignore',
  '(',
  ')',
  '()',
  '[',
  ']',
  ',',
  '=>',
  '//',
  '// c',
  '/*',
  '*/',
  '/',
  '"',
  '`',
  '"a b"',
  '`x`',
  '"\\',
  '1.21',
  '1.21.3',
  '1.21rc1',
  '1',
  'v1.2',
  '1.21.x',
  'go1.22.3',
  'default',
  'local',
  'example.com/m',
  './a',
  '..',
  ' ',
  '  ',
  '\t',
  '\r',
  '\n',
  '\r\n',
  '\\',
  '\u00a0',
  '\uFEFF',
  '\x00',
  'é',
  '😀',
  '\ud800'
);
const tokenSoup = fc.array(token, { maxLength: 40 }).map((ts) => ts.join(''));

/** Line-shaped soup: directive, blanks, argument(s), optional comment. */
const lineSoup = fc
  .array(
    fc.tuple(
      fc.constantFrom('', ' ', '\t'),
      fc.constantFrom('module', 'go', 'toolchain', 'use', 'require', 'godebug', ')', 'x'),
      fc.array(fc.tuple(fc.constantFrom(' ', '\t', '  '), token), { maxLength: 3 }),
      fc.constantFrom('', ' // c', '//', ' /* c */'),
      fc.constantFrom('\n', '\r\n', '')
    ),
    { maxLength: 12 }
  )
  .map((lines) =>
    lines.map(([ind, verb, args, com, nl]) => ind + verb + args.map(([b, t]) => b + t).join('') + com + nl).join('')
  );

const anyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.string({
    unit: fc.constantFrom('g', 'o', ' ', '1', '.', '2', '\n', '(', ')', '/', '*', '"', '`', '\r', '\t'),
    maxLength: 80
  }),
  tokenSoup,
  lineSoup
);

describe('parseModFile never throws anything but InputError', () => {
  test('any text gives a ModFile or an InputError naming file:line', () => {
    fc.assert(
      fc.property(anyText, kindArb, (text, kind) => {
        const path = `dir/${kind}`;
        try {
          const m = parseModFile(text, path, kind);
          expect(m.kind).toBe(kind);
          expect(m.path).toBe(path);
          const lines = text.split('\n').length;
          for (const l of [m.module, m.go, m.toolchain, ...m.use]) {
            if (l) expect(l.line >= 1 && l.line <= lines).toBe(true);
          }
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          const err = e as InputError;
          const lines = text.split('\n').length;
          expect(err.file).toBe(path);
          expect(Number.isInteger(err.line)).toBe(true);
          expect((err.line as number) >= 1 && (err.line as number) <= lines).toBe(true);
          expect(err.message.startsWith(`${path}:${err.line}: `)).toBe(true);
          expect(err.message).not.toMatch(/[\n\r\u0085\u2028\u2029]/);
        }
      }),
      opts
    );
  });
});

describe('parseModFile reads back what was written', () => {
  const decimal = fc.oneof(fc.nat({ max: 40 }).map(String), fc.bigInt({ min: 1n, max: 10n ** 20n }).map(String));
  const goVersion = fc
    .tuple(
      fc.constant('1'),
      decimal,
      fc.option(decimal, { nil: undefined }),
      fc.option(fc.tuple(fc.constantFrom('rc', 'beta', 'alpha'), fc.integer({ min: 1, max: 9 })), { nil: undefined })
    )
    .map(([ma, mi, pa, pre]) => `${ma}.${mi}${pa !== undefined ? `.${pa}` : ''}${pre ? pre[0] + pre[1] : ''}`);
  const blank = fc.constantFrom(' ', '\t', '  \t ', ' \r');
  const eol = fc.constantFrom('\n', '\r\n', ' // note\n', '\t//x\r\n');
  const filler = fc.constantFrom(
    '',
    '\n',
    '// comment\n',
    'require (\n\tgo v1.0.0\n)\n',
    'godebug default=go1.21\n',
    'gopher 1.99\n',
    'replace a => ./a\n'
  );

  test('go, toolchain and module lines with any blanks, comments and line endings', () => {
    fc.assert(
      fc.property(
        goVersion,
        fc.option(goVersion, { nil: undefined }),
        blank,
        blank,
        eol,
        eol,
        filler,
        filler,
        fc.boolean(),
        (go, tc, b1, b2, e1, e2, f1, f2, quoted) => {
          const modLine = quoted ? 'module "example.com/m"\n' : 'module example.com/m\n';
          const text = modLine + f1 + `go${b1}${go}${e1}` + f2 + (tc ? `toolchain${b2}go${tc}${e2}` : '');
          const m = parseModFile(text, 'go.mod', 'go.mod');
          const lineOf = (needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;
          expect(m.module).toEqual({ value: 'example.com/m', line: 1 });
          expect(m.go).toEqual({ value: go, line: lineOf(`go${b1}${go}`) });
          expect(m.toolchain).toEqual(tc ? { value: `go${tc}`, line: lineOf(`toolchain${b2}`) } : undefined);
        }
      ),
      opts
    );
  });

  test('go.work use entries, single and in blocks, in order', () => {
    const dir = fc.stringMatching(/^\.{1,2}(\/[a-z0-9_-]{1,8}){0,3}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(dir, fc.boolean(), fc.boolean()), { maxLength: 8 }), eol, (entries, nl) => {
        let text = `go 1.22${nl}`;
        const want: { value: string; line: number }[] = [];
        let line = 2;
        for (const [d, inBlock, quoted] of entries) {
          const arg = quoted ? JSON.stringify(d) : d;
          if (inBlock) {
            text += `use (${nl}\t${arg}${nl})${nl}`;
            want.push({ value: d, line: line + 1 });
            line += 3;
          } else {
            text += `use ${arg}${nl}`;
            want.push({ value: d, line });
            line += 1;
          }
        }
        expect(parseModFile(text, 'go.work', 'go.work').use).toEqual(want);
      }),
      opts
    );
  });
});
