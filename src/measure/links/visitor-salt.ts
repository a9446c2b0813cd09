/**
 * The salt of a day's visitor hashes (visitor_salts): random, made by whoever needs it first that
 * day, and deleted once the day is over. Without it a day's hashes cannot be tied to an address any
 * more, not even by trying every address: that is what makes the unique-visitor count private.
 */
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/pool.ts';

/** `YYYY-MM-DD` of `now` in UTC: the day a visit counts for. */
export const utcDay = (now: Date): string => now.toISOString().slice(0, 10);

// The current day's salt per database (it never changes once made): one query a day, not one a click.
const cache = new WeakMap<Queryable, { day: string; salt: Buffer }>();

/** The salt of `day` (`YYYY-MM-DD`), made when missing; concurrent first calls all get the one that was stored. */
export async function daySalt(q: Queryable, day: string): Promise<Buffer> {
  const cached = cache.get(q);
  if (cached?.day === day) return cached.salt;
  // ON CONFLICT DO NOTHING waits for a concurrent insert of the same day and leaves its salt; the
  // SELECT (a new snapshot) then reads whichever salt won.
  const inserted = await q.query('INSERT INTO visitor_salts (day, salt) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING', [
    day,
    randomBytes(32),
  ]);
  if (inserted.rowCount) await deletePastSalts(q, day);
  const { rows } = await q.query<{ salt: Buffer }>('SELECT salt FROM visitor_salts WHERE day = $1', [day]);
  const salt = rows[0]?.salt;
  // Only a concurrent deletion of that very day (its day over meanwhile) gets here.
  if (!salt) throw new Error(`the visitor salt of ${day} vanished`);
  cache.set(q, { day, salt });
  return salt;
}

/** Deletes the salts of the days before `today` (`YYYY-MM-DD`); answers how many. */
export async function deletePastSalts(q: Queryable, today: string): Promise<number> {
  const { rowCount } = await q.query('DELETE FROM visitor_salts WHERE day < $1', [today]);
  return rowCount ?? 0;
}
