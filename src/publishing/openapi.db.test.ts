import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPostsTestApp, expectStatus, type PostsTestApp } from '../../test/posts-app.ts';

let t: PostsTestApp;
beforeAll(async () => {
  t = await createPostsTestApp();
});
afterAll(() => t.close());

it('documents every posts endpoint in the OpenAPI document', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  expectStatus(res, 200);
  const paths = Object.keys(res.json().paths).filter((p) => p.includes('/posts') || p.endsWith('/queue'));
  expect(paths.sort()).toEqual([
    '/api/v1/workspaces/{workspaceId}/posts',
    '/api/v1/workspaces/{workspaceId}/posts/bulk',
    '/api/v1/workspaces/{workspaceId}/posts/{postId}',
    ...['approve', 'cancel', 'comments', 'develop', 'reject', 'reopen', 'reschedule', 'schedule', 'submit'].map(
      (a) => `/api/v1/workspaces/{workspaceId}/posts/{postId}/${a}`,
    ),
    '/api/v1/workspaces/{workspaceId}/queue',
  ]);
});
