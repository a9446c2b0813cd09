/** Campaign costs in Postgres: the rows as the API shows them, and the currency a campaign's costs must be in. */
import type { AuditActor } from '../../audit/record-audit.ts';
import type { Queryable } from '../../db/pool.ts';
import { isUuid } from '../../db/uuid.ts';
import { AppError, notFound } from '../../errors.ts';
import type { CostCategory, CostView } from './schema.ts';

export interface CostContext {
  workspaceId: string;
  actor: AuditActor;
}

interface CostRow {
  id: string;
  campaign_id: string;
  amount: string;
  currency: string;
  category: CostCategory;
  spent_on: string;
  note: string | null;
  created_at: Date;
}

const COLUMNS = 'id, campaign_id, amount, currency, category, spent_on, note, created_at';

const present = (r: CostRow): CostView => ({
  id: r.id,
  campaign: r.campaign_id,
  // numeric comes back as text; two decimals are exact in a double.
  amount: Number(r.amount),
  currency: r.currency,
  category: r.category,
  spentOn: r.spent_on,
  note: r.note,
  createdAt: r.created_at.toISOString(),
});

export async function listCostRows(q: Queryable, workspaceId: string, campaignId: string): Promise<CostView[]> {
  const { rows } = await q.query<CostRow>(
    `SELECT ${COLUMNS} FROM campaign_costs WHERE workspace_id = $1 AND campaign_id = $2 ORDER BY spent_on DESC, created_at DESC, id`,
    [workspaceId, campaignId],
  );
  return rows.map(present);
}

/** One cost entry of the campaign, locked for the change (404 `cost.not_found` otherwise). */
export async function lockCost(q: Queryable, workspaceId: string, campaignId: string, costId: string): Promise<CostView> {
  const { rows } = isUuid(costId)
    ? await q.query<CostRow>(`SELECT ${COLUMNS} FROM campaign_costs WHERE workspace_id = $1 AND campaign_id = $2 AND id = $3 FOR UPDATE`, [
        workspaceId,
        campaignId,
        costId,
      ])
    : { rows: [] };
  if (!rows[0]) throw notFound('cost', costId);
  return present(rows[0]);
}

export async function insertCost(
  q: Queryable,
  ctx: CostContext,
  campaignId: string,
  cost: Pick<CostView, 'amount' | 'currency' | 'category' | 'spentOn' | 'note'>,
): Promise<CostView> {
  const { rows } = await q.query<CostRow>(
    `INSERT INTO campaign_costs (workspace_id, campaign_id, amount, currency, category, spent_on, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
    [ctx.workspaceId, campaignId, cost.amount, cost.currency, cost.category, cost.spentOn, cost.note, ctx.actor.userId],
  );
  return present(rows[0]!);
}

export async function updateCostRow(q: Queryable, workspaceId: string, cost: CostView): Promise<CostView> {
  const { rows } = await q.query<CostRow>(
    `UPDATE campaign_costs SET amount = $3, currency = $4, category = $5, spent_on = $6, note = $7
      WHERE workspace_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
    [workspaceId, cost.id, cost.amount, cost.currency, cost.category, cost.spentOn, cost.note],
  );
  return present(rows[0]!);
}

/** The currency a campaign's money is counted in, and why: its budget's, its strategy's budget's, or its other costs'. */
export interface CampaignCurrency {
  code: string;
  because: string;
}

/**
 * The currency a campaign's costs must be in: the campaign's budget currency, else its strategy's,
 * else that of its other cost entries (`except`: the entry being changed); null when none of these
 * exists. 404 `campaign.not_found` for a campaign not in the workspace. `lock`: lock the campaign
 * for the change (in a transaction), so two first costs in different currencies cannot both pass.
 */
export async function campaignCurrency(
  q: Queryable,
  workspaceId: string,
  campaignId: string,
  { lock = false, except }: { lock?: boolean; except?: string } = {},
): Promise<CampaignCurrency | null> {
  const { rows } = await q.query<{ campaign: string | null; strategy: string | null; strategy_id: string; costs: string | null }>(
    `SELECT c.document->'budget'->>'currency' AS campaign, s.document->'resources'->'budget'->>'currency' AS strategy, c.strategy_id,
            (SELECT k.currency FROM campaign_costs k
              WHERE k.workspace_id = c.workspace_id AND k.campaign_id = c.id AND k.id::text IS DISTINCT FROM $3 LIMIT 1) AS costs
       FROM campaigns c JOIN strategies s ON s.workspace_id = c.workspace_id AND s.id = c.strategy_id
      WHERE c.workspace_id = $1 AND c.id = $2${lock ? ' FOR UPDATE OF c' : ''}`,
    [workspaceId, campaignId, except ?? null],
  );
  const row = rows[0];
  if (!row) throw notFound('campaign', campaignId);
  if (row.campaign !== null) return { code: row.campaign, because: `campaign "${campaignId}" is budgeted in ${row.campaign}` };
  if (row.strategy !== null) return { code: row.strategy, because: `its strategy "${row.strategy_id}" is budgeted in ${row.strategy}` };
  if (row.costs !== null) return { code: row.costs, because: `its other costs are in ${row.costs}` };
  return null;
}

/** 422 `cost.currency_mismatch` unless `currency` is the campaign's. */
export function checkCurrency(expected: CampaignCurrency | null, currency: string): void {
  if (expected === null || expected.code === currency) return;
  throw new AppError(
    'cost.currency_mismatch',
    `Enter this cost in ${expected.code}, not ${currency}: ${expected.because}, and a campaign's ROI compares money in one currency.`,
    422,
    { expected: expected.code, currency, path: '/currency' },
  );
}
