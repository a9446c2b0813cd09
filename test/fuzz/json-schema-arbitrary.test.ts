import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { campaignSchema, strategySchema } from '../../src/plan/schema.ts';
import { arbitraryFor, type JsonSchema } from './json-schema-arbitrary.ts';

/** As fastify-type-provider-zod writes a route's schema into the OpenAPI document. */
const toJsonSchema = (schema: z.ZodType): JsonSchema => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** Every generated value must pass the zod schema the JSON Schema came from. */
function expectValid(schema: z.ZodType, numRuns = 200): void {
  fc.assert(
    fc.property(arbitraryFor(toJsonSchema(schema)), (value) => {
      const parsed = schema.safeParse(value);
      expect(parsed.error?.issues ?? [], JSON.stringify(value)).toEqual([]);
    }),
    { numRuns, seed: 1 },
  );
}

describe('arbitraryFor: generated values validate against their schema', () => {
  it('strings: lengths, patterns, enums, constants, formats', () => {
    expectValid(z.string().min(3).max(5));
    expectValid(z.string().regex(/^[A-Z]{3}$/));
    expectValid(
      z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/)
        .max(20),
    );
    expectValid(z.enum(['a', 'b', 'c']));
    expectValid(z.literal('strategy'));
    expectValid(z.uuid());
    expectValid(z.email());
    expectValid(z.url());
    expectValid(z.iso.date());
    expectValid(z.iso.datetime({ offset: true }));
  });

  it('numbers: integers and doubles within inclusive and exclusive bounds', () => {
    expectValid(z.number());
    expectValid(z.number().min(0).max(1));
    expectValid(z.number().positive().max(1440));
    expectValid(z.number().gt(-1).lt(1));
    expectValid(z.number().int());
    expectValid(z.number().int().min(1).max(2000));
    expectValid(z.number().int().gt(0).lt(10));
    expectValid(z.number().int().min(-527_040).max(527_040));
  });

  it('booleans, null, nullable and optional values, defaults', () => {
    expectValid(z.boolean());
    expectValid(z.null());
    expectValid(z.string().nullable());
    expectValid(z.strictObject({ a: z.string().optional(), b: z.number().default(3), c: z.boolean().nullish() }));
  });

  it('arrays with item counts', () => {
    expectValid(z.array(z.string()).min(1).max(3));
    expectValid(z.array(z.strictObject({ id: z.string().min(1) })).max(50));
  });

  it('objects: required and optional properties, strict, records with key patterns, nesting', () => {
    expectValid(z.strictObject({ id: z.string(), name: z.string().min(1), tags: z.array(z.string()) }));
    expectValid(z.object({ a: z.number() }));
    expectValid(z.record(z.string().regex(/^[a-z]{1,5}$/), z.strictObject({ text: z.string().max(10) })));
    expectValid(z.record(z.string(), z.unknown()));
    expectValid(z.strictObject({ outer: z.strictObject({ inner: z.strictObject({ leaf: z.enum(['x']) }) }) }));
  });

  it('unions, discriminated unions and intersections', () => {
    expectValid(z.union([z.string(), z.number(), z.array(z.boolean())]));
    expectValid(
      z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('a'), x: z.string() }),
        z.strictObject({ kind: z.literal('b'), y: z.number() }),
      ]),
    );
    expectValid(z.intersection(z.object({ a: z.string() }), z.object({ b: z.number() })));
  });

  it('the plan documents, the largest schemas of the API', () => {
    expectValid(strategySchema, 100);
    expectValid(campaignSchema, 100);
  });
});
