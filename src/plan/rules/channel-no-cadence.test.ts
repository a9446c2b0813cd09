import { describe, expect, it } from 'vitest';
import { checkStrategy, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { channelNoCadence as rule } from './channel-no-cadence.ts';

describe('channel-no-cadence', () => {
  it('passes a clean strategy', () => {
    expect(checkStrategy(rule, cleanStrategy())).toEqual([]);
  });
  it('reports each channel without a cadence', () => {
    const s = cleanStrategy();
    delete s.channels[0]!.cadence;
    delete s.channels[2]!.cadence;
    const issues = checkStrategy(rule, s);
    expect(issues.map((i) => i.path)).toEqual(['/channels/0', '/channels/2']);
    expect(issues[0]?.message).toContain('"instagram"');
    expect(issues[1]?.message).toContain('"newsletter"');
  });
});
