/**
 * PATCH /workspaces/:ws — the name and the publishing settings, each audited when it really changes:
 * a new name as `workspace.rename` (the slug stays, so links keep working), settings as
 * `workspace.settings_change` with only the changed fields before and after.
 *
 * - `timezone`: an IANA zone (400 `workspace.invalid_timezone` otherwise). It is where new posts are
 *   planned and where queue slots fall; posts already planned or scheduled keep their UTC instant and
 *   the zone they were planned in, so changing it never moves a post.
 * - `requireApproval`: from now on, whether only approved posts can be scheduled. Posts already
 *   scheduled were scheduled under the rule of their time and stay scheduled.
 * - `allowSelfApproval`: whether, where approval is required, a post's author may approve it
 *   (off by default: four eyes; on for a one-person team).
 * - `postingTimes`: 1–12 local `HH:mm` (sorted, duplicates dropped) — the "add to queue" slots.
 * - `trackLinks`: whether links in posts are wrapped in tracked short links when published (from the
 *   next publish on; links already sent stay as they went out).
 */
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool, type Queryable } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { workspaceNotFound, type AuthorizedWorkspace } from './authorize.ts';
import type { Role } from './policy.ts';
import { presentWorkspace, workspaceColumns, type WorkspaceRow } from './present.ts';
import type { UpdateWorkspaceBody, WorkspaceWithRole } from './schema.ts';
import { normalizeTimezone } from './timezone.ts';

export const invalidTimezone = (timezone: string): AppError =>
  new AppError(
    'workspace.invalid_timezone',
    `"${timezone}" is not an IANA time zone (such as Europe/Berlin, America/New_York or UTC).`,
    400,
    { timezone, path: '/timezone' },
  );

/** The workspace with its settings, as the caller (with `role`) sees it. */
export async function getWorkspace(q: Queryable, workspaceId: string, role: Role): Promise<WorkspaceWithRole> {
  const { rows } = await q.query<WorkspaceRow>(`SELECT ${workspaceColumns('w')} FROM workspaces w WHERE w.id = $1`, [workspaceId]);
  if (!rows[0]) throw workspaceNotFound(workspaceId);
  return presentWorkspace(rows[0], role);
}

type Settings = { timezone: string; requireApproval: boolean; allowSelfApproval: boolean; postingTimes: string[]; trackLinks: boolean };

const settingsOf = (r: WorkspaceRow): Settings => ({
  timezone: r.timezone,
  requireApproval: r.require_approval,
  allowSelfApproval: r.allow_self_approval,
  postingTimes: [...r.posting_times].sort(),
  trackLinks: r.track_links,
});

export async function updateWorkspace(
  pool: Pool,
  actor: Actor,
  target: AuthorizedWorkspace,
  input: UpdateWorkspaceBody,
): Promise<WorkspaceWithRole> {
  const timezone = input.timezone === undefined ? undefined : normalizeTimezone(input.timezone);
  if (timezone === null) throw invalidTimezone(input.timezone!);
  return withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<WorkspaceRow>(`SELECT ${workspaceColumns('w')} FROM workspaces w WHERE w.id = $1 FOR UPDATE`, [
      target.workspace.id,
    ]);
    const before = rows[0];
    if (!before) throw workspaceNotFound(target.workspace.slug);
    const after: WorkspaceRow = {
      ...before,
      name: input.name ?? before.name,
      timezone: timezone ?? before.timezone,
      require_approval: input.requireApproval ?? before.require_approval,
      allow_self_approval: input.allowSelfApproval ?? before.allow_self_approval,
      posting_times: input.postingTimes ?? before.posting_times,
      track_links: input.trackLinks ?? before.track_links,
    };
    const old = settingsOf(before);
    const neu = settingsOf(after);
    const changed = (Object.keys(neu) as (keyof Settings)[]).filter((k) => JSON.stringify(old[k]) !== JSON.stringify(neu[k]));
    const renamed = after.name !== before.name;
    if (!renamed && changed.length === 0) return presentWorkspace(before, target.role);

    await tx.query(
      'UPDATE workspaces SET name = $2, timezone = $3, require_approval = $4, allow_self_approval = $5, posting_times = $6, track_links = $7 WHERE id = $1',
      [before.id, after.name, after.timezone, after.require_approval, after.allow_self_approval, neu.postingTimes, after.track_links],
    );
    if (renamed) {
      await recordAudit(tx, {
        workspaceId: before.id,
        actor,
        action: 'workspace.rename',
        entityType: 'workspace',
        entityId: before.id,
        before: { name: before.name },
        after: { name: after.name },
      });
    }
    if (changed.length) {
      await recordAudit(tx, {
        workspaceId: before.id,
        actor,
        action: 'workspace.settings_change',
        entityType: 'workspace',
        entityId: before.id,
        before: Object.fromEntries(changed.map((k) => [k, old[k]])),
        after: Object.fromEntries(changed.map((k) => [k, neu[k]])),
      });
    }
    return presentWorkspace({ ...after, posting_times: neu.postingTimes }, target.role);
  });
}
