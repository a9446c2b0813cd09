/** Maps every failure to `{ error: { code, message, details } }` (errorBodySchema, src/http/responses.ts); bad input is never a 500. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { AppError, DomainError } from '../errors.ts';

/** How long a client should wait before trying again while the database is away (the embedded one restarts within seconds). */
export const DATABASE_RETRY_SECONDS = 5;

function send(reply: FastifyReply, status: number, code: string, message: string, details?: unknown) {
  return reply.status(status).type('application/json').send({ error: { code, message, details } });
}

// Fastify's own errors for malformed requests, by their stable codes.
const FASTIFY_CODES: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'request.malformed_json', 'The body is not valid JSON.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'request.empty_body', 'The body is empty but JSON was declared.'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'request.too_large', 'The body is larger than the 2 MB limit.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'request.unsupported_media_type', 'Send JSON or YAML.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'request.bad_content_length', 'Content-Length does not match the body.'],
  FST_ERR_BAD_URL: [400, 'request.bad_url', 'The URL is malformed.'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'request.url_too_long', 'A path segment of the URL is too long.'],
  FST_ERR_ASYNC_CONSTRAINT: [400, 'request.invalid', 'The request could not be routed.'],
};

/** An AppError whose details say when to come back (429, 503) also answers it as Retry-After. */
function retryAfterOf(details: unknown): number | undefined {
  const seconds = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' ? seconds : undefined;
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof DomainError) {
    const retryAfter = retryAfterOf(error.details);
    if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
    // Pure code fails only on the input it was handed: the caller's bad input, 400.
    const status = error instanceof AppError ? error.status : 400;
    return send(reply, status, error.code, error.message, error.details);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({
      path: `${error.validationContext ?? 'body'}${v.instancePath}`,
      message: v.message ?? 'invalid',
    }));
    const first = issues[0];
    return send(reply, 400, 'request.invalid', first ? `${first.path}: ${first.message}` : 'Invalid request.', { issues });
  }
  const known = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (known) return send(reply, known[0], known[1], known[2]);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return send(reply, error.statusCode, 'request.invalid', error.message);
  }
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: error }, 'database unavailable');
    reply.header('retry-after', String(DATABASE_RETRY_SECONDS));
    return send(reply, 503, 'service.database_unavailable', 'The database is not reachable right now; try again in a few seconds.');
  }
  request.log.error({ err: error }, 'unhandled error');
  return send(reply, 500, 'internal', 'Something went wrong on our side; it has been logged.');
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return send(reply, 404, 'route.not_found', `No route ${request.method} ${request.url.split('?')[0]}.`);
}

/** Errors Fastify raises before routing (malformed URL, over-long path segment). */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  return errorHandler(error, request, reply);
}
