import pg from 'pg';
import { silentLogger, type Logger } from '../logger.ts';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
/** Anything that can run a query: the pool or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'>;

// DATE columns come back as 'YYYY-MM-DD' strings, as the plan model writes them, not as local Dates.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
// int8 (counts, bigserial ids) as numbers: they stay far below 2^53 here.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export function createPool(connectionString: string, max = 10, log: Pick<Logger, 'error'> = silentLogger): Pool {
  // A database that does not answer fails a request after 5 s (a 503) instead of holding it forever.
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5_000 });
  // Without a listener, an idle client's error (e.g. Postgres restarting) crashes the process.
  pool.on('error', (err) => log.error(`idle client error: ${err.message}`));
  return pool;
}

/** Runs `fn` in one transaction (`begin` may name an isolation level or READ ONLY); rolls back on any throw. */
export async function withTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** The URL of another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
