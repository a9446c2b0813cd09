/** Everyday tools: the posts list's search, filters and bulk actions, the queue, the calendar's undo, keyboard shortcuts. */
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cleanStrategy, CLEAN_STRATEGY_ID } from '../test/plan-fixtures.ts';
import { expectTitle, hasHorizontalScroll, openPage, screenshot, TEST_PASSWORD, unexpectedProblems, useE2eApp } from './harness.ts';

const e2e = useE2eApp();

/** A signed-up owner of a one-person workspace holding the clean strategy, its channels connected; returns the workspace slug. */
async function ownerWorkspace(page: Page, name: string): Promise<string> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`;
  expect((await page.request.post('/api/v1/auth/signup', { data: { name, email, password: TEST_PASSWORD } })).status()).toBe(201);
  const created = await page.request.post('/api/v1/workspaces', { data: { name: `${name}'s bakery` } });
  const ws = ((await created.json()) as { workspace: { slug: string } }).workspace.slug;
  // A one-person team: the owner approves their own posts (the workspace's explicit switch).
  expect((await page.request.patch(`/api/v1/workspaces/${ws}`, { data: { allowSelfApproval: true } })).status()).toBe(200);
  const strategy = cleanStrategy();
  expect((await page.request.post(`/api/v1/workspaces/${ws}/strategies`, { data: strategy })).status()).toBe(201);
  // Every channel on the sandbox network: posts to unconnected channels are not scheduled.
  for (const channel of strategy.channels) {
    const res = await page.request.post(`/api/v1/workspaces/${ws}/connections`, {
      data: { strategy: strategy.id, channel: channel.id, connector: 'sandbox' },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
  return ws;
}

type Made = { id: string; version: number };

async function makePost(page: Page, ws: string, text: string, over: Record<string, unknown> = {}, then: string[] = []): Promise<Made> {
  const res = await page.request.post(`/api/v1/workspaces/${ws}/posts`, {
    data: { strategy: CLEAN_STRATEGY_ID, variants: { linkedin: { text } }, ...over },
  });
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
  ((await (await page.request.get(`/api/v1/workspaces/${ws}/posts/${id}`)).json()) as { post: { state: string; localTime: string | null } })
    .post;

describe('posts list', () => {
  it('searches and filters through the URL, and applies a bulk action with a result per post', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    const ws = await ownerWorkspace(page, 'Lena Lists');
    const planned = DateTime.utc().plus({ days: 5 }).set({ hour: 9, minute: 0 }).toFormat("yyyy-MM-dd'T'HH:mm");
    const draft = await makePost(page, ws, 'Sourdough starter care, part one', { localTime: planned, pillar: 'how-to' });
    const approved = await makePost(page, ws, 'Sourdough starter care, part two', { localTime: planned, pillar: 'how-to' }, [
      'submit',
      'approve',
    ]);
    await makePost(page, ws, 'Croissant lamination behind the scenes', { pillar: 'behind-the-scenes' });

    await page.goto(`/w/${ws}/posts`);
    await expectTitle(page, 'Posts');
    await page.getByRole('button', { name: 'All 3' }).waitFor();
    await page.getByText('Tick posts to submit, approve, reschedule, cancel or delete several at once.').waitFor();
    await page.getByLabel('Search').fill('sourdough');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'sourdough');
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

/** Drags an element's centre onto another element's centre, in steps (FullCalendar needs real pointer moves). */
async function dragOnto(
  page: Page,
  from: { x: number; y: number; width: number; height: number },
  to: { x: number; y: number; width: number; height: number },
) {
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 + 8, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
}

describe('calendar moves', () => {
  it('refuses a drop into the past and snaps back; undoes the last move with the toast’s Undo and with Ctrl+Z', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    const ws = await ownerWorkspace(page, 'Cal Undo');
    const today = DateTime.utc();
    const tomorrow = today.plus({ days: 1 }).toISODate()!;
    const later = today.plus({ days: 2 }).toISODate()!;
    const post = await makePost(page, ws, 'Pretzel Thursday', { localTime: `${tomorrow}T10:00` });

    await page.goto(`/w/${ws}/calendar?date=${today.toISODate()}&view=dayGridMonth`);
    const event = () => page.locator('.fc-daygrid-event', { hasText: 'Pretzel Thursday' });
    const cell = (day: string) => page.locator(`td.fc-daygrid-day[data-date="${day}"]`);
    await event().waitFor();
    // The month grid always shows a day before today, except when the month's first Monday is today.
    const past = page.locator('td.fc-daygrid-day.fc-day-past').last();
    await dragOnto(page, (await event().boundingBox())!, (await past.boundingBox())!);
    await page
      .getByRole('alert')
      .filter({ hasText: /^Not moved: .* is in the past\. A post can only move to a time still ahead\.$/ })
      .waitFor();
    await cell(tomorrow).locator('.fc-daygrid-event', { hasText: 'Pretzel Thursday' }).waitFor();
    expect((await readPost(page, ws, post.id)).localTime).toBe(`${tomorrow}T10:00`);

    await dragOnto(page, (await event().boundingBox())!, (await cell(later).boundingBox())!);
    const toast = page.locator('.toast');
    await toast.getByText(/^“Pretzel Thursday” planned for .*10:00 \(UTC\)\.$/).waitFor();
    await cell(later).locator('.fc-daygrid-event', { hasText: 'Pretzel Thursday' }).waitFor();
    expect((await readPost(page, ws, post.id)).localTime).toBe(`${later}T10:00`);
    await screenshot(page, 'calendar-undo-toast');
    await toast.getByRole('button', { name: 'Undo' }).click();
    await toast.getByText(/^Move undone: “Pretzel Thursday” is back at/).waitFor();
    await cell(tomorrow).locator('.fc-daygrid-event', { hasText: 'Pretzel Thursday' }).waitFor();
    expect((await readPost(page, ws, post.id)).localTime).toBe(`${tomorrow}T10:00`);

    await dragOnto(page, (await event().boundingBox())!, (await cell(later).boundingBox())!);
    await toast.getByRole('button', { name: 'Undo' }).waitFor();
    await page.keyboard.press('Control+z');
    await toast.getByText(/^Move undone/).waitFor();
    expect((await readPost(page, ws, post.id)).localTime).toBe(`${tomorrow}T10:00`);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await hasHorizontalScroll(page), 'calendar with a toast at 390 px').toBe(false);
    await screenshot(page, 'calendar-undo-toast-phone');
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 60_000);
});

/** The calendar keeps its period in the URL with history.replaceState: poll the location. */
const dateInUrl = (page: Page, date: string) => page.waitForFunction((d) => new URLSearchParams(location.search).get('date') === d, date);

describe('keyboard shortcuts', () => {
  it('lists them in the ? overlay; the calendar and the composer answer them', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    const ws = await ownerWorkspace(page, 'Kim Keys');
    await page.goto(`/w/${ws}/calendar`);
    await page.locator('.fc-daygrid').waitFor();
    await page.keyboard.press('Shift+Slash');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.getByRole('region', { name: 'Calendar shortcuts' }).getByText('Go to today').waitFor();
    await help.getByText('Save and submit for review').waitFor();
    await screenshot(page, 'shortcuts-help');
    // While the list is open the calendar behind it ignores its keys.
    await page.keyboard.press('w');
    await page.waitForTimeout(300);
    expect(await page.locator('.fc-timegrid').count()).toBe(0);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });

    await page.keyboard.press('w');
    await page.locator('.fc-timegrid').waitFor();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('view') === 'timeGridWeek');
    const week = new URL(page.url()).searchParams.get('date')!;
    await page.keyboard.press('n');
    await dateInUrl(page, DateTime.fromISO(week).plus({ weeks: 1 }).toISODate()!);
    await page.keyboard.press('t');
    await dateInUrl(page, week);
    await page.keyboard.press('l');
    await page.locator('.fc-list').waitFor();
    await page.keyboard.press('c');
    await page.waitForURL(/\/posts\/new$/);

    // The composer: Ctrl+Enter saves from inside the text field, Ctrl+Shift+Enter submits for review.
    const publishOn = page.getByRole('group', { name: 'Publish on' });
    await publishOn.getByRole('checkbox').first().waitFor();
    for (const box of await publishOn.getByRole('checkbox').all()) await box.setChecked(false);
    await publishOn.getByRole('checkbox', { name: /^linkedin\b/ }).check();
    const text = page.getByLabel('Text for all channels');
    await text.fill('Saved from the keyboard');
    await text.press('Control+Enter');
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    await page.getByText('Saved as a draft.').waitFor();
    await page.keyboard.press('Control+Shift+Enter');
    await page.getByText('Submitted for review.').waitFor();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.keyboard.press('Shift+Slash');
    await help.waitFor();
    await screenshot(page, 'shortcuts-help-phone');
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 60_000);
});
