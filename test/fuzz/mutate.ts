/**
 * Near misses: a value that was valid, broken in one to three places — a field given a wrong type or
 * a hostile value, a field removed (a missing required one), an unknown field added. Most of the
 * value still validates, so the broken part is what the code under test meets.
 */
import fc from 'fast-check';
import { anyJson, anyString, deeplyNested } from './hostile.ts';

/** Dates at and past the edges of the calendar and of Postgres, numbers past every limit, empty and huge values. */
const EDGE_VALUES: readonly unknown[] = [
  '0000-01-01',
  '0001-01-01',
  '9999-12-31',
  '9999-12-31T23:59:59Z',
  '0000-01-01T00:00',
  '2027-02-30',
  '2027-02-29T24:00',
  1e308,
  -1e308,
  2 ** 53 + 2,
  -1,
  0,
  0.5,
  '',
  [],
  {},
  null,
  true,
  'a\u0000b',
  '\ud83d',
];

const HUGE: readonly unknown[] = ['x'.repeat(300_000), deeplyNested(2000, false), deeplyNested(2000, true)];

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: anyJson },
  { weight: 3, arbitrary: fc.constantFrom(...EDGE_VALUES) },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE) },
);

type Path = (string | number)[];

/** Every path into a JSON value (the root is []). */
function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) for (const [i, v] of value.entries()) pathsOf(v, [...prefix, i], out);
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

/** `source` with one to three edits; a value that is not a collection is replaced whole. */
export function mutatedValue(source: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(source);
  const edit = fc.tuple(fc.constantFrom(...paths), fc.constantFrom('replace', 'remove', 'add'), hostileValue, anyString);
  return fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
    let doc: unknown = structuredClone(source);
    // Deepest first, so no edit lands inside a value an earlier one put in: those are shared (the
    // constants above, fast-check's values while shrinking) and must stay as they are, without cycles.
    const deepestFirst = [...edits].sort((a, b) => b[0].length - a[0].length);
    for (const [path, op, value, newKey] of deepestFirst) {
      if (path.length === 0) {
        if (op === 'replace') doc = value;
        continue;
      }
      const parent = path.slice(0, -1).reduce<unknown>((v, k) => (v as Record<string | number, unknown> | null | undefined)?.[k], doc);
      if (parent === null || typeof parent !== 'object') continue; // an earlier edit replaced an ancestor
      const container = parent as Record<string | number, unknown>;
      const last = path[path.length - 1]!;
      if (op === 'replace') container[last] = value;
      else if (op === 'remove' && Array.isArray(container)) container.splice(Number(last), 1);
      else if (op === 'remove') delete container[last];
      // As JSON.parse makes it: an own property, even for "__proto__".
      else if (!Array.isArray(container))
        Object.defineProperty(container, newKey, { value, enumerable: true, writable: true, configurable: true });
    }
    return doc;
  });
}
