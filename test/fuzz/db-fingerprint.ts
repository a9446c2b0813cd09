/** A fingerprint of the database's application data, to prove a refused request wrote nothing. */
import pg from 'pg';
import type { Pool } from '../../src/db/pool.ts';

/**
 * Tables a refused request may legitimately change. `rate_limits`: sign-in, sign-up, token,
 * password and lint attempts are counted before the answer is known, refused ones above all —
 * counting them is the table's purpose.
 */
export const CHANGED_BY_REFUSED_REQUESTS: readonly string[] = ['rate_limits'];

export type Fingerprint = Record<string, string>;

/**
 * Per table of the public schema (except those above): its row count and the sum of its rows'
 * `xmin`, the id of the transaction that wrote each row version. A committed insert, update or delete
 * changes one or the other — an update even when it writes the same values — while a rolled-back
 * write leaves both as they were. Cheaper than hashing every row's text, which the suite does
 * thousands of times. One prepared statement: the tables are read once.
 */
export async function fingerprinter(pool: Pool): Promise<() => Promise<Fingerprint>> {
  const { rows: tables } = await pool.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND NOT tablename = ANY($1) ORDER BY tablename`,
    [CHANGED_BY_REFUSED_REQUESTS],
  );
  const text = tables
    .map(
      ({ name }) =>
        `SELECT ${pg.escapeLiteral(name)} AS name, count(*) || ':' || coalesce(sum(t.xmin::text::bigint), 0) AS print FROM ${pg.escapeIdentifier(name)} t`,
    )
    .join(' UNION ALL ');
  return async () => {
    const { rows } = await pool.query<{ name: string; print: string }>({ name: 'fuzz_fingerprint', text });
    return Object.fromEntries(rows.map((r) => [r.name, r.print]));
  };
}
