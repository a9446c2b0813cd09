/**
 * Findings in the words of the web app — pure.
 *
 * A rule's message is written for the YAML author: it names ids and document paths
 * (`owner "x" is not in resources.people`), and the CLI and the JSON output keep it so. The web app
 * shows the sentence from here instead: what to do and where — the builder step or the planner
 * section — naming things as the screens do. The panel links to the field at the finding's path,
 * so the words need no path. Every rule has a wording (a test checks), plus the linter's own
 * duplicate-document-id; schema findings keep their message (the builder already words those).
 */
import { addDays, addMonths, compareDates, fromEpochDay, monthsBetween } from './dates.ts';
import { DUPLICATE_DOCUMENT_ID_RULE } from './lint.ts';
import { findMetric } from './metrics.ts';
import { formatRoi, projectedRoi } from './roi.ts';
import { phaseGaps } from './rules/campaign-phases-gap.ts';
import { MAX_CAMPAIGN_MONTHS } from './rules/campaign-too-long.ts';
import { MIN_CAMPAIGN_DAYS } from './rules/campaign-too-short.ts';
import { MIN_STRATEGY_MONTHS } from './rules/strategy-too-short.ts';
import type { Campaign, Channel, Finding, Platform, Strategy } from './schema.ts';

export const PLATFORM_NAMES: Readonly<Record<Platform, string>> = {
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  x: 'X',
  linkedin: 'LinkedIn',
  instagram: 'Instagram',
  facebook: 'Facebook',
  threads: 'Threads',
  youtube: 'YouTube',
  tiktok: 'TikTok',
  pinterest: 'Pinterest',
  blog: 'Blog',
  newsletter: 'Newsletter',
  other: 'Other',
};

/** "Instagram @northwind" — what users recognise a channel by. */
export const channelLabel = (c: Pick<Channel, 'platform' | 'handle'>): string =>
  [PLATFORM_NAMES[c.platform], c.handle].filter(Boolean).join(' ');

export interface UiMessageContext {
  /** The strategy the finding is about, or the campaign's strategy: lets the words name things. */
  strategy?: Strategy | undefined;
  /** The campaign a campaign rule's finding is about. */
  campaign?: Campaign | undefined;
  /** How a `YYYY-MM-DD` date reads (the web app passes its locale's); ISO when omitted. */
  formatDate?: ((iso: string) => string) | undefined;
}

type FindingRef = Pick<Finding, 'rule' | 'path' | 'message'> & Partial<Pick<Finding, 'document'>>;

/** What a wording may read: the finding's path indices, the documents, the date format. */
class Words {
  readonly strategy: Strategy | undefined;
  readonly campaign: Campaign | undefined;
  readonly date: (iso: string) => string;
  private readonly keys: string[];

  constructor(
    readonly finding: FindingRef,
    ctx: UiMessageContext,
  ) {
    this.strategy = ctx.strategy;
    this.campaign = ctx.campaign;
    this.date = ctx.formatDate ?? ((iso) => iso);
    this.keys = finding.path.split('/').slice(1);
  }

  /** The number after `key` in the path: 2 for `/channels/2/owner` and key "channels". */
  index(key: string): number | undefined {
    const at = this.keys.indexOf(key);
    const n = at < 0 ? NaN : Number(this.keys[at + 1]);
    return Number.isInteger(n) ? n : undefined;
  }

  /** The strategy channel the path points into, by the name the screens use. */
  channel(): string {
    const c = this.strategy?.channels[this.index('channels') ?? -1];
    return c ? channelLabel(c) : 'this channel';
  }

  persona(): string {
    const p = this.strategy?.audience.personas[this.index('personas') ?? -1];
    return p ? `persona “${p.name}”` : 'this persona';
  }

  objective(): string {
    const o = this.strategy?.objectives[this.index('objectives') ?? -1];
    return o ? `objective “${short(o.statement)}”` : 'this objective';
  }

  kpi(): string {
    const k = this.strategy?.objectives[this.index('objectives') ?? -1]?.kpis[this.index('kpis') ?? -1];
    return k ? `KPI “${k.metric}”` : 'this KPI';
  }

