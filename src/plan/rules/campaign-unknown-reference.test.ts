import { describe, expect, it } from 'vitest';
import { checkCampaign, cleanCampaign } from '../../../test/plan-fixtures.ts';
import { campaignUnknownReference as rule } from './campaign-unknown-reference.ts';

describe('campaign-unknown-reference', () => {
  it('passes a clean campaign', () => {
    expect(checkCampaign(rule, cleanCampaign())).toEqual([]);
  });
  it('reports an unknown campaign owner and unknown task owners', () => {
    const c = cleanCampaign({ owner: 'zoe' });
    c.phases[1]!.tasks.push({ title: 'Thank-you post', owner: 'yann' });
    const issues = checkCampaign(rule, c);
    expect(issues.map((i) => i.path)).toEqual(['/owner', '/phases/1/tasks/1/owner']);
    expect(issues[0]?.message).toContain('"zoe"');
    expect(issues[0]?.message).toContain('"ana", "ben"');
    expect(issues[1]?.message).toContain('"yann"');
    expect(issues[1]?.message).toContain('"Thank-you post"');
  });
  it('does not report channels or audience (the *-outside-strategy rules do), nor unknown strategies', () => {
    expect(checkCampaign(rule, cleanCampaign({ channels: ['tiktok'], audience: ['students'] }))).toEqual([]);
    expect(checkCampaign(rule, cleanCampaign({ strategy: 'nope', owner: 'zoe' }))).toEqual([]);
  });
});
