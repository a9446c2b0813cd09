/**
 * Conversions in Postgres, shared by the API (one at a time) and the CSV import (a batch): what a
 * link code or campaign id is attributed to, which currency it must be in, the stored conversions of
 * some external ids, and the idempotent insert that counts each one once.
 */
import type { Queryable } from '../../db/pool.ts';
import { recordEvents, type EventSource, type MetricEvent } from '../events.ts';
import type { ConversionView } from './schema.ts';

/** Where a conversion is attributed, and the currency its money must be in (the budget's), if any. */
export interface Target {
  strategyId: string | null;
  campaignId: string | null;
  linkId: string | null;
  channelId: string | null;
  postId: string | null;
  variantId: string | null;
  /** The campaign's budget currency, else its strategy's; null when neither has a budget. */
  currency: { code: string; of: 'campaign' | 'strategy'; id: string } | null;
}

interface TargetRow {
  key: string;
  strategy_id: string | null;
  campaign_id: string | null;
  link_id: string | null;
  channel_id: string | null;
  post_id: string | null;
  variant_id: string | null;
  campaign_currency: string | null;
  strategy_currency: string | null;
}

const toTarget = (r: TargetRow): Target => ({
  strategyId: r.strategy_id,
  campaignId: r.campaign_id,
  linkId: r.link_id,
  channelId: r.channel_id,
  postId: r.post_id,
  variantId: r.variant_id,
  currency:
    r.campaign_currency !== null && r.campaign_id !== null
      ? { code: r.campaign_currency, of: 'campaign', id: r.campaign_id }
      : r.strategy_currency !== null && r.strategy_id !== null
        ? { code: r.strategy_currency, of: 'strategy', id: r.strategy_id }
        : null,
});

const BUDGET_CURRENCIES = `c.document->'budget'->>'currency' AS campaign_currency, s.document->'resources'->'budget'->>'currency' AS strategy_currency`;

/** The workspace's campaigns among `ids`, by id. */
export async function findCampaignTargets(q: Queryable, workspaceId: string, ids: readonly string[]): Promise<Map<string, Target>> {
  if (ids.length === 0) return new Map();
  const { rows } = await q.query<TargetRow>(
    `SELECT c.id AS key, c.strategy_id, c.id AS campaign_id, NULL::uuid AS link_id, NULL AS channel_id, NULL::uuid AS post_id,
            NULL::uuid AS variant_id, ${BUDGET_CURRENCIES}
       FROM campaigns c JOIN strategies s ON s.workspace_id = c.workspace_id AND s.id = c.strategy_id
      WHERE c.workspace_id = $1 AND c.id = ANY($2::text[])`,
    [workspaceId, ids],
  );
  return new Map(rows.map((r) => [r.key, toTarget(r)]));
}

/** The workspace's tracked links among `codes`, by code: attributed to the link's campaign and strategy. */
export async function findLinkTargets(q: Queryable, workspaceId: string, codes: readonly string[]): Promise<Map<string, Target>> {
  if (codes.length === 0) return new Map();
  const { rows } = await q.query<TargetRow>(
    `SELECT l.code AS key, coalesce(l.strategy_id, c.strategy_id) AS strategy_id, c.id AS campaign_id, l.id AS link_id,
            l.channel_id, l.post_id, l.variant_id, ${BUDGET_CURRENCIES}
       FROM tracked_links l
       LEFT JOIN campaigns c ON c.workspace_id = l.workspace_id AND c.id = l.campaign_id
       LEFT JOIN strategies s ON s.workspace_id = l.workspace_id AND s.id = coalesce(l.strategy_id, c.strategy_id)
      WHERE l.workspace_id = $1 AND l.code = ANY($2::text[])`,
    [workspaceId, codes],
  );
  return new Map(rows.map((r) => [r.key, toTarget(r)]));
}

interface ConversionRow {
  id: string;
  external_id: string;
  strategy_id: string | null;
  campaign_id: string | null;
  link_id: string | null;
  link_code: string | null;
  value: string;
  currency: string;
  occurred_at: Date;
  source: ConversionView['source'];
  created_at: Date;
}

/** A conversion as stored. */
export type StoredConversion = ConversionView & { linkId: string | null };

const present = (r: ConversionRow): StoredConversion => ({
  id: r.id,
  externalId: r.external_id,
  strategy: r.strategy_id,
  campaign: r.campaign_id,
  link: r.link_code,
  linkId: r.link_id,
  // numeric comes back as text; two decimals are exact in a double.
  value: Number(r.value),
  currency: r.currency,
  occurredAt: r.occurred_at.toISOString(),
  source: r.source,
  createdAt: r.created_at.toISOString(),
});

