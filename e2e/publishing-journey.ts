/**
 * The publishing part of the browser journey: the owner composes a post with two channel variants
 * (an image needs alt text before it saves), submits it for review; an approver, in a browser of
 * their own, tries to reject without a comment, then approves with one; the owner schedules it,
 * finds it on the calendar, drags it to a new time (asserted through the API), then — to keep the
 * test short — reschedules it a few seconds ahead through the API and watches the post page until
 * the worker has published it on the sandbox network.
 */
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import type { Post, PostDetail } from '../web/src/api/posts.ts';
import { screenshot } from './harness.ts';

/** Throws with `message` unless `ok`: the journey runs outside a test's expect. */
function check(ok: boolean, message: string): asserts ok {
  if (!ok) throw new Error(`publishing journey: ${message}`);
}

export interface PublishingJourneyOptions {
  ws: string;
  /** Exactly two channels of the strategy, each on a network without a minimum image count. */
  channels: [string, string];
  pillar?: string;
  campaign?: string;
  /** Its name, labelling its band on the calendar. */
  campaignName?: string;
  /** The approver's name as shown in the review thread. */
  approverName: string;
}

export interface PublishingJourneyResult {
  postId: string;
  /** The post as last read. */
  post: Post;
}

async function readPost(page: Page, ws: string, id: string): Promise<PostDetail> {
  const res = await page.request.get(`/api/v1/workspaces/${ws}/posts/${id}`);
  check(res.ok(), `GET post answered ${res.status()}`);
  return (await res.json()) as PostDetail;
}

const group = (page: Page, channel: string) => page.getByRole('group', { name: `Post on ${channel}`, exact: true });

