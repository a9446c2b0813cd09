/** The demo's plans moved in time: every date by the same whole months, a year in a name with them. */
import { describe, expect, it } from 'vitest';
import { campaignSchema, strategySchema } from '../plan/schema.ts';
import { demoMonthShift, shiftPlanDates } from './shift-plan.ts';

const strategy = {
  ...strategySchema.parse({
    id: 'northwind-2027',
    name: 'Northwind strategy 2027',
    organisation: 'Northwind',
    period: { start: '2027-01-01', end: '2027-12-31' },
    objectives: [
      {
        id: 'o',
        area: 'awareness',
        statement: 'Be known',
        kpis: [{ id: 'k', metric: 'Reply time', kind: 'service', baseline: 10, target: 5, due: '2027-06-30' }],
      },
    ],
  }),
  kind: 'strategy' as const,
};
const campaign = {
  ...campaignSchema.parse({
    id: 'open-day-2027',
    strategy: 'northwind-2027',
    name: 'Open day 2027 (20270 guests)',
    type: 'event',
    start: '2027-07-31',
    end: '2027-09-10',
    phases: [
      { name: 'Announce', start: '2027-07-31', end: '2027-08-31', tasks: [{ title: 'Press', due: '2027-08-31' }, { title: 'Flyers' }] },
    ],
  }),
  kind: 'campaign' as const,
};

describe('the demo plans in time', () => {
  it('places the clock in the strategy’s 11th month', () => {
    expect(demoMonthShift('2027-01-01', '2026-12-01')).toBe(-11);
    expect(demoMonthShift('2027-01-01', '2026-12-31')).toBe(-11);
    expect(demoMonthShift('2027-01-01', '2027-11-15')).toBe(0);
    expect(demoMonthShift('2027-01-01', '2029-03-02')).toBe(16);
  });

  it('moves every date by the months, clamped at a month’s end, and the year in a name with its start', () => {
    const s = shiftPlanDates(strategy, -11);
    expect(s.kind === 'strategy' && [s.name, s.id, s.period, s.objectives[0]!.kpis[0]!.due]).toEqual([
      'Northwind strategy 2026',
      'northwind-2027',
      { start: '2026-02-01', end: '2027-01-31' },
      '2026-07-30',
    ]);
    const c = shiftPlanDates(campaign, -5);
    expect(c.kind === 'campaign' && [c.name, c.id, c.start, c.end, c.phases]).toEqual([
      'Open day 2027 (20270 guests)', // still in 2027: February
      'open-day-2027',
      '2027-02-28',
      '2027-04-10',
      [{ name: 'Announce', start: '2027-02-28', end: '2027-03-31', tasks: [{ title: 'Press', due: '2027-03-31' }, { title: 'Flyers' }] }],
    ]);
    const later = shiftPlanDates(campaign, 7);
    expect(later.kind === 'campaign' && later.name).toBe('Open day 2028 (20270 guests)');
    // The original is left as it was; no shift, no change.
    expect(campaign.start).toBe('2027-07-31');
    expect(shiftPlanDates(strategy, 0)).toEqual(strategy);
  });
});
