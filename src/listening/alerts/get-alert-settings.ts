/** A workspace's spike alert settings: the stored ones, or the defaults (k = 3, at least 10 mentions, no webhook). */
import type { Queryable } from '../../db/pool.ts';
import type { AlertSettings } from './schema.ts';
import { DEFAULT_K, DEFAULT_MIN_COUNT } from './spike.ts';

export async function getAlertSettings(q: Queryable, workspaceId: string): Promise<AlertSettings> {
  const { rows } = await q.query<{ k: number; min_count: number; webhook_url: string | null }>(
    'SELECT k, min_count, webhook_url FROM listening_alert_settings WHERE workspace_id = $1',
    [workspaceId],
  );
  const r = rows[0];
  return {
    k: r?.k ?? DEFAULT_K,
    minCount: r?.min_count ?? DEFAULT_MIN_COUNT,
    webhookHost: r?.webhook_url ? new URL(r.webhook_url).host : null,
  };
}
