import { describe, expect, it } from 'vitest';
import { lintDocuments } from './lint.ts';
import {
  CAMPAIGN_STATUSES,
  CAMPAIGN_STATUS_TRANSITIONS,
  campaignReadiness,
  canChangeStatus,
  READINESS_ITEM_IDS,
  readinessSchema,
  type ReadinessItem,
} from './readiness.ts';
import type { Finding } from './schema.ts';
import { cleanCampaign, cleanStrategy } from '../../test/plan-fixtures.ts';

const TODAY = '2027-06-01';
const strategy = cleanStrategy();
/** Every channel of the clean strategy has a working account. */
const CONNECTED = new Map(strategy.channels.map((c) => [c.id, 'connected' as const]));

function item(items: ReadinessItem[], id: string): ReadinessItem {
  const found = items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

const unmetIds = (r: { items: ReadinessItem[] }) => r.items.filter((i) => !i.met).map((i) => i.id);

describe('campaignReadiness', () => {
  it('is ready for the clean campaign, with every item in a stable order and a schema-valid shape', () => {
    const r = campaignReadiness(strategy, cleanCampaign(), [], TODAY, CONNECTED);
    expect(readinessSchema.parse(r)).toEqual(r);
    expect(r.ready).toBe(true);
    expect(r.items.map((i) => i.id)).toEqual([...READINESS_ITEM_IDS]);
    for (const i of r.items) {
      expect(i.met, i.id).toBe(true);
      expect(i.label.length).toBeGreaterThan(0);
      expect(i.detail.length).toBeGreaterThan(0);
      expect(i.path).toBeUndefined();
    }
    expect(item(r.items, 'lead-time').detail).toContain('that is in 30 days');
    expect(item(r.items, 'budget').detail).toBe('3,000 EUR; projected ROI +150%.');
  });

  it('agrees with the linter: a clean plan lints clean', () => {
    expect(lintDocuments([strategy, cleanCampaign()]).findings).toEqual([]);
  });

  it('is not ready without a (known) strategy, and says which items cannot be checked', () => {
    for (const [s, c] of [
      [undefined, cleanCampaign()],
      [strategy, cleanCampaign({ strategy: 'other' })],
    ] as const) {
      const r = campaignReadiness(s, c, [], TODAY, CONNECTED);
      expect(r.ready).toBe(false);
      expect(item(r.items, 'strategy-exists')).toMatchObject({ met: false, path: '/strategy', target: 'campaign' });
      // The owner must be a person of the strategy, so it cannot be confirmed without one.
      expect(unmetIds(r)).toEqual(['strategy-exists', 'strategy-clean', 'lead-time', 'base-ready', 'channels-connected', 'owner']);
    }
    const { strategy: _none, ...orphan } = cleanCampaign();
    const r = campaignReadiness(undefined, { ...orphan, phases: cleanCampaign().phases } as never, [], TODAY, CONNECTED);
    expect(item(r.items, 'strategy-exists').detail).toContain('names no strategy');
  });

  it('channels-connected names each campaign channel without a working account and links to the connections', () => {
    const c = cleanCampaign();
    const r = campaignReadiness(strategy, c, [], TODAY, new Map([[c.channels[0]!, 'reconnect_needed']]));
    expect(r.ready).toBe(false);
    expect(unmetIds(r)).toEqual(['channels-connected']);
    expect(item(r.items, 'channels-connected')).toMatchObject({ met: false, path: '/channels/0', target: 'connections' });
    expect(item(r.items, 'channels-connected').detail).toBe(
      `Posts on these channels of "${strategy.name}" would fail when due: instagram (needs reconnecting), newsletter (no account connected). Connect an account on the Connections screen.`,
    );
  });

  it('strategy-clean counts errors only and points into the strategy', () => {
    const warning: Finding = { rule: 'channel-no-owner', severity: 'warning', message: 'w', path: '/channels/0' };
    const error: Finding = { rule: 'kpi-incomplete', severity: 'error', message: 'KPI has no target.', path: '/objectives/0/kpis/0' };
    expect(item(campaignReadiness(strategy, cleanCampaign(), [warning], TODAY, CONNECTED).items, 'strategy-clean').met).toBe(true);
    const r = campaignReadiness(strategy, cleanCampaign(), [warning, error, { ...error, path: '/objectives/1/kpis/0' }], TODAY, CONNECTED);
    expect(item(r.items, 'strategy-clean')).toMatchObject({
      met: false,
      path: '/objectives/0/kpis/0',
      target: 'strategy',
      rule: 'kpi-incomplete',
      detail: 'KPI has no target. (and 1 more error)',
    });
    expect(r.ready).toBe(false);
  });

  it('lead-time uses campaign-too-early, and a start before the strategy is not ready either', () => {
    const early = campaignReadiness(strategy, cleanCampaign({ start: '2027-03-01' }), [], TODAY, CONNECTED);
    expect(item(early.items, 'lead-time')).toMatchObject({ met: false, path: '/start', rule: 'campaign-too-early' });
    expect(item(early.items, 'lead-time').detail).toContain('2027-07-01');
    const before = campaignReadiness(strategy, cleanCampaign({ start: '2026-12-01' }), [], TODAY, CONNECTED);
    expect(item(before.items, 'lead-time')).toMatchObject({ met: false, path: '/start' });
    expect(item(before.items, 'lead-time').detail).toContain('before its strategy starts');
    const onTheDay = campaignReadiness(strategy, cleanCampaign(), [], '2027-07-01', CONNECTED);
    expect(item(onTheDay.items, 'lead-time').detail).toContain('that is today');
  });

  it('base-ready lists every short channel, unknown channels included, and points at the first', () => {
    const s = cleanStrategy();
    s.settings.minBaseFollowers = 1000;
    delete s.channels[1]!.baseline;
    const c = cleanCampaign({ channels: ['newsletter', 'instagram', 'linkedin', 'tiktok'] });
    const r = campaignReadiness(s, c, [], TODAY, CONNECTED);
    expect(item(r.items, 'base-ready')).toMatchObject({
      met: false,
      path: '/channels/1',
      detail:
        'Fewer than 1000 followers (the strategy’s “Base followers” setting) on: instagram (800), linkedin (no baseline), tiktok (not a channel of the strategy).',
    });
    expect(item(campaignReadiness(s, cleanCampaign({ channels: [] }), [], TODAY, CONNECTED).items, 'base-ready')).toMatchObject({
      met: false,
      path: '/channels',
    });
  });

  it('owner must be set and be a person of the strategy', () => {
    const { owner: _o, ...noOwner } = cleanCampaign();
    expect(item(campaignReadiness(strategy, noOwner as never, [], TODAY, CONNECTED).items, 'owner')).toMatchObject({
      met: false,
      path: '/owner',
      rule: 'campaign-no-owner',
    });
    const stranger = item(campaignReadiness(strategy, cleanCampaign({ owner: 'zoe' }), [], TODAY, CONNECTED).items, 'owner');
    expect(stranger).toMatchObject({ met: false, path: '/owner', rule: 'campaign-unknown-reference' });
    expect(stranger.detail).toContain('"zoe"');
    expect(item(campaignReadiness(strategy, cleanCampaign(), [], TODAY, CONNECTED).items, 'owner').detail).toBe(
      'Ana Silva oversees the campaign.',
    );
  });

  it('budget and response goal reuse their rules', () => {
    const { budget: _b, ...noBudget } = cleanCampaign();
    expect(item(campaignReadiness(strategy, noBudget as never, [], TODAY, CONNECTED).items, 'budget')).toMatchObject({
      met: false,
      path: '/budget',
      rule: 'campaign-no-budget',
    });
    const zero = campaignReadiness(strategy, cleanCampaign({ response: { metric: 'sales', target: 0 } }), [], TODAY, CONNECTED);
    expect(item(zero.items, 'response-goal')).toMatchObject({ met: false, path: '/response/target', rule: 'campaign-no-response-goal' });
    const none = campaignReadiness(strategy, cleanCampaign({ response: undefined }), [], TODAY, CONNECTED);
    expect(item(none.items, 'response-goal')).toMatchObject({ met: false, path: '/response' });
    const noMetric = campaignReadiness(strategy, cleanCampaign({ response: { target: 10 } }), [], TODAY, CONNECTED);
    expect(item(noMetric.items, 'response-goal')).toMatchObject({ met: false, path: '/response/metric' });
  });

  describe('phases-cover', () => {
    const phases = (...spans: [string, string][]) =>
      spans.map(([start, end], i) => ({ name: `P${i}`, start, end, tasks: [{ title: 'Do it' }] }));

    it('accepts overlapping and out-of-order phases that cover every day', () => {
      const c = cleanCampaign({ phases: phases(['2027-08-01', '2027-08-31'], ['2027-07-01', '2027-08-05']) });
      expect(item(campaignReadiness(strategy, c, [], TODAY, CONNECTED).items, 'phases-cover').met).toBe(true);
    });

    it('finds gaps at the start, in the middle and at the end', () => {
      const c = cleanCampaign({ phases: phases(['2027-07-02', '2027-07-10'], ['2027-07-12', '2027-08-30']) });
      expect(item(campaignReadiness(strategy, c, [], TODAY, CONNECTED).items, 'phases-cover')).toMatchObject({
        met: false,
        path: '/phases',
        detail: '3 days not covered by any phase: 2027-07-01, 2027-07-11, 2027-08-31.',
      });
    });

    it('ignores phase days outside the campaign and phases that end before they start', () => {
      const c = cleanCampaign({ phases: phases(['2027-06-01', '2027-07-31'], ['2027-08-31', '2027-08-01'], ['2027-08-01', '2027-09-30']) });
      expect(item(campaignReadiness(strategy, c, [], TODAY, CONNECTED).items, 'phases-cover').met).toBe(true);
      const broken = cleanCampaign({ phases: phases(['2027-07-01', '2027-07-31'], ['2027-08-31', '2027-08-01']) });
      expect(item(campaignReadiness(strategy, broken, [], TODAY, CONNECTED).items, 'phases-cover').detail).toContain(
        '2027-08-01 – 2027-08-31',
      );
    });

    it('is not met without phases or when the campaign ends before it starts', () => {
      expect(item(campaignReadiness(strategy, cleanCampaign({ phases: [] }), [], TODAY, CONNECTED).items, 'phases-cover')).toMatchObject({
        met: false,
        path: '/phases',
      });
      expect(
        item(campaignReadiness(strategy, cleanCampaign({ end: '2027-06-30' }), [], TODAY, CONNECTED).items, 'phases-cover'),
      ).toMatchObject({ met: false, path: '/end' });
    });
  });

  it('content-planned needs a task in every phase and points at the first empty one', () => {
    const c = cleanCampaign();
    c.phases[1]!.tasks = [];
    expect(item(campaignReadiness(strategy, c, [], TODAY, CONNECTED).items, 'content-planned')).toMatchObject({
      met: false,
      path: '/phases/1/tasks',
      detail: 'No tasks in phase "Launch": plan at least one task per phase.',
    });
    expect(item(campaignReadiness(strategy, cleanCampaign({ phases: [] }), [], TODAY, CONNECTED).items, 'content-planned').met).toBe(false);
  });

  it('a path is always given with its target', () => {
    const r = campaignReadiness(undefined, cleanCampaign({ phases: [], owner: undefined, budget: undefined }), [], TODAY, CONNECTED);
    for (const i of r.items) expect(i.path === undefined, i.id).toBe(i.target === undefined);
  });

  it('refuses a malformed today', () => {
    expect(() => campaignReadiness(strategy, cleanCampaign(), [], '2027-13-01', CONNECTED)).toThrow(RangeError);
  });
});

describe('campaign status transitions', () => {
  it('has a row for every status, only known targets, and never a self-transition', () => {
    expect(Object.keys(CAMPAIGN_STATUS_TRANSITIONS).sort()).toEqual([...CAMPAIGN_STATUSES].sort());
    for (const [from, tos] of Object.entries(CAMPAIGN_STATUS_TRANSITIONS)) {
      for (const to of tos) {
        expect(CAMPAIGN_STATUSES).toContain(to);
        expect(to).not.toBe(from);
      }
    }
  });

  it('allows the lifecycle and refuses going back from an end', () => {
    expect(canChangeStatus('planned', 'active')).toBe(true);
    expect(canChangeStatus('active', 'completed')).toBe(true);
    expect(canChangeStatus('cancelled', 'active')).toBe(false);
    expect(canChangeStatus('completed', 'planned')).toBe(false);
    expect(canChangeStatus('planned', 'completed')).toBe(false);
    expect(canChangeStatus('planned', 'planned')).toBe(false);
  });
});
