/** One post with its variants, its review thread (oldest first) and what the caller may do next. */
import type { Queryable } from '../db/pool.ts';
import { findStrategy } from '../plan-store/store.ts';
import type { Role } from '../workspace/policy.ts';
import { loadPost, presentPost, transitionContext, workspaceSettings } from './post-store.ts';
import type { PostComment, PostView } from './schema.ts';

export async function getPost(
  q: Queryable,
  workspaceId: string,
  viewer: { userId: string; role: Role },
  postId: string,
): Promise<{ post: PostView; comments: PostComment[] }> {
  const record = await loadPost(q, workspaceId, postId);
  const [settings, strategy, comments] = await Promise.all([
    workspaceSettings(q, workspaceId),
    findStrategy(q, workspaceId, record.post.strategy_id),
    q.query<{
      id: number;
      kind: PostComment['kind'];
      body: string;
      author_id: string | null;
      author_name: string | null;
      created_at: Date;
    }>(
      `SELECT c.id, c.kind, c.body, c.author_id, u.name AS author_name, c.created_at
         FROM post_comments c LEFT JOIN users u ON u.id = c.author_id
        WHERE c.post_id = $1 ORDER BY c.id`,
      [postId],
    ),
  ]);
  return {
    post: presentPost(record, strategy?.doc, transitionContext(viewer.role, settings, viewer.userId)),
    comments: comments.rows.map((c) => ({
      id: c.id,
      kind: c.kind,
      body: c.body,
      authorId: c.author_id,
      authorName: c.author_name,
      createdAt: c.created_at.toISOString(),
    })),
  };
}
