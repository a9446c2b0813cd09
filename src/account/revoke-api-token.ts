import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { isUuid } from '../db/uuid.ts';

/**
 * Revokes one of the actor's own active tokens; it stops working at once. Someone else's token, a
 * revoked one, or an id that is not a uuid all answer 404 `token.not_found`.
 */
export async function revokeApiToken(pool: Pool, actor: Actor, id: string): Promise<void> {
  const notFound = new AppError('token.not_found', `You have no active API token with id "${id}".`, 404, { id });
  if (!isUuid(id)) throw notFound;
  await withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ id: string; name: string; prefix: string }>(
      `UPDATE api_tokens SET revoked_at = now()
        WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id, name, prefix`,
      [id, actor.userId],
    );
    const row = rows[0];
    if (!row) throw notFound;
    await recordAudit(tx, {
      workspaceId: null,
      actor,
      action: 'token.revoke',
      entityType: 'api_token',
      entityId: row.id,
      before: { id: row.id, name: row.name, prefix: row.prefix },
    });
  });
}
