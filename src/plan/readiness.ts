/**
 * Campaign readiness and lifecycle — pure.
 *
 * A campaign may be set to `active` only when every readiness item is met (or an owner overrides
 * with a recorded reason; that decision lives in plan-store/change-campaign-status.ts). The items
 * reuse the rules engine: where a rule already checks the thing (owner, budget, response goal,
 * lead time, base followers), the rule's `check` is called and its verdict and message are used,
 * so readiness and lint can never disagree. Only what no rule checks (phases covering every day,
 * every phase having tasks) is computed here, with the date helpers.
 *
 * Status (planned / active / completed / cancelled) is operational state stored beside the plan
 * document, never inside it: exports stay byte-identical whatever a campaign's status is.
 */
import { z } from 'zod';
import { addMonths, compareDates, daysBetween, isIsoDate, monthsBetween, toEpochDay } from './dates.ts';
import { campaignBaseNotReady } from './rules/campaign-base-not-ready.ts';
import { campaignNoBudget } from './rules/campaign-no-budget.ts';
import { campaignNoOwner } from './rules/campaign-no-owner.ts';
import { campaignNoResponseGoal } from './rules/campaign-no-response-goal.ts';
import { campaignPhaseNoTasks } from './rules/campaign-phase-no-tasks.ts';
import { campaignPhasesGap } from './rules/campaign-phases-gap.ts';
import { campaignRequiresStrategy } from './rules/campaign-requires-strategy.ts';
import { campaignTooEarly } from './rules/campaign-too-early.ts';
import { campaignUnknownReference } from './rules/campaign-unknown-reference.ts';
import type { CampaignRule, LintContext, RuleIssue } from './rules/types.ts';
import { num } from './export/wording.ts';
import { formatRoi, projectedRoi } from './roi.ts';
import type { Campaign, Finding, Strategy } from './schema.ts';

// ——— lifecycle ———

export const CAMPAIGN_STATUSES = ['planned', 'active', 'completed', 'cancelled'] as const;
export const campaignStatusSchema = z.enum(CAMPAIGN_STATUSES);
export type CampaignStatus = z.infer<typeof campaignStatusSchema>;

/**
 * The one transition table: from each status, the statuses it may change to.
 * - planned → active (readiness-gated) or cancelled
 * - active → completed, cancelled, or back to planned (paused / activated by mistake)
 * - cancelled → planned (revived; activating again goes through readiness)
 * - completed is final.
 */
export const CAMPAIGN_STATUS_TRANSITIONS: Readonly<Record<CampaignStatus, readonly CampaignStatus[]>> = {
  planned: ['active', 'cancelled'],
  active: ['completed', 'cancelled', 'planned'],
  completed: [],
  cancelled: ['planned'],
};

/** True when `from → to` is in the transition table (staying in the same status is not a transition). */
export function canChangeStatus(from: CampaignStatus, to: CampaignStatus): boolean {
  return CAMPAIGN_STATUS_TRANSITIONS[from].includes(to);
}

// ——— readiness ———

export const READINESS_ITEM_IDS = [
  'strategy-exists',
  'strategy-clean',
  'lead-time',
  'base-ready',
  'channels-connected',
  'owner',
  'budget',
  'response-goal',
  'phases-cover',
  'content-planned',
] as const;
export type ReadinessItemId = (typeof READINESS_ITEM_IDS)[number];

export const readinessItemSchema = z.object({
  id: z.enum(READINESS_ITEM_IDS),
  label: z.string(),
  met: z.boolean(),
  /** One or two sentences for people: what is met, or what is missing and how to fix it. */
  detail: z.string(),
  /** JSON pointer to the field that fixes an unmet item; in the document named by `target`. */
  path: z.string().optional(),
  /**
   * Where `path` is fixed: in the campaign or its strategy document, or (`connections`) by connecting
   * an account to the campaign channel at `path`. Present exactly when `path` is.
   */
  target: z.enum(['campaign', 'strategy', 'connections']).optional(),
  /**
   * The lint rule whose finding (at `path`) the unmet `detail` quotes, so a UI can word it its own way
   * (the web app shows the rules' UI wording, not their YAML wording).
   */
  rule: z.string().optional(),
});
export type ReadinessItem = z.infer<typeof readinessItemSchema>;

export const readinessSchema = z.object({
  /** Every item is met. */
  ready: z.boolean(),
  /** Always all items, in READINESS_ITEM_IDS order. */
  items: z.array(readinessItemSchema),
});
export type Readiness = z.infer<typeof readinessSchema>;

