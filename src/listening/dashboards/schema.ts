/**
 * The listening dashboard's shapes: the query (a period of whole UTC days, optionally one query or
 * one topic) and the answer. Pure (zod): the contract and the web app's client are typed by them.
 * Shares are ratios (0.42 is 42 %); net sentiment runs from −1 to 1.
 */
import { z } from 'zod';
import { isoDateSchema } from '../../plan/schema.ts';

const ref = z.string().min(1).max(200);
export const listeningDashboardParams = z.object({ workspaceId: ref });

export const listeningDashboardQuery = z.object({
  from: isoDateSchema.optional().meta({ description: 'First day (UTC). Default: 29 days before `to`.' }),
  to: isoDateSchema.optional().meta({ description: 'Last day, included (UTC). Default: today.' }),
  queryId: ref.optional().meta({ description: "Only this query's hits (another workspace's or an unknown id → 404)." }),
  topic: z.string().min(1).max(120).optional().meta({ description: 'Only the hits of the queries of this topic.' }),
});
export type ListeningDashboardQuery = z.infer<typeof listeningDashboardQuery>;

export const GRAINS = ['hour', 'day'] as const;
export type Grain = (typeof GRAINS)[number];

const bucketSchema = z.object({
  /** The bucket's start, ISO 8601 UTC. */
  at: z.string(),
  mentions: z.number().int(),
  positive: z.number().int(),
  negative: z.number().int(),
  neutral: z.number().int(),
  unscored: z.number().int(),
  /** (positive − negative) / (positive + negative); null when neither. */
  net: z.number().nullable(),
});
export type Bucket = z.infer<typeof bucketSchema>;

const voiceEntrySchema = z.object({
  queryId: z.uuid(),
  name: z.string(),
  role: z.enum(['brand', 'competitor']),
  mentions: z.number().int(),
  /** This query's mentions / (brand + competitor mentions of the topic); null when the topic has none. */
  share: z.number().nullable(),
});

export const shareOfVoiceSchema = z.object({
  topic: z.string(),
  /** Distinct mentions of the topic's brand queries. */
  brand: z.number().int(),
  /** Distinct mentions of its competitor queries. */
  competitors: z.number().int(),
  /** brand / (brand + each competitor's mentions); null when there are none. */
  share: z.number().nullable(),
  entries: z.array(voiceEntrySchema),
});
export type ShareOfVoice = z.infer<typeof shareOfVoiceSchema>;

export const listeningDashboardResponse = z.object({
  period: z.object({ from: z.string(), to: z.string(), days: z.number().int(), grain: z.enum(GRAINS) }),
  filter: z.object({ queryId: z.string().nullable(), topic: z.string().nullable() }),
  /** Distinct mentions in the period (one matched by two queries counts once), by sentiment. */
  totals: bucketSchema.omit({ at: true }),
  /** Every bucket of the period, hourly for 3 days or fewer, else daily; empty ones are 0. */
  series: z.array(bucketSchema),
  topAuthors: z.array(z.object({ author: z.string(), mentions: z.number().int() })),
  /** The commonest words of the mentions (stop words left out), from the latest 2,000 of them. */
  topTerms: z.array(z.object({ term: z.string(), count: z.number().int() })),
  /** The workspace's queries not archived, by name: what the dashboard can be narrowed to. */
  queries: z.array(
    z.object({ id: z.uuid(), name: z.string(), topic: z.string().nullable(), role: z.enum(['brand', 'competitor', 'topic']) }),
  ),
  /** Per topic with brand or competitor queries, over the period (not narrowed by `queryId`). */
  shareOfVoice: z.array(shareOfVoiceSchema),
});
export type ListeningDashboard = z.infer<typeof listeningDashboardResponse>;
