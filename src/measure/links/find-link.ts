/** The tracked link a code names, for the redirector. */
import type { Queryable } from '../../db/pool.ts';
import { CODE_RE } from './wrap.ts';

/** What the redirector needs of a link: where it leads and what a click on it counts for. */
export interface LinkTarget {
  id: string;
  workspaceId: string;
  targetUrl: string;
  strategyId: string | null;
  campaignId: string | null;
  channelId: string | null;
  postId: string | null;
  variantId: string | null;
}

/** The link with this code, or null (also for a code that cannot be one). */
export async function findLink(q: Queryable, code: string): Promise<LinkTarget | null> {
  if (!CODE_RE.test(code)) return null;
  const { rows } = await q.query<LinkTarget>({
    name: 'gw_links_find',
    text: `SELECT id, workspace_id AS "workspaceId", target_url AS "targetUrl", strategy_id AS "strategyId", campaign_id AS "campaignId",
                  channel_id AS "channelId", post_id AS "postId", variant_id AS "variantId"
             FROM tracked_links WHERE code = $1`,
    values: [code],
  });
  return rows[0] ?? null;
}