export const viewOf = ({ linkId: _, ...view }: StoredConversion): ConversionView => view;

/** The workspace's stored conversions with these external ids, by external id. */
export async function findConversions(
  q: Queryable,
  workspaceId: string,
  externalIds: readonly string[],
): Promise<Map<string, StoredConversion>> {
  if (externalIds.length === 0) return new Map();
  const { rows } = await q.query<ConversionRow>(
    `SELECT v.id, v.external_id, v.strategy_id, v.campaign_id, v.link_id, l.code AS link_code, v.value, v.currency,
            v.occurred_at, v.source, v.created_at
       FROM conversions v LEFT JOIN tracked_links l ON l.id = v.link_id
      WHERE v.workspace_id = $1 AND v.external_id = ANY($2::text[])`,
    [workspaceId, externalIds],
  );
  return new Map(rows.map((r) => [r.external_id, present(r)]));
}

/** What a sender says about a conversion: compared with what is stored under its external id. */
export interface ConversionClaim {
  campaign: string | null;
  link: string | null;
  value: number;
  currency: string;
  occurredAt: Date;
}

/** True when `claim` says what `stored` holds: a retry of the same conversion, not a different one under a reused id. */
export function sameConversion(stored: StoredConversion, claim: ConversionClaim): boolean {
  const sameTarget = claim.link !== null ? stored.link === claim.link : stored.linkId === null && stored.campaign === claim.campaign;
  return (
    sameTarget &&
    stored.value === claim.value &&
    stored.currency === claim.currency &&
    Date.parse(stored.occurredAt) === claim.occurredAt.getTime()
  );
}

/** True when two claims say the same. */
export const sameClaim = (a: ConversionClaim, b: ConversionClaim): boolean =>
  a.campaign === b.campaign &&
  a.link === b.link &&
  a.value === b.value &&
  a.currency === b.currency &&
  a.occurredAt.getTime() === b.occurredAt.getTime();

export interface NewConversion {
  externalId: string;
  target: Target;
  value: number;
  currency: string;
  occurredAt: Date;
}

/**
 * Inserts the conversions whose external id the workspace has not recorded yet (ON CONFLICT DO
 * NOTHING: also against a concurrent insert of the same id, which waits for the other transaction)
 * and appends a `conversions` +1 and a `revenue` +value event for each one inserted — only those, so
 * a retry never counts twice. Call inside the transaction that decides on them. Answers the external
 * ids inserted.
 */
export async function insertConversions(
  q: Queryable,
  workspaceId: string,
  source: 'api' | 'import',
  items: readonly NewConversion[],
): Promise<Set<string>> {
  if (items.length === 0) return new Set();
  const column = <T>(pick: (c: NewConversion) => T) => items.map(pick);
  const { rows } = await q.query<{ external_id: string }>(
    `INSERT INTO conversions (workspace_id, source, external_id, strategy_id, campaign_id, link_id, value, currency, occurred_at)
     SELECT $1::uuid, $2::text, * FROM unnest($3::text[], $4::text[], $5::text[], $6::uuid[], $7::numeric[], $8::text[], $9::timestamptz[])
     ON CONFLICT (workspace_id, external_id) DO NOTHING
     RETURNING external_id`,
    [
      workspaceId,
      source,
      column((c) => c.externalId),
      column((c) => c.target.strategyId),
      column((c) => c.target.campaignId),
      column((c) => c.target.linkId),
      column((c) => c.value),
      column((c) => c.currency),
      column((c) => c.occurredAt),
    ],
  );
  const inserted = new Set(rows.map((r) => r.external_id));
  const eventSource: EventSource = source === 'api' ? 'conversion' : 'import';
  const events: MetricEvent[] = items
    .filter((c) => inserted.has(c.externalId))
    .flatMap((c) => {
      const base = {
        workspaceId,
        occurredAt: c.occurredAt,
        source: eventSource,
        strategyId: c.target.strategyId,
        campaignId: c.target.campaignId,
        channelId: c.target.channelId,
        postId: c.target.postId,
        variantId: c.target.variantId,
        linkId: c.target.linkId,
      };
      return [
        { ...base, metric: 'conversions' as const, value: 1 },
        { ...base, metric: 'revenue' as const, value: c.value },
      ];
    });
  await recordEvents(q, events);
  return inserted;
}
