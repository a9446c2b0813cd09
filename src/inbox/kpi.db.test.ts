/** The response KPIs from inbox items, through the one KPI loader (src/measure/kpi-values.ts), on a real Postgres. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { seedWorkspace } from '../../test/worker-fixtures.ts';
import { loadKpiValues } from '../measure/kpi-values.ts';
import type { Strategy } from '../plan/schema.ts';
import { recordInboxItems } from './record-items.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('response KPIs from the inbox', () => {
  it('first_response_minutes and response_rate get values from the items; another workspace’s items stay out', async () => {
    const [f, other] = [await seedWorkspace(db.pool), await seedWorkspace(db.pool)];
    for (const w of [f, other]) {
      const target = { workspaceId: w.workspaceId, network: 'sandbox', connectionId: null, channelId: 'bsky' };
      for (const n of [1, 2, 3]) {
        const post = {
          kind: 'mention' as const,
          externalId: `m-${n}`,
          url: null,
          author: 'a',
          authorName: null,
          text: 't',
          postedAt: new Date(`2027-01-0${n}T09:00:00Z`),
        };
        await recordInboxItems(db.pool, target, [post], new Date(`2027-01-0${n}T10:00:00Z`));
      }
    }
    // Items 1 and 2 answered after 20 and 40 minutes; 3 not.
    await db.pool.query(
      `UPDATE inbox_items SET first_response_at = received_at + CASE external_id WHEN 'm-1' THEN interval '20 minutes' ELSE interval '40 minutes' END
        WHERE workspace_id = $1 AND external_id IN ('m-1', 'm-2')`,
      [f.workspaceId],
    );
    const strategy = {
      id: f.strategyId,
      period: { start: '2027-01-01', end: '2027-12-31' },
      channels: [],
      objectives: [
        {
          id: 'o',
          kpis: [
            {
              id: 'frt',
              metric: 'First response',
              kind: 'engagement',
              source: { metric: 'first_response_minutes' },
              baseline: 60,
              target: 15,
              due: '2027-12-31',
            },
            {
              id: 'rate',
              metric: 'Response rate',
              kind: 'engagement',
              source: { metric: 'response_rate' },
              baseline: 0.5,
              target: 0.9,
              due: '2027-12-31',
            },
          ],
        },
      ],
    } as unknown as Strategy;
    const values = await loadKpiValues(db.pool, f.workspaceId, strategy, '2027-01-05');
    expect(values.get('frt')).toEqual([
      { date: '2027-01-01', value: 20 },
      { date: '2027-01-05', value: 30 },
    ]);
    expect(values.get('rate')).toEqual([
      { date: '2027-01-01', value: 1 },
      { date: '2027-01-05', value: 2 / 3 },
    ]);
  });
});
