import { describe, expect, it } from 'vitest';
import { checkStrategy, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { channelNoPurpose as rule } from './channel-no-purpose.ts';

describe('channel-no-purpose', () => {
  it('passes a clean strategy', () => {
    expect(checkStrategy(rule, cleanStrategy())).toEqual([]);
  });
  it('reports each channel without a purpose', () => {
    const s = cleanStrategy();
    delete s.channels[0]!.purpose;
    delete s.channels[2]!.purpose;
    const issues = checkStrategy(rule, s);
    expect(issues.map((i) => i.path)).toEqual(['/channels/0', '/channels/2']);
    expect(issues[0]?.message).toContain('"instagram"');
    expect(issues[1]?.message).toContain('"newsletter"');
  });
});
