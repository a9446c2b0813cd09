/**
 * At publish time, just before a variant is sent: its links replaced by tracked short links
 * (src/measure/links/wrap.ts says which and how), the links stored in tracked_links. Idempotent
 * across retries and crashes: a (variant, target) pair has one link (UNIQUE), so a retried publish
 * sends the same short links. Nothing is wrapped where the workspace opted out or the post did, nor
 * for a real network while PUBLIC_URL is a localhost address (only the sandbox network gets short links then).
 */
import { randomBytes } from 'node:crypto';
import { recordAudit } from '../../audit/record-audit.ts';
import { withTransaction, type Pool } from '../../db/pool.ts';
import { PLATFORM_LIMITS, type PlatformLimits, type VariantContent } from '../../content/limits.ts';
import { PLATFORMS, type Platform } from '../../plan/schema.ts';
import { CODE_LENGTH, linkTargets, reachableFromOutside, wrapLinks, type WrapOptions } from './wrap.ts';

export interface VariantToWrap {
  id: string;
  postId: string;
  workspaceId: string;
  channelId: string;
  content: VariantContent;
  /** The connector sending it (the UTM source when the strategy no longer names the channel's network). */
  connector: string;
  /** The connector's own limits, beside the network's. */
  limits: PlatformLimits;
}

interface Settings {
  track_links: boolean;
  /** posts.tracking as the posts API validated it (publishing/schema.ts: postTrackingSchema). */
  tracking: { enabled?: boolean; utmCampaign?: string; utmContent?: string } | null;
  strategy_id: string;
  campaign_id: string | null;
  platform: string | null;
}

const newCode = (): string => randomBytes(8).toString('base64url').slice(0, CODE_LENGTH);

/** A code clash (60 random bits) is next to impossible; a few tries make it impossible in practice. */
const MAX_TRIES = 5;

/** The content to send: `variant.content` with its links wrapped (or as it is, when nothing is to be tracked). */
export async function wrapVariantLinks(pool: Pool, publicUrl: string, variant: VariantToWrap): Promise<VariantContent> {
  const { content } = variant;
  // A short link on localhost would be a dead link on a real network: only the sandbox gets one then.
  if (variant.connector !== 'sandbox' && !reachableFromOutside(publicUrl)) return content;
  // Most posts have no link: no query for them (this is the publish path).
  if (![content.text, ...content.thread, content.firstComment ?? '', content.link ?? ''].some((t) => /https?:\/\//i.test(t)))
    return content;
  const { rows } = await pool.query<Settings>({
    name: 'gw_links_wrap_settings',
    text: `SELECT w.track_links, p.tracking, p.strategy_id, p.campaign_id,
                  jsonb_path_query_first(s.document, '$.channels[*] ? (@.id == $id).platform', jsonb_build_object('id', $2::text)) #>> '{}'
                    AS platform
             FROM posts p
             JOIN workspaces w ON w.id = p.workspace_id
             LEFT JOIN strategies s ON s.workspace_id = p.workspace_id AND s.id = p.strategy_id
            WHERE p.id = $1`,
    values: [variant.postId, variant.channelId],
  });
  const settings = rows[0];
  if (!settings?.track_links) return variant.content;
  const own = settings.tracking ?? {};
  if (own.enabled === false) return variant.content;

  const platform = PLATFORMS.includes(settings.platform as Platform) ? (settings.platform as Platform) : null;
  const options: WrapOptions = {
    prefix: `${publicUrl}/l/`,
    utm: {
      source: platform ?? variant.connector,
      medium: 'social',
      campaign: own.utmCampaign ?? settings.campaign_id ?? settings.strategy_id,
      content: own.utmContent ?? variant.id,
    },
    limits: platform ? [PLATFORM_LIMITS[platform], variant.limits] : [variant.limits],
  };
  const targets = linkTargets(variant.content, options);
  if (targets.length === 0) return variant.content;

  const codes = await withTransaction(pool, async (tx) => {
    const found = new Map<string, string>();
    const made: { code: string; target: string }[] = [];
    for (let attempt = 0; attempt < MAX_TRIES && found.size < targets.length; attempt++) {
      const wanted = targets.filter((t) => !found.has(t));
      const tried = wanted.map(() => newCode());
      // DO NOTHING on either key: the (variant, target) pair exists (a retry), or the code is taken (tried again).
      const inserted = await tx.query<{ code: string; target_url: string }>(
        `INSERT INTO tracked_links (workspace_id, code, target_url, strategy_id, campaign_id, channel_id, post_id, variant_id)
         SELECT $1, code, target, $4, $5, $6, $7, $8 FROM unnest($2::text[], $3::text[]) AS t (code, target)
         ON CONFLICT DO NOTHING
         RETURNING code, target_url`,
        [variant.workspaceId, tried, wanted, settings.strategy_id, settings.campaign_id, variant.channelId, variant.postId, variant.id],
      );
      for (const r of inserted.rows) made.push({ code: r.code, target: r.target_url });
      const existing = await tx.query<{ code: string; target_url: string }>(
        'SELECT code, target_url FROM tracked_links WHERE variant_id = $1 AND target_url = ANY($2::text[])',
        [variant.id, wanted],
      );
      for (const r of existing.rows) found.set(r.target_url, r.code);
    }
    if (made.length) {
      await recordAudit(tx, {
        workspaceId: variant.workspaceId,
        actor: null,
        action: 'post.links_tracked',
        entityType: 'post',
        entityId: variant.postId,
        after: { variant: variant.id, channel: variant.channelId, links: made },
        reason: `links on ${variant.channelId} wrapped for tracking`,
      });
    }
    return found;
  });
  return wrapLinks(variant.content, options, codes);
}