/** Drags an element by the mouse, in steps, from one point to another. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x, from.y + 8, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

export async function composeReviewScheduleAndPublish(
  page: Page,
  approverPage: Page,
  opts: PublishingJourneyOptions,
): Promise<PublishingJourneyResult> {
  const { ws, channels } = opts;
  const [first, second] = channels;

  // ——— compose ———
  await page.goto(`/w/${ws}/posts/new`);
  await page.getByRole('heading', { name: 'New post', level: 1 }).waitFor();
  const publishOn = page.getByRole('group', { name: 'Publish on' });
  await publishOn.getByRole('checkbox').first().waitFor();
  for (const box of await publishOn.getByRole('checkbox').all()) await box.setChecked(false);
  await publishOn.getByRole('checkbox', { name: new RegExp(`^${first}\\b`) }).check();
  await publishOn.getByRole('checkbox', { name: new RegExp(`^${second}\\b`) }).check();
  await group(page, first).waitFor();
  await group(page, second).waitFor();
  if (opts.pillar) await page.getByLabel('Pillar', { exact: true }).selectOption(opts.pillar);
  if (opts.campaign) await page.getByLabel('Campaign', { exact: true }).selectOption(opts.campaign);

  const text = `Rye Tuesday: the first loaves of the season, baked at dawn. (${Date.now()})`;
  // One text for all channels; the second channel gets its own below.
  await page.getByLabel('Text for all channels').fill(text);
  // The live counter counts as the network does.
  await group(page, first)
    .getByText(`${[...text].length} / `)
    .waitFor();
  await group(page, first)
    .getByRole('button', { name: `Add image by URL to ${first}` })
    .click();
  await group(page, first).getByLabel('Image 1 URL').fill('https://example.com/rye.jpg');
  await group(page, second)
    .getByRole('button', { name: `Write a different text for ${second}` })
    .click();
  await group(page, second).getByLabel('Text', { exact: true }).fill(`This week in the bakery: rye is back. ${text}`);
  await group(page, second).getByLabel('First comment').fill('Recipe in the comments tomorrow.');
  // A link card: its title and description fields appear once there is a link.
  await group(page, second).getByLabel('Link', { exact: true }).fill('https://example.com/rye');
  await group(page, second).getByLabel('Link card title').fill('Rye is back');
  await group(page, second).getByLabel('Link card description').fill('Dark, dense, and baked at dawn.');

  // Planned for tomorrow 10:00 in the composer's zone (the workspace's).
  const zone = await page.getByLabel('Time zone').inputValue();
  const day = DateTime.now().setZone(zone).plus({ days: 1 }).toISODate()!;
  await page.getByLabel('Planned time').fill(`${day}T10:00`);

  // An image without alt text is refused before anything is sent, and its alt field gets the focus.
  await page.getByRole('button', { name: 'Save as draft' }).click();
  await page.getByRole('alert').filter({ hasText: 'Every image needs alt text' }).waitFor();
  const altId = await group(page, first).getByLabel('Image 1 alt text').getAttribute('id');
  await page.waitForFunction((id) => document.activeElement?.id === id, altId);
  await group(page, first).getByLabel('Image 1 alt text').fill('Three dark rye loaves cooling on a rack');

  await page.getByRole('button', { name: 'Save as draft' }).click();
  await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
  await page.getByText('Saved as a draft.').waitFor();
  const postId = new URL(page.url()).pathname.split('/').pop()!;
  const saved = await readPost(page, ws, postId);
  check(saved.post.state === 'draft', `saved as a draft (is ${saved.post.state})`);
  check(saved.post.variants.length === 2, `two channel variants (has ${saved.post.variants.length})`);
  check(saved.post.localTime === `${day}T10:00`, `planned for ${day}T10:00 (is ${saved.post.localTime})`);
  check(
    saved.post.variants.find((v) => v.channel === first)?.content.media[0]?.alt === 'Three dark rye loaves cooling on a rack',
    'the alt text is stored',
  );
  const card = saved.post.variants.find((v) => v.channel === second)?.content;
  check(
    card?.link === 'https://example.com/rye' &&
      card.linkTitle === 'Rye is back' &&
      card.linkDescription === 'Dark, dense, and baked at dawn.',
    'the link card is stored',
  );
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'composer');

  // ——— review ———
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await page.getByText('Submitted for review.').waitFor();
  check((await readPost(page, ws, postId)).post.state === 'in_review', 'the post is in review');

  await approverPage.goto(`/w/${ws}/posts/${postId}`);
  await approverPage.getByRole('button', { name: 'Approve' }).waitFor();
  check((await approverPage.getByRole('button', { name: 'Schedule' }).count()) === 0, 'an approver is not offered scheduling');
  check(await approverPage.getByLabel('Text for all channels').isDisabled(), 'an approver cannot edit the text');
  await approverPage.getByRole('button', { name: 'Reject' }).click();
  await approverPage.getByText('Say what should change: rejecting needs a comment.').waitFor();
  await approverPage.getByLabel('Review comment').fill('Lovely. Approved for Tuesday.');
  await approverPage.getByRole('button', { name: 'Approve' }).click();
  await approverPage.getByText('Approved: it can be scheduled now.').waitFor();
  const thread = approverPage.getByRole('list', { name: 'Review thread' });
  await thread.getByText(`${opts.approverName}`).waitFor();
  await thread.getByText('Lovely. Approved for Tuesday.').waitFor();
  await approverPage.evaluate(() => window.scrollTo(0, 0));
  await screenshot(approverPage, 'post-review');

  // ——— schedule, then move it on the calendar ———
  await page.reload();
  await page.getByRole('button', { name: 'Schedule', exact: true }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /^Scheduled for / })
    .waitFor();
  const scheduled = await readPost(page, ws, postId);
  check(scheduled.post.state === 'scheduled', `scheduled (is ${scheduled.post.state})`);
  check(
    scheduled.comments.some((c) => c.kind === 'approval' && c.body === 'Lovely. Approved for Tuesday.'),
    'the approval comment is in the thread',
  );

  await page.getByRole('link', { name: 'See on calendar' }).click();
  await page.waitForURL(/\/calendar\?/);
  const event = page.locator('.fc-timegrid-event', { hasText: 'Rye Tuesday' });
  await event.waitFor();
  check((await event.innerText()).includes('10:00'), 'the post shows at 10:00 in the week view');
  if (opts.campaignName) await page.locator('.campaign-band').filter({ hasText: opts.campaignName }).first().waitFor();
  await screenshot(page, 'calendar');

  await event.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = (await event.boundingBox())!;
  const column = (await page.locator(`td.fc-timegrid-col[data-date="${day}"]`).boundingBox())!;
  const slot = (await page.locator('td.fc-timegrid-slot-lane[data-time="11:30:00"]').boundingBox())!;
  // Grab the card inside its 10:00 slot, drop it inside the 11:30 slot of the same day.
  await drag(page, { x: box.x + box.width / 2, y: box.y + 4 }, { x: column.x + column.width / 2, y: slot.y + 4 });
  await page.getByText(/rescheduled for .*11:30/).waitFor();
  const moved = await readPost(page, ws, postId);
  check(moved.post.state === 'scheduled', `still scheduled after the move (is ${moved.post.state})`);
  check(moved.post.localTime === `${day}T11:30`, `dragged to ${day}T11:30 (planned time is ${moved.post.localTime})`);
  check(
    moved.post.variants.every((v) => v.state === 'scheduled' && v.dueAt === moved.post.scheduledAt),
    'every variant is due at the new time',
  );
  await page.locator('.fc-timegrid-event', { hasText: 'Rye Tuesday' }).getByText('11:30').waitFor();

  // ——— publish: a few seconds from now, then watch the post page ———
  const soon = DateTime.now().setZone(moved.post.timezone).plus({ seconds: 6 }).set({ millisecond: 0 });
  const res = await page.request.post(`/api/v1/workspaces/${ws}/posts/${postId}/reschedule`, {
    data: { localTime: soon.toFormat("yyyy-MM-dd'T'HH:mm:ss"), timezone: moved.post.timezone },
    headers: { 'if-match': `"${moved.post.version}"` },
  });
  check(res.ok(), `reschedule to ${soon.toISO()} answered ${res.status()}: ${await res.text()}`);

  // The post page follows the worker by itself while the post is due (no reload).
  await page.goto(`/w/${ws}/posts/${postId}`);
  await page.locator('.post-header [data-state="scheduled"]').waitFor();
  try {
    await page.locator('.post-header [data-state="published"]').waitFor({ timeout: 60_000 });
  } catch {
    check(false, `the post page did not show it published within a minute (state ${(await readPost(page, ws, postId)).post.state})`);
  }
  const delivery = page.getByRole('list', { name: 'Delivery per channel' });
  for (const channel of channels) {
    await delivery
      .locator(`[data-channel="${channel}"][data-state="published"]`)
      .getByText(/sandbox:\/\/receipts\/\d+/)
      .waitFor();
  }
  const published = await readPost(page, ws, postId);
  check(
    published.post.variants.every((v) => v.state === 'published' && v.remoteUrl?.startsWith('sandbox://')),
    'every variant is on the sandbox network',
  );
  return { postId, post: published.post };
}
