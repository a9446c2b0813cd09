import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { assertNotLastOwner, auditedMember, findMember, lockForMemberChange } from './member-lock.ts';

/** Removes a member; the only owner cannot be removed (409 `member.last_owner`). */
export async function removeMember(pool: Pool, actor: Actor, workspaceId: string, userId: string): Promise<void> {
  await withTransaction(pool, async (tx) => {
    await lockForMemberChange(tx, workspaceId, actor);
    const member = await findMember(tx, workspaceId, userId);
    await assertNotLastOwner(tx, workspaceId, member, 'removed');
    await tx.query('DELETE FROM memberships WHERE workspace_id = $1 AND user_id = $2', [workspaceId, member.user_id]);
    await recordAudit(tx, {
      workspaceId,
      actor,
      action: 'member.remove',
      entityType: 'membership',
      entityId: member.user_id,
      before: auditedMember(member),
    });
  });
}
