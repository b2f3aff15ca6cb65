import fc from 'fast-check';
import { InputError } from '../../../src/errors.js';
import { parseDockerfile } from '../../../src/go/readers/dockerfile.js';
import { parseGoVersionFile } from '../../../src/go/readers/go-version-file.js';
import { parseMiseToml } from '../../../src/go/readers/mise-toml.js';
import { parseToolVersions } from '../../../src/go/readers/tool-versions.js';

const SEED = 20261125;
const RUNS = Number(process.env.PROPERTY_RUNS ?? 300) || 300;
const opts = { seed: SEED, numRuns: RUNS };

const piece = fc.constantFrom(
  '[tools]',
  '[tools.go]',
  '[[tools]]',
  'go',
  'golang',
  '"go"',
  ' = ',
  '=',
  '"1.22.3"',
  "'1.22'",
  '["1.22", "1.21"]',
  '{ version = "1.22" }',
  '[',
  ']',
  '{',
  '}',
  ',',
  '"',
  "'",
  '"""',
  "'''",
  '\\',
  '#',
  'latest',
  'prefix:1.22',
  '1.22.x',
  'FROM',
  'from',
  'ARG',
  'golang:1.22-alpine',
  'golang:${V}',
  '${V:-1.21}',
  '$V',
  'V=1.22.3',
  '--platform=x',
  'AS',
  '<<EOF',
  'EOF',
  '# escape=`',
  '`',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '\uFEFF',
  '\u2028',
  'é',
  '\x00'
);
const text = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.array(piece, { maxLength: 40 }).map((p) => p.join(''))
);

/** Calls fn; passes when it returns or throws an InputError that names file:line on one line. */
function onlyInputError(fn: () => unknown, file: string, src: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const err = e as InputError;
    expect(err.file).toBe(file);
    expect((err.line as number) >= 1 && (err.line as number) <= src.split(/\r\n|\n|\r/).length).toBe(true);
    expect(err.message.startsWith(`${file}:${err.line}: `)).toBe(true);
    expect(err.message).not.toMatch(/[\n\r\u0085\u2028\u2029]/);
  }
}

describe('version file readers never throw anything but InputError', () => {
  test.each([
    ['.go-version', parseGoVersionFile],
    ['.tool-versions', parseToolVersions],
    ['mise.toml', parseMiseToml]
  ] as const)('%s', (file, parse) => {
    fc.assert(
      fc.property(text, (src) => onlyInputError(() => parse(src, file), file, src)),
      opts
    );
  });

  test('Dockerfile never throws, and every declaration is a valid version on a real line', () => {
    fc.assert(
      fc.property(text, (src) => {
        const ds = parseDockerfile(src, 'Dockerfile');
        const lines = src.split(/\r\n|\n|\r/).length;
        for (const d of ds) {
          expect(d.version).toMatch(/^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$/);
          expect(d.line >= 1 && d.line <= lines).toBe(true);
        }
      }),
      opts
    );
  });
});
