import type { Queryable } from '../db/pool.ts';
import type { ApiToken } from './schema.ts';

/** The user's active (unrevoked) tokens, newest first — never their secrets. */
export async function listApiTokens(q: Queryable, userId: string): Promise<ApiToken[]> {
  const { rows } = await q.query<{ id: string; name: string; prefix: string; created_at: Date; last_used_at: Date | null }>(
    `SELECT id, name, prefix, created_at, last_used_at FROM api_tokens
      WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC, id`,
    [userId],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
  }));
}
