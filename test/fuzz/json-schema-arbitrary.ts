/**
 * JSON Schema (the subset zod writes into the OpenAPI document) → fast-check arbitrary of values
 * that validate against it. Best effort where JSON Schema cannot say everything zod checks (trim,
 * refinements): such values are then refused with a 400, which the fuzzing accepts too.
 * Sizes are kept small (a few items and keys, strings near their minimum): valid values are meant
 * to get requests past validation into the handlers; huge values come from ./mutate.ts.
 */
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  // strings
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  // numbers
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  // arrays
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  // objects
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
}

/** Extra length or items generated past a minimum. */
const SLACK = 12;
const MAX_EXTRA_KEYS = 3;

/** A value of any JSON type, for schemas that say nothing (`{}`, z.unknown()). */
const anyValue: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 2 });

export function arbitraryFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.nullable === true) return fc.oneof(fc.constant(null), arbitraryFor({ ...schema, nullable: false }));
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives !== undefined) {
    const { anyOf: _a, oneOf: _o, ...rest } = schema;
    return fc.oneof(...alternatives.map((alt) => arbitraryFor({ ...rest, ...alt })));
  }
  if (schema.allOf !== undefined) {
    const { allOf, ...rest } = schema;
    return arbitraryFor(allOf.reduce<JsonSchema>(mergeSchemas, rest));
  }
  const type = schema.type ?? inferType(schema);
  if (Array.isArray(type)) return fc.oneof(...type.map((t) => arbitraryFor({ ...schema, type: t })));
  switch (type) {
    case 'string':
      return stringFor(schema);
    case 'integer':
      return integerFor(schema);
    case 'number':
      return numberFor(schema);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(schema.items === undefined ? anyValue : arbitraryFor(schema.items), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? Infinity, (schema.minItems ?? 0) + 4),
      });
    case 'object':
      return objectFor(schema);
    default:
      return anyValue;
  }
}

function inferType(schema: JsonSchema): string | undefined {
  if (schema.properties !== undefined || schema.additionalProperties !== undefined) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

/** allOf, as far as generation needs: constraints of both, properties and required lists joined. */
function mergeSchemas(a: JsonSchema, b: JsonSchema): JsonSchema {
  return {
    ...a,
    ...b,
    ...(a.properties || b.properties ? { properties: { ...a.properties, ...b.properties } } : {}),
    ...(a.required || b.required ? { required: [...new Set([...(a.required ?? []), ...(b.required ?? [])])] } : {}),
  };
}

function lengthFits(schema: JsonSchema): (s: string) => boolean {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Infinity;
  // JSON Schema counts code points.
  return (s) => {
    const n = [...s].length;
    return n >= min && n <= max;
  };
}

/** Zod's own formats, as its JSON Schema names them. */
const FORMATS: Record<string, fc.Arbitrary<string>> = {
  uuid: fc.uuid(),
  email: fc.emailAddress(),
  uri: fc.webUrl(),
  date: fc
    .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9899-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  'date-time': fc
    .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
    .map((d) => d.toISOString()),
};

const instant = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

/** Strings of familiar kinds, offered where a pattern accepts them. */
const FAMILIAR: readonly fc.Arbitrary<string>[] = [
  instant,
  instant.map((s) => s.slice(0, 10)),
  instant.map((s) => s.slice(0, 16)),
  instant.map((s) => s.slice(0, 19)),
  instant.map((s) => s.slice(11, 16)),
];

function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  const fits = lengthFits(schema);
  const pattern = schema.pattern === undefined ? undefined : new RegExp(schema.pattern);
  const format = schema.format === undefined ? undefined : FORMATS[schema.format];
  // Zod writes a format's regex as the pattern too; the format's own generator is cheaper, except
  // for email, where zod's regex is far stricter than RFC 5322 and rejects most generated addresses.
  if (format !== undefined && (pattern === undefined || schema.format !== 'email')) {
    return format.filter((s) => fits(s) && (pattern === undefined || pattern.test(s)));
  }
  if (pattern !== undefined) {
    // A pattern says the shape, not the meaning (a month 1–12, a day that exists): values of a
    // familiar kind that the pattern accepts get further past validation than random matches.
    const familiar = FAMILIAR.filter((kind) => fc.sample(kind, { numRuns: 10, seed: 1 }).every((v) => pattern.test(v)));
    return fc.oneof(fc.stringMatching(pattern), ...familiar).filter(fits);
  }
  const minLength = schema.minLength ?? 0;
  const text = fc.string({ minLength, maxLength: Math.min(schema.maxLength ?? Infinity, minLength + SLACK) });
  // Zod trims most text before its minimum length is checked; blank text would only ever be refused.
  return minLength === 0 ? text : text.map((s) => (s.trim() === '' ? `x${s.slice(1)}` : s));
}

const INT32 = 2 ** 31 - 1;

function bounds(schema: JsonSchema): { min: number; max: number; minExcluded: boolean; maxExcluded: boolean } {
  // Draft 2020-12 writes exclusive bounds as numbers; OpenAPI 3.0 as booleans beside minimum/maximum.
  const exMin = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : undefined;
  const exMax = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : undefined;
  return {
    min: exMin ?? schema.minimum ?? -Number.MAX_VALUE,
    max: exMax ?? schema.maximum ?? Number.MAX_VALUE,
    minExcluded: exMin !== undefined || schema.exclusiveMinimum === true,
    maxExcluded: exMax !== undefined || schema.exclusiveMaximum === true,
  };
}

function integerFor(schema: JsonSchema): fc.Arbitrary<number> {
  const b = bounds(schema);
  const min = Math.max(Math.ceil(b.min) + (b.minExcluded && Number.isInteger(b.min) ? 1 : 0), -INT32 - 1);
  const max = Math.min(Math.floor(b.max) - (b.maxExcluded && Number.isInteger(b.max) ? 1 : 0), INT32);
  // fc.integer is 32-bit; zod's default int bounds (±2^53) are represented by their ends.
  const ends = [b.min, b.max].filter((n) => Number.isSafeInteger(n) && !(n === b.min && b.minExcluded) && !(n === b.max && b.maxExcluded));
  return ends.length > 0
    ? fc.oneof({ weight: 9, arbitrary: fc.integer({ min, max }) }, fc.constantFrom(...ends))
    : fc.integer({ min, max });
}

function numberFor(schema: JsonSchema): fc.Arbitrary<number> {
  const b = bounds(schema);
  return fc
    .double({ min: b.min, max: b.max, minExcluded: b.minExcluded, maxExcluded: b.maxExcluded, noNaN: true, noDefaultInfinity: true })
    .map((n) => (Object.is(n, -0) ? 0 : n));
}

function objectFor(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const declared = fc.record(Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, arbitraryFor(s)])), {
    requiredKeys: Object.keys(properties).filter((k) => required.has(k)),
  });
  const extra = schema.additionalProperties;
  if (extra === undefined || extra === false) return declared;
  const keys = (
    schema.propertyNames === undefined
      ? fc.string({ minLength: 1, maxLength: SLACK })
      : (arbitraryFor(schema.propertyNames) as fc.Arbitrary<string>)
  ).filter((k) => !Object.hasOwn(properties, k));
  const values = extra === true ? anyValue : arbitraryFor(extra);
  return fc
    .tuple(declared, fc.dictionary(keys, values, { maxKeys: MAX_EXTRA_KEYS, noNullPrototype: true }))
    .map(([d, more]) => ({ ...more, ...d }));
}
