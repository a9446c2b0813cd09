/** The answers every route shares, for contract entries' `responses`: the one error shape, and a 204's body. Pure (zod only). */
import { z } from 'zod';

/** Every failure: `{ error: { code, message, details } }` (src/http/errors.ts makes it). */
export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 503;

/** The error statuses a route documents, all with the one error shape. */
export function errorResponses<S extends ErrorStatus>(...statuses: S[]): Record<S, typeof errorBodySchema> {
  return Object.fromEntries(statuses.map((s) => [s, errorBodySchema])) as Record<S, typeof errorBodySchema>;
}

/** A 204's body. */
export const noContent = z.null().describe('No content.');
