/**
 * Working as a team, in the browser: four-eyes approval with review notifications on the bell, the
 * workspace settings screen, and inviting a member who has no account yet.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cleanStrategy, CLEAN_STRATEGY_ID } from '../src/plan/test-fixtures.ts';
import { expectTitle, hasHorizontalScroll, openPage, screenshot, signUpWithWorkspace, TEST_PASSWORD, unexpectedProblems, useE2eApp } from './harness.ts';

const e2e = useE2eApp();

/** The bell's accessible name, once it says `unread`. */
async function bellSays(page: Page, unread: number): Promise<void> {
  await page.getByRole('link', { name: unread === 0 ? 'Notifications' : `Notifications, ${unread} unread`, exact: true }).waitFor();
}

/** The same screen at 390 px: no sideways scrolling, and a screenshot of each width. */
async function bothWidths(page: Page, name: string): Promise<void> {
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await hasHorizontalScroll(page), `${name} at 390 px`).toBe(false);
  await screenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('working as a team', () => {
  it('four eyes: the author cannot approve their post, the approver is notified on the bell, follows the link and approves', async () => {
    const owner = await openPage(e2e.browser, e2e.server.baseUrl);
    const ws = await signUpWithWorkspace(owner.page, { name: 'Oona Owner', email: 'oona@example.com' }, 'Four Eyes Bakery');
    expect((await owner.page.request.post(`/api/v1/workspaces/${ws}/strategies`, { data: cleanStrategy() })).status()).toBe(201);
    const approver = await openPage(e2e.browser, e2e.server.baseUrl);
    const approverUser = { name: 'Avi Approver', email: 'avi@example.com', password: TEST_PASSWORD };
    expect((await approver.page.request.post('/api/v1/auth/signup', { data: approverUser })).status()).toBe(201);
    expect((await owner.page.request.post(`/api/v1/workspaces/${ws}/members`, { data: { email: approverUser.email, role: 'approver' } })).status()).toBe(201);

    const created = await owner.page.request.post(`/api/v1/workspaces/${ws}/posts`, {
      data: { strategy: CLEAN_STRATEGY_ID, variants: { linkedin: { text: 'Rye week: three loaves, one starter.' } } },
    });
    expect(created.status()).toBe(201);
    const postId = ((await created.json()) as { post: { id: string } }).post.id;

    // The owner submits their own post: there is no Approve button for them, and the card says why.
    await owner.page.goto(`/w/${ws}/posts/${postId}`);
    await owner.page.getByRole('button', { name: 'Submit for review' }).click();
    await owner.page.getByText('Submitted for review.').waitFor();
    await owner.page.getByRole('note').getByText('You wrote or last edited this post, so another member with approval rights must approve it.').waitFor();
    expect(await owner.page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await bothWidths(owner.page, 'post-four-eyes');
    // The server refuses it too.
    const self = await owner.page.request.post(`/api/v1/workspaces/${ws}/posts/${postId}/approve`, { data: {} });
    expect([self.status(), ((await self.json()) as { error: { code: string } }).error.code]).toEqual([403, 'post.self_approval']);

    // The approver sees one unread notification on the bell, naming the strategy and channel, and follows it.
    await approver.page.goto(`/w/${ws}`);
    await bellSays(approver.page, 1);
    await approver.page.getByRole('link', { name: 'Notifications, 1 unread' }).click();
    await expectTitle(approver.page, 'Notifications (1)');
    const item = approver.page.getByTestId('notification').first();
    await item.getByText(`Oona Owner asks you to review “Rye week: three loaves, one starter.” (strategy “${cleanStrategy().name}”, channel linkedin)`).waitFor();
    await bothWidths(approver.page, 'notifications');
    await item.getByRole('link', { name: 'Review the post' }).click();
    await approver.page.waitForURL(`**/w/${ws}/posts/${postId}`);
    await bellSays(approver.page, 0);
    await approver.page.getByRole('button', { name: 'Approve' }).click();
    await approver.page.getByText('Approved: it can be scheduled now.').waitFor();

    // The author hears of it.
    await owner.page.reload();
    await bellSays(owner.page, 1);
    await owner.page.getByRole('link', { name: 'Notifications, 1 unread' }).click();
    await owner.page.getByTestId('notification').first().getByText(/^Avi Approver approved “Rye week/).waitFor();

    await approver.context.close();
    await owner.context.close();
    expect(unexpectedProblems(owner.problems, [403])).toEqual([]);
    expect(unexpectedProblems(approver.problems)).toEqual([]);
  }, 120_000);
});
