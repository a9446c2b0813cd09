/**
 * A workspace's tracked links with what they brought in a range of days: clicks and unique visitors
 * summed from the measurement log (metric_events, by link), the top referring domains from
 * link_referrers. Most clicked first.
 */
import type { Queryable } from '../../db/pool.ts';
import type { ListLinksQuery, TrackedLinkView } from './schema.ts';

const TOP_REFERRERS = 5;

interface Row {
  id: string;
  code: string;
  target_url: string;
  strategy_id: string | null;
  campaign_id: string | null;
  channel_id: string | null;
  post_id: string | null;
  variant_id: string | null;
  created_at: Date;
  clicks: number;
  uniques: number;
}

/** The day after `day` (`YYYY-MM-DD`), at 00:00 UTC: the exclusive end of a range ending on `day`. */
const dayAfter = (day: string): Date => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);

export async function listLinks(q: Queryable, workspaceId: string, publicUrl: string, query: ListLinksQuery): Promise<TrackedLinkView[]> {
  const from = query.from === undefined ? null : new Date(`${query.from}T00:00:00Z`);
  const to = query.to === undefined ? null : dayAfter(query.to);
  const { rows } = await q.query<Row>(
    `WITH links AS (
       SELECT * FROM tracked_links
        WHERE workspace_id = $1 AND ($2::text IS NULL OR campaign_id = $2) AND ($3::uuid IS NULL OR post_id = $3)
     ),
     counts AS (
       SELECT e.link_id,
              sum(e.value) FILTER (WHERE e.metric = 'link_clicks') AS clicks,
              sum(e.value) FILTER (WHERE e.metric = 'unique_visitors') AS uniques
         FROM metric_events e
        WHERE e.link_id IS NOT NULL AND e.link_id IN (SELECT id FROM links) AND e.metric IN ('link_clicks', 'unique_visitors')
          AND ($4::timestamptz IS NULL OR e.occurred_at >= $4) AND ($5::timestamptz IS NULL OR e.occurred_at < $5)
        GROUP BY e.link_id
     )
     SELECT l.id, l.code, l.target_url, l.strategy_id, l.campaign_id, l.channel_id, l.post_id, l.variant_id, l.created_at,
            coalesce(c.clicks, 0) AS clicks, coalesce(c.uniques, 0) AS uniques
       FROM links l LEFT JOIN counts c ON c.link_id = l.id
      ORDER BY clicks DESC, l.created_at DESC, l.id
      LIMIT $6`,
    [workspaceId, query.campaign ?? null, query.post ?? null, from, to, query.limit],
  );
  const referrers = await q.query<{ link_id: string; domain: string; clicks: string }>(
    `SELECT link_id, domain, clicks FROM (
       SELECT link_id, domain, sum(clicks) AS clicks,
              row_number() OVER (PARTITION BY link_id ORDER BY sum(clicks) DESC, domain) AS rank
         FROM link_referrers
        WHERE link_id = ANY($1::uuid[]) AND ($2::date IS NULL OR day >= $2) AND ($3::date IS NULL OR day <= $3)
        GROUP BY link_id, domain
     ) ranked
     WHERE rank <= $4
     ORDER BY link_id, rank`,
    [rows.map((r) => r.id), query.from ?? null, query.to ?? null, TOP_REFERRERS],
  );
  const top = new Map<string, { domain: string; clicks: number }[]>();
  for (const r of referrers.rows) {
    const list = top.get(r.link_id) ?? [];
    list.push({ domain: r.domain, clicks: Number(r.clicks) });
    top.set(r.link_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    shortUrl: `${publicUrl}/l/${r.code}`,
    targetUrl: r.target_url,
    strategy: r.strategy_id,
    campaign: r.campaign_id,
    channel: r.channel_id,
    post: r.post_id,
    variant: r.variant_id,
    createdAt: r.created_at.toISOString(),
    clicks: Number(r.clicks),
    uniqueVisitors: Number(r.uniques),
    topReferrers: top.get(r.id) ?? [],
  }));
}
