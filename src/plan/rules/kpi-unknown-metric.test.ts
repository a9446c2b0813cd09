import { describe, expect, it } from 'vitest';
import { lintText } from '../lint.ts';
import { METRIC_SOURCE_IDS } from '../metrics.ts';
import { checkStrategy, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { kpiUnknownMetric as rule } from './kpi-unknown-metric.ts';

describe('kpi-unknown-metric', () => {
  it('passes a clean strategy (catalogue metric and manual)', () => {
    expect(checkStrategy(rule, cleanStrategy())).toEqual([]);
  });

  it('accepts every catalogue id and manual, and KPIs without a source', () => {
    const s = cleanStrategy();
    const kpi = s.objectives[0]!.kpis[0]!;
    for (const metric of METRIC_SOURCE_IDS) {
      kpi.source = { metric, channel: 'instagram' };
      expect(checkStrategy(rule, s), metric).toEqual([]);
    }
    delete kpi.source;
    expect(checkStrategy(rule, s)).toEqual([]);
  });

  it('reports an unknown metric at source.metric, suggesting the likely one', () => {
    const s = cleanStrategy();
    s.objectives[1]!.kpis[0]!.source = { metric: 'folowers' };
    const issues = checkStrategy(rule, s);
    expect(issues.map((i) => i.path)).toEqual(['/objectives/1/kpis/0/source/metric']);
    expect(issues[0]!.message).toContain('"wholesale-leads"');
    expect(issues[0]!.message).toContain('"folowers"');
    expect(issues[0]!.message).toContain('did you mean "followers"?');
  });

  it('suggests the id for a label-like spelling, and nothing for something unrelated', () => {
    const s = cleanStrategy();
    s.objectives[0]!.kpis[0]!.source = { metric: 'Engagement rate' };
    s.objectives[1]!.kpis[0]!.source = { metric: 'happiness' };
    const [first, second] = checkStrategy(rule, s);
    expect(first!.message).toContain('did you mean "engagement_rate"?');
    expect(second!.message).not.toContain('did you mean');
    expect(second!.message).toContain('"manual"');
  });

  it('is reported with its line when loaded from YAML (the schema accepts any text there)', () => {
    const yaml = `kind: strategy
id: s
name: S
organisation: O
period: { start: 2027-01-01, end: 2027-12-31 }
objectives:
  - id: o
    area: awareness
    statement: Be known
    kpis:
      - id: k
        metric: Mentions
        source:
          metric: mentionz
        kind: brand
`;
    const finding = lintText(yaml, 'plan.yaml').findings.find((f) => f.rule === 'kpi-unknown-metric');
    expect(finding).toMatchObject({ severity: 'error', path: '/objectives/0/kpis/0/source/metric', line: 14, document: 's' });
  });
});