const LABELS: Record<ReadinessItemId, string> = {
  'strategy-exists': 'Lives inside a strategy',
  'strategy-clean': 'Strategy has no errors',
  'lead-time': 'Lead time after the strategy start',
  'base-ready': 'Follower base ready on every channel',
  'channels-connected': 'Every channel can publish',
  owner: 'Has an owner',
  budget: 'Has a budget',
  'response-goal': 'Response goal with a target',
  'phases-cover': 'Phases cover the whole campaign',
  'content-planned': 'Content planned in every phase',
};

/** Gaps listed in a detail before "… and n more". */
const MAX_LISTED = 5;

/**
 * The readiness checklist of `campaign` before it may be set to active.
 *
 * @param strategy the campaign's strategy, or undefined when it names none or an unknown one
 * @param strategyFindings lint findings of the strategy document itself (only `error`s count)
 * @param today `YYYY-MM-DD`; only used for wording (how far away the start is), never for `met`,
 *   so the verdict depends on the plan and the connections alone
 * @param connections the state of the account connected to each channel of the strategy (by channel
 *   id); a channel missing here has no account, so its posts would fail when due
 */
export function campaignReadiness(
  strategy: Strategy | undefined,
  campaign: Campaign,
  strategyFindings: readonly Finding[],
  today: string,
  connections: ReadonlyMap<string, ConnectionState>,
): Readiness {
  if (!isIsoDate(today)) throw new RangeError(`today must be a date written YYYY-MM-DD: ${JSON.stringify(today)}`);
  // Rules only look at the campaign's own strategy here; the context holds just that.
  const ctx: LintContext = {
    strategies: new Map(strategy && campaign.strategy === strategy.id ? [[strategy.id, strategy]] : []),
    campaignsByStrategy: new Map(),
  };
  const known = strategy !== undefined && campaign.strategy === strategy.id ? strategy : undefined;
  const run = (rule: CampaignRule): RuleIssue[] => rule.check(campaign, known, ctx);

  const items: ReadinessItem[] = [
    strategyExists(run(campaignRequiresStrategy), known),
    strategyClean(known, strategyFindings),
    leadTime(known, campaign, run(campaignTooEarly), today),
    baseReady(known, campaign, run(campaignBaseNotReady)),
    channelsConnected(known, campaign, connections),
    owner(
      known,
      campaign,
      run(campaignNoOwner),
      run(campaignUnknownReference).filter((i) => i.path === '/owner'),
    ),
    budget(campaign, run(campaignNoBudget)),
    responseGoal(campaign, run(campaignNoResponseGoal)),
    phasesCover(campaign, run(campaignPhasesGap)),
    contentPlanned(campaign, run(campaignPhaseNoTasks)),
  ];
  return { ready: items.every((i) => i.met), items };
}

// ——— items ———

function met(id: ReadinessItemId, detail: string): ReadinessItem {
  return { id, label: LABELS[id], met: true, detail };
}

function unmet(
  id: ReadinessItemId,
  detail: string,
  path?: string,
  target: ReadinessItem['target'] = 'campaign',
  rule?: string,
): ReadinessItem {
  if (path === undefined) return { id, label: LABELS[id], met: false, detail };
  return rule === undefined
    ? { id, label: LABELS[id], met: false, detail, path, target }
    : { id, label: LABELS[id], met: false, detail, path, target, rule };
}

const NEEDS_STRATEGY = 'Cannot be checked until the campaign belongs to a known strategy.';
const BASE_SETTING = 'the strategy’s “Base followers” setting';

function strategyExists(issues: RuleIssue[], strategy: Strategy | undefined): ReadinessItem {
  const first = issues[0];
  if (first) return unmet('strategy-exists', first.message, first.path, 'campaign', campaignRequiresStrategy.id);
  if (!strategy) return unmet('strategy-exists', 'The campaign names no known strategy.', '/strategy');
  return met('strategy-exists', `Part of strategy "${strategy.name}".`);
}

