import type { RuleIssue, StrategyRule } from './types.ts';
import { listIds } from './util.ts';

/**
 * Every id reference inside a strategy must resolve: persona and tactic channels, KPI channels and
 * KPI source channels to `channels`, channel owners to `resources.people`, and a KPI source's
 * campaign to a campaign of this strategy among the linted documents (the CLI's files, or the
 * workspace's stored campaigns in the API). (References from a campaign are checked by
 * campaign-channel-outside-strategy, campaign-audience-outside-strategy and
 * campaign-unknown-reference, because a rule has a single target.)
 */
export const unknownReference: StrategyRule = {
  id: 'unknown-reference',
  severity: 'error',
  target: 'strategy',
  description:
    'Every channel, person and campaign id referenced inside a strategy must exist in it (campaigns: among its linted campaigns).',
  check(strategy, ctx) {
    const issues: RuleIssue[] = [];
    const channelIds = new Set(strategy.channels.map((c) => c.id));
    const peopleIds = new Set(strategy.resources.people.map((p) => p.id));
    const campaignIds = new Set((ctx.campaignsByStrategy.get(strategy.id) ?? []).map((c) => c.id));
    const badChannel = (where: string, id: string, path: string) =>
      issues.push({
        path,
        message: `${where} references channel "${id}", which is not a channel of this strategy (channels: ${listIds(channelIds)}). Add it under channels or fix the id.`,
      });

    strategy.audience.personas.forEach((persona, i) => {
      persona.channels.forEach((id, k) => {
        if (!channelIds.has(id)) badChannel(`Persona "${persona.id}"`, id, `/audience/personas/${i}/channels/${k}`);
      });
    });
    strategy.objectives.forEach((objective, i) => {
      objective.strategies.forEach((s, si) => {
        s.tactics.forEach((tactic, ti) => {
          tactic.channels.forEach((id, k) => {
            if (!channelIds.has(id)) {
              badChannel(`A tactic of objective "${objective.id}"`, id, `/objectives/${i}/strategies/${si}/tactics/${ti}/channels/${k}`);
            }
          });
        });
      });
      objective.kpis.forEach((kpi, j) => {
        if (kpi.channel !== undefined && !channelIds.has(kpi.channel)) {
          badChannel(`KPI "${kpi.id}"`, kpi.channel, `/objectives/${i}/kpis/${j}/channel`);
        }
        const source = kpi.source;
        if (source?.channel !== undefined && !channelIds.has(source.channel)) {
          badChannel(`The source of KPI "${kpi.id}"`, source.channel, `/objectives/${i}/kpis/${j}/source/channel`);
        }
        if (source?.campaign !== undefined && !campaignIds.has(source.campaign)) {
          issues.push({
            path: `/objectives/${i}/kpis/${j}/source/campaign`,
            message: `KPI "${kpi.id}" counts campaign "${source.campaign}", which is not a campaign of this strategy (campaigns loaded: ${listIds(campaignIds)}). Fix the id, or lint the strategy together with its campaigns.`,
          });
        }
      });
    });
    strategy.channels.forEach((channel, i) => {
      if (channel.owner !== undefined && !peopleIds.has(channel.owner)) {
        issues.push({
          path: `/channels/${i}/owner`,
          message: `Channel "${channel.id}" is owned by "${channel.owner}", who is not in resources.people (${listIds(peopleIds)}). Add the person or fix the id.`,
        });
      }
    });
    return issues;
  },
};
