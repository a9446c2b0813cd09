import { describe, expect, it } from 'vitest';
import { checkStrategy, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { duplicateId as rule } from './duplicate-id.ts';

describe('duplicate-id', () => {
  it('passes a clean strategy', () => {
    expect(checkStrategy(rule, cleanStrategy())).toEqual([]);
  });
  it('allows the same id in different kinds (a persona and a channel)', () => {
    const s = cleanStrategy();
    s.audience.personas[0]!.id = 'instagram';
    expect(checkStrategy(rule, s)).toEqual([]);
  });
  it('reports every later occurrence, per kind, at its own path', () => {
    const s = cleanStrategy();
    s.channels[2]!.id = 'instagram';
    s.audience.personas[1]!.id = 'home-baker';
    s.pillars[1]!.id = 'how-to';
    s.pillars[2]!.id = 'how-to';
    s.objectives[1]!.id = 'grow-awareness';
    s.objectives[1]!.kpis[0]!.id = 'ig-followers'; // KPI ids are unique across objectives
    s.resources.people[1]!.id = 'ana';
    const issues = checkStrategy(rule, s);
    expect(issues.map((i) => i.path)).toEqual([
      '/audience/personas/1',
      '/channels/2',
      '/pillars/1',
      '/pillars/2',
      '/objectives/1',
      '/objectives/1/kpis/0',
      '/resources/people/1',
    ]);
    expect(issues[1]?.message).toContain('"instagram"');
    expect(issues[1]?.message).toContain('/channels/0');
    expect(issues[5]?.message).toContain('"ig-followers"');
  });
});
