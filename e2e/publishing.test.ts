import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { cleanCampaign, cleanStrategy, CLEAN_STRATEGY_ID } from '../test/plan-fixtures.ts';
import { composeReviewScheduleAndPublish } from './publishing-journey.ts';
import {
  hasHorizontalScroll,
  joinByInvitation,
  openPage,
  screenshot,
  signUpWithWorkspace,
  TEST_PASSWORD,
  unexpectedProblems,
  useE2eApp,
} from './harness.ts';

const e2e = useE2eApp();

/** The two channels the post goes to: networks without a minimum image count (the strategy's Instagram needs one). */
const CHANNELS: [string, string] = ['linkedin', 'newsletter'];

/** Connects the channels to the sandbox network; anything but 201 fails the test (publishing is what it checks). */
async function connectSandbox(page: Page, ws: string, strategy: string, channels: readonly string[]): Promise<void> {
  for (const channel of channels) {
    const res = await page.request.post(`/api/v1/workspaces/${ws}/connections`, { data: { strategy, channel, connector: 'sandbox' } });
    expect(res.status(), await res.text()).toBe(201);
  }
}

describe('publishing', () => {
  it('composes a post for two channels, has another user approve it, moves it on the calendar and publishes it on the sandbox network', async () => {
    const owner = await openPage(e2e.browser, e2e.server.baseUrl);
    const ws = await signUpWithWorkspace(owner.page, { name: 'Olive Owner', email: 'olive.owner@example.com' }, 'Rye and Co');
    expect((await owner.page.request.post(`/api/v1/workspaces/${ws}/strategies`, { data: cleanStrategy() })).status()).toBe(201);
    await connectSandbox(owner.page, ws, CLEAN_STRATEGY_ID, CHANNELS);
    // A campaign running now, on both channels: its period is a band on the calendar.
    const today = DateTime.utc();
    const [start, end] = [today.minus({ days: 3 }).toISODate()!, today.plus({ days: 24 }).toISODate()!];
    const campaign = cleanCampaign({
      start,
      end,
      channels: CHANNELS,
      phases: [{ name: 'Launch', start, end, tasks: [{ title: 'Rye week posts', owner: 'ana', due: end }] }],
    });
    expect(
      (await owner.page.request.post(`/api/v1/workspaces/${ws}/strategies/${CLEAN_STRATEGY_ID}/campaigns`, { data: campaign })).status(),
    ).toBe(201);

    // The approver signs up in a browser of their own (their session cookie stays there) and accepts the owner's invitation.
    const approver = await openPage(e2e.browser, e2e.server.baseUrl);
    const approverUser = { name: 'Abel Approver', email: 'abel.approver@example.com', password: TEST_PASSWORD };
    expect((await approver.page.request.post('/api/v1/auth/signup', { data: approverUser })).status()).toBe(201);
    await joinByInvitation(owner.page.request, approver.page.request, ws, approverUser.email, 'approver');

    const { post } = await composeReviewScheduleAndPublish(owner.page, approver.page, {
      ws,
      channels: CHANNELS,
      pillar: 'behind-the-scenes',
      campaign: campaign.id,
      campaignName: campaign.name,
      approverName: approverUser.name,
    });
    expect(post.variants.map((v) => v.channel).sort()).toEqual([...CHANNELS].sort());
    expect(post.state).toBe('published');
    expect(post.variants.every((v) => v.state === 'published' && v.remoteUrl?.startsWith('sandbox://receipts/'))).toBe(true);
    await screenshot(owner.page, 'post-published');

    // The list counts it where it now is.
    await owner.page.goto(`/w/${ws}/posts`);
    await owner.page.getByRole('button', { name: /^Published 1$/ }).waitFor();

    await approver.context.close();
    await owner.context.close();
    expect(unexpectedProblems(owner.problems)).toEqual([]);
    expect(unexpectedProblems(approver.problems)).toEqual([]);
  }, 180_000);

  it('fits a phone: the composer and the calendar scroll only vertically at 390 px', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl, { width: 390, height: 844 });
    const email = 'phone.writer@example.com';
    expect((await page.request.post('/api/v1/auth/signup', { data: { name: 'Pia Phone', email, password: TEST_PASSWORD } })).status()).toBe(
      201,
    );
    const created = await page.request.post('/api/v1/workspaces', { data: { name: 'Phone bakery' } });
    const ws = ((await created.json()) as { workspace: { slug: string } }).workspace.slug;
    expect((await page.request.post(`/api/v1/workspaces/${ws}/strategies`, { data: cleanStrategy() })).status()).toBe(201);

    await page.goto(`/w/${ws}/posts/new`);
    const publishOn = page.getByRole('group', { name: 'Publish on' });
    await publishOn.getByRole('checkbox', { name: /^linkedin\b/ }).check();
    const linkedin = page.getByRole('group', { name: 'Post on linkedin', exact: true });
    await page
      .getByLabel('Text for all channels')
      .fill(`A long word that must wrap: ${'rye'.repeat(60)} and a link https://example.com/${'a'.repeat(120)}`);
    await linkedin.getByRole('button', { name: 'Add image by URL to linkedin' }).click();
    await linkedin.getByLabel('Image 1 URL').fill(`https://example.com/${'b'.repeat(150)}.jpg`);
    expect(await hasHorizontalScroll(page), 'composer at 390 px').toBe(false);
    await screenshot(page, 'composer-phone');

    // Over the limit: the counter turns red and says by how much.
    await page.getByLabel('Text for all channels').fill('x'.repeat(3005));
    await linkedin.locator('.char-counter-over').getByText('3005 / 3000 characters — 5 too many').waitFor();

    await page.goto(`/w/${ws}/calendar`);
    await page.locator('.fc-daygrid').waitFor();
    expect(await hasHorizontalScroll(page), 'calendar month at 390 px').toBe(false);
    await screenshot(page, 'calendar-phone');
    for (const view of ['Week', 'List']) {
      await page.getByRole('button', { name: view, exact: true }).click();
      await page.locator(view === 'Week' ? '.fc-timegrid' : '.fc-list').waitFor();
      expect(await hasHorizontalScroll(page), `calendar ${view} at 390 px`).toBe(false);
    }
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 60_000);

  it('offers the nearest valid times for a time lost to DST, and snaps a refused drag back with the server’s reason', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    const email = 'dst.writer@example.com';
    expect((await page.request.post('/api/v1/auth/signup', { data: { name: 'Dora Dst', email, password: TEST_PASSWORD } })).status()).toBe(
      201,
    );
    const created = await page.request.post('/api/v1/workspaces', { data: { name: 'Berlin bakery' } });
    const ws = ((await created.json()) as { workspace: { slug: string } }).workspace.slug;
    expect((await page.request.post(`/api/v1/workspaces/${ws}/strategies`, { data: cleanStrategy() })).status()).toBe(201);

    // 02:30 on 2027-03-28 does not exist in Berlin (the clocks jump from 02:00 to 03:00).
    await page.goto(`/w/${ws}/posts/new`);
    const publishOn = page.getByRole('group', { name: 'Publish on' });
    await publishOn.getByRole('checkbox', { name: /^instagram\b/ }).setChecked(false);
    await publishOn.getByRole('checkbox', { name: /^linkedin\b/ }).check();
    await page.getByLabel('Text for all channels').fill('Summer time starts: longer evenings, later bakes.');
    await page.getByLabel('Time zone').selectOption('Europe/Berlin');
    await page.getByLabel('Planned time').fill('2027-03-28T02:30');
    await page.getByRole('button', { name: 'Save as draft' }).click();
    const offer = page.locator('.dst-offer');
    await offer.getByText('does not exist in Europe/Berlin').waitFor();
    await offer.getByRole('button', { name: /^Use Sun,? 28 Mar 2027, 01:59$/ }).waitFor();
    await offer.getByRole('button', { name: /^Use Sun,? 28 Mar 2027, 03:00$/ }).click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    await page.getByText('Saved as a draft.').waitFor();
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const read = async () =>
      (
        (await (await page.request.get(`/api/v1/workspaces/${ws}/posts/${id}`)).json()) as {
          post: { localTime: string; timezone: string; version: number };
        }
      ).post;
    expect(await read()).toMatchObject({ localTime: '2027-03-28T03:00', timezone: 'Europe/Berlin' });

    // Someone else changes the post while the calendar is open: the drag is refused (version conflict) and snaps back.
    await page.getByRole('link', { name: 'See on calendar' }).click();
    const event = page.locator('.fc-timegrid-event', { hasText: 'Summer time starts' });
    await event.waitFor();
    expect(await event.innerText()).toContain('01:00'); // 03:00 CEST is 01:00 in the workspace's zone (UTC)
    const before = await read();
    const patched = await page.request.patch(`/api/v1/workspaces/${ws}/posts/${id}`, {
      data: { pillar: 'how-to' },
      headers: { 'if-match': `"${before.version}"` },
    });
    expect(patched.status()).toBe(200);
    await event.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const box = (await event.boundingBox())!;
    const slot = (await page.locator('td.fc-timegrid-slot-lane[data-time="02:30:00"]').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 4);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + 12, { steps: 4 });
    await page.mouse.move(box.x + box.width / 2, slot.y + 4, { steps: 12 });
    await page.mouse.up();
    await page
      .getByRole('alert')
      .filter({ hasText: /^Not moved: The post changed since version/ })
      .waitFor();
    await page.locator('.fc-timegrid-event', { hasText: 'Summer time starts' }).getByText('01:00').waitFor();
    expect((await read()).localTime).toBe('2027-03-28T03:00');
    await context.close();
    expect(unexpectedProblems(problems, [409, 422])).toEqual([]);
  }, 60_000);
});
