/**
 * PURE — when a published post's counts are read: often while they move, rarely once they have
 * settled (most reactions come in the first day). Each step is one queued job per variant.
 */
const HOUR_MS = 3_600_000;

export const COLLECTION_STEPS = [
  { step: '1h', afterMs: HOUR_MS },
  { step: '6h', afterMs: 6 * HOUR_MS },
  { step: '24h', afterMs: 24 * HOUR_MS },
  { step: '3d', afterMs: 72 * HOUR_MS },
  { step: '7d', afterMs: 168 * HOUR_MS },
  { step: '30d', afterMs: 720 * HOUR_MS },
] as const;

export type CollectionStep = (typeof COLLECTION_STEPS)[number]['step'];

/** The collection jobs of a variant published at `publishedAt`: each step with its due time. */
export function collectionSchedule(publishedAt: Date): { step: CollectionStep; at: Date }[] {
  return COLLECTION_STEPS.map(({ step, afterMs }) => ({ step, at: new Date(publishedAt.getTime() + afterMs) }));
}
