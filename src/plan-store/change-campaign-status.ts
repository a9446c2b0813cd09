/**
 * Changing a campaign's status: planned → active → completed, or cancelled. The transition table
 * lives in plan/readiness.ts; activation is gated by the readiness checklist, and only a workspace
 * owner may activate an unready campaign, with a reason that goes into the audit log.
 */
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { AppError, notFound } from '../errors.ts';
import { CAMPAIGN_STATUS_TRANSITIONS, canChangeStatus, type CampaignStatus, type ReadinessItemId } from '../plan/readiness.ts';
import type { Role } from '../workspace/policy.ts';
import { evaluateCampaignReadiness, findCampaignStatus, todayUtc } from './get-campaign-readiness.ts';
import { findCampaign } from './store.ts';

/** The role that may activate a campaign whose readiness items are not all met. */
export const OVERRIDE_ROLE: Role = 'owner';

export interface StatusChangeContext {
  workspaceId: string;
  actor: Actor | null;
  /** The caller's role in the workspace (from `authorize`). */
  role: Role;
}

export interface StatusChangeInput {
  status: CampaignStatus;
  /** Required to activate a campaign that is not ready; only an owner may give it. 10–1000 characters. */
  overrideReason?: string;
}

export interface StatusChange {
  campaign: string;
  status: CampaignStatus;
  previousStatus: CampaignStatus;
  /** False when the campaign already had this status (nothing written, nothing audited). */
  changed: boolean;
  statusChangedAt: string | null;
  /** Set when an owner activated the campaign despite unmet readiness items. */
  override: { reason: string; unmet: ReadinessItemId[] } | null;
}

export async function changeCampaignStatus(
  pool: Pool,
  ctx: StatusChangeContext,
  campaignId: string,
  input: StatusChangeInput,
  today = todayUtc(),
): Promise<StatusChange> {
  return withTransaction(pool, async (tx) => {
    // Lock the campaign: two people activating at once must not both pass the checks.
    const stored = await findCampaign(tx, ctx.workspaceId, campaignId, true);
    const current = await findCampaignStatus(tx, ctx.workspaceId, campaignId);
    if (!stored || !current) throw notFound('campaign', campaignId);
    const from = current.status;
    const to = input.status;
    const unchanged = {
      campaign: campaignId,
      status: from,
      previousStatus: from,
      statusChangedAt: current.statusChangedAt,
      override: null,
    };
    if (from === to) return { ...unchanged, changed: false };
    if (!canChangeStatus(from, to)) {
      const allowed = CAMPAIGN_STATUS_TRANSITIONS[from];
      throw new AppError(
        'plan.invalid_status_transition',
        `Campaign "${campaignId}" is ${from} and cannot become ${to}${allowed.length ? `: from ${from} it can only become ${allowed.join(' or ')}` : `: ${from} is final`}.`,
        409,
        { from, to, allowed },
      );
    }

    let override: StatusChange['override'] = null;
    if (to === 'active') {
      const readiness = await evaluateCampaignReadiness(tx, ctx.workspaceId, stored.doc, today);
      const unmetItems = readiness.items.filter((i) => !i.met);
      const unmet = unmetItems.map((i) => i.id);
      if (unmet.length) {
        const what = `Campaign "${campaignId}" is not ready to be activated (${unmetItems.map((i) => i.label.toLowerCase()).join('; ')})`;
        if (input.overrideReason === undefined) {
          throw new AppError(
            'plan.campaign_not_ready',
            `${what}: complete the readiness checklist, or have a workspace owner activate it with an override reason.`,
            409,
            { unmet },
          );
        }
        if (ctx.role !== OVERRIDE_ROLE) {
          throw new AppError(
            'auth.forbidden',
            `${what}. Only a workspace owner can override the readiness checklist; your role is ${ctx.role}. Ask an owner to activate it, or complete the checklist.`,
            403,
            { role: ctx.role, required: OVERRIDE_ROLE, unmet },
          );
        }
        override = { reason: input.overrideReason, unmet };
      }
    }

    const { rows } = await tx.query<{ status_changed_at: Date }>(
      `UPDATE campaigns SET status = $3, status_changed_at = now()
        WHERE workspace_id = $1 AND id = $2 RETURNING status_changed_at`,
      [ctx.workspaceId, campaignId, to],
    );
    const audit = { workspaceId: ctx.workspaceId, actor: ctx.actor, entityType: 'campaign', entityId: campaignId } as const;
    await recordAudit(tx, {
      ...audit,
      action: 'campaign.status_change',
      before: { status: from },
      after: { status: to },
      reason: input.overrideReason,
    });
    if (override) {
      await recordAudit(tx, {
        ...audit,
        action: 'campaign.activate',
        before: { status: from },
        after: { status: to, override: true, unmet: override.unmet },
        reason: override.reason,
      });
    }
    return { ...unchanged, status: to, changed: true, statusChangedAt: rows[0]!.status_changed_at.toISOString(), override };
  });
}