function strategyClean(strategy: Strategy | undefined, findings: readonly Finding[]): ReadinessItem {
  if (!strategy) return unmet('strategy-clean', NEEDS_STRATEGY);
  const errors = findings.filter((f) => f.severity === 'error');
  const first = errors[0];
  if (!first) return met('strategy-clean', `Strategy "${strategy.name}" has no errors.`);
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length === 2 ? '' : 's'})` : '';
  return unmet('strategy-clean', `${first.message}${more}`, first.path, 'strategy', first.rule);
}

function leadTime(strategy: Strategy | undefined, campaign: Campaign, tooEarly: RuleIssue[], today: string): ReadinessItem {
  if (!strategy) return unmet('lead-time', NEEDS_STRATEGY);
  const start = strategy.period.start;
  const earliest = addMonths(start, strategy.settings.campaignLeadMonths);
  // campaign-too-early leaves a start before the strategy's own start to campaign-outside-strategy-period.
  if (compareDates(campaign.start, start) < 0) {
    return unmet(
      'lead-time',
      `The campaign starts ${campaign.start}, before its strategy starts (${start}): start on or after ${earliest}.`,
      '/start',
    );
  }
  const issue = tooEarly[0];
  if (issue) return unmet('lead-time', issue.message, issue.path, 'campaign', campaignTooEarly.id);
  const months = monthsBetween(start, campaign.start);
  return met(
    'lead-time',
    `Starts ${campaign.start}, ${months} month${months === 1 ? '' : 's'} after the strategy start (${start}); ${fromToday(today, campaign.start)}.`,
  );
}

function fromToday(today: string, date: string): string {
  const days = daysBetween(today, date);
  if (days === 0) return 'that is today';
  const n = Math.abs(days);
  return days > 0 ? `that is in ${n} day${n === 1 ? '' : 's'}` : `that was ${n} day${n === 1 ? '' : 's'} ago`;
}

function baseReady(strategy: Strategy | undefined, campaign: Campaign, issues: RuleIssue[]): ReadinessItem {
  if (!strategy) return unmet('base-ready', NEEDS_STRATEGY);
  if (campaign.channels.length === 0)
    return unmet('base-ready', 'The campaign uses no channels: pick the strategy channels it runs on.', '/channels');
  const min = strategy.settings.minBaseFollowers;
  const channels = new Map(strategy.channels.map((c) => [c.id, c]));
  const short: { index: number; text: string }[] = [];
  // The rule decides which channels are short (threshold logic lives there); this only names them.
  for (const issue of issues) {
    const index = Number(/^\/channels\/(\d+)$/.exec(issue.path)?.[1]);
    const id = campaign.channels[index];
    if (id === undefined) continue;
    const followers = channels.get(id)?.baseline?.followers;
    short.push({ index, text: `${id} (${followers === undefined ? 'no baseline' : followers})` });
  }
  // A channel the strategy does not have has no base at all (campaign-channel-outside-strategy reports it).
  campaign.channels.forEach((id, index) => {
    if (!channels.has(id)) short.push({ index, text: `${id} (not a channel of the strategy)` });
  });
  short.sort((a, b) => a.index - b.index);
  const first = short[0];
  // The checklist is read in the web app: the threshold is named as the builder labels it, not by its YAML key.
  if (!first) return met('base-ready', `Every channel has at least ${min} followers (${BASE_SETTING}).`);
  return unmet(
    'base-ready',
    `Fewer than ${min} followers (${BASE_SETTING}) on: ${listed(short.map((s) => s.text))}.`,
    `/channels/${first.index}`,
  );
}

/** The connection states the checklist distinguishes; `reconnect_needed` cannot publish until reconnected. */
export type ConnectionState = 'connected' | 'reconnect_needed';

/** The channels among `channels` that cannot publish, each with why (the post checks use it too). */
export function unpublishableChannels(
  channels: readonly string[],
  states: ReadonlyMap<string, ConnectionState>,
): { channel: string; index: number; reason: 'not_connected' | 'reconnect_needed' }[] {
  return channels.flatMap((channel, index) => {
    const state = states.get(channel);
    if (state === 'connected') return [];
    return [{ channel, index, reason: state === 'reconnect_needed' ? ('reconnect_needed' as const) : ('not_connected' as const) }];
  });
}

function channelsConnected(
  strategy: Strategy | undefined,
  campaign: Campaign,
  connections: ReadonlyMap<string, ConnectionState>,
): ReadinessItem {
  if (!strategy) return unmet('channels-connected', NEEDS_STRATEGY);
  if (campaign.channels.length === 0)
    return unmet('channels-connected', 'The campaign uses no channels: pick the strategy channels it runs on.', '/channels');
  const missing = unpublishableChannels(campaign.channels, connections);
  const first = missing[0];
  if (!first) return met('channels-connected', `An account is connected to every channel (${listed(campaign.channels)}).`);
  const text = missing.map((c) => `${c.channel} (${c.reason === 'reconnect_needed' ? 'needs reconnecting' : 'no account connected'})`);
  return unmet(
    'channels-connected',
    `Posts on these channels of "${strategy.name}" would fail when due: ${listed(text)}. Connect an account on the Connections screen.`,
    `/channels/${first.index}`,
    'connections',
  );
}

function owner(strategy: Strategy | undefined, campaign: Campaign, missing: RuleIssue[], unknown: RuleIssue[]): ReadinessItem {
  const issue = missing[0] ?? unknown[0];
  if (issue) return unmet('owner', issue.message, issue.path, 'campaign', missing[0] ? campaignNoOwner.id : campaignUnknownReference.id);
  if (!strategy)
    return unmet('owner', `Owner "${campaign.owner}" cannot be checked until the campaign belongs to a known strategy.`, '/owner');
  const person = strategy.resources.people.find((p) => p.id === campaign.owner);
  return met('owner', `${person?.name ?? campaign.owner} oversees the campaign.`);
}

function budget(campaign: Campaign, issues: RuleIssue[]): ReadinessItem {
  const issue = issues[0];
  if (issue) return unmet('budget', issue.message, issue.path, 'campaign', campaignNoBudget.id);
  if (!campaign.budget) return unmet('budget', 'No budget.', '/budget');
  const roi = projectedRoi(campaign);
  const roiText = roi === null ? 'projected ROI needs an expected revenue' : `projected ROI ${formatRoi(roi)}`;
  return met('budget', `${num(campaign.budget.amount)} ${campaign.budget.currency}; ${roiText}.`);
}

function responseGoal(campaign: Campaign, issues: RuleIssue[]): ReadinessItem {
  const issue = issues[0];
  if (issue) {
    const more =
      issues.length > 1
        ? ` ${issues
            .slice(1)
            .map((i) => i.message)
            .join(' ')}`
        : '';
    return unmet('response-goal', `${issue.message}${more}`, issue.path, 'campaign', campaignNoResponseGoal.id);
  }
  if (!campaign.response) return unmet('response-goal', 'No response goal.', '/response');
  const { metric, target, unit } = campaign.response;
  return met('response-goal', `${num(target ?? 0)}${unit !== undefined ? ` ${unit}` : ''} (${String(metric).replace(/_/g, ' ')}).`);
}

/** Every day from the campaign's start to its end lies in a phase: campaign-phases-gap decides, as it does in the live check. */
function phasesCover(campaign: Campaign, gaps: RuleIssue[]): ReadinessItem {
  if (toEpochDay(campaign.end) < toEpochDay(campaign.start))
    return unmet('phases-cover', `The campaign ends (${campaign.end}) before it starts (${campaign.start}).`, '/end');
  if (campaign.phases.length === 0)
    return unmet(
      'phases-cover',
      'No phases planned: split the campaign into phases (e.g. teaser, launch, follow-up) from its first to its last day.',
      '/phases',
    );
  const gap = gaps[0];
  if (gap) return unmet('phases-cover', gap.message, gap.path, 'campaign', campaignPhasesGap.id);
  return met(
    'phases-cover',
    `${campaign.phases.length} phase${campaign.phases.length === 1 ? '' : 's'} cover ${campaign.start} – ${campaign.end}.`,
  );
}

/** Every phase has at least one task (campaign-phase-no-tasks decides): tasks are the content plan. */
function contentPlanned(campaign: Campaign, empty: RuleIssue[]): ReadinessItem {
  if (campaign.phases.length === 0)
    return unmet('content-planned', 'No phases, so no content is planned: add phases with tasks.', '/phases');
  const first = empty[0];
  if (!first) {
    const tasks = campaign.phases.reduce((n, p) => n + p.tasks.length, 0);
    return met(
      'content-planned',
      `${tasks} task${tasks === 1 ? '' : 's'} across ${campaign.phases.length} phase${campaign.phases.length === 1 ? '' : 's'}.`,
    );
  }
  const names = empty.map((i) => `"${campaign.phases[Number(/^\/phases\/(\d+)\//.exec(i.path)?.[1])]?.name ?? i.path}"`);
  return unmet(
    'content-planned',
    `No tasks in phase${empty.length === 1 ? '' : 's'} ${listed(names)}: plan at least one task per phase.`,
    first.path,
  );
}

function listed(items: readonly string[]): string {
  const shown = items.slice(0, MAX_LISTED).join(', ');
  return items.length > MAX_LISTED ? `${shown} and ${items.length - MAX_LISTED} more` : shown;
}
