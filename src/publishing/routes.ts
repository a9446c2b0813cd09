/** Posts API: compose, review, schedule. Thin: parse → authorize → call → present. */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../http/app.ts';
import { errorBodySchema } from '../http/errors.ts';
import { forbidden } from '../workspace/authorize.ts';
import { can, type Permission } from '../workspace/policy.ts';
import { addPostComment } from './add-post-comment.ts';
import { bulkPosts } from './bulk-posts.ts';
import { createPost } from './create-post.ts';
import { deletePost } from './delete-post.ts';
import { noopQueue } from './enqueue-jobs.ts';
import { getPost } from './get-post.ts';
import { listPosts } from './list-posts.ts';
import { listQueue } from './list-queue.ts';
import type { PostContext } from './post-store.ts';
import { schedulePost } from './schedule-post.ts';
import {
  bulkPostsBody,
  bulkPostsResponse,
  commentBody,
  commentResponse,
  createPostBody,
  ifMatchHeaders,
  listPostsQuery,
  postDetailResponse,
  postListResponse,
  postParams,
  postResponse,
  queueQuery,
  queueResponse,
  rejectBody,
  scheduleBody,
  scheduleResponse,
  transitionBody,
  updatePostBody,
  workspaceParams,
} from './schema.ts';
import { transitionPost, type StateAction } from './transition-post.ts';
import { updatePost } from './update-post.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema, 422: errorBodySchema };
const versionOf = (ifMatch: string | undefined) => (ifMatch === undefined ? undefined : Number(ifMatch.replace(/\D/g, '')));
const base = '/workspaces/:workspaceId/posts';

const TRANSITION_ROUTES: { action: StateAction; permission: Permission; summary: string }[] = [
  { action: 'develop', permission: 'content.write', summary: 'Turn an idea into a draft' },
  { action: 'submit', permission: 'content.write', summary: 'Submit a draft for review (content must fit every network)' },
  { action: 'approve', permission: 'content.approve', summary: 'Approve a post in review (not your own, unless you are the owner)' },
  { action: 'cancel', permission: 'content.write', summary: 'Cancel a post: it will not be published; scheduled jobs are voided' },
  { action: 'reopen', permission: 'content.write', summary: 'Reopen a cancelled post as a draft' },
];

