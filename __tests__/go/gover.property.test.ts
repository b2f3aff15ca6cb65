import fc from 'fast-check';
import { compareGo, isValidGo, parseGoVersion, sortGo, type GoVersion } from '../../src/go/gover.js';

const SEED = 20261125;
const RUNS = Number(process.env.PROPERTY_RUNS ?? 300) || 300;
const opts = { seed: SEED, numRuns: RUNS };

/** Decimal without leading zeros: small numbers, numbers around 21, and huge ones. */
const decimal = fc.oneof(fc.nat({ max: 30 }).map(String), fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String));
const kind = fc.constantFrom('alpha', 'beta', 'rc', 'testmod', 'a', 'z');

interface Parts {
  major: string;
  minor?: string;
  patch?: string;
  kind?: string;
  pre?: string;
}

/** Valid Go versions built from parts (MAJOR[.MINOR[.PATCH]][KIND[N]], KIND only after MINOR). */
const partsArb: fc.Arbitrary<Parts> = fc
  .record({
    major: decimal,
    minor: fc.option(decimal, { nil: undefined }),
    patch: fc.option(decimal, { nil: undefined }),
    kind: fc.option(kind, { nil: undefined }),
    pre: fc.option(decimal, { nil: undefined })
  })
  .map((p) => ({
    major: p.major,
    minor: p.minor,
    patch: p.minor !== undefined ? p.patch : undefined,
    kind: p.minor !== undefined ? p.kind : undefined,
    pre: p.minor !== undefined && p.kind !== undefined ? p.pre : undefined
  }));

function build(p: Parts): string {
  let s = p.major;
  if (p.minor !== undefined) s += `.${p.minor}`;
  if (p.patch !== undefined) s += `.${p.patch}`;
  if (p.kind !== undefined) s += p.kind + (p.pre ?? '');
  return s;
}

const validVersion = partsArb.map(build);
/** Strings over the version alphabet: often valid, often subtly malformed. */
const versionish = fc.string({
  unit: fc.constantFrom('0', '1', '2', '9', '.', 'r', 'c', 'b', 'x', '-', 'R'),
  maxLength: 10
});
const anyVersion = fc.oneof(validVersion, versionish, fc.string({ maxLength: 12 }), fc.constant(''));

function format(v: GoVersion): string {
  let s = v.major;
  if (v.minor !== '') s += `.${v.minor}`;
  if (v.patch !== '') s += `.${v.patch}`;
  return s + v.kind + v.pre;
}

/**
 * An independent model of Go's order for versions built from parts: tuples compared left to right.
 * A missing patch is "absent" (below 0) except when Go fills it with 0 (no minor; minor < 21 without
 * a kind). With an absent patch, no kind sorts first; with a patch, no kind sorts last.
 */
function key(p: Parts): bigint[] {
  const major = BigInt(p.major);
  const minor = BigInt(p.minor ?? '0');
  let patch: bigint;
  if (p.patch !== undefined) patch = BigInt(p.patch);
  else if (p.minor === undefined || (minor < 21n && p.kind === undefined)) patch = 0n;
  else patch = -1n;
  const kindRank = (k: string | undefined): bigint => {
    if (k === undefined) return patch === -1n ? -1n : 1000n;
    // lowercase words ordered as strings: encode by comparing against a fixed table of the generator's kinds
    return BigInt(['a', 'alpha', 'beta', 'rc', 'testmod', 'z'].indexOf(k));
  };
  const pre = p.pre === undefined ? -1n : BigInt(p.pre);
  return [major, minor, patch, kindRank(p.kind), pre];
}

function cmpKeys(a: bigint[], b: bigint[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

describe('gover properties', () => {
  test('compare is reflexive and antisymmetric', () => {
    fc.assert(
      fc.property(anyVersion, anyVersion, (a, b) => {
        expect(compareGo(a, a)).toBe(0);
        expect(sign(compareGo(a, b))).toBe(-sign(compareGo(b, a)) || 0);
      }),
      opts
    );
  });

  test('compare is transitive over triples', () => {
    fc.assert(
      fc.property(anyVersion, anyVersion, anyVersion, (a, b, c) => {
        const [x, y, z] = sortGo([a, b, c]);
        expect(compareGo(x, y)).toBeLessThanOrEqual(0);
        expect(compareGo(y, z)).toBeLessThanOrEqual(0);
        expect(compareGo(x, z)).toBeLessThanOrEqual(0);
        if (compareGo(a, b) === 0 && compareGo(b, c) === 0) expect(compareGo(a, c)).toBe(0);
        if (compareGo(a, b) < 0 && compareGo(b, c) <= 0) expect(compareGo(a, c)).toBe(-1);
      }),
      opts
    );
  });

  test('sortGo returns a non-decreasing permutation', () => {
    fc.assert(
      fc.property(fc.array(anyVersion, { maxLength: 20 }), (xs) => {
        const sorted = sortGo(xs);
        expect([...sorted].sort()).toEqual([...xs].sort());
        for (let i = 0; i + 1 < sorted.length; i++) expect(compareGo(sorted[i], sorted[i + 1])).toBeLessThanOrEqual(0);
      }),
      opts
    );
  });

  test('compare agrees with an independent model of Go order on versions built from parts', () => {
    fc.assert(
      fc.property(partsArb, partsArb, (p, q) => {
        expect(sign(compareGo(build(p), build(q)))).toBe(cmpKeys(key(p), key(q)));
      }),
      opts
    );
  });

  test('malformed versions sort below valid ones and equal each other', () => {
    fc.assert(
      fc.property(anyVersion, validVersion, anyVersion, (bad, good, other) => {
        fc.pre(!isValidGo(bad));
        expect(compareGo(bad, good)).toBe(-1);
        if (!isValidGo(other)) expect(compareGo(bad, other)).toBe(0);
      }),
      opts
    );
  });

  test('parse/format round trip', () => {
    fc.assert(
      fc.property(anyVersion, (s) => {
        const v = parseGoVersion(s);
        expect(v === undefined).toBe(!isValidGo(s));
        if (!v) return;
        const formatted = format(v);
        expect(compareGo(formatted, s)).toBe(0);
        expect(parseGoVersion(formatted)).toEqual(v);
      }),
      opts
    );
  });

  test('fully spelled versions format back to the same text', () => {
    fc.assert(
      fc.property(
        decimal,
        decimal,
        decimal,
        fc.option(fc.tuple(kind, decimal), { nil: undefined }),
        (ma, mi, pa, pre) => {
          const s = `${ma}.${mi}.${pa}${pre ? pre[0] + pre[1] : ''}`;
          const v = parseGoVersion(s);
          expect(v).toBeDefined();
          expect(format(v as GoVersion)).toBe(s);
        }
      ),
      opts
    );
  });
});
