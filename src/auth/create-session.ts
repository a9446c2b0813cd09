import type { Queryable } from '../db/pool.ts';
import { newSessionToken, sha256Hex } from './secrets.ts';

export interface NewSession {
  /** The secret for the `gw_session` cookie; only its sha256 is stored. */
  token: string;
  expiresAt: Date;
  maxAgeSeconds: number;
}

/** Starts a session for the user (and sweeps their expired ones). */
export async function createSession(q: Queryable, userId: string, ttlDays: number): Promise<NewSession> {
  const token = newSessionToken();
  const maxAgeSeconds = Math.round(ttlDays * 86_400);
  const { rows } = await q.query<{ expires_at: Date }>(
    `INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))
     RETURNING expires_at`,
    [sha256Hex(token), userId, maxAgeSeconds],
  );
  await q.query('DELETE FROM sessions WHERE user_id = $1 AND expires_at <= now()', [userId]);
  return { token, expiresAt: rows[0]!.expires_at, maxAgeSeconds };
}