  phase(): string {
    const p = this.campaign?.phases[this.index('phases') ?? -1];
    return p ? `phase “${p.name}”` : 'this phase';
  }

  /** A strategy channel named by id (from a campaign or a reference), or the id itself. */
  channelById(id: string | undefined): string {
    const c = this.strategy?.channels.find((ch) => ch.id === id);
    return c ? channelLabel(c) : `“${id ?? '?'}”`;
  }

  /** The strategy's period as the screens show it. */
  period(): string {
    return this.strategy ? `${this.date(this.strategy.period.start)} – ${this.date(this.strategy.period.end)}` : 'the strategy’s period';
  }

  /** The value a campaign or strategy reference at the path holds (`/channels/1` → that channel id). */
  campaignRef(list: 'channels' | 'audience'): string | undefined {
    return this.campaign?.[list][this.index(list) ?? -1];
  }
}

const short = (text: string, max = 48): string => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const percent = (share: number): string => `${Number((share * 100).toFixed(1))}%`;
const hours = (n: number): string => String(Number(n.toFixed(1)));

/** Where items of each list are edited, for the rules that point at one of many kinds. */
const STEP_OF_LIST: Readonly<Record<string, [noun: string, step: string]>> = {
  personas: ['persona', 'the Audience step'],
  channels: ['channel', 'the Channels step'],
  pillars: ['pillar', 'the Content pillars step'],
  objectives: ['objective', 'the Objectives & KPIs step'],
  kpis: ['KPI', 'the Objectives & KPIs step'],
  people: ['person', 'the Resources step'],
};

type Wording = (w: Words) => string;

