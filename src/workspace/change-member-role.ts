import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { assertNotLastOwner, auditedMember, findMember, lockForMemberChange, presentMember } from './member-lock.ts';
import type { Role } from './policy.ts';
import type { Member } from './schema.ts';

/** Changes a member's role; the only owner cannot be demoted (409 `member.last_owner`). Same role → no change. */
export async function changeMemberRole(pool: Pool, actor: Actor, workspaceId: string, userId: string, role: Role): Promise<Member> {
  return withTransaction(pool, async (tx) => {
    await lockForMemberChange(tx, workspaceId, actor);
    const member = await findMember(tx, workspaceId, userId);
    if (member.role === role) return presentMember(member);
    if (role !== 'owner') await assertNotLastOwner(tx, workspaceId, member, 'demoted');
    await tx.query('UPDATE memberships SET role = $3 WHERE workspace_id = $1 AND user_id = $2', [workspaceId, member.user_id, role]);
    const after = { ...member, role };
    await recordAudit(tx, {
      workspaceId,
      actor,
      action: 'member.role_change',
      entityType: 'membership',
      entityId: member.user_id,
      before: auditedMember(member),
      after: auditedMember(after),
    });
    return presentMember(after);
  });
}
