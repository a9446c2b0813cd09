/** Posts API: compose, review, schedule, as ./contract.ts defines it. Thin: parse → authorize → call → present. */
import type { FastifyRequest } from 'fastify';
import { register, type App } from '../http/kit.ts';
import { forbidden } from '../workspace/authorize.ts';
import { can, type Permission } from '../workspace/policy.ts';
import { addPostComment } from './add-post-comment.ts';
import { bulkPosts } from './bulk-posts.ts';
import { postsContract as contract } from './contract.ts';
import { createPost } from './create-post.ts';
import { deletePost } from './delete-post.ts';
import { noopQueue } from './enqueue-jobs.ts';
import { getPost } from './get-post.ts';
import { listPosts } from './list-posts.ts';
import { listQueue } from './list-queue.ts';
import type { PostContext } from './post-store.ts';
import type { PublishQueue } from '../scheduler/queue.ts';
import { schedulePost } from './schedule-post.ts';
import { transitionPost, type StateAction } from './transition-post.ts';
import { updatePost } from './update-post.ts';

declare module '../http/kit.ts' {
  interface AppDeps {
    /**
     * Where scheduled posts' jobs go (the pg-boss worker's queue). Absent (tests, an app without a
     * worker): the post routes use a no-op queue — schedules and tokens are still written.
     */
    queue?: PublishQueue;
  }
}

const versionOf = (ifMatch: string | undefined) => (ifMatch === undefined ? undefined : Number(ifMatch.replace(/\D/g, '')));

/** The contract entries of the plain state changes, by the action each performs. */
const TRANSITIONS: ReadonlyArray<[StateAction, typeof contract.developPost]> = [
  ['develop', contract.developPost],
  ['submit', contract.submitPost],
  ['approve', contract.approvePost],
  ['cancel', contract.cancelPost],
  ['reopen', contract.reopenPost],
];

export async function postRoutes(app: App): Promise<void> {
  const { pool } = app.deps;
  // Without a worker (tests, a web-only process) there is no queue: scheduling still writes the
  // schedule and its tokens, and the worker's sweep of due variants finds them when it runs.
  const queue = app.deps.queue ?? noopQueue;

  /** The services' context: the workspace and role the access hook authorized (config.access). */
  const context = (req: FastifyRequest): PostContext => {
    const { workspace, role } = req.authorized;
    return { workspaceId: workspace.id, actor: req.actor!, role };
  };

  register(app, contract.createPost, async (req, reply) => {
    const ctx = context(req);
    return reply.status(201).send(await createPost(pool, ctx, req.body));
  });

  register(app, contract.listPosts, async (req) => {
    const { workspace, role } = req.authorized;
    return { posts: await listPosts(pool, workspace.id, { userId: req.actor!.userId, role }, req.query) };
  });

  register(app, contract.bulkPosts, async (req) => {
    const ctx = context(req);
    // The route lets in either permission (config.access); the action decides which one it needs.
    const needed: Permission = req.body.action === 'approve' ? 'content.approve' : 'content.write';
    if (!can(ctx.role, needed)) throw forbidden(needed, ctx.role);
    return bulkPosts(pool, ctx, queue, req.body);
  });

  register(app, contract.getQueue, async (req) => {
    const { workspace } = req.authorized;
    return listQueue(pool, workspace.id, req.query);
  });

  register(app, contract.getPost, async (req) => {
    const { workspace, role } = req.authorized;
    return getPost(pool, workspace.id, { userId: req.actor!.userId, role }, req.params.postId);
  });

  register(app, contract.updatePost, async (req) => {
    const ctx = context(req);
    return updatePost(pool, ctx, queue, req.params.postId, req.body, versionOf(req.headers['if-match']));
  });

  register(app, contract.deletePost, async (req, reply) => {
    const ctx = context(req);
    await deletePost(pool, ctx, req.params.postId, { reason: req.query.reason }, versionOf(req.headers['if-match']));
    return reply.status(204).send(null);
  });

  for (const [action, entry] of TRANSITIONS) {
    register(app, entry, async (req) => {
      const ctx = context(req);
      const { post } = await transitionPost(pool, ctx, req.params.postId, action, req.body ?? {}, versionOf(req.headers['if-match']));
      return { post, warnings: [] };
    });
  }

  register(app, contract.rejectPost, async (req) => {
    const ctx = context(req);
    const { post } = await transitionPost(pool, ctx, req.params.postId, 'reject', req.body, versionOf(req.headers['if-match']));
    return { post, warnings: [] };
  });

  for (const [mode, entry] of [
    ['schedule', contract.schedulePost],
    ['reschedule', contract.reschedulePost],
  ] as const) {
    register(app, entry, async (req) => {
      const ctx = context(req);
      return schedulePost(pool, ctx, queue, req.params.postId, mode, req.body, versionOf(req.headers['if-match']));
    });
  }

  register(app, contract.addComment, async (req, reply) => {
    return reply.status(201).send({ comment: await addPostComment(pool, context(req), req.params.postId, req.body.body) });
  });
}
