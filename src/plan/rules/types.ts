/**
 * A rule is one small pure function over the plan. It returns issues (a JSON pointer into the
 * document it is about, and a message); `lint.ts` adds the rule id, severity, document id, file
 * and line. Rule ids are stable: never change what an existing id means.
 */
import type { Campaign, Severity, Strategy } from '../schema.ts';

export interface RuleIssue {
  /** JSON pointer into the document being checked, e.g. `/objectives/1/kpis/0`; "" = whole document. */
  path: string;
  message: string;
}

/** Everything a rule may look at: all loaded strategies, and campaigns grouped by strategy id. */
export interface LintContext {
  strategies: ReadonlyMap<string, Strategy>;
  campaignsByStrategy: ReadonlyMap<string, readonly Campaign[]>;
}

interface RuleBase {
  id: string;
  severity: Severity;
  /** One sentence for docs, `--help` and the UI. */
  description: string;
}

export interface StrategyRule extends RuleBase {
  target: 'strategy';
  check(strategy: Strategy, ctx: LintContext): RuleIssue[];
}

export interface CampaignRule extends RuleBase {
  target: 'campaign';
  /** `strategy` is the campaign's strategy when it names a known one, else undefined. */
  check(campaign: Campaign, strategy: Strategy | undefined, ctx: LintContext): RuleIssue[];
}

export type Rule = StrategyRule | CampaignRule;
