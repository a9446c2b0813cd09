import { describe, expect, it } from 'vitest';
import { METRICS } from '../metrics.ts';
import { checkStrategy, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { kpiMetricNeedsChannel as rule } from './kpi-metric-needs-channel.ts';

describe('kpi-metric-needs-channel', () => {
  it('passes a clean strategy', () => {
    expect(checkStrategy(rule, cleanStrategy())).toEqual([]);
  });

  it('reports a per-channel metric without any channel, at the source', () => {
    const s = cleanStrategy();
    s.objectives[1]!.kpis[0]!.source = { metric: 'engagement_rate' };
    const issues = checkStrategy(rule, s);
    expect(issues.map((i) => i.path)).toEqual(['/objectives/1/kpis/0/source']);
    expect(issues[0]!.message).toContain('"wholesale-leads"');
    expect(issues[0]!.message).toContain('engagement_rate');
    expect(issues[0]!.message).toContain('"instagram", "linkedin", "newsletter"');
  });

  it('accepts the channel as source.channel or as the KPI’s own channel', () => {
    const s = cleanStrategy();
    s.objectives[1]!.kpis[0]!.source = { metric: 'ctr', channel: 'linkedin' };
    s.objectives[0]!.kpis[0]!.source = { metric: 'engagement_rate' }; // the KPI has channel: instagram
    expect(checkStrategy(rule, s)).toEqual([]);
  });

  it('checks exactly the metrics the catalogue marks as per-channel', () => {
    const s = cleanStrategy();
    const kpi = s.objectives[1]!.kpis[0]!;
    for (const m of METRICS) {
      kpi.source = { metric: m.id };
      expect(checkStrategy(rule, s).length, m.id).toBe(m.needsChannel ? 1 : 0);
    }
    kpi.source = { metric: 'manual' };
    expect(checkStrategy(rule, s)).toEqual([]);
    kpi.source = { metric: 'no-such-metric' }; // kpi-unknown-metric reports it
    expect(checkStrategy(rule, s)).toEqual([]);
  });
});
