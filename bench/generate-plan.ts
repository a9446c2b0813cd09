/**
 * A large, realistic, deterministic plan for benchmarks and performance tests: one strategy with
 * `objectives` objectives (2 strategies × 2 tactics and 3 KPIs each), `channels` channels, personas,
 * people, and `campaigns` campaigns (3 phases × 2 tasks each) spread over the strategy's second half.
 */
import {
  campaignSchema,
  strategySchema,
  PLATFORMS,
  type Campaign,
  type CampaignInput,
  type Strategy,
  type StrategyInput,
} from '../src/plan/schema.ts';

export interface GeneratedPlan {
  strategy: Strategy;
  campaigns: Campaign[];
  /** The same documents before schema parsing (what a YAML file would contain). */
  inputs: (StrategyInput | CampaignInput)[];
}

const AREAS = ['marketing', 'pr', 'sales', 'product-development', 'awareness', 'customer-service', 'traffic', 'brand'] as const;
const KPI_KINDS = ['reach', 'engagement', 'brand', 'financial', 'traffic', 'service'] as const;

const pad = (n: number) => String(n).padStart(2, '0');
/** Day `d` (0-based) after 2027-01-01 as YYYY-MM-DD. */
function day(d: number): string {
  const t = new Date(Date.UTC(2027, 0, 1) + d * 86_400_000);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

export function generatePlan({ objectives = 1000, campaigns = 200, channels = 10, personas = 6, people = 8 } = {}): GeneratedPlan {
  const id = 'bench-strategy';
  const channelIds = Array.from({ length: channels }, (_, i) => `channel-${i}`);
  const personIds = Array.from({ length: people }, (_, i) => `person-${i}`);
  const personaIds = Array.from({ length: personas }, (_, i) => `persona-${i}`);

  const strategyInput: StrategyInput = {
    kind: 'strategy',
    id,
    name: 'Benchmark strategy',
    organisation: 'Benchmark Inc.',
    period: { start: day(0), end: day(729) },
    integration: { marketingPlan: 'Benchmark marketing plan, chapter 2' },
    audience: {
      personas: personaIds.map((pid, i) => ({
        id: pid,
        name: `Persona ${i}`,
        description: `Persona number ${i}, described in one sentence.`,
        painPoints: [`Pain point A of persona ${i}`, `Pain point B of persona ${i}`],
        channels: [channelIds[i % channels]!, channelIds[(i + 1) % channels]!],
      })),
    },
    channels: channelIds.map((cid, i) => ({
      id: cid,
      platform: PLATFORMS[i % PLATFORMS.length]!,
      handle: `@bench${i}`,
      purpose: `What channel ${i} is for`,
      cadence: { postsPerWeek: 1 },
      owner: personIds[i % people]!,
      baseline: { followers: 500 + i * 100, engagementRate: 0.03 },
    })),
    pillars: [
      { id: 'educate', name: 'Educate', share: 0.5 },
      { id: 'community', name: 'Community', share: 0.35 },
      { id: 'offers', name: 'Offers', share: 0.15, promotional: true },
    ],
    objectives: Array.from({ length: objectives }, (_, i) => ({
      id: `objective-${i}`,
      area: AREAS[i % AREAS.length]!,
      statement: `Objective ${i}: improve something measurable`,
      strategies: [0, 1].map((s) => ({
        statement: `Strategy ${s} for objective ${i}`,
        tactics: [0, 1].map((t) => ({ statement: `Tactic ${t}`, channels: [channelIds[(i + s + t) % channels]!] })),
      })),
      kpis: [0, 1, 2].map((k) => ({
        id: `kpi-${i}-${k}`,
        metric: `Metric ${k} of objective ${i}`,
        channel: channelIds[(i + k) % channels]!,
        baseline: 100 + k,
        target: 200 + k,
        due: day(700),
        kind: KPI_KINDS[(i + k) % KPI_KINDS.length]!,
      })),
    })),
    resources: {
      people: personIds.map((pid, i) => ({ id: pid, name: `Person ${i}`, role: 'Team member', hoursPerWeek: 20 })),
      budget: { amount: 500_000, currency: 'EUR' },
      tools: ['Scheduler', 'Analytics'],
    },
  };

  const campaignInputs: CampaignInput[] = Array.from({ length: campaigns }, (_, i) => {
    const start = 200 + ((i * 2) % 480); // from mid-July of the first year, inside the period
    return {
      kind: 'campaign',
      id: `campaign-${String(i).padStart(3, '0')}`,
      strategy: id,
      name: `Campaign ${i}`,
      type: (['product-launch', 'event', 'service-promotion', 'other'] as const)[i % 4]!,
      start: day(start),
      end: day(start + 41),
      audience: [personaIds[i % personas]!],
      channels: [channelIds[i % channels]!, channelIds[(i + 3) % channels]!],
      owner: personIds[i % people]!,
      response: { metric: 'sales', target: 100 + i, unit: 'orders' },
      budget: { amount: 1000 + i * 10, currency: 'EUR' },
      expectedRevenue: 3000 + i * 20,
      support: ['advertising', 'partners'],
      phases: [0, 1, 2].map((p) => ({
        name: `Phase ${p}`,
        start: day(start + p * 14),
        end: day(start + p * 14 + (p === 2 ? 13 : 13)),
        tasks: [0, 1].map((t) => ({ title: `Task ${t} of phase ${p}`, owner: personIds[(i + t) % people]!, due: day(start + p * 14) })),
      })),
    };
  });

  return {
    strategy: strategySchema.parse(strategyInput),
    campaigns: campaignInputs.map((c) => campaignSchema.parse(c)),
    inputs: [strategyInput, ...campaignInputs],
  };
}
