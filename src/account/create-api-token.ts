import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { authorize } from '../workspace/authorize.ts';
import type { CreatedToken, CreateTokenBody } from './schema.ts';
import { apiTokenPrefix, newApiToken, sha256Hex } from '../auth/secrets.ts';

/**
 * Creates an API token acting as the actor's user in one workspace they belong to, reading only or
 * also writing. The secret is returned here once and never stored. The route is for sessions only
 * (config.access 'session'): a token that could mint tokens would outlive its own revocation.
 */
export async function createApiToken(pool: Pool, actor: Actor, body: CreateTokenBody): Promise<CreatedToken> {
  const { workspace } = await authorize(pool, actor, body.workspace, 'workspace.read');
  const token = newApiToken();
  const prefix = apiTokenPrefix(token);
  return withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ id: string; created_at: Date }>(
      'INSERT INTO api_tokens (user_id, name, token_hash, prefix, workspace_id, access) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, created_at',
      [actor.userId, body.name, sha256Hex(token), prefix, workspace.id, body.access],
    );
    const row = rows[0]!;
    await recordAudit(tx, {
      workspaceId: workspace.id,
      actor,
      action: 'token.create',
      entityType: 'api_token',
      entityId: row.id,
      // Never the secret or its hash.
      after: { id: row.id, name: body.name, prefix, access: body.access },
    });
    return { token, id: row.id, name: body.name, prefix, createdAt: row.created_at.toISOString(), workspace, access: body.access };
  });
}
