import { describe, expect, it } from 'vitest';
import { checkStrategy, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { kpiSourceChannelConflict as rule } from './kpi-source-channel-conflict.ts';

describe('kpi-source-channel-conflict', () => {
  it('passes a clean strategy', () => {
    expect(checkStrategy(rule, cleanStrategy())).toEqual([]);
  });

  it('accepts the same channel twice, or either one alone', () => {
    const s = cleanStrategy();
    s.objectives[0]!.kpis[0]!.source = { metric: 'followers', channel: 'instagram' };
    s.objectives[1]!.kpis[0]!.source = { metric: 'ctr', channel: 'linkedin' };
    expect(checkStrategy(rule, s)).toEqual([]);
  });

  it('reports a source channel other than the KPI’s channel', () => {
    const s = cleanStrategy();
    s.objectives[0]!.kpis[0]!.source = { metric: 'followers', channel: 'linkedin' };
    const issues = checkStrategy(rule, s);
    expect(issues.map((i) => i.path)).toEqual(['/objectives/0/kpis/0/source/channel']);
    expect(issues[0]!.message).toContain('"ig-followers"');
    expect(issues[0]!.message).toContain('"instagram"');
    expect(issues[0]!.message).toContain('"linkedin"');
  });
});
