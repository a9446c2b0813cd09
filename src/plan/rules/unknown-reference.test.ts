import { describe, expect, it } from 'vitest';
import { checkStrategy, cleanCampaign, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { unknownReference as rule } from './unknown-reference.ts';

describe('unknown-reference', () => {
  it('passes a clean strategy', () => {
    expect(checkStrategy(rule, cleanStrategy())).toEqual([]);
  });
  it('reports persona, tactic and KPI channels and channel owners that do not resolve', () => {
    const s = cleanStrategy();
    s.audience.personas[1]!.channels.push('tiktok');
    s.objectives[1]!.strategies[0]!.tactics[0]!.channels[1] = 'mailchimp';
    s.objectives[0]!.kpis[0]!.channel = 'insta';
    s.channels[1]!.owner = 'carla';
    const issues = checkStrategy(rule, s);
    expect(issues.map((i) => i.path)).toEqual([
      '/audience/personas/1/channels/1',
      '/objectives/0/kpis/0/channel',
      '/objectives/1/strategies/0/tactics/0/channels/1',
      '/channels/1/owner',
    ]);
    const text = issues.map((i) => i.message).join('\n');
    for (const id of ['tiktok', 'mailchimp', 'insta', 'carla']) expect(text).toContain(`"${id}"`);
    expect(issues[0]?.message).toContain('"cafe-owner"');
  });
  it('reports a KPI source channel that is not a channel of the strategy', () => {
    const s = cleanStrategy();
    s.objectives[1]!.kpis[0]!.source = { metric: 'link_clicks', channel: 'tiktok' };
    const issues = checkStrategy(rule, s);
    expect(issues.map((i) => i.path)).toEqual(['/objectives/1/kpis/0/source/channel']);
    expect(issues[0]!.message).toContain('"tiktok"');
    expect(issues[0]!.message).toContain('"wholesale-leads"');
  });

  it('reports a KPI source campaign that is not among the strategy’s campaigns', () => {
    const s = cleanStrategy();
    s.objectives[1]!.kpis[0]!.source = { metric: 'conversions', campaign: 'summer-launch' };
    expect(checkStrategy(rule, s, [cleanCampaign()])).toEqual([]);

    const alone = checkStrategy(rule, s);
    expect(alone.map((i) => i.path)).toEqual(['/objectives/1/kpis/0/source/campaign']);
    expect(alone[0]!.message).toContain('"summer-launch"');
    expect(alone[0]!.message).toContain('together with its campaigns');

    // a campaign of another strategy does not count
    expect(checkStrategy(rule, s, [cleanCampaign({ strategy: 'other-2027' })]).map((i) => i.path)).toEqual([
      '/objectives/1/kpis/0/source/campaign',
    ]);
  });

  it('ignores KPIs without a channel and channels without an owner', () => {
    const s = cleanStrategy();
    delete s.objectives[0]!.kpis[0]!.channel;
    delete s.channels[0]!.owner;
    expect(checkStrategy(rule, s)).toEqual([]);
  });
});
