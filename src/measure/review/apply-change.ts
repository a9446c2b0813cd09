/**
 * A suggestion's change applied to a strategy document. Pure. The change names the value it expects
 * to find (`from`); when the strategy no longer has it — the KPI, pillar or channel is gone, or someone
 * changed the value since the review — the change does not apply and the reason says why.
 */
import type { Strategy } from '../../plan/schema.ts';
import { round } from './rules/types.ts';
import type { StrategyChange } from './schema.ts';

export type Applied = { ok: true; strategy: Strategy } | { ok: false; reason: string };

const EPSILON = 1e-9;
const same = (a: number | undefined, b: number) => a !== undefined && Math.abs(a - b) < EPSILON;

export function applyChange(strategy: Strategy, change: StrategyChange): Applied {
  const doc = structuredClone(strategy);
  const fail = (reason: string): Applied => ({ ok: false, reason });
  switch (change.op) {
    case 'set-kpi-target':
    case 'set-kpi-due': {
      const kpi = doc.objectives.flatMap((o) => o.kpis).find((k) => k.id === change.kpi);
      if (!kpi) return fail(`the strategy has no KPI "${change.kpi}" any more`);
      if (change.op === 'set-kpi-target') {
        if (!same(kpi.target, change.from)) return fail(`KPI "${change.kpi}"'s target is now ${kpi.target ?? 'unset'}, not ${change.from}`);
        kpi.target = change.to;
      } else {
        if (kpi.due !== change.from) return fail(`KPI "${change.kpi}" is now due ${kpi.due ?? 'on no date'}, not ${change.from}`);
        kpi.due = change.to;
      }
      return { ok: true, strategy: doc };
    }
    case 'move-pillar-share': {
      const from = doc.pillars.find((p) => p.id === change.pillar);
      const to = doc.pillars.find((p) => p.id === change.toPillar);
      if (!from || !to) return fail(`the strategy has no pillar "${from ? change.toPillar : change.pillar}" any more`);
      if (!same(from.share, change.from)) return fail(`pillar "${change.pillar}"'s share is now ${from.share}, not ${change.from}`);
      from.share = round(from.share - change.amount, 4);
      to.share = round(to.share + change.amount, 4);
      if (from.share < 0 || to.share > 1) return fail(`moving ${change.amount} would take a share out of 0–1`);
      return { ok: true, strategy: doc };
    }
    case 'set-channel-cadence': {
      const channel = doc.channels.find((c) => c.id === change.channel);
      if (!channel) return fail(`the strategy has no channel "${change.channel}" any more`);
      if (!same(channel.cadence?.postsPerWeek, change.from)) {
        return fail(`channel "${change.channel}" now plans ${channel.cadence?.postsPerWeek ?? 'no'} posts a week, not ${change.from}`);
      }
      channel.cadence = { postsPerWeek: change.to };
      return { ok: true, strategy: doc };
    }
  }
}
