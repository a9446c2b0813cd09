/**
 * The query keys shared across resources: one scheme, so every write knows what to refresh.
 * Everything of a workspace is under `['ws', ws]`; a resource's own keys (posts, notifications,
 * connections, media) live beside its hooks, under the same prefix.
 */
export const keys = {
  me: ['me'] as const,
  workspace: (ws: string) => ['ws', ws] as const,
  strategies: (ws: string) => ['ws', ws, 'strategies'] as const,
  strategy: (ws: string, id: string) => ['ws', ws, 'strategy', id] as const,
  campaign: (ws: string, id: string) => ['ws', ws, 'campaign', id] as const,
  members: (ws: string) => ['ws', ws, 'members'] as const,
  invitations: (ws: string) => ['ws', ws, 'invitations'] as const,
};
