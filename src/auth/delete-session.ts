import type { Queryable } from '../db/pool.ts';
import { isSessionTokenShape, sha256Hex } from './secrets.ts';

/** Ends the session the token belongs to, if any. */
export async function deleteSession(q: Queryable, token: string | undefined): Promise<void> {
  if (!token || !isSessionTokenShape(token)) return;
  await q.query('DELETE FROM sessions WHERE token_hash = $1', [sha256Hex(token)]);
}
