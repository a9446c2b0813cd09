/** The workspace's SLA as stored (the defaults where none was set), for the services that compute due times. */
import type { Queryable } from '../db/pool.ts';
import type { BusinessHours } from '../measure/business-hours.ts';
import { DEFAULT_SLA, type SlaSettings } from './sla.ts';

export async function loadSlaSettings(q: Queryable, workspaceId: string): Promise<SlaSettings> {
  const { rows } = await q.query<{ first_response_minutes: number; business_hours: BusinessHours | null }>(
    'SELECT first_response_minutes, business_hours FROM inbox_settings WHERE workspace_id = $1',
    [workspaceId],
  );
  const r = rows[0];
  return r ? { firstResponseMinutes: r.first_response_minutes, businessHours: r.business_hours } : DEFAULT_SLA;
}
