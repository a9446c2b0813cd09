/** OpenAPI helpers for route schemas: error statuses share the one error shape; 204 has no body. */
import { z } from 'zod';
import { errorBodySchema } from '../http/errors.ts';

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 429 | 503;

export function errorResponses<S extends ErrorStatus>(...statuses: S[]): Record<S, typeof errorBodySchema> {
  return Object.fromEntries(statuses.map((s) => [s, errorBodySchema])) as Record<S, typeof errorBodySchema>;
}

export const noContent = z.null().describe('No content.');
