/** Shared by the member-changing services: serialise changes per workspace, and find a member. */
import type { Actor } from '../auth/actor.ts';
import type { PoolClient } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { forbidden, workspaceNotFound } from './authorize.ts';
import { can, type Role } from './policy.ts';
import { isUuid } from '../db/uuid.ts';
import type { Member } from './schema.ts';

/**
 * Locks the workspace row for the rest of the transaction and re-checks, under that lock, that the
 * actor may still manage members — so two owners demoting each other at once cannot both succeed
 * and leave the workspace without an owner.
 */
export async function lockForMemberChange(tx: PoolClient, workspaceId: string, actor: Actor): Promise<void> {
  // Two statements on purpose: a locking read that waited re-reads only the locked row, so a role
  // joined into it would be the one from before the wait; a new statement sees the committed role.
  const locked = await tx.query('SELECT 1 FROM workspaces WHERE id = $1 FOR UPDATE', [workspaceId]);
  if (locked.rowCount === 0) throw workspaceNotFound(workspaceId);
  const { rows } = await tx.query<{ role: Role }>('SELECT role FROM memberships WHERE workspace_id = $1 AND user_id = $2', [
    workspaceId,
    actor.userId,
  ]);
  const row = rows[0];
  if (!row) throw workspaceNotFound(workspaceId);
  if (!can(row.role, 'members.manage')) throw forbidden('members.manage', row.role);
}

export interface MemberRow {
  user_id: string;
  email: string;
  name: string;
  role: Role;
  created_at: Date;
}

export const MEMBER_COLUMNS = 'm.user_id, u.email, u.name, m.role, m.created_at';

export const presentMember = (r: MemberRow): Member => ({
  userId: r.user_id,
  email: r.email,
  name: r.name,
  role: r.role,
  joinedAt: r.created_at.toISOString(),
});

export const memberNotFound = (userId: string): AppError =>
  new AppError('member.not_found', `No member with user id "${userId}" in this workspace.`, 404, { userId });

/** The member, or 404 `member.not_found` (also for a user id that is not a uuid). */
export async function findMember(tx: PoolClient, workspaceId: string, userId: string): Promise<MemberRow> {
  if (!isUuid(userId)) throw memberNotFound(userId);
  const { rows } = await tx.query<MemberRow>(
    `SELECT ${MEMBER_COLUMNS} FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.workspace_id = $1 AND m.user_id = $2`,
    [workspaceId, userId],
  );
  const row = rows[0];
  if (!row) throw memberNotFound(userId);
  return row;
}

/** 409 `member.last_owner` when `member` is the workspace's only owner. Call under the lock. */
export async function assertNotLastOwner(tx: PoolClient, workspaceId: string, member: MemberRow, change: string): Promise<void> {
  if (member.role !== 'owner') return;
  const { rows } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM memberships WHERE workspace_id = $1 AND role = 'owner'`, [
    workspaceId,
  ]);
  if ((rows[0]?.n ?? 0) <= 1) {
    throw new AppError(
      'member.last_owner',
      `${member.email} is the workspace's only owner and cannot be ${change}; make another member owner first.`,
      409,
      { userId: member.user_id },
    );
  }
}

/** What the audit log keeps of a membership. */
export const auditedMember = (m: { user_id: string; email: string; role: Role }) => ({ userId: m.user_id, email: m.email, role: m.role });
