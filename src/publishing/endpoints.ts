/** Where the routes of the posts API are (their contract entries: ./contract.ts). Free of schemas: the web app holds it at run time. */
import type { Endpoint } from '../http/contract.ts';

export const postsEndpoints = {
  createPost: { method: 'POST', path: '/workspaces/:workspaceId/posts' },
  listPosts: { method: 'GET', path: '/workspaces/:workspaceId/posts' },
  bulkPosts: { method: 'POST', path: '/workspaces/:workspaceId/posts/bulk' },
  getQueue: { method: 'GET', path: '/workspaces/:workspaceId/queue' },
  getPost: { method: 'GET', path: '/workspaces/:workspaceId/posts/:postId' },
  updatePost: { method: 'PATCH', path: '/workspaces/:workspaceId/posts/:postId' },
  deletePost: { method: 'DELETE', path: '/workspaces/:workspaceId/posts/:postId' },
  developPost: { method: 'POST', path: '/workspaces/:workspaceId/posts/:postId/develop' },
  submitPost: { method: 'POST', path: '/workspaces/:workspaceId/posts/:postId/submit' },
  approvePost: { method: 'POST', path: '/workspaces/:workspaceId/posts/:postId/approve' },
  cancelPost: { method: 'POST', path: '/workspaces/:workspaceId/posts/:postId/cancel' },
  reopenPost: { method: 'POST', path: '/workspaces/:workspaceId/posts/:postId/reopen' },
  rejectPost: { method: 'POST', path: '/workspaces/:workspaceId/posts/:postId/reject' },
  schedulePost: { method: 'POST', path: '/workspaces/:workspaceId/posts/:postId/schedule' },
  reschedulePost: { method: 'POST', path: '/workspaces/:workspaceId/posts/:postId/reschedule' },
  addComment: { method: 'POST', path: '/workspaces/:workspaceId/posts/:postId/comments' },
} as const satisfies Record<string, Endpoint>;
