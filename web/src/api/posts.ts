/** Posts: the lists and calendar, one post with its history, every write, the queue, bulk actions. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { auditContract } from '../../../src/audit/contract.ts';
import { auditEndpoints } from '../../../src/audit/endpoints.ts';
import type { BodyOf, QueryOf, ResponseOf } from '../../../src/http/contract.ts';
import type { postsContract } from '../../../src/publishing/contract.ts';
import { postsEndpoints } from '../../../src/publishing/endpoints.ts';
import { bind, call, ifMatch } from './client.ts';
import type { PostAction } from './types.ts';

const api = bind<typeof postsContract>(postsEndpoints);
const audit = bind<typeof auditContract>(auditEndpoints);

export type Post = ResponseOf<typeof postsContract.getPost>['post'];
export type PostVariant = Post['variants'][number];
export type VariantState = PostVariant['state'];
export type PostDetail = ResponseOf<typeof postsContract.getPost>;
export type PostComment = PostDetail['comments'][number];
export type PostSaved = ResponseOf<typeof postsContract.createPost>;
export type PostWarning = PostSaved['warnings'][number];
export type CreatePostInput = BodyOf<typeof postsContract.createPost>;
export type UpdatePostInput = BodyOf<typeof postsContract.updatePost>;
export type ScheduleInput = BodyOf<typeof postsContract.schedulePost>;
export type BulkPostsInput = BodyOf<typeof postsContract.bulkPosts>;
export type BulkPostsResult = ResponseOf<typeof postsContract.bulkPosts>;
export type BulkAction = BulkPostsInput['action'];
export type QueueView = ResponseOf<typeof postsContract.getQueue>;
/** One entry of the workspace audit log (GET …/audit). */
export type AuditEntry = ResponseOf<typeof auditContract.listAudit>['entries'][number];

/** GET …/posts filters (the contract's query, but the page size); `from`/`to` are ISO instants over the planned time. */
export type PostFilter = Omit<NonNullable<QueryOf<typeof postsContract.listPosts>>, 'limit'>;

/** Under the workspace key, so anything that refreshes a workspace refreshes its posts too. */
export const postKeys = {
  all: (ws: string) => ['ws', ws, 'posts'] as const,
  list: (ws: string, filter: PostFilter) => ['ws', ws, 'posts', 'list', filter] as const,
  detail: (ws: string, id: string) => ['ws', ws, 'posts', 'detail', id] as const,
  history: (ws: string, id: string, version: number) => ['ws', ws, 'posts', 'history', id, version] as const,
  queue: (ws: string) => ['ws', ws, 'posts', 'queue'] as const,
};

export const usePosts = (ws: string, filter: PostFilter = {}) =>
  useQuery({
    queryKey: postKeys.list(ws, filter),
    queryFn: async () => (await call(api.listPosts, { params: { workspaceId: ws }, query: { limit: 2000, ...filter } })).posts,
    // Moving through the calendar keeps the last range's events until the next range arrives.
    placeholderData: keepPreviousData,
  });

/** A post being published, or due within two minutes, is re-read every few seconds: the page shows the worker's progress. */
const watchInterval = (data: PostDetail | undefined): number | false => {
  const post = data?.post;
  if (!post) return false;
  if (post.state === 'publishing') return 2000;
  if (post.state === 'scheduled' && post.scheduledAt && Date.parse(post.scheduledAt) - Date.now() < 120_000) return 3000;
  return false;
};

export const usePost = (ws: string, id: string | undefined) =>
  useQuery({
    queryKey: postKeys.detail(ws, id ?? ''),
    queryFn: () => call(api.getPost, { params: { workspaceId: ws, postId: id! } }),
    enabled: !!id,
    refetchInterval: (q) => watchInterval(q.state.data),
  });

/** The post's audit trail, oldest first (needs audit.read); read again whenever the post's version changes. */
export const usePostHistory = (ws: string, id: string, version: number, enabled: boolean) =>
  useQuery({
    queryKey: postKeys.history(ws, id, version),
    placeholderData: keepPreviousData,
    queryFn: async () =>
      (await call(audit.listAudit, { params: { workspaceId: ws }, query: { entityType: 'post', entityId: id, limit: 200 } })).entries
        .slice()
        .reverse(),
    enabled,
  });

/** Every post write refreshes the lists, the calendar and that post (also after a refusal: the post may have moved on). */
function usePostWrite<V, R>(ws: string, fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: postKeys.all(ws) }) });
}

const postParams = (ws: string, id: string) => ({ workspaceId: ws, postId: id });

export const useCreatePost = (ws: string) =>
  usePostWrite(ws, (body: CreatePostInput) => call(api.createPost, { params: { workspaceId: ws }, body }));

export const useUpdatePost = (ws: string) =>
  usePostWrite(ws, ({ id, version, body }: { id: string; version?: number; body: UpdatePostInput }) =>
    call(api.updatePost, { params: postParams(ws, id), headers: ifMatch(version), body }),
  );

export type ReviewAction = Extract<PostAction, 'develop' | 'submit' | 'approve' | 'reject' | 'cancel' | 'reopen'>;

/** The contract entry of each review action. */
const REVIEW_ROUTES = {
  develop: api.developPost,
  submit: api.submitPost,
  approve: api.approvePost,
  cancel: api.cancelPost,
  reopen: api.reopenPost,
} as const;

export const usePostTransition = (ws: string) =>
  usePostWrite(
    ws,
    ({ id, version, action, comment }: { id: string; version?: number; action: ReviewAction; comment?: string }): Promise<PostSaved> => {
      const input = { params: postParams(ws, id), headers: ifMatch(version) };
      // Rejecting needs the comment (what should change); the server says so when it is missing.
      if (action === 'reject') return call(api.rejectPost, { ...input, body: { comment: comment ?? '' } });
      return call(REVIEW_ROUTES[action], { ...input, body: comment ? { comment } : {} });
    },
  );

export const useSchedulePost = (ws: string) =>
  usePostWrite(ws, ({ id, version, mode, body }: { id: string; version?: number; mode: 'schedule' | 'reschedule'; body: ScheduleInput }) =>
    call(mode === 'schedule' ? api.schedulePost : api.reschedulePost, { params: postParams(ws, id), headers: ifMatch(version), body }),
  );

export const useAddPostComment = (ws: string) =>
  usePostWrite(ws, ({ id, body }: { id: string; body: string }) => call(api.addComment, { params: postParams(ws, id), body: { body } }));

/** Each channel's coming queue slots and what fills them (under the posts key: every post write refreshes it). */
export const useQueue = (ws: string) =>
  useQuery({ queryKey: postKeys.queue(ws), queryFn: () => call(api.getQueue, { params: { workspaceId: ws }, query: { free: 5 } }) });

/** One action on several posts; the answer says, per post, whether it was done or why not. */
export const useBulkPosts = (ws: string) =>
  usePostWrite(ws, (body: BulkPostsInput) => call(api.bulkPosts, { params: { workspaceId: ws }, body }));
