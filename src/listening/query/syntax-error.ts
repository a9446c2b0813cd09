import { DomainError } from '../../errors.ts';

/** A query that cannot be parsed: `position` is the 0-based offset in the query the message points at. */
export class QuerySyntaxError extends DomainError {
  readonly position: number;

  constructor(message: string, position: number, details: Record<string, unknown> = {}) {
    super('listening.query_syntax', `${message} at ${position}`, { ...details, position });
    this.name = 'QuerySyntaxError';
    this.position = position;
  }
}
