/**
 * Counts one click on a tracked link: `link_clicks` +1 in the measurement log, `unique_visitors` +1
 * when it is the visitor's first click on the link that (UTC) day, and the referrer's domain counted
 * per day. Known bots (the `isbot` list) and requests without a user agent are not counted at all.
 *
 * Privacy: the visitor is HMAC-SHA256(the day's salt, address + "\n" + user agent) — the address and
 * the user agent themselves go nowhere (no table, no log line); the referrer is kept as its host name
 * only, never the page.
 */
import { createHmac } from 'node:crypto';
import { isbot } from 'isbot';
import { withTransaction, type Pool } from '../../db/pool.ts';
import { recordEvents, type MetricEvent } from '../events.ts';
import type { LinkTarget } from './find-link.ts';
import { daySalt, utcDay } from './visitor-salt.ts';

export interface Visit {
  /** The client's address as the app sees it (request.ip: X-Forwarded-For only from trusted proxies). */
  ip: string;
  userAgent: string | undefined;
  /** The Referer header, if any. */
  referrer: string | undefined;
}

export type ClickOutcome = 'bot' | 'repeat' | 'unique';

/** The referrer's host name, lowercased, without a trailing dot; null when there is none worth keeping. */
export function referrerDomain(referrer: string | undefined): string | null {
  if (!referrer) return null;
  let url: URL;
  try {
    url = new URL(referrer);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  return host !== '' && host.length <= 253 ? host : null;
}

export async function countClick(pool: Pool, link: LinkTarget, visit: Visit, now: Date): Promise<ClickOutcome> {
  if (!visit.userAgent || isbot(visit.userAgent)) return 'bot';
  const day = utcDay(now);
  const salt = await daySalt(pool, day);
  const visitor = createHmac('sha256', salt).update(`${visit.ip}\n${visit.userAgent}`).digest();
  const domain = referrerDomain(visit.referrer);
  return withTransaction(pool, async (tx) => {
    const first = await tx.query({
      name: 'gw_links_visitor',
      text: 'INSERT INTO link_visitors (link_id, day, visitor) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      values: [link.id, day, visitor],
    });
    if (domain !== null) {
      await tx.query({
        name: 'gw_links_referrer',
        text: `INSERT INTO link_referrers AS r (link_id, day, domain, clicks) VALUES ($1, $2, $3, 1)
               ON CONFLICT (link_id, day, domain) DO UPDATE SET clicks = r.clicks + 1`,
        values: [link.id, day, domain],
      });
    }
    const event = (metric: MetricEvent['metric']): MetricEvent => ({
      workspaceId: link.workspaceId,
      occurredAt: now,
      metric,
      value: 1,
      source: 'link',
      strategyId: link.strategyId,
      campaignId: link.campaignId,
      channelId: link.channelId,
      postId: link.postId,
      variantId: link.variantId,
      linkId: link.id,
    });
    const unique = (first.rowCount ?? 0) > 0;
    await recordEvents(tx, unique ? [event('link_clicks'), event('unique_visitors')] : [event('link_clicks')]);
    return unique ? 'unique' : 'repeat';
  });
}