/** One wording per rule id. Strategy rules name builder steps; campaign rules name planner sections. */
export const UI_MESSAGES: Readonly<Record<string, Wording>> = {
  // — strategy rules —
  'strategy-period-invalid': (w) =>
    `The strategy must end after it starts: pick a later end date on the Basics step${w.strategy ? ` (it starts ${w.date(w.strategy.period.start)})` : ''}.`,
  'strategy-too-short': (w) => {
    if (!w.strategy) return `A strategy should cover at least ${MIN_STRATEGY_MONTHS} months: pick a later end date on the Basics step.`;
    const { start, end } = w.strategy.period;
    const months = monthsBetween(start, addDays(end, 1));
    return `The strategy covers only ${plural(months, 'full month')}; it should cover at least ${MIN_STRATEGY_MONTHS}: on the Basics step, let it end on ${w.date(addDays(addMonths(start, MIN_STRATEGY_MONTHS), -1))} or later.`;
  },
  'duplicate-id': (w) => {
    const list = [...Object.keys(STEP_OF_LIST)].reverse().find((key) => w.index(key) !== undefined);
    const [noun, step] = STEP_OF_LIST[list ?? ''] ?? ['item', 'its step'];
    return `Another ${noun} already has this ${noun}’s id: give one of them a different id on ${step}, so links between them stay clear.`;
  },
  'unknown-reference': (w) => {
    const { path } = w.finding;
    if (/^\/channels\/\d+\/owner$/.test(path)) {
      const owner = w.strategy?.channels[w.index('channels') ?? -1]?.owner;
      return `${w.channel()} is run by ${owner ? `“${owner}”, ` : 'someone '}who is not on the team: add the person to the team on the Resources step, or choose another owner on the Channels step.`;
    }
    if (path.endsWith('/source/campaign')) {
      return `${capital(w.kpi())} counts a campaign this strategy does not have: choose one of the strategy’s campaigns for it (Objectives & KPIs step), or plan that campaign first.`;
    }
    const where = path.startsWith('/audience/')
      ? `${w.persona()} (Audience step)`
      : path.includes('/tactics/')
        ? `a tactic of ${w.objective()} (Objectives & KPIs step)`
        : `${w.kpi()} (Objectives & KPIs step)`;
    return `${capital(where)} is on a channel the strategy does not have: add the channel on the Channels step, or choose one of the strategy’s channels.`;
  },
  'strategy-no-audience': () =>
    'Describe who you want to reach: add at least one persona, with their pain points and channels, on the Audience step.',
  'persona-no-pain-points': (w) =>
    `List the pain points of ${w.persona()} on the Audience step, so content can solve their problems instead of only promoting.`,
  'channel-unused': (w) =>
    `No persona or tactic uses ${w.channel()}: tick it for a persona on the Audience step or for a tactic on the Objectives & KPIs step, or remove the channel and spend the effort elsewhere.`,
  'channel-no-purpose': (w) => `Say in one sentence what ${w.channel()} is for: fill in its purpose on the Channels step.`,
  'channel-no-owner': (w) => `Choose who runs ${w.channel()}: pick its owner on the Channels step.`,
  'channel-no-cadence': (w) =>
    `Set how many posts a week go out on ${w.channel()} (Channels step), so the workload can be checked against the team’s hours.`,
  'channel-no-baseline': (w) =>
    `Enter how many followers ${w.channel()} has today (Channels step): without it growth cannot be measured, and campaigns count the channel as having none.`,
  'content-too-promotional': (w) => {
    if (!w.strategy)
      return 'Promotional pillars take too large a share of the content: move share to non-promotional pillars on the Content pillars step.';
    const share = w.strategy.pillars.filter((p) => p.promotional).reduce((n, p) => n + p.share, 0);
    return `Promotional pillars make up ${percent(share)} of the content, above the ${percent(w.strategy.contentMix.maxPromotionalShare)} maximum: on the Content pillars step, move share to pillars that give value first.`;
  },
  'pillar-shares-not-100': (w) => {
    const sum = w.strategy?.pillars.reduce((n, p) => n + p.share, 0);
    return `The pillar shares add up to ${sum === undefined ? 'something other than 100%' : percent(sum)}: adjust them on the Content pillars step so that together they make 100%.`;
  },
  'strategy-no-objectives': () =>
    'Add at least one objective on the Objectives & KPIs step: what social media should achieve (awareness, sales, customer service…).',
  'objective-no-kpi': (w) => `Add a KPI to ${w.objective()} on the Objectives & KPIs step, so progress can be measured.`,
  'objective-no-tactics': (w) =>
    `Say how ${w.objective()} will be reached: add a strategy with at least one tactic on the Objectives & KPIs step.`,
  'kpi-incomplete': (w) => {
    const k = w.strategy?.objectives[w.index('objectives') ?? -1]?.kpis[w.index('kpis') ?? -1];
    const missing = k
      ? [k.baseline === undefined && 'baseline', k.target === undefined && 'target', k.due === undefined && 'due date'].filter(Boolean)
      : [];
    return `Give ${w.kpi()} ${missing.length > 0 ? `a ${missing.join(', a ')}` : 'a baseline, a target and a due date'} on the Objectives & KPIs step: where you are, where you want to be and by when.`;
  },
  'kpi-due-outside-period': (w) =>
    `${capital(w.kpi())} is due outside the strategy’s period (${w.period()}): move its due date on the Objectives & KPIs step, or extend the period on the Basics step.`,
  'kpi-target-not-improvement': (w) =>
    `The target of ${w.kpi()} equals its baseline: on the Objectives & KPIs step, set the value you want to reach.`,
  'kpi-unknown-metric': (w) =>
    `${capital(w.kpi())} is linked to a metric Groundwork does not know: on the Objectives & KPIs step, choose one of the listed metrics, or values entered by hand.`,
  'kpi-metric-needs-channel': (w) => {
    const source = w.strategy?.objectives[w.index('objectives') ?? -1]?.kpis[w.index('kpis') ?? -1]?.source;
    const metric = source ? findMetric(source.metric) : undefined;
    return `${capital(w.kpi())} is measured by ${metric ? metric.label.toLowerCase() : 'a metric'}, which only means something on one channel: pick its channel on the Objectives & KPIs step.`;
  },
  'kpi-source-channel-conflict': (w) =>
    `${capital(w.kpi())} is about one channel but its values are measured on another: pick one channel for it on the Objectives & KPIs step.`,
  'objective-brand-kpis-manual': (w) =>
    `${capital(w.objective())} is measured only by figures entered by hand: on the Objectives & KPIs step, link at least one of its KPIs to a measured metric (mentions, share of voice, net sentiment, engagement rate), so brand impact is tracked from data.`,
  'strategy-no-brand-kpi': () =>
    'Add a KPI of kind brand, engagement or reach to an objective (Objectives & KPIs step): a strategy pays off in long-term brand impact, not only money.',
  'resources-over-capacity': (w) => {
    if (!w.strategy)
      return 'Posting takes more hours than the team has: add people or hours on the Resources step, or post less often on the Channels step.';
    const s = w.strategy;
    const needed = (s.channels.reduce((n, c) => n + (c.cadence?.postsPerWeek ?? 0), 0) * s.settings.minutesPerPost) / 60;
    const available = s.resources.people.reduce((n, p) => n + p.hoursPerWeek, 0);
    return `Posting needs ${hours(needed)} hours a week but the team has ${hours(available)}: add people or hours on the Resources step, or post less often on the Channels step.`;
  },
  'strategy-no-integration': () => 'Name the marketing plan this strategy fits into, on the Basics step.',

  // — campaign rules —
  'campaign-requires-strategy': (w) =>
    w.campaign?.strategy === undefined
      ? 'The campaign does not say which strategy it belongs to: a campaign builds on a strategy’s audience and channels, so plan it from inside its strategy.'
      : `The campaign belongs to strategy “${w.campaign.strategy}”, which does not exist here: import that strategy first (or with it), or correct the strategy id.`,
  'campaign-dates-invalid': (w) =>
    `The campaign ends before it starts${w.campaign ? ` (${w.date(w.campaign.start)})` : ''}: correct the start or end date under Basics.`,
  'campaign-outside-strategy-period': (w) =>
    `The campaign ${w.finding.path === '/start' ? 'starts' : 'ends'} outside its strategy’s period (${w.period()}): move its dates inside the period under Basics, or extend the strategy.`,
  'campaign-too-early': (w) => {
    if (!w.strategy)
      return 'The campaign starts too soon after its strategy: build a base of followers first, and move the start date under Basics.';
    const { campaignLeadMonths } = w.strategy.settings;
    return `Build a base of followers first: start the campaign on or after ${w.date(addMonths(w.strategy.period.start, campaignLeadMonths))}, ${plural(campaignLeadMonths, 'month')} after the strategy starts (Basics).`;
  },
  'campaign-too-long': (w) =>
    `A campaign is a short push of at most ${MAX_CAMPAIGN_MONTHS} months: ${w.campaign ? `end it by ${w.date(addMonths(w.campaign.start, MAX_CAMPAIGN_MONTHS))}` : 'end it sooner'} under Basics, or split it into several campaigns.`,
  'campaign-too-short': (w) =>
    `Give the campaign at least ${MIN_CAMPAIGN_DAYS} days to drive a response${w.campaign ? `: end it on or after ${w.date(addDays(w.campaign.start, MIN_CAMPAIGN_DAYS - 1))}` : ''} (Basics).`,
  'campaign-no-audience': () => 'Choose at least one of the strategy’s personas the campaign addresses, under Audience and channels.',
  'campaign-audience-outside-strategy': (w) =>
    `Persona “${w.campaignRef('audience') ?? '?'}” is not one of the strategy’s personas: choose one of them under Audience and channels, or add the persona on the strategy’s Audience step first.`,
  'campaign-no-channels': () => 'Choose at least one of the strategy’s channels to promote the campaign on, under Audience and channels.',
  'campaign-channel-outside-strategy': (w) =>
    `Channel “${w.campaignRef('channels') ?? '?'}” is not one of the strategy’s channels: choose one of them under Audience and channels, or add it on the strategy’s Channels step (and build a base there) first.`,
  'campaign-base-not-ready': (w) => {
    const id = w.campaignRef('channels');
    const followers = w.strategy?.channels.find((c) => c.id === id)?.baseline?.followers;
    const has = followers === undefined ? 'has no follower count yet' : `has only ${followers} followers`;
    const needs = w.strategy ? `, fewer than the ${w.strategy.settings.minBaseFollowers} a campaign needs` : '';
    return `${w.channelById(id)} ${has}${needs}: build the base first, or drop the channel under Audience and channels.`;
  },
  'campaign-no-response-goal': (w) => {
    const r = w.campaign?.response;
    if (w.finding.path === '/response/metric' && r?.target !== undefined && r.target > 0)
      return 'Choose the response the campaign drives (sales, sign-ups, leads…) under Response goal.';
    if (w.finding.path === '/response/target' && r?.metric !== undefined)
      return 'Set a response target above 0 under Response goal: the number you aim for.';
    return 'Say which response the campaign drives and how much: choose a metric and a target above 0 under Response goal.';
  },
  'campaign-no-owner': () => 'Choose who oversees the campaign from beginning to end: pick its owner under Basics.',
  'campaign-unknown-reference': (w) =>
    w.finding.path === '/owner'
      ? 'The campaign’s owner is not on the strategy’s team: choose another owner under Basics, or add the person to the team on the strategy’s Resources step.'
      : `A task owner in ${w.phase()} is not on the strategy’s team: choose another owner under Phases and tasks, or add the person to the team on the strategy’s Resources step.`,
  'campaign-no-budget': () =>
    'Set a budget under Budget and projected ROI, even if it is only time: without one the ROI cannot be worked out.',
  'campaign-negative-roi': (w) => {
    const roi = w.campaign ? projectedRoi(w.campaign) : null;
    return `The campaign is projected to lose money${roi === null ? '' : ` (ROI ${formatRoi(roi)})`}: the expected revenue is below the budget. Cut costs, raise the response target, or note why the loss is worth it (Budget and projected ROI).`;
  },
  'campaign-no-support': () =>
    'Say who amplifies the campaign beyond your own posts — advertising, PR, influencers, partners… — under Support plan.',
  'campaign-no-phases': () =>
    'Plan the campaign in phases from beginning to end (e.g. teaser, launch, follow-up), each with dated tasks and owners, under Phases and tasks.',
  'campaign-phases-gap': (w) => {
    const gaps = w.campaign ? phaseGaps(w.campaign) : [];
    if (gaps.length === 0) return 'Some days of the campaign lie in no phase: extend a phase or add one under Phases and tasks.';
    const days = gaps.reduce((n, [a, b]) => n + b - a + 1, 0);
    const listed = gaps.map(([a, b]) => (a === b ? w.date(fromEpochDay(a)) : `${w.date(fromEpochDay(a))} – ${w.date(fromEpochDay(b))}`));
    const shown = listed.length > 3 ? `${listed.slice(0, 3).join(', ')} and ${listed.length - 3} more` : listed.join(', ');
    return `${plural(days, 'day')} of the campaign ${days === 1 ? 'lies' : 'lie'} in no phase (${shown}): extend a phase or add one under Phases and tasks.`;
  },
  'campaign-phase-no-tasks': (w) => `Plan at least one task for ${w.phase()} — what is published, by whom, when — under Phases and tasks.`,
  'phase-dates-invalid': (w) => `${capital(w.phase())} ends before it starts: correct its dates under Phases and tasks.`,
  'phase-outside-campaign': (w) => {
    const dates =
      w.campaign && compareDates(w.campaign.start, w.campaign.end) <= 0 ? ` (${w.date(w.campaign.start)} – ${w.date(w.campaign.end)})` : '';
    return `${capital(w.phase())} ${w.finding.path.endsWith('/start') ? 'starts' : 'ends'} outside the campaign${dates}: move the phase inside it under Phases and tasks, or change the campaign’s dates under Basics.`;
  },

  // — the linter's own —
  [DUPLICATE_DOCUMENT_ID_RULE]: (w) =>
    `Another plan document already uses the id “${w.finding.document ?? '?'}”: choose a different id, or one replaces the other on import.`,
};

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The finding in the app's words; a finding no wording knows (a schema problem) keeps its message. */
export function uiMessage(finding: FindingRef, ctx: UiMessageContext = {}): string {
  const wording = UI_MESSAGES[finding.rule];
  return wording ? wording(new Words(finding, ctx)) : finding.message;
}
