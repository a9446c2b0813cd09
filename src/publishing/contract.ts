/** The posts API's contract: compose, review, schedule, the queue. Routes in ./routes.ts. */
import { defineRoute } from '../http/contract.ts';
import { errorResponses, noContent } from '../http/responses.ts';
import { postsEndpoints as at } from './endpoints.ts';
import {
  bulkPostsBody,
  bulkPostsResponse,
  commentBody,
  commentResponse,
  createPostBody,
  deletePostQuery,
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

const tags = ['posts'] as const;
const errors = errorResponses(400, 401, 403, 404, 409, 422);

/** Where a state change or a schedule of one post is (…/posts/:postId/<action>). */
type PostActionEndpoint = { readonly method: 'POST'; readonly path: string };

/** A state change of one post, with an optional comment. */
const transition = (endpoint: PostActionEndpoint, access: 'content.write' | 'content.approve', summary: string) =>
  defineRoute({
    ...endpoint,
    access,
    tags,
    summary,
    params: postParams,
    headers: ifMatchHeaders,
    body: transitionBody,
    responses: { 200: postResponse, ...errors },
  });

/** Schedule and reschedule take the same body. */
const schedule = (endpoint: PostActionEndpoint, summary: string) =>
  defineRoute({
    ...endpoint,
    access: 'content.write',
    tags,
    summary,
    description:
      'Body `{ localTime, timezone? }`, `{ queue: true }` or `{}`. Where the workspace requires approval only approved posts can be ' +
      'scheduled (409 `post.approval_required`). A local time in a DST gap → 422 `post.nonexistent_local_time`; an overlap takes the ' +
      'earlier instant (`schedule.ambiguous`). Warnings: cadence, promotional share, duplicate text.',
    params: postParams,
    headers: ifMatchHeaders,
    body: scheduleBody,
    responses: { 200: scheduleResponse, ...errors },
  });

export const postsContract = {
  createPost: defineRoute({
    ...at.createPost,
    access: 'content.write',
    tags,
    summary: 'Create a post (idea or draft) with one variant per strategy channel',
    description: 'Warnings (not errors): network limits of a draft, duplicate text on a channel, channels outside the campaign.',
    params: workspaceParams,
    body: createPostBody,
    responses: { 201: postResponse, ...errors },
  }),

  listPosts: defineRoute({
    ...at.listPosts,
    access: 'workspace.read',
    tags,
    summary: 'List posts (calendar, lists): filter by state, strategy, channel, campaign, pillar, author, text (q), from/to',
    params: workspaceParams,
    query: listPostsQuery,
    responses: { 200: postListResponse, ...errors },
  }),

  bulkPosts: defineRoute({
    ...at.bulkPosts,
    access: ['content.write', 'content.approve'],
    tags,
    summary: 'One action on several posts: submit, approve, reschedule, cancel or delete — answered per post',
    description:
      'Each post goes through the same rules as its single-post route, in a transaction of its own: a refused post (another ' +
      "workspace's id → `post.not_found`, `post.approval_required`, `post.version_conflict`…) is reported in its result and never " +
      "undoes the others. The whole request needs the action's permission (`content.approve` to approve, else `content.write`).",
    params: workspaceParams,
    body: bulkPostsBody,
    responses: { 200: bulkPostsResponse, ...errors },
  }),

  getQueue: defineRoute({
    ...at.getQueue,
    access: 'workspace.read',
    tags,
    summary: "Each strategy channel's coming queue slots (cadence × posting times) and the posts filling them",
    description:
      'The same slots `POST …/posts/{id}/schedule { queue: true }` takes: the first free one is where the next queued post goes.',
    params: workspaceParams,
    query: queueQuery,
    responses: { 200: queueResponse, ...errors },
  }),

  getPost: defineRoute({
    ...at.getPost,
    access: 'workspace.read',
    tags,
    summary: 'A post with its variants, review thread and the actions open to you',
    params: postParams,
    responses: { 200: postDetailResponse, ...errors },
  }),

  updatePost: defineRoute({
    ...at.updatePost,
    access: 'content.write',
    tags,
    summary: 'Edit a post: content per channel (null removes a channel), campaign, pillar, planned time',
    description:
      'Editing the content of an approved or scheduled post sends it back to review where approval is required, voiding its scheduled jobs.',
    params: postParams,
    headers: ifMatchHeaders,
    body: updatePostBody,
    responses: { 200: postResponse, ...errors },
  }),

  deletePost: defineRoute({
    ...at.deletePost,
    access: 'content.write',
    tags,
    summary: 'Delete a post (kept in the audit log); its scheduled jobs are voided',
    params: postParams,
    headers: ifMatchHeaders,
    query: deletePostQuery,
    responses: { 204: noContent, ...errors },
  }),

  developPost: transition(at.developPost, 'content.write', 'Turn an idea into a draft'),
  submitPost: transition(at.submitPost, 'content.write', 'Submit a draft for review (content must fit every network)'),
  approvePost: transition(at.approvePost, 'content.approve', 'Approve a post in review (not your own, unless you are the owner)'),
  cancelPost: transition(at.cancelPost, 'content.write', 'Cancel a post: it will not be published; scheduled jobs are voided'),
  reopenPost: transition(at.reopenPost, 'content.write', 'Reopen a cancelled post as a draft'),

  rejectPost: defineRoute({
    ...at.rejectPost,
    access: 'content.approve',
    tags,
    summary: 'Send a post in review back to draft, saying what should change',
    params: postParams,
    headers: ifMatchHeaders,
    body: rejectBody,
    responses: { 200: postResponse, ...errors },
  }),

  schedulePost: schedule(at.schedulePost, 'Schedule a post: at a local time, in the next queue slots, or at its planned time'),
  reschedulePost: schedule(at.reschedulePost, 'Move a scheduled post to another time'),

  addComment: defineRoute({
    ...at.addComment,
    access: ['content.write', 'content.approve'],
    tags,
    summary: 'Comment in the review thread (writers and approvers)',
    params: postParams,
    body: commentBody,
    responses: { 201: commentResponse, ...errors },
  }),
};
