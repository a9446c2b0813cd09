import type { Queryable } from '../db/pool.ts';
import { INVITATION_SELECT, presentInvitation, type InvitationRow } from './invitation-store.ts';
import type { Invitation } from './schema.ts';

/** The workspace's pending invitations (not accepted, revoked or expired), newest first. */
export async function listInvitations(q: Queryable, workspaceId: string, now = new Date()): Promise<Invitation[]> {
  const { rows } = await q.query<InvitationRow>(
    `${INVITATION_SELECT}
      WHERE i.workspace_id = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > $2
      ORDER BY i.created_at DESC, i.id`,
    [workspaceId, now],
  );
  return rows.map(presentInvitation);
}
