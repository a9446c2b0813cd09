/**
 * The seam between the post services (which decide *that* and *when* a variant is published) and
 * the scheduler (which runs the job at its time). Services call `enqueue` after their transaction
 * commits; the worker never trusts a job alone — it claims the variant with one conditional UPDATE
 * (state = 'scheduled' and the job's schedule token still current), so a job left over from a
 * reschedule, a cancel or a delete sends nothing.
 */
export interface PublishJob {
  variantId: string;
  /** `post_variants.schedule_token` at the time of scheduling. */
  scheduleToken: string;
  dueAt: Date;
}

export interface PublishQueue {
  enqueue(jobs: readonly PublishJob[]): Promise<void>;
}
