import type { Queryable } from '../db/pool.ts';
import { MEMBER_COLUMNS, presentMember, type MemberRow } from './member-lock.ts';
import type { Member } from './schema.ts';

/** The workspace's members, earliest first. */
export async function listMembers(q: Queryable, workspaceId: string): Promise<Member[]> {
  const { rows } = await q.query<MemberRow>(
    `SELECT ${MEMBER_COLUMNS} FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.workspace_id = $1 ORDER BY m.created_at, lower(u.email)`,
    [workspaceId],
  );
  return rows.map(presentMember);
}
