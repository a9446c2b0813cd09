/** Tracked links: the short links made when posts were published, with their clicks (analytics.read). */
import { useQuery } from '@tanstack/react-query';
import type { linksContract } from '../../../src/measure/links/contract.ts';
import { linksEndpoints } from '../../../src/measure/links/endpoints.ts';
import { bind, call } from './client.ts';

const api = bind<typeof linksContract>(linksEndpoints);

/** A post's tracked links, most clicked first; `enabled`: whether the caller may see analytics. */
export const usePostLinks = (ws: string, postId: string, enabled: boolean) =>
  useQuery({
    queryKey: ['ws', ws, 'links', 'post', postId] as const,
    queryFn: async () => (await call(api.listLinks, { params: { workspaceId: ws }, query: { post: postId } })).links,
    enabled,
  });
