/**
 * Hands scheduled variants to the scheduler, AFTER the transaction that scheduled them committed (a
 * job must never point at a state that was rolled back). If the queue is unreachable the variants
 * stay `scheduled` in the database with their token, and the caller gets a warning instead of a 500:
 * the worker's start-up sweep of due `scheduled` variants picks them up (it must not rely on jobs alone).
 */
import type { PublishJob, PublishQueue } from '../scheduler/queue.ts';
import type { PostWarning } from './schema.ts';

/** Jobs from `UPDATE post_variants … RETURNING id, schedule_token, due_at`. */
export const jobsOf = (rows: readonly { id: string; schedule_token: string | null; due_at: Date | null }[]): PublishJob[] =>
  rows.filter((r) => r.schedule_token && r.due_at).map((r) => ({ variantId: r.id, scheduleToken: r.schedule_token!, dueAt: r.due_at! }));

export async function enqueueJobs(queue: PublishQueue, jobs: readonly PublishJob[]): Promise<PostWarning[]> {
  if (jobs.length === 0) return [];
  try {
    await queue.enqueue(jobs);
    return [];
  } catch (e) {
    return [
      {
        code: 'post.enqueue_failed',
        message: `The post is scheduled, but the scheduler could not be told right now (${(e as Error).message}); it will be picked up when the worker next sweeps for due posts.`,
        details: { variants: jobs.map((j) => j.variantId) },
      },
    ];
  }
}

/** For apps started without a worker (tests, `SERVICES=web` without a queue): jobs are dropped. */
export const noopQueue: PublishQueue = { enqueue: async () => undefined };
