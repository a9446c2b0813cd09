/** A stored campaign's readiness checklist and status (what the campaign screen shows before activation). */
import { notFound } from '../errors.ts';
import type { Queryable } from '../db/pool.ts';
import { CAMPAIGN_STATUS_TRANSITIONS, campaignReadiness, type CampaignStatus, type Readiness } from '../plan/readiness.ts';
import { allRules } from '../plan/rules/index.ts';
import type { Campaign, Finding } from '../plan/schema.ts';
import { findConnectionStates } from './connection-states.ts';
import { lintStoredStrategy } from './lint-stored-strategy.ts';
import { findCampaign, findStrategy } from './store.ts';

export interface CampaignStatusRow {
  status: CampaignStatus;
  /** When the status last changed; null while it is still the initial `planned`. */
  statusChangedAt: string | null;
}

export interface CampaignReadinessView extends Readiness, CampaignStatusRow {
  /** Statuses the campaign may change to from its current one (the transition table's row). */
  nextStatuses: CampaignStatus[];
}

/** Today's date in UTC, `YYYY-MM-DD`. */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/** The status columns of a campaign, or null when there is no such campaign in the workspace. */
export async function findCampaignStatus(q: Queryable, workspaceId: string, campaignId: string): Promise<CampaignStatusRow | null> {
  const { rows } = await q.query<{ status: CampaignStatus; status_changed_at: Date | null }>(
    'SELECT status, status_changed_at FROM campaigns WHERE workspace_id = $1 AND id = $2',
    [workspaceId, campaignId],
  );
  const row = rows[0];
  return row ? { status: row.status, statusChangedAt: row.status_changed_at?.toISOString() ?? null } : null;
}

const STRATEGY_RULES = new Set(allRules.filter((r) => r.target === 'strategy').map((r) => r.id));

/**
 * The readiness of `campaign` against what the workspace stores: its strategy, and the findings of
 * the strategy document itself (linted with all of its campaigns, as every write reports them).
 */
export async function evaluateCampaignReadiness(q: Queryable, workspaceId: string, campaign: Campaign, today: string): Promise<Readiness> {
  const strategy = campaign.strategy === undefined ? null : await findStrategy(q, workspaceId, campaign.strategy);
  let strategyFindings: Finding[] = [];
  if (strategy) {
    strategyFindings = (await lintStoredStrategy(q, workspaceId, strategy)).findings.filter(
      (f) => f.document === strategy.doc.id && STRATEGY_RULES.has(f.rule),
    );
  }
  return campaignReadiness(
    strategy?.doc,
    campaign,
    strategyFindings,
    today,
    strategy ? await findConnectionStates(q, workspaceId, strategy.doc.id) : new Map(),
  );
}

export async function getCampaignReadiness(
  q: Queryable,
  workspaceId: string,
  campaignId: string,
  today = todayUtc(),
): Promise<CampaignReadinessView> {
  const [stored, status] = await Promise.all([findCampaign(q, workspaceId, campaignId), findCampaignStatus(q, workspaceId, campaignId)]);
  if (!stored || !status) throw notFound('campaign', campaignId);
  const readiness = await evaluateCampaignReadiness(q, workspaceId, stored.doc, today);
  return { ...readiness, ...status, nextStatuses: [...CAMPAIGN_STATUS_TRANSITIONS[status.status]] };
}
