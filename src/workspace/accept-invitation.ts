import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool, type Queryable } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { assertOpen, findByToken } from './invitation-store.ts';
import { presentWorkspace, workspaceColumns, type WorkspaceRow } from './present.ts';
import type { InvitationPreview, WorkspaceWithRole } from './schema.ts';

/** What a link shows before anyone signs in: the workspace, the role, for whom — or why it no longer works (410). */
export async function previewInvitation(q: Queryable, token: string, now = new Date()): Promise<InvitationPreview> {
  const row = await findByToken(q, token);
  assertOpen(row, now);
  const { rows } = await q.query<{ name: string; slug: string }>('SELECT name, slug FROM workspaces WHERE id = $1', [row.workspace_id]);
  return { workspace: rows[0]!, email: row.email, role: row.role, invitedBy: row.invited_by, expiresAt: row.expires_at.toISOString() };
}

/**
 * Joins the invitation's workspace with its role, once: the invitation is locked, checked open (410
 * `invitation.used|revoked|expired`), and marked used in the same transaction, so two clicks cannot
 * both join. The signed-in user must own the invited address (403 `invitation.email_mismatch`): a
 * forwarded link does not let someone else in. Already a member → 409 `member.exists`.
 */
export async function acceptInvitation(pool: Pool, actor: Actor, token: string, now = new Date()): Promise<WorkspaceWithRole> {
  return withTransaction(pool, async (tx) => {
    const row = await findByToken(tx, token, true);
    assertOpen(row, now);
    if (row.email.toLowerCase() !== actor.email.toLowerCase()) {
      throw new AppError(
        'invitation.email_mismatch',
        `This invitation is for ${row.email}, but you are signed in as ${actor.email}. Sign out, then sign in or sign up as ${row.email}.`,
        403,
        { invited: row.email },
      );
    }
    const { rows: joined } = await tx.query(
      `INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT (workspace_id, user_id) DO NOTHING RETURNING 1`,
      [row.workspace_id, actor.userId, row.role],
    );
    if (!joined[0]) throw new AppError('member.exists', `You are already a member of this workspace.`, 409, { userId: actor.userId });
    await tx.query('UPDATE invitations SET accepted_at = $2, accepted_by = $3 WHERE id = $1', [row.id, now, actor.userId]);
    await recordAudit(tx, {
      workspaceId: row.workspace_id,
      actor,
      action: 'invitation.accept',
      entityType: 'invitation',
      entityId: row.id,
      after: { userId: actor.userId, email: row.email, role: row.role },
    });
    const { rows } = await tx.query<WorkspaceRow>(`SELECT ${workspaceColumns('w')} FROM workspaces w WHERE w.id = $1`, [row.workspace_id]);
    return presentWorkspace(rows[0]!, row.role);
  });
}
