/**
 * The inbox's response figures over a period (items received in it): response rate and first response
 * time (median and mean, in business minutes where business hours are set), and what is overdue now.
 */
import type { Queryable } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { addDays, compareDates } from '../plan/dates.ts';
import { firstResponseMinutes, median, responseRate } from '../measure/formulas.ts';
import { responseMinutes } from '../measure/business-hours.ts';
import { loadSlaSettings } from './sla-settings.ts';

/** Items read for one period at most: beyond, the figures are of the most recent ones. */
const MAX_ITEMS = 50_000;
const MAX_DAYS = 366;

export async function inboxStats(q: Queryable, workspaceId: string, query: { from?: string; to?: string }, today = new Date()) {
  const to = query.to ?? today.toISOString().slice(0, 10);
  const from = query.from ?? addDays(to, -29);
  if (compareDates(from, to) > 0) throw new AppError('inbox.invalid_period', 'The period ends before it starts.', 400, { from, to });
  if (compareDates(addDays(from, MAX_DAYS), to) < 0)
    throw new AppError('inbox.invalid_period', `A period is at most ${MAX_DAYS} days.`, 400, { from, to });
  const sla = await loadSlaSettings(q, workspaceId);
  const [items, overdue] = await Promise.all([
    q.query<{ received_at: Date; first_response_at: Date | null }>(
      `SELECT received_at, first_response_at FROM inbox_items
        WHERE workspace_id = $1 AND received_at >= $2::date::timestamp AT TIME ZONE 'UTC' AND received_at < ($3::date + 1)::timestamp AT TIME ZONE 'UTC'
        ORDER BY received_at DESC LIMIT ${MAX_ITEMS}`,
      [workspaceId, from, to],
    ),
    q.query<{ n: string }>(
      `SELECT count(*) AS n FROM inbox_items WHERE workspace_id = $1 AND status = 'open' AND first_response_at IS NULL AND due_at < now()`,
      [workspaceId],
    ),
  ]);
  const figures = responseFigures(items.rows, sla.businessHours);
  return { from, to, ...figures, overdue: Number(overdue.rows[0]!.n) };
}

/** Received, answered, response rate and first response minutes (median, mean) of a set of items. */
export function responseFigures(
  rows: readonly { received_at: Date; first_response_at: Date | null }[],
  hours: Parameters<typeof responseMinutes>[2],
) {
  const minutes = rows.filter((r) => r.first_response_at !== null).map((r) => responseMinutes(r.received_at, r.first_response_at!, hours));
  const messages = rows.map((r) => ({ receivedAt: r.received_at.toISOString(), firstReplyAt: r.first_response_at?.toISOString() ?? null }));
  return {
    received: rows.length,
    answered: minutes.length,
    responseRate: responseRate(messages),
    firstResponseMinutes: {
      // Wall-clock minutes are the measure's own formula; business minutes are computed here and their median taken.
      median: hours === null ? firstResponseMinutes(messages) : median(minutes),
      mean: minutes.length === 0 ? null : minutes.reduce((a, b) => a + b, 0) / minutes.length,
    },
  };
}
