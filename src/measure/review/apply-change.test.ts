import { describe, expect, it } from 'vitest';
import { cleanStrategy } from '../../../test/plan-fixtures.ts';
import { applyChange } from './apply-change.ts';

describe('applyChange', () => {
  it('sets a KPI target or due date, changing nothing else and not the input', () => {
    const s = cleanStrategy();
    const r = applyChange(s, { op: 'set-kpi-target', kpi: 'wholesale-leads', from: 20, to: 12 });
    expect(r.ok && r.strategy.objectives[1]!.kpis[0]!.target).toBe(12);
    expect(s.objectives[1]!.kpis[0]!.target).toBe(20);
    const expected = cleanStrategy();
    expected.objectives[0]!.kpis[0]!.due = '2027-09-30';
    expect(applyChange(s, { op: 'set-kpi-due', kpi: 'ig-followers', from: '2027-12-31', to: '2027-09-30' })).toEqual({
      ok: true,
      strategy: expected,
    });
  });

  it('moves pillar share without floating-point dust', () => {
    const r = applyChange(cleanStrategy(), {
      op: 'move-pillar-share',
      pillar: 'behind-the-scenes',
      toPillar: 'offers',
      from: 0.35,
      amount: 0.175,
    });
    expect(r.ok && r.strategy.pillars.map((p) => p.share)).toEqual([0.5, 0.175, 0.325]);
  });

  it('sets a channel cadence', () => {
    const r = applyChange(cleanStrategy(), { op: 'set-channel-cadence', channel: 'instagram', from: 4, to: 1.5 });
    expect(r.ok && r.strategy.channels[0]!.cadence).toEqual({ postsPerWeek: 1.5 });
  });

  it('refuses when the strategy changed since: the value is not the expected one, or the entity is gone', () => {
    expect(applyChange(cleanStrategy(), { op: 'set-kpi-target', kpi: 'ig-followers', from: 3000, to: 2000 })).toEqual({
      ok: false,
      reason: `KPI "ig-followers"'s target is now 2500, not 3000`,
    });
    expect(applyChange(cleanStrategy(), { op: 'set-kpi-due', kpi: 'gone', from: '2027-12-31', to: '2027-06-30' })).toEqual({
      ok: false,
      reason: 'the strategy has no KPI "gone" any more',
    });
    expect(applyChange(cleanStrategy(), { op: 'move-pillar-share', pillar: 'how-to', toPillar: 'gone', from: 0.5, amount: 0.1 })).toEqual({
      ok: false,
      reason: 'the strategy has no pillar "gone" any more',
    });
    expect(applyChange(cleanStrategy(), { op: 'set-channel-cadence', channel: 'linkedin', from: 3, to: 1 }).ok).toBe(false);
  });
});
