import { pct, round, type SuggestionRuleDef } from './types.ts';

/** A pillar is judged on at least this many posts in the period. */
export const MIN_PILLAR_POSTS = 3;

/**
 * A pillar whose engagement rate is under half the average of the pillars (those with at least
 * MIN_PILLAR_POSTS posts in the period, at least two of them) → halve its share and move what it
 * gives up to the best-engaging pillar.
 */
export const pillarLowEngagement: SuggestionRuleDef = {
  id: 'pillar-low-engagement',
  description: `A pillar engaging at under half the pillars' average rate (pillars with ${MIN_PILLAR_POSTS}+ posts in the period, at least two): halve its share and give the difference to the best-engaging pillar.`,
  suggest({ pillars }) {
    const judged = pillars.filter((p) => p.engagementRate !== null && p.posts >= MIN_PILLAR_POSTS);
    if (judged.length < 2) return [];
    const average = judged.reduce((sum, p) => sum + p.engagementRate!, 0) / judged.length;
    if (!(average > 0)) return [];
    const best = judged.reduce((b, p) => (p.engagementRate! > b.engagementRate! ? p : b));
    return judged
      .filter((p) => p !== best && p.engagementRate! < average / 2 && p.share > 0)
      .map((p) => {
        const amount = round(p.share / 2, 4);
        return {
          rule: 'pillar-low-engagement' as const,
          change: { op: 'move-pillar-share' as const, pillar: p.pillar, toPillar: best.pillar, from: p.share, amount },
          rationale:
            `“${p.name}” engaged at ${pct(p.engagementRate! / average)} of the pillars' average over ${p.posts} posts ` +
            `(under half). Halve its share, ${pct(p.share)} → ${pct(p.share - amount)}, and give the ${pct(amount)} to “${best.name}”, ` +
            `the best-engaging pillar (${pct(best.share)} → ${pct(best.share + amount)}).`,
        };
      });
  },
};
