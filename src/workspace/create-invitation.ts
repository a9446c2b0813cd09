import type { Actor } from '../auth/actor.ts';
import { newSessionToken, sha256Hex } from '../auth/secrets.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { INVITATION_SELECT, presentInvitation, type InvitationRow } from './invitation-store.ts';
import { lockForMemberChange } from './member-lock.ts';
import { INVITATION_TTL_DAYS, type CreateInvitationBody, type Invitation } from './schema.ts';

/**
 * Invites someone by email with a role, whether or not they have an account yet. Returns the link's
 * secret once (only its hash is stored). A newer invitation for the same address replaces a pending
 * one (revoked, audited): there is one live link per person. An address that is already a member →
 * 409 `member.exists`.
 */
export async function createInvitation(
  pool: Pool,
  actor: Actor,
  workspaceId: string,
  input: CreateInvitationBody,
  now = new Date(),
): Promise<{ invitation: Invitation; token: string }> {
  return withTransaction(pool, async (tx) => {
    await lockForMemberChange(tx, workspaceId, actor);
    const { rows: members } = await tx.query<{ user_id: string }>(
      'SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = $1 AND lower(u.email) = $2',
      [workspaceId, input.email],
    );
    if (members[0]) {
      throw new AppError('member.exists', `${input.email} is already a member of this workspace.`, 409, { userId: members[0].user_id });
    }
    const { rows: replaced } = await tx.query<{ id: string }>(
      `UPDATE invitations SET revoked_at = $3
        WHERE workspace_id = $1 AND lower(email) = $2 AND accepted_at IS NULL AND revoked_at IS NULL RETURNING id`,
      [workspaceId, input.email, now],
    );
    for (const r of replaced) {
      await recordAudit(tx, {
        workspaceId,
        actor,
        action: 'invitation.revoke',
        entityType: 'invitation',
        entityId: r.id,
        before: { email: input.email },
        reason: 'Replaced by a new invitation to the same address.',
      });
    }
    const token = newSessionToken();
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000);
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO invitations (workspace_id, email, role, token_hash, created_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [workspaceId, input.email, input.role, sha256Hex(token), actor.userId, now, expiresAt],
    );
    const { rows: created } = await tx.query<InvitationRow>(`${INVITATION_SELECT} WHERE i.id = $1`, [rows[0]!.id]);
    const invitation = presentInvitation(created[0]!);
    await recordAudit(tx, {
      workspaceId,
      actor,
      action: 'invitation.create',
      entityType: 'invitation',
      entityId: invitation.id,
      after: { email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt },
    });
    return { invitation, token };
  });
}
