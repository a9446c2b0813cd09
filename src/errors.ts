/**
 * Every expected failure has a stable string code. Pure domain code (the plan model and its rules,
 * post content) throws a DomainError, which knows nothing of transports; services throw an AppError,
 * a DomainError with the HTTP status it answers. The HTTP layer sends either as
 * `{ error: { code, message, details } }` (a DomainError's status from its code, src/http/errors.ts);
 * the CLI prints `code: message`.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly details: unknown;

  constructor(code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export class AppError extends DomainError {
  readonly status: number;

  constructor(code: string, message: string, status = 400, details?: unknown) {
    super(code, message, details);
    this.name = 'AppError';
    this.status = status;
  }
}

export const notFound = (what: string, id: string): AppError =>
  new AppError(`${what}.not_found`, `No ${what} with id "${id}" in this workspace.`, 404, { id });

/** Any expected failure, pure or not (what the CLI prints as `code: message`). */
export const isAppError = (e: unknown): e is DomainError => e instanceof DomainError;
