import { describe, expect, it } from 'vitest';
import { checkStrategy, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { channelUnused as rule } from './channel-unused.ts';

describe('channel-unused', () => {
  it('passes a clean strategy', () => {
    expect(checkStrategy(rule, cleanStrategy())).toEqual([]);
  });
  it('reports a channel no persona and no tactic uses', () => {
    const s = cleanStrategy();
    s.channels.push({
      id: 'mastodon',
      platform: 'mastodon',
      purpose: 'x',
      owner: 'ana',
      cadence: { postsPerWeek: 1 },
      baseline: { followers: 200 },
    });
    const issues = checkStrategy(rule, s);
    expect(issues.map((i) => i.path)).toEqual(['/channels/3']);
    expect(issues[0]?.message).toContain('"mastodon"');
  });
  it('counts a channel used only by a tactic, or only by a persona, as used', () => {
    const s = cleanStrategy();
    s.audience.personas[1]!.channels = []; // linkedin now only in a tactic
    s.objectives[0]!.strategies[0]!.tactics[0]!.channels = []; // instagram only in a persona
    expect(checkStrategy(rule, s)).toEqual([]);
  });
  it('does not count a KPI channel as use', () => {
    const s = cleanStrategy();
    s.audience.personas[0]!.channels = ['newsletter'];
    s.objectives[0]!.strategies[0]!.tactics[0]!.channels = [];
    expect(checkStrategy(rule, s).map((i) => i.path)).toEqual(['/channels/0']);
  });
});