export async function postRoutes(app: App): Promise<void> {
  const { pool } = app.deps;
  // Without a worker (tests, a web-only process) there is no queue: scheduling still writes the
  // schedule and its tokens, and the worker's sweep of due variants finds them when it runs.
  const queue = app.deps.queue ?? noopQueue;
  const tags = ['posts'];

  /** The services' context: the workspace and role the access hook authorized (config.access). */
  const context = (req: FastifyRequest): PostContext => {
    const { workspace, role } = req.authorized;
    return { workspaceId: workspace.id, actor: req.actor!, role };
  };

  app.post(base, {
    config: { access: 'content.write' },
    schema: {
      tags,
      summary: 'Create a post (idea or draft) with one variant per strategy channel',
      description: 'Warnings (not errors): network limits of a draft, duplicate text on a channel, channels outside the campaign.',
      params: workspaceParams,
      body: createPostBody,
      response: { 201: postResponse, ...errors },
    },
  }, async (req, reply) => {
    const ctx = context(req);
    return reply.status(201).send(await createPost(pool, ctx, req.body));
  });

  app.get(base, {
    config: { access: 'workspace.read' },
    schema: { tags, summary: 'List posts (calendar, lists): filter by state, strategy, channel, campaign, pillar, author, text (q), from/to', params: workspaceParams, querystring: listPostsQuery, response: { 200: postListResponse, ...errors } },
  }, async (req) => {
    const { workspace, role } = req.authorized;
    return { posts: await listPosts(pool, workspace.id, { userId: req.actor!.userId, role }, req.query) };
  });

  app.post(`${base}/bulk`, {
    config: { access: ['content.write', 'content.approve'] },
    schema: {
      tags,
      summary: 'One action on several posts: submit, approve, reschedule, cancel or delete — answered per post',
      description:
        'Each post goes through the same rules as its single-post route, in a transaction of its own: a refused post (another ' +
        "workspace's id → `post.not_found`, `post.approval_required`, `post.version_conflict`…) is reported in its result and never " +
        'undoes the others. The whole request needs the action\'s permission (`content.approve` to approve, else `content.write`).',
      params: workspaceParams,
      body: bulkPostsBody,
      response: { 200: bulkPostsResponse, ...errors },
    },
  }, async (req) => {
    const ctx = context(req);
    // The route lets in either permission (config.access); the action decides which one it needs.
    const needed: Permission = req.body.action === 'approve' ? 'content.approve' : 'content.write';
    if (!can(ctx.role, needed)) throw forbidden(needed, ctx.role);
    return bulkPosts(pool, ctx, queue, req.body);
  });

  app.get('/workspaces/:workspaceId/queue', {
    config: { access: 'workspace.read' },
    schema: {
      tags,
      summary: "Each strategy channel's coming queue slots (cadence × posting times) and the posts filling them",
      description: 'The same slots `POST …/posts/{id}/schedule { queue: true }` takes: the first free one is where the next queued post goes.',
      params: workspaceParams,
      querystring: queueQuery,
      response: { 200: queueResponse, ...errors },
    },
  }, async (req) => {
    const { workspace } = req.authorized;
    return listQueue(pool, workspace.id, req.query);
  });

  app.get(`${base}/:postId`, {
    config: { access: 'workspace.read' },
    schema: { tags, summary: 'A post with its variants, review thread and the actions open to you', params: postParams, response: { 200: postDetailResponse, ...errors } },
  }, async (req) => {
    const { workspace, role } = req.authorized;
    return getPost(pool, workspace.id, { userId: req.actor!.userId, role }, req.params.postId);
  });

  app.patch(`${base}/:postId`, {
    config: { access: 'content.write' },
    schema: {
      tags,
      summary: 'Edit a post: content per channel (null removes a channel), campaign, pillar, planned time',
      description: 'Editing the content of an approved or scheduled post sends it back to review where approval is required, voiding its scheduled jobs.',
      params: postParams,
      headers: ifMatchHeaders,
      body: updatePostBody,
      response: { 200: postResponse, ...errors },
    },
  }, async (req) => {
    const ctx = context(req);
    return updatePost(pool, ctx, queue, req.params.postId, req.body, versionOf(req.headers['if-match']));
  });

  app.delete(`${base}/:postId`, {
    config: { access: 'content.write' },
    schema: {
      tags,
      summary: 'Delete a post (kept in the audit log); its scheduled jobs are voided',
      params: postParams,
      headers: ifMatchHeaders,
      querystring: z.object({ reason: z.string().trim().min(1).max(1000).optional() }),
      response: { 204: z.null(), ...errors },
    },
  }, async (req, reply) => {
    const ctx = context(req);
    await deletePost(pool, ctx, req.params.postId, { reason: req.query.reason }, versionOf(req.headers['if-match']));
    return reply.status(204).send(null);
  });

  for (const { action, permission, summary } of TRANSITION_ROUTES) {
    app.post(`${base}/:postId/${action}`, {
      config: { access: permission },
      schema: { tags, summary, params: postParams, headers: ifMatchHeaders, body: transitionBody, response: { 200: postResponse, ...errors } },
    }, async (req) => {
      const ctx = context(req);
      const { post } = await transitionPost(pool, ctx, req.params.postId, action, req.body ?? {}, versionOf(req.headers['if-match']));
      return { post, warnings: [] };
    });
  }

  app.post(`${base}/:postId/reject`, {
    config: { access: 'content.approve' },
    schema: { tags, summary: 'Send a post in review back to draft, saying what should change', params: postParams, headers: ifMatchHeaders, body: rejectBody, response: { 200: postResponse, ...errors } },
  }, async (req) => {
    const ctx = context(req);
    const { post } = await transitionPost(pool, ctx, req.params.postId, 'reject', req.body, versionOf(req.headers['if-match']));
    return { post, warnings: [] };
  });

  for (const mode of ['schedule', 'reschedule'] as const) {
    app.post(`${base}/:postId/${mode}`, {
      config: { access: 'content.write' },
      schema: {
        tags,
        summary: mode === 'schedule' ? 'Schedule a post: at a local time, in the next queue slots, or at its planned time' : 'Move a scheduled post to another time',
        description:
          'Body `{ localTime, timezone? }`, `{ queue: true }` or `{}`. Where the workspace requires approval only approved posts can be ' +
          'scheduled (409 `post.approval_required`). A local time in a DST gap → 422 `post.nonexistent_local_time`; an overlap takes the ' +
          'earlier instant (`schedule.ambiguous`). Warnings: cadence, promotional share, duplicate text.',
        params: postParams,
        headers: ifMatchHeaders,
        body: scheduleBody,
        response: { 200: scheduleResponse, ...errors },
      },
    }, async (req) => {
      const ctx = context(req);
      return schedulePost(pool, ctx, queue, req.params.postId, mode, req.body, versionOf(req.headers['if-match']));
    });
  }

  app.post(`${base}/:postId/comments`, {
    config: { access: ['content.write', 'content.approve'] },
    schema: { tags, summary: 'Comment in the review thread (writers and approvers)', params: postParams, body: commentBody, response: { 201: commentResponse, ...errors } },
  }, async (req, reply) => {
    return reply.status(201).send({ comment: await addPostComment(pool, context(req), req.params.postId, req.body.body) });
  });
}
