import type { RuleIssue, StrategyRule } from './types.ts';

/**
 * Ids are unique per kind inside a strategy (a persona and a channel may share an id; two channels
 * may not). KPI ids are one namespace across all objectives. Every occurrence after the first is
 * reported, at its own path.
 */
export const duplicateId: StrategyRule = {
  id: 'duplicate-id',
  severity: 'error',
  target: 'strategy',
  description: 'Ids of personas, channels, pillars, objectives, KPIs and people must be unique within a strategy.',
  check(strategy) {
    const issues: RuleIssue[] = [];
    const scan = (kind: string, plural: string, items: Iterable<{ id: string; path: string }>) => {
      const first = new Map<string, string>();
      for (const { id, path } of items) {
        const seen = first.get(id);
        if (seen === undefined) first.set(id, path);
        else
          issues.push({
            path,
            message: `${kind} id "${id}" is already used at ${seen}: ids must be unique among ${plural}, so references stay unambiguous. Rename one of them.`,
          });
      }
    };
    scan(
      'Persona',
      'personas',
      strategy.audience.personas.map((p, i) => ({ id: p.id, path: `/audience/personas/${i}` })),
    );
    scan(
      'Channel',
      'channels',
      strategy.channels.map((c, i) => ({ id: c.id, path: `/channels/${i}` })),
    );
    scan(
      'Pillar',
      'pillars',
      strategy.pillars.map((p, i) => ({ id: p.id, path: `/pillars/${i}` })),
    );
    scan(
      'Objective',
      'objectives',
      strategy.objectives.map((o, i) => ({ id: o.id, path: `/objectives/${i}` })),
    );
    scan(
      'KPI',
      'KPIs (across all objectives)',
      strategy.objectives.flatMap((o, i) => o.kpis.map((k, j) => ({ id: k.id, path: `/objectives/${i}/kpis/${j}` }))),
    );
    scan(
      'Person',
      'people',
      strategy.resources.people.map((p, i) => ({ id: p.id, path: `/resources/people/${i}` })),
    );
    return issues;
  },
};
