import { describe, expect, it } from 'vitest';
import { lintDocuments } from './lint.ts';
import { campaignSchema, isoDateSchema, MAX_PLAN_YEAR, strategySchema } from './schema.ts';
import { cleanCampaign, cleanStrategy } from '../../test/plan-fixtures.ts';

describe('isoDateSchema', () => {
  it('takes real dates from year 0001 to MAX_PLAN_YEAR', () => {
    for (const d of ['0001-01-01', '2027-02-28', '2028-02-29', `${MAX_PLAN_YEAR}-12-31`])
      expect(isoDateSchema.safeParse(d).success, d).toBe(true);
  });

  it('refuses year 0000, years past MAX_PLAN_YEAR and dates that do not exist', () => {
    for (const d of ['0000-01-01', `${MAX_PLAN_YEAR + 1}-01-01`, '9999-12-31', '2027-02-30', '2027-13-01', '27-01-01']) {
      expect(isoDateSchema.safeParse(d).success, d).toBe(false);
    }
    expect(isoDateSchema.safeParse('9999-12-31').error?.issues[0]?.message).toBe(`must be a date in year ${MAX_PLAN_YEAR} or earlier`);
  });
});

describe('plans at the edges of the date range', () => {
  // Found by the fuzz suite: a strategy ending 9999-12-31 made strategy-too-short compute 10000-01-01, which threw.
  it('lint without a rule failing', () => {
    const last = MAX_PLAN_YEAR;
    const strategy = strategySchema.parse({
      ...cleanStrategy(),
      period: { start: `${last}-06-01`, end: `${last}-12-31` },
      settings: { campaignLeadMonths: 60 },
    });
    const long = strategySchema.parse({ ...cleanStrategy(), id: 'long', period: { start: '0001-01-01', end: `${last}-12-31` } });
    const campaign = campaignSchema.parse({
      ...cleanCampaign(),
      start: `${last}-12-20`,
      end: `${last}-12-31`,
      phases: [{ name: 'Last days', start: `${last}-12-30`, end: `${last}-12-31` }],
    });
    const { findings } = lintDocuments([strategy, long, campaign]);
    expect(findings.length).toBeGreaterThan(0); // short strategy, early and short campaign…
    expect(findings.filter((f) => /failed on this document/.test(f.message))).toEqual([]);
  });
});
