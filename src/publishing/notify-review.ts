/**
 * Who hears about a review step, and in which words (written in the step's transaction):
 * - submitted → every member whose role may approve, except whoever submitted it and the post's
 *   authors where four eyes keep them from approving it (`review_requested`);
 * - approved, rejected, commented on → the post's authors (its creator and the last person to change
 *   its content), except whoever did it (`post_approved`, `post_rejected`, `post_commented`).
 * Each message names the post (its first words), its strategy and its channels; the notification
 * links to the post, where the recipient acts.
 */
import type { Actor } from '../auth/actor.ts';
import type { Queryable } from '../db/pool.ts';
import { notify } from '../notifications/notify.ts';
import type { NotificationKind } from '../notifications/schema.ts';
import type { Strategy } from '../plan/schema.ts';
import { can, ROLES } from '../workspace/policy.ts';
import { excerpt } from '../content/excerpt.ts';
import type { PostRecord, WorkspaceSettings } from './post-store.ts';
import { isSelfApproval } from '../content/state-machine.ts';

export type ReviewEvent = 'submit' | 'approve' | 'reject' | 'comment';

const KIND: Record<ReviewEvent, NotificationKind> = {
  submit: 'review_requested',
  approve: 'post_approved',
  reject: 'post_rejected',
  comment: 'post_commented',
};

const APPROVER_ROLES = ROLES.filter((r) => can(r, 'content.approve'));
const COMMENT_CHARACTERS = 140;

function message(
  event: ReviewEvent,
  actor: Actor,
  record: PostRecord,
  strategy: Pick<Strategy, 'name'>,
  comment: string | undefined,
): string {
  const first = record.variants.find((v) => v.content.text.trim())?.content.text ?? '';
  const post = first ? `“${excerpt(first, 60)}”` : 'a post';
  const channels = record.variants.map((v) => v.channel_id);
  const where = `strategy “${strategy.name}”, ${channels.length === 1 ? 'channel' : 'channels'} ${channels.join(', ') || 'none'}`;
  const said = comment ? `: “${excerpt(comment, COMMENT_CHARACTERS)}”` : '';
  switch (event) {
    case 'submit':
      return `${actor.name} asks you to review ${post} (${where})${said}`;
    case 'approve':
      return `${actor.name} approved ${post} (${where})${said}`;
    case 'reject':
      return `${actor.name} asked for changes to ${post} (${where})${said}`;
    case 'comment':
      return `${actor.name} commented on ${post} (${where})${said}`;
  }
}

export async function notifyReview(
  q: Queryable,
  input: {
    workspaceId: string;
    actor: Actor;
    event: ReviewEvent;
    record: PostRecord;
    strategy: Pick<Strategy, 'name'>;
    settings: WorkspaceSettings;
    comment?: string;
  },
): Promise<number> {
  const { workspaceId, actor, event, record, strategy, settings } = input;
  const authors = [record.post.created_by, record.post.content_updated_by];
  let recipients: string[];
  if (event === 'submit') {
    const { rows } = await q.query<{ user_id: string }>(
      'SELECT user_id FROM memberships WHERE workspace_id = $1 AND role = ANY($2::text[]) ORDER BY created_at',
      [workspaceId, APPROVER_ROLES],
    );
    recipients = rows.map((r) => r.user_id).filter((id) => !isSelfApproval(authors, id, settings));
  } else {
    // Only current members: an author who has left the workspace hears nothing of it.
    const { rows } = await q.query<{ user_id: string }>(
      'SELECT user_id FROM memberships WHERE workspace_id = $1 AND user_id = ANY($2::uuid[])',
      [workspaceId, authors.filter((a): a is string => a !== null)],
    );
    recipients = rows.map((r) => r.user_id);
  }
  const text = message(event, actor, record, strategy, input.comment);
  return notify(
    q,
    workspaceId,
    [...new Set(recipients)]
      .filter((id) => id !== actor.userId)
      .map((userId) => ({ userId, kind: KIND[event], entityType: 'post' as const, entityId: record.post.id, message: text })),
  );
}
