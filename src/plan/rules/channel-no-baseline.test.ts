import { describe, expect, it } from 'vitest';
import { checkStrategy, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { channelNoBaseline as rule } from './channel-no-baseline.ts';

describe('channel-no-baseline', () => {
  it('passes a clean strategy', () => {
    expect(checkStrategy(rule, cleanStrategy())).toEqual([]);
  });
  it('reports each channel without a baseline', () => {
    const s = cleanStrategy();
    delete s.channels[0]!.baseline;
    delete s.channels[2]!.baseline;
    const issues = checkStrategy(rule, s);
    expect(issues.map((i) => i.path)).toEqual(['/channels/0', '/channels/2']);
    expect(issues[0]?.message).toContain('"instagram"');
    expect(issues[1]?.message).toContain('"newsletter"');
  });
});
