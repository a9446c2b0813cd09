/**
 * Every expected failure is an AppError with a stable string code. The HTTP layer maps it to
 * `{ error: { code, message, details } }` with `status`; the CLI prints `code: message`.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;

  constructor(code: string, message: string, status = 400, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export const notFound = (what: string, id: string): AppError =>
  new AppError(`${what}.not_found`, `No ${what} with id "${id}" in this workspace.`, 404, { id });

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
