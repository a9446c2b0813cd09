/**
 * Values that have broken input handling elsewhere: text Postgres cannot store, dates it has no year
 * for, numbers past every limit, keys that mean something to JavaScript objects.
 */
import fc from 'fast-check';

/** One UTF-16 code unit, surrogate halves included: strings with lone surrogates. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

export const hostileStrings: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud83d',
  'x\udc00y',
  '%00',
  '%',
  '%zz',
  '..',
  '../../etc/passwd',
  '\\',
  "' OR 1=1 --",
  '__proto__',
  'constructor',
  'toString',
  '0000-01-01',
  '0000-01-01T00:00:00Z',
  '9999-12-31',
  '10000-01-01',
  '2027-02-30',
  '2027-13-01T25:61',
  '-0',
  '1e309',
  'NaN',
  'null',
  'true',
  '\u202e\u200b\ufeff',
  'e\u0301\u0301\u0301',
  '😀',
  '\r\n',
  'a'.repeat(201),
  'b'.repeat(10_001),
];

export const hostileNumbers: readonly number[] = [
  0,
  -0,
  -1,
  0.5,
  1e-320,
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 63),
  1e21,
  1.7976931348623157e308,
  -1.7976931348623157e308,
];

/** Any string: mostly short printable text, sometimes full unicode or raw code units (lone surrogates, NUL), sometimes a known troublemaker. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 30 }) },
  { weight: 3, arbitrary: fc.constantFrom(...hostileStrings) },
);

export const anyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(...hostileNumbers),
);

/** JSON nested `depth` levels deep, as an array or an object. */
export function deeplyNested(depth: number, asObject: boolean): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = asObject ? { a: v } : [v];
  return v;
}

/** Any JSON value, a little nested, built from the hostile leaves. */
export const anyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    anyString,
    anyNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(anyString, tie('value'), { maxKeys: 4 }),
  ),
})).value;
