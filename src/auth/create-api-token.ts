import type { Actor } from './actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import type { CreatedToken } from './schema.ts';
import { apiTokenPrefix, newApiToken, sha256Hex } from './secrets.ts';

/** Creates an API token acting as the actor's user. The secret is returned here once and never stored. */
export async function createApiToken(pool: Pool, actor: Actor, name: string): Promise<CreatedToken> {
  const token = newApiToken();
  const prefix = apiTokenPrefix(token);
  return withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ id: string; created_at: Date }>(
      'INSERT INTO api_tokens (user_id, name, token_hash, prefix) VALUES ($1, $2, $3, $4) RETURNING id, created_at',
      [actor.userId, name, sha256Hex(token), prefix],
    );
    const row = rows[0]!;
    await recordAudit(tx, {
      workspaceId: null,
      actor,
      action: 'token.create',
      entityType: 'api_token',
      entityId: row.id,
      // Never the secret or its hash.
      after: { id: row.id, name, prefix },
    });
    return { token, id: row.id, name, prefix, createdAt: row.created_at.toISOString() };
  });
}
