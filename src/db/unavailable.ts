/**
 * Tells "the database is not there" apart from every other failure: a refused or dropped connection,
 * a server shutting down or starting up. Those answer 503 with Retry-After (the client should try
 * again shortly), never 500 (a bug).
 */
const CONNECTION_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
// 08: connection exception; 57P01–57P03: admin shutdown, crash shutdown, cannot connect now.
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-3])$/;

export function isDatabaseUnavailable(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const { code } = e as { code?: unknown };
  if (typeof code === 'string' && (CONNECTION_ERRNO.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
  // node-postgres's own wording when the server goes away mid-query or the pool cannot connect in time.
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(e.message);
}
