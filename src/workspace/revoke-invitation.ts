import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { INVITATION_SELECT, invitationNotFound, type InvitationRow } from './invitation-store.ts';
import { lockForMemberChange } from './member-lock.ts';
import { isUuid } from '../db/uuid.ts';

/**
 * Withdraws an invitation: its link opens nothing from now on. Another workspace's (or no)
 * invitation → 404 `invitation.not_found`; one already accepted → 410 `invitation.used` (remove the
 * member instead); revoking twice is no change.
 */
export async function revokeInvitation(pool: Pool, actor: Actor, workspaceId: string, invitationId: string): Promise<void> {
  if (!isUuid(invitationId)) throw invitationNotFound();
  await withTransaction(pool, async (tx) => {
    await lockForMemberChange(tx, workspaceId, actor);
    const { rows } = await tx.query<InvitationRow>(`${INVITATION_SELECT} WHERE i.id = $1 AND i.workspace_id = $2 FOR UPDATE OF i`, [
      invitationId,
      workspaceId,
    ]);
    const row = rows[0];
    if (!row) throw invitationNotFound();
    if (row.accepted_at) {
      throw new AppError('invitation.used', `${row.email} has already joined with this invitation; remove the member instead.`, 410);
    }
    if (row.revoked_at) return;
    await tx.query('UPDATE invitations SET revoked_at = now() WHERE id = $1', [row.id]);
    await recordAudit(tx, {
      workspaceId,
      actor,
      action: 'invitation.revoke',
      entityType: 'invitation',
      entityId: row.id,
      before: { email: row.email, role: row.role, expiresAt: row.expires_at.toISOString() },
    });
  });
}
