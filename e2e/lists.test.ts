/** Everyday tools: the posts list's search, filters and bulk actions, the queue, the calendar's undo, keyboard shortcuts. */
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cleanStrategy, CLEAN_STRATEGY_ID } from '../src/plan/test-fixtures.ts';
import { expectTitle, hasHorizontalScroll, openPage, screenshot, TEST_PASSWORD, unexpectedProblems, useE2eApp } from './harness.ts';

const e2e = useE2eApp();

/** A signed-up owner with a workspace holding the clean strategy; returns the workspace slug. */
async function ownerWorkspace(page: Page, name: string): Promise<string> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`;
  expect((await page.request.post('/api/v1/auth/signup', { data: { name, email, password: TEST_PASSWORD } })).status()).toBe(201);
  const created = await page.request.post('/api/v1/workspaces', { data: { name: `${name}'s bakery` } });
  const ws = ((await created.json()) as { workspace: { slug: string } }).workspace.slug;
  expect((await page.request.post(`/api/v1/workspaces/${ws}/strategies`, { data: cleanStrategy() })).status()).toBe(201);
  return ws;
}

type Made = { id: string; version: number };

async function makePost(page: Page, ws: string, text: string, over: Record<string, unknown> = {}, then: string[] = []): Promise<Made> {
  const res = await page.request.post(`/api/v1/workspaces/${ws}/posts`, { data: { strategy: CLEAN_STRATEGY_ID, variants: { linkedin: { text } }, ...over } });
  expect(res.status(), await res.text()).toBe(201);
  let post = ((await res.json()) as { post: Made }).post;
  for (const action of then) {
    const step = await page.request.post(`/api/v1/workspaces/${ws}/posts/${post.id}/${action}`, { data: {} });
    expect(step.status(), await step.text()).toBe(200);
    post = ((await step.json()) as { post: Made }).post;
  }
  return post;
}

const readPost = async (page: Page, ws: string, id: string) =>
  ((await (await page.request.get(`/api/v1/workspaces/${ws}/posts/${id}`)).json()) as { post: { state: string; localTime: string | null } }).post;

describe('posts list', () => {
  it('searches and filters through the URL, and applies a bulk action with a result per post', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    const ws = await ownerWorkspace(page, 'Lena Lists');
    const planned = DateTime.utc().plus({ days: 5 }).set({ hour: 9, minute: 0 }).toFormat("yyyy-MM-dd'T'HH:mm");
    const draft = await makePost(page, ws, 'Sourdough starter care, part one', { localTime: planned, pillar: 'how-to' });
    const approved = await makePost(page, ws, 'Sourdough starter care, part two', { localTime: planned, pillar: 'how-to' }, ['submit', 'approve']);
    await makePost(page, ws, 'Croissant lamination behind the scenes', { pillar: 'behind-the-scenes' });

    await page.goto(`/w/${ws}/posts`);
    await expectTitle(page, 'Posts');
    await page.getByRole('button', { name: 'All 3' }).waitFor();
    await page.getByText('Tick posts to submit, approve, reschedule, cancel or delete several at once.').waitFor();
    await page.getByLabel('Search').fill('sourdough');
    await page.waitForURL(/[?&]q=sourdough/);
    await page.getByRole('button', { name: 'All 2' }).waitFor();
    await page.getByLabel('Pillar').selectOption('behind-the-scenes');
    await page.getByRole('heading', { name: 'No posts match' }).waitFor();
    // The filters live in the URL: a reload keeps them.
    await page.reload();
    await page.getByRole('heading', { name: 'No posts match' }).waitFor();
    expect(await page.getByLabel('Search').inputValue()).toBe('sourdough');
    await page.getByLabel('Pillar').selectOption('');
    await page.getByRole('button', { name: 'All 2' }).waitFor();

    // Select both and move them two days on: the approved post is scheduled, the draft needs approval first.
    await page.getByLabel('Select all posts shown').check();
    const bar = page.getByRole('toolbar', { name: 'Bulk actions' });
    await bar.getByText('2 posts selected').waitFor();
    await screenshot(page, 'posts-bulk-selected');
    await bar.getByRole('button', { name: 'Reschedule…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reschedule 2 posts?' });
    await dialog.getByLabel('Amount').fill('2');
    await dialog.getByLabel('Unit').selectOption('days');
    await screenshot(page, 'posts-bulk-dialog');
    await dialog.getByRole('button', { name: 'Reschedule 2 posts' }).click();
    const results = page.getByRole('region', { name: /^Reschedule: 1 done, 1 refused$/ });
    await results.waitFor();
    await results.locator(`[data-post="${approved.id}"]`).getByText('Scheduled').waitFor();
    await results.locator(`[data-post="${draft.id}"]`).getByText('Needs approval first').waitFor();
    await screenshot(page, 'posts-bulk-results');
    const moved = DateTime.fromISO(planned).plus({ days: 2 }).toFormat("yyyy-MM-dd'T'HH:mm");
    expect(await readPost(page, ws, approved.id)).toMatchObject({ state: 'scheduled', localTime: moved });
    expect(await readPost(page, ws, draft.id)).toMatchObject({ state: 'draft', localTime: planned });

    // Submit the draft from the list, confirmed; Esc closes a dialog without acting.
    await page.getByRole('checkbox', { name: 'Select “Sourdough starter care, part one”' }).check();
    await bar.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete 1 post?' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await bar.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByRole('dialog', { name: 'Submit 1 post?' }).getByRole('button', { name: 'Submit 1 post' }).click();
    await page.getByRole('region', { name: 'Submit: 1 done, 0 refused' }).waitFor();
    expect((await readPost(page, ws, draft.id)).state).toBe('in_review');
    await page.getByRole('button', { name: /^In review 1$/ }).waitFor();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByLabel('Select all posts shown').check();
    expect(await hasHorizontalScroll(page), 'posts list at 390 px').toBe(false);
    await screenshot(page, 'posts-bulk-phone');
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 90_000);
});

describe('queue', () => {
  it('shows each channel’s coming slots and fills the next free one when a post is added to the queue', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    const ws = await ownerWorkspace(page, 'Quinn Queue');
    const post = await makePost(page, ws, 'Rye bread, queued for the next slot', {}, ['submit', 'approve']);

    await page.goto(`/w/${ws}/posts`);
    await page.getByRole('link', { name: 'Queue', exact: true }).click();
    await expectTitle(page, 'Queue');
    const linkedin = page.getByRole('list', { name: 'Coming slots on linkedin' });
    await linkedin.getByRole('listitem').first().getByText('Free').waitFor();
    expect(await linkedin.getByRole('listitem').count()).toBe(5);
    const ready = page.locator(`.queue-ready li[data-post="${post.id}"]`);
    await ready.waitFor();
    await screenshot(page, 'queue-before');

    await ready.getByRole('button', { name: 'Add to queue: “Rye bread, queued for the next slot”' }).click();
    await page.getByRole('status').filter({ hasText: '“Rye bread, queued for the next slot” queued: linkedin' }).waitFor();
    await linkedin.getByRole('listitem').first().getByRole('link', { name: 'Rye bread, queued for the next slot' }).waitFor();
    await page.getByText('Nothing is waiting to be queued.').waitFor();
    expect(await linkedin.getByRole('listitem').count()).toBe(6); // the filled slot, then five free ones
    expect((await readPost(page, ws, post.id)).state).toBe('scheduled');
    await screenshot(page, 'queue');

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await hasHorizontalScroll(page), 'queue at 390 px').toBe(false);
    await screenshot(page, 'queue-phone');
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 60_000);
});
