import type { Queryable } from '../db/pool.ts';
import type { ApiToken } from './schema.ts';

/** The user's active (unrevoked) tokens, newest first, with their scope and last use — never their secrets. */
export async function listApiTokens(q: Queryable, userId: string): Promise<ApiToken[]> {
  const { rows } = await q.query<{
    id: string;
    name: string;
    prefix: string;
    created_at: Date;
    last_used_at: Date | null;
    access: 'read' | 'write';
    ws_id: string | null;
    ws_slug: string | null;
    ws_name: string | null;
  }>(
    `SELECT t.id, t.name, t.prefix, t.created_at, t.last_used_at, t.access, w.id AS ws_id, w.slug AS ws_slug, w.name AS ws_name
       FROM api_tokens t LEFT JOIN workspaces w ON w.id = t.workspace_id
      WHERE t.user_id = $1 AND t.revoked_at IS NULL ORDER BY t.created_at DESC, t.id`,
    [userId],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    workspace: r.ws_id ? { id: r.ws_id, slug: r.ws_slug!, name: r.ws_name! } : null,
    access: r.access,
  }));
}
