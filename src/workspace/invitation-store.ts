/** Shared by the invitation services: the row, its presentation, and opening one by its link's token. */
import { isSessionTokenShape, sha256Hex } from '../auth/secrets.ts';
import type { Queryable } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import type { Role } from './policy.ts';
import type { Invitation } from './schema.ts';

export interface InvitationRow {
  id: string;
  workspace_id: string;
  email: string;
  role: Role;
  invited_by: string | null;
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
}

/** `i` is the invitations table; the inviter's name comes from `users`. */
export const INVITATION_SELECT = `SELECT i.id, i.workspace_id, i.email, i.role, u.name AS invited_by, i.created_at, i.expires_at, i.accepted_at, i.revoked_at
  FROM invitations i LEFT JOIN users u ON u.id = i.created_by`;

export const presentInvitation = (r: InvitationRow): Invitation => ({
  id: r.id,
  email: r.email,
  role: r.role,
  invitedBy: r.invited_by,
  createdAt: r.created_at.toISOString(),
  expiresAt: r.expires_at.toISOString(),
});

export const invitationNotFound = (): AppError =>
  new AppError('invitation.not_found', 'This invitation link is not valid: check that it was copied whole, or ask for a new one.', 404);

/** 410 when the invitation can no longer be accepted: used, revoked or expired — each said plainly. */
export function assertOpen(r: InvitationRow, now: Date): void {
  if (r.accepted_at) {
    throw new AppError(
      'invitation.used',
      'This invitation has already been used; each link works once. Ask for a new one if you still need access.',
      410,
    );
  }
  if (r.revoked_at)
    throw new AppError('invitation.revoked', 'This invitation was withdrawn by the workspace. Ask its owner for a new one.', 410);
  if (r.expires_at <= now) {
    throw new AppError(
      'invitation.expired',
      `This invitation expired on ${r.expires_at.toISOString().slice(0, 10)}. Ask for a new one.`,
      410,
      {
        expiredAt: r.expires_at.toISOString(),
      },
    );
  }
}

/** The invitation a link's token opens (404 for an unknown or malformed token); `lock` for accepting it. */
export async function findByToken(q: Queryable, token: string, lock = false): Promise<InvitationRow> {
  if (!isSessionTokenShape(token)) throw invitationNotFound();
  const { rows } = await q.query<InvitationRow>(`${INVITATION_SELECT} WHERE i.token_hash = $1${lock ? ' FOR UPDATE OF i' : ''}`, [
    sha256Hex(token),
  ]);
  if (!rows[0]) throw invitationNotFound();
  return rows[0];
}
