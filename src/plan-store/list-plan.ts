import type { Queryable } from '../db/pool.ts';
import type { CampaignStatus } from '../plan/readiness.ts';

export interface StrategySummary {
  id: string;
  name: string;
  organisation: string;
  period: { start: string; end: string };
  campaignCount: number;
  version: number;
  updatedAt: string;
}

export async function listStrategies(q: Queryable, workspaceId: string): Promise<StrategySummary[]> {
  const { rows } = await q.query<{
    id: string;
    name: string;
    organisation: string;
    period_start: string;
    period_end: string;
    campaign_count: number;
    version: number;
    updated_at: Date;
  }>({
    // Named: planned once per connection.
    name: 'plan.list-strategies',
    text: `SELECT s.id, s.name, s.organisation, s.period_start, s.period_end, s.version, s.updated_at,
                  (SELECT count(*) FROM campaigns c WHERE c.workspace_id = s.workspace_id AND c.strategy_id = s.id)::int AS campaign_count
             FROM strategies s WHERE s.workspace_id = $1 ORDER BY s.period_start DESC, s.id`,
    values: [workspaceId],
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    organisation: r.organisation,
    period: { start: r.period_start, end: r.period_end },
    campaignCount: r.campaign_count,
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
  }));
}

export interface CampaignSummary {
  id: string;
  strategy: string;
  name: string;
  type: string;
  start: string;
  end: string;
  owner: string | null;
  status: CampaignStatus;
  version: number;
  updatedAt: string;
}

export async function listCampaigns(q: Queryable, workspaceId: string, strategyId?: string): Promise<CampaignSummary[]> {
  const { rows } = await q.query<{
    id: string;
    strategy_id: string;
    name: string;
    type: string;
    start_date: string;
    end_date: string;
    owner: string | null;
    status: CampaignStatus;
    version: number;
    updated_at: Date;
  }>(
    `SELECT id, strategy_id, name, type, start_date, end_date, owner, status, version, updated_at FROM campaigns
      WHERE workspace_id = $1 AND ($2::text IS NULL OR strategy_id = $2) ORDER BY start_date, id`,
    [workspaceId, strategyId ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    strategy: r.strategy_id,
    name: r.name,
    type: r.type,
    start: r.start_date,
    end: r.end_date,
    owner: r.owner,
    status: r.status,
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
  }));
}
