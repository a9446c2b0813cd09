/**
 * One preValidation hook for the whole API: every parsed body, path parameter and query parameter
 * (keys too) is checked for text Postgres cannot store (src/invalid-text.ts) before any route's
 * schema runs, so it is a coded 400 instead of a database error. A YAML body is a string here (raw
 * NULs are caught); its escapes are checked by the plan loader once parsed.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { findInvalidText, INVALID_TEXT_MESSAGE } from '../invalid-text.ts';

/** preValidation hook: 400 `request.invalid_text` naming where (`body`, `params` or `query`, and a JSON pointer). */
export async function rejectInvalidText(request: FastifyRequest): Promise<void> {
  for (const where of ['params', 'query', 'body'] as const) {
    const pointer = findInvalidText(request[where]);
    if (pointer === null) continue;
    throw new AppError('request.invalid_text', `${where}${pointer}: ${INVALID_TEXT_MESSAGE}.`, 400, { in: where, pointer });
  }
}
