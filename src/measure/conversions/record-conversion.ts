/**
 * Records one conversion sent by a shop, a CRM or a script (POST …/conversions), idempotently by its
 * external id: the first time it is stored and counted (a `conversions` +1 and a `revenue` +value
 * event, in the same transaction), a retry with the same content answers the stored conversion with
 * `duplicate: true` and counts nothing, and the same id with different content is refused (409
 * `conversion.conflict`) — also when the copies arrive at once (the unique key decides).
 */
import { recordAudit, type AuditActor } from '../../audit/record-audit.ts';
import { withTransaction, type Pool } from '../../db/pool.ts';
import { AppError, notFound } from '../../errors.ts';
import {
  findCampaignTargets,
  findConversions,
  findLinkTargets,
  insertConversions,
  sameConversion,
  viewOf,
  type ConversionClaim,
  type StoredConversion,
  type Target,
} from './conversion-store.ts';
import { FUTURE_TOLERANCE_MS } from './conversions-csv.ts';
import type { ConversionView, RecordConversionBody } from './schema.ts';

export interface ConversionContext {
  workspaceId: string;
  actor: AuditActor;
}

export const linkNotFound = (code: string): AppError =>
  new AppError('conversion.link_not_found', `No tracked link with code "${code}" in this workspace.`, 404, { link: code });

/** 422 when the money is not in the budget's currency (null: the target has no budget, any currency goes). */
export function currencyMismatch(target: Target, currency: string): string | null {
  const expected = target.currency;
  if (expected === null || expected.code === currency) return null;
  return `${expected.of === 'campaign' ? 'Campaign' : 'Strategy'} "${expected.id}" is budgeted in ${expected.code}: record its conversions in ${expected.code}, not ${currency}.`;
}

function answer(stored: StoredConversion, claim: ConversionClaim): { conversion: ConversionView; duplicate: boolean } {
  if (!sameConversion(stored, claim)) {
    throw new AppError(
      'conversion.conflict',
      `A different conversion was recorded with external id "${stored.externalId}": an external id names one conversion. Send a new id for a new conversion.`,
      409,
      { externalId: stored.externalId, stored: viewOf(stored) },
    );
  }
  return { conversion: viewOf(stored), duplicate: true };
}

export async function recordConversion(
  pool: Pool,
  ctx: ConversionContext,
  body: RecordConversionBody,
  now = new Date(),
): Promise<{ conversion: ConversionView; duplicate: boolean }> {
  const claim: ConversionClaim = {
    campaign: body.campaign ?? null,
    link: body.link ?? null,
    value: body.value,
    currency: body.currency,
    occurredAt: new Date(body.occurredAt),
  };
  // A retry is answered from what is stored, whatever happened to the campaign or link since.
  const before = (await findConversions(pool, ctx.workspaceId, [body.externalId])).get(body.externalId);
  if (before) return answer(before, claim);

  if (claim.occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new AppError('conversion.in_future', `occurredAt ${body.occurredAt} is more than a day in the future.`, 422, {
      occurredAt: body.occurredAt,
    });
  }

  return withTransaction(pool, async (tx) => {
    const target =
      claim.link !== null
        ? (await findLinkTargets(tx, ctx.workspaceId, [claim.link])).get(claim.link)
        : (await findCampaignTargets(tx, ctx.workspaceId, [claim.campaign!])).get(claim.campaign!);
    if (!target) throw claim.link !== null ? linkNotFound(claim.link) : notFound('campaign', claim.campaign!);
    const mismatch = currencyMismatch(target, claim.currency);
    if (mismatch !== null)
      throw new AppError('conversion.currency_mismatch', mismatch, 422, { expected: target.currency!.code, currency: claim.currency });

    const inserted = await insertConversions(tx, ctx.workspaceId, 'api', [
      { externalId: body.externalId, target, value: claim.value, currency: claim.currency, occurredAt: claim.occurredAt },
    ]);
    const stored = (await findConversions(tx, ctx.workspaceId, [body.externalId])).get(body.externalId)!;
    // Not inserted: the same id committed by a concurrent request meanwhile.
    if (!inserted.has(body.externalId)) return answer(stored, claim);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'conversion.record',
      entityType: 'conversion',
      entityId: stored.id,
      after: viewOf(stored),
    });
    return { conversion: viewOf(stored), duplicate: false };
  });
}
