import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import type { Actor } from './actor.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './password.ts';
import type { ChangePasswordBody, PasswordChanged } from './schema.ts';
import { sha256Hex } from './secrets.ts';

/**
 * A new password for the signed-in person: every other session of theirs ends (whoever else holds
 * one is signed out), and their API tokens are revoked too when asked — otherwise the answer says
 * how many remain, so the UI can offer it.
 */
export async function changePassword(
  pool: Pool,
  actor: Actor,
  currentSession: string | undefined,
  body: ChangePasswordBody,
): Promise<PasswordChanged> {
  if (actor.via !== 'session' || !currentSession) {
    throw new AppError('auth.session_required', 'Sign in to change your password: an API token cannot.', 403);
  }
  checkPasswordPolicy(body.newPassword);
  const { rows } = await pool.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [actor.userId]);
  if (!rows[0] || !(await verifyPassword(rows[0].password_hash, body.currentPassword))) {
    throw new AppError('auth.wrong_password', 'The current password is not right.', 403, { path: '/currentPassword' });
  }
  const hash = await hashPassword(body.newPassword);
  return withTransaction(pool, async (tx) => {
    await tx.query('UPDATE users SET password_hash = $2 WHERE id = $1', [actor.userId, hash]);
    const ended = await tx.query('DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2', [actor.userId, sha256Hex(currentSession)]);
    const revoked = body.revokeTokens
      ? await tx.query('UPDATE api_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [actor.userId])
      : { rowCount: 0 };
    const { rows: left } = await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL',
      [actor.userId],
    );
    const result = { sessionsEnded: ended.rowCount ?? 0, tokensRevoked: revoked.rowCount ?? 0, activeTokens: left[0]!.n };
    await recordAudit(tx, {
      workspaceId: null,
      actor,
      action: 'user.password_change',
      entityType: 'user',
      entityId: actor.userId,
      after: result,
    });
    return result;
  });
}
