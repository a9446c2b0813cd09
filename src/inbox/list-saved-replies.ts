/** The workspace's saved replies, by name. */
import type { Queryable } from '../db/pool.ts';
import { savedReplyOf, type SavedReplyRow } from './saved-reply-view.ts';

export async function listSavedReplies(q: Queryable, workspaceId: string) {
  const { rows } = await q.query<SavedReplyRow>(
    'SELECT id, name, body, updated_at FROM inbox_saved_replies WHERE workspace_id = $1 ORDER BY lower(name), id LIMIT 500',
    [workspaceId],
  );
  return { savedReplies: rows.map(savedReplyOf) };
}
