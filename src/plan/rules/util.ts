/** Small helpers shared by the rule files (not a rule itself). */
import type { Channel, Strategy } from '../schema.ts';
import type { RuleIssue } from './types.ts';

/** `"a", "b", "c"` — at most `max` ids, then `… (+n more)`; "none" for an empty list. */
export function listIds(ids: Iterable<string>, max = 8): string {
  const all = [...ids];
  if (all.length === 0) return 'none';
  const shown = all
    .slice(0, max)
    .map((id) => JSON.stringify(id))
    .join(', ');
  return all.length > max ? `${shown}, … (+${all.length - max} more)` : shown;
}

/** Rounds for display: 12.5, 0.35, 3 — never 0.30000000000000004. */
export function fmt(n: number, digits = 2): string {
  return String(Number(n.toFixed(digits)));
}

/** 0.25 → "25%". */
export function pct(share: number): string {
  return `${fmt(share * 100, 1)}%`;
}

/** Tolerance for sums of floating-point shares. */
export const EPSILON = 1e-9;

/** One issue per channel that lacks something (the channel-no-* rules differ only in what and why). */
export function channelsLacking(
  strategy: Strategy,
  lacks: (channel: Channel) => boolean,
  message: (channel: Channel) => string,
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  strategy.channels.forEach((channel, i) => {
    if (lacks(channel)) issues.push({ path: `/channels/${i}`, message: message(channel) });
  });
  return issues;
}

/** Levenshtein distance: the fewest one-character edits turning `a` into `b`. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** The candidate closest to `id` when it is a likely typo (few edits for its length), else undefined. */
export function closest(id: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(id, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(id.length / 4)) ? best : undefined;
}
