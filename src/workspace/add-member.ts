import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { auditedMember, lockForMemberChange, presentMember } from './member-lock.ts';
import type { AddMemberBody, Member } from './schema.ts';

/** Adds an existing user, found by email, with the given role. */
export async function addMember(pool: Pool, actor: Actor, workspaceId: string, input: AddMemberBody): Promise<Member> {
  return withTransaction(pool, async (tx) => {
    await lockForMemberChange(tx, workspaceId, actor);
    const { rows: users } = await tx.query<{ id: string; email: string; name: string }>(
      'SELECT id, email, name FROM users WHERE lower(email) = lower($1)',
      [input.email],
    );
    const user = users[0];
    if (!user) {
      throw new AppError(
        'member.user_not_found',
        `No Groundwork account uses ${input.email}. Ask them to sign up first, then add them.`,
        404,
        { email: input.email },
      );
    }
    const { rows } = await tx.query<{ created_at: Date }>(
      `INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (workspace_id, user_id) DO NOTHING RETURNING created_at`,
      [workspaceId, user.id, input.role],
    );
    const inserted = rows[0];
    if (!inserted) {
      throw new AppError('member.exists', `${user.email} is already a member of this workspace.`, 409, { userId: user.id });
    }
    const member = { user_id: user.id, email: user.email, name: user.name, role: input.role, created_at: inserted.created_at };
    await recordAudit(tx, {
      workspaceId,
      actor,
      action: 'member.add',
      entityType: 'membership',
      entityId: user.id,
      after: auditedMember(member),
    });
    return presentMember(member);
  });
}
