/** Words and colours of the publishing screens: one place, so the list, the calendar and the post agree. */
import { platformName } from '../../../../src/content/limits.ts';
import type { Platform } from '../../../../src/plan/schema.ts';
import type { Post, VariantState } from '../../api/posts.ts';
import { POST_STATES } from '../../../../src/content/state-machine.ts';
import type { PostState } from '../../api/types.ts';

/** Every post state in workflow order: the state machine's own list. */
export const STATES: readonly PostState[] = POST_STATES;

export const STATE_LABEL: Record<PostState, string> = {
  idea: 'Idea',
  draft: 'Draft',
  in_review: 'In review',
  approved: 'Approved',
  scheduled: 'Scheduled',
  publishing: 'Publishing',
  published: 'Published',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** Plural headings for the posts list's filters. */
export const STATE_PLURAL: Record<PostState, string> = {
  idea: 'Ideas',
  draft: 'Drafts',
  in_review: 'In review',
  approved: 'Approved',
  scheduled: 'Scheduled',
  publishing: 'Publishing',
  published: 'Published',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const VARIANT_STATE_LABEL: Record<VariantState, string> = {
  pending: 'Not scheduled',
  scheduled: 'Scheduled',
  publishing: 'Publishing',
  published: 'Published',
  failed: 'Failed',
  cancelled: 'Cancelled',
  missed: 'Missed',
};

/** Calendar colours per state (background, text); the badge uses the same via `post-state-<state>`. */
export const STATE_COLOR: Record<PostState, { bg: string; fg: string; border: string }> = {
  idea: { bg: '#f1f0ea', fg: '#4b524e', border: '#b9bdb6' },
  draft: { bg: '#e8eef8', fg: '#24406e', border: '#8fa8d3' },
  in_review: { bg: '#fff4d6', fg: '#7a4f00', border: '#d9a300' },
  approved: { bg: '#e3efe9', fg: '#2f5d50', border: '#5f8f7f' },
  scheduled: { bg: '#2f5d50', fg: '#ffffff', border: '#2f5d50' },
  publishing: { bg: '#3d7a8a', fg: '#ffffff', border: '#3d7a8a' },
  published: { bg: '#1c7c4a', fg: '#ffffff', border: '#1c7c4a' },
  failed: { bg: '#fdecea', fg: '#b42318', border: '#b42318' },
  cancelled: { bg: '#f3f3f3', fg: '#7a7a7a', border: '#cfcfcf' },
};

export const platformLabel = (p: Platform | null | undefined): string => {
  if (!p) return 'not in the strategy';
  const name = platformName(p);
  return name.charAt(0).toUpperCase() + name.slice(1);
};

/** The first words of a post (its first variant with text), for lists and calendar cards. */
export function postTitle(post: Post, max = 80): string {
  const text = post.variants.find((v) => v.content.text.trim())?.content.text.trim() ?? '';
  const line = text.split('\n')[0] ?? '';
  if (!line) return post.variants.some((v) => v.content.media.length) ? 'Image post' : 'Untitled post';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** States in which the post's time belongs to the scheduler (moved by reschedule, not by an edit). */
export const TIMED_STATES: readonly PostState[] = ['scheduled', 'publishing', 'published'];

/** Whether the caller may move the post in time (calendar drag): reschedule when scheduled, else an edit of the planned time. */
export const canMove = (post: Post): boolean =>
  post.state === 'scheduled' ? post.actions.includes('reschedule') : !TIMED_STATES.includes(post.state) && post.actions.includes('edit');
